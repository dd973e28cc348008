import { publishedBefore } from '../alert';
import { listsEveryArticle } from '../cluster';
import { rankCandidateStories, withStoryInHead } from '../cluster/index-heads';
import { ConfigurationError, isRejection, RetryableError } from '../errors';
import type { Alert, Article, CoverageEntry, IngestResult, Story } from '../model';
import type { StoredAlert } from '../../ports/store';
import {
  alertRecord, decideArticleAlerts, deliverArticleAlerts, describeResult, ingestTagged, ingestedArticle, joinDecision, publishAlerts, recordArticleFailure, rejectedResult, storyWith, toPublish,
  type Delivery, type DocumentContext, type DocumentDeps, type TaggedDraft,
} from './ingestDocument';

/** A document of a group, tagged. */
export interface GroupDocument {
  ctx: DocumentContext;
  draft: TaggedDraft;
}

/** A document of a group with its story decided against the group's own effects so far. */
interface PlannedDocument extends GroupDocument {
  /** The article as claimed: its story decision recorded. */
  article: Article;
  /** The story after this document. */
  story: Story;
  /** The story before it; none when this document starts it. */
  previous?: Story;
}

/**
 * Documents of one object ingested as a group, with the requests of one document at a time
 * merged across the group (docs/performance.md, "A grouped ingest"). The stories and alerts are
 * those of one document at a time:
 * 1. plan (reads only): the index heads of all the group's keys and the candidate stories under
 *    them, read once; then each document, in input order, is decided by the join model against
 *    the heads and stories as the documents before it in the group left them, exactly as
 *    `findCandidateStories` and `getStories` would have given them one at a time;
 * 2. write, phase by phase, each document's writes in the protocol's order (docs/architecture.md
 *    §4): every claim (with its decision); every touched story once, counting all its articles of
 *    the group in one conditional write; the index heads, each once; the ledger entries (decided
 *    in input order for one story and source); the alerts, recorded, then published in input
 *    order; every article marked ingested. The claims, new ledger entries, alert records and
 *    marks are each one batch with no condition: the plan read the articles absent, and no other
 *    writer runs (the data dir's lock).
 * A crash between any two writes leaves each document where one at a time would leave it after
 * one of its own writes, so a rerun resumes it the same way: it finds its claim and its recorded
 * story (`ingestTagged`). A group whose articles are not all new (a rerun, a duplicate), or that
 * another writer races (a story created or changed meanwhile: a RetryableError), is ingested one
 * document at a time from where it stands.
 *
 * Only where no other writer decides stories at the same time (`racingWriters` false: a local
 * ingest alone on its data dir): the plan announces no story.
 */
export async function ingestGroup(documents: GroupDocument[], deps: DocumentDeps, order: GroupOrder = ALONE): Promise<IngestResult[]> {
  try {
    if (documents.some(({ ctx }) => ctx.config.racingWriters)) {
      throw new ConfigurationError('a grouped ingest decides stories against its own writes only: it needs racingWriters false');
    }
    if (documents.length === 0) {
      await order.previous;
      return [];
    }
    return await runGroup(documents, deps, order);
  } catch (error) {
    // Never settled before the group before it: the caller goes on only once both are done.
    await order.previous.catch(() => undefined);
    throw error;
  }
}

/**
 * Where a group stands among the groups of its object (inGroups): the next group plans once this
 * one's stories, index heads and ledger entries are written (`stored`, told only then: a group
 * that goes one at a time or fails is waited for whole), and this one publishes
 * its alerts and marks its articles only once the group before it is done (`previous`), so
 * alerts go out in input order and a document that resumes one at a time follows every earlier one.
 */
export interface GroupOrder {
  previous: Promise<unknown>;
  stored: () => void;
}

const ALONE: GroupOrder = { previous: Promise.resolve(), stored: () => undefined };

async function runGroup(documents: GroupDocument[], deps: DocumentDeps, { previous, stored }: GroupOrder): Promise<IngestResult[]> {
  const planned = await planGroup(documents, deps);
  if (!planned) {
    await previous;
    return oneAtATime(documents, deps);
  }
  let covered: boolean[];
  try {
    covered = await writeStories(planned, deps);
  } catch (error) {
    await previous;
    return recoverGroup(planned, documents, error, deps);
  }
  stored();
  // An earlier group's failure stops this one here: its articles stay claimed, and resume as after a crash.
  await previous;
  try {
    return await finishGroup(planned, covered, deps);
  } catch (error) {
    return recoverGroup(planned, documents, error, deps);
  }
}

/**
 * A group whose writes stopped: raced, asked to retry, or one document's input refused, each
 * document resumes from what it recorded, one at a time, and a refused one is rejected alone.
 * Any other failure is recorded on each article and stops the object.
 */
async function recoverGroup(planned: PlannedDocument[], documents: GroupDocument[], error: unknown, deps: DocumentDeps): Promise<IngestResult[]> {
  if (!(error instanceof RetryableError) && !isRejection(error)) {
    await Promise.all(planned.map(({ article, ctx }) => recordArticleFailure(article.id, error, ctx, deps)));
    throw error;
  }
  return oneAtATime(documents, deps);
}

/** Each document decided in input order against the group's effects so far; undefined when the group cannot be planned so. */
async function planGroup(documents: GroupDocument[], deps: DocumentDeps): Promise<PlannedDocument[] | undefined> {
  const { store } = deps;
  const ids = documents.map(({ draft }) => draft.article.id);
  // An article stored already (a rerun, a duplicate) resumes or stops one at a time.
  if (new Set(ids).size < ids.length) return undefined;
  const [stored, heads] = await Promise.all([store.getArticleSummaries(ids), store.getIndexHeads([...new Set(documents.flatMap(({ draft }) => draft.keys))])]);
  if (stored.length > 0) return undefined;
  const { candidateLimitPerKey, maxCandidates } = documents[0].ctx.config;
  // Every story any document can rank is under its keys' newest entries now, or written by the group.
  const stories = new Map((await store.getStories(rankCandidateStories(heads.values(), candidateLimitPerKey))).map((story) => [story.id, story]));
  const planned: PlannedDocument[] = [];
  for (const { ctx, draft } of documents) {
    const keys = [...new Set(draft.keys)];
    const ranked = rankCandidateStories(keys.map((key) => heads.get(key) ?? {}), candidateLimitPerKey).slice(0, maxCandidates);
    const decision = joinDecision(draft, ranked.flatMap((id) => stories.get(id) ?? []), ctx);
    const storyId = decision?.storyId ?? draft.article.id;
    const article: Article = { ...draft.article, storyId, copyOf: decision?.copyOf };
    const previous = decision ? stories.get(storyId) : undefined;
    const story = storyWith(article, draft.profile, previous, ctx);
    stories.set(storyId, story);
    for (const key of keys) heads.set(key, withStoryInHead(heads.get(key) ?? {}, storyId, story.lastSeen));
    planned.push({ ctx, draft, article, story, previous });
  }
  return planned;
}

/** The group's writes up to its ledger entries, phase by phase: what the next group plans against. Returns each document's coverage created. */
async function writeStories(planned: PlannedDocument[], deps: DocumentDeps): Promise<boolean[]> {
  const { store } = deps;
  // The plan read each article absent and no other writer runs: the claims need no condition.
  // Only this group writes the ledger, and later: it is read meanwhile.
  const [, ledger] = await Promise.all([
    store.putArticles(planned.map(({ article }) => article)),
    store.getCoverage(planned.map(({ article, ctx }) => ({ storyId: article.storyId!, sourceId: ctx.source.id }))),
  ]);
  await Promise.all([...byStory(planned)].map(([storyId, members]) => writeStory(storyId, members, deps)));
  // Each document's keys at the story's lastSeen after it: the heads one at a time would leave.
  await store.indexStories(planned.flatMap(({ draft, story }) => [...new Set(draft.keys)].map((key) => ({ storyId: story.id, key, lastSeen: story.lastSeen }))));
  return coverGroup(planned, ledger, deps);
}

/** The group's last writes: its alerts in input order, then its articles marked ingested; the results in input order. */
async function finishGroup(planned: PlannedDocument[], covered: boolean[], deps: DocumentDeps): Promise<IngestResult[]> {
  const deliveries = await deliverInOrder(planned, covered, deps);
  // Last, as markIngested: each article whole, as claimed and now ingested, in one batch.
  const ingested = planned.map(({ article }) => ingestedArticle(article));
  await deps.store.putArticles(ingested);
  return planned.map(({ ctx }, i) => describeResult(ctx, ingested[i], 'ingested', deliveries[i]));
}

/** The group's documents by story, in the order the stories were first touched. */
function byStory(planned: PlannedDocument[]): Map<string, PlannedDocument[]> {
  const stories = new Map<string, PlannedDocument[]>();
  for (const document of planned) stories.set(document.story.id, [...(stories.get(document.story.id) ?? []), document]);
  return stories;
}

/**
 * One story's articles of the group, counted in one conditional write: a new story created with
 * all of them, a stored one put at the version read, none of them counted yet. Past the story's
 * listed-id limit, membership items decide each article (addArticleToStory), one after the other.
 */
async function writeStory(storyId: string, members: PlannedDocument[], deps: DocumentDeps): Promise<void> {
  const { store } = deps;
  const base = members[0].previous;
  const final = members[members.length - 1].story;
  if (!base) {
    if (!(await store.createStory(final))) throw new RetryableError(`story ${storyId} was created by another writer while its group was planned`);
    return;
  }
  const version = base.version;
  if (version === undefined) throw new RetryableError(`story ${storyId} was read without a version: plan its group again`);
  if (listsEveryArticle(final)) {
    if (!(await store.addArticlesToStory(storyId, members.map(({ article }) => article.id), { ...final, version }))) {
      throw new RetryableError(`story ${storyId} counts the group's articles already`);
    }
    return;
  }
  for (const [i, { article, story }] of members.entries()) await store.addArticleToStory(storyId, article.id, { ...story, version: version + i });
}

/**
 * Each document's ledger entry, as one at a time would leave it in input order, from one read of
 * the group's (story, source) pairs (`read`): the first article of a source new to its story holds the
 * entry (its coverage created), a later one of the group published earlier takes it over
 * (backdated, as coverArticle would). The new entries are written in one batch: the plan read
 * every article of the group absent and no other writer runs, so none can appear meanwhile; an
 * entry stored before that changes holder is backdated under its condition.
 */
async function coverGroup(planned: PlannedDocument[], read: CoverageEntry[], deps: DocumentDeps): Promise<boolean[]> {
  const { store } = deps;
  const pair = (storyId: string, sourceId: string) => `${storyId}\u0000${sourceId}`;
  const stored = new Map(read.map((entry) => [pair(entry.storyId, entry.source.id), entry]));
  const ledger = new Map(stored);
  const created = planned.map(({ article, ctx }) => {
    const key = pair(article.storyId!, ctx.source.id);
    const held = ledger.get(key);
    if (!held) {
      ledger.set(key, { storyId: article.storyId!, source: ctx.source, articleId: article.id, firstSeen: article.publishedAt ?? ctx.now });
      return true;
    }
    const mine = { ...held, articleId: article.id, firstSeen: article.publishedAt ?? held.firstSeen };
    if (article.publishedAt && publishedBefore(mine, held)) ledger.set(key, mine);
    return false;
  });
  await store.putNewCoverage([...ledger].flatMap(([key, entry]) => (stored.has(key) ? [] : [entry])));
  await Promise.all([...ledger].map(async ([key, entry]) => {
    const before = stored.get(key);
    if (before && before !== entry && !(await store.backdateCoverage(entry, before))) {
      throw new RetryableError(`coverage of ${entry.source.id} on story ${entry.storyId} changed while its group was written`);
    }
  }));
  return created;
}

/**
 * The group's alerts, published in input order. Without storm control, every alert of the group
 * is recorded first, in one batch: each is new (its id names the story and the source new to it,
 * or the story the group's article started), and a crash before one is published leaves it
 * recorded, as one at a time would leave its document's: the resumed document publishes it.
 * With storm control, one document after the other: its held alerts join their holds in input
 * order.
 */
async function deliverInOrder(planned: PlannedDocument[], covered: boolean[], deps: DocumentDeps): Promise<Delivery[]> {
  const placements = planned.map(({ article, story, previous }, i) => ({ article, story, previous, coverageCreated: covered[i] }));
  const deliveries: Delivery[] = [];
  if (planned.some(({ ctx }) => (ctx.config.alertCooldownSeconds ?? 0) > 0)) {
    for (const [i, { ctx }] of planned.entries()) deliveries.push(await deliverArticleAlerts(placements[i], ctx, deps));
    return deliveries;
  }
  const decided = planned.map(({ ctx }, i) => decideArticleAlerts(placements[i], ctx));
  await deps.store.putAlerts(planned.flatMap(({ ctx }, i) => decided[i].map((alert) => alertRecord(alert, ctx))));
  // Sinks that can all tell an alert they took (alerts.jsonl): the group's alerts are marked sent
  // together once published, a resumed run marking without publishing what they hold already.
  // Otherwise each is marked before the next is published: a crash repeats at most one.
  const together: StoredAlert[] = [];
  for (const [i, { story, ctx }] of planned.entries()) {
    const markLater = async (alert: Alert) => { together.push({ ...alertRecord(alert, ctx), status: 'sent', sentAt: ctx.now }); };
    deliveries.push(await publishAlerts(toPublish(decided[i], () => true), story, ctx, deps, deps.publisher.hasTaken ? markLater : undefined));
  }
  if (together.length > 0) await deps.store.putAlerts(together);
  return deliveries;
}

/** The documents one at a time, each from where it stands (new, claimed, or ingested). */
async function oneAtATime(documents: GroupDocument[], deps: DocumentDeps): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const { ctx, draft } of documents) {
    try {
      results.push(await ingestTagged(draft, ctx, deps));
    } catch (error) {
      if (!isRejection(error)) throw error;
      results.push(rejectedResult(ctx, error));
    }
  }
  return results;
}
