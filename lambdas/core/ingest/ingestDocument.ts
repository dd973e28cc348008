import { decideAlerts, holdUntil, matchWatches, publishedBefore } from '../alert';
import { routeAlerts } from '../alert/digest';
import { assignStory, candidateKeys, mergeIntoStory, profileArticle, startStory } from '../cluster';
import type { ArticleProfile } from '../cluster';
import { ConfigurationError, describeError, errorMessage, isAlertDeliveryFailure, isRejection, RetryableError } from '../errors';
import type { Alert, Article, CoverageEntry, FailedAlert, IngestResult, NormalizedDoc, SourceRef, Story, Watch } from '../model';
import { articleIdFor, countWords } from '../normalize';
import { actorId, actorLookupKeys, extractActors, extractKeyphrases, foldName, resolveActors, tagTopics } from '../tag';
import type { AlertPublisher, AlertQueue } from '../../ports/alerts';
import type { AnnouncedStory, NewswatchStore, StoredAlert } from '../../ports/store';
import type { IngestConfig } from './config';

export interface DocumentDeps {
  store: NewswatchStore;
  publisher: AlertPublisher;
  /** Where held alerts wait (storm control); required when `alertCooldownSeconds` > 0. */
  alertQueue?: AlertQueue;
}

export interface DocumentContext {
  doc: NormalizedDoc;
  source: SourceRef;
  rawKey: string;
  /** The watches in force (stored ones, plus the track-all watch when configured). */
  watches: Watch[];
  now: string;
  config: IngestConfig;
}

/**
 * One document through the pipeline: tag, claim the article, assign its story, record the
 * coverage, decide and deliver alerts. Every write is idempotent or conditional, so a
 * re-delivered event or a crash half-way resumes without doing anything twice, and finishes
 * what the stopped run left (the story indexed, the alert published).
 *
 * Failures: whatever stops the run after the article is claimed is recorded on it (status
 * `failed`, best effort) and propagates: the caller fails the object (the SQS record), and the
 * retry resumes the article. Only an endpoint refusing one alert for good (AlertDeliveryError)
 * is absorbed: that alert is marked failed and the article is ingested all the same.
 */
export async function ingestDocument(ctx: DocumentContext, deps: DocumentDeps): Promise<IngestResult> {
  const draft = await tagDocument(ctx, deps);
  return ingestTagged(draft, ctx, deps);
}

/** A tagged document from its story decision on (ingestDocument after tagging; a grouped ingest's way back to one at a time). */
export async function ingestTagged(draft: TaggedDraft, ctx: DocumentContext, deps: DocumentDeps): Promise<IngestResult> {
  // Decide the story first (reads only) and claim the article with the decision in one write:
  // a crash after the claim resumes with the same story instead of deciding again.
  const decision = await decideStory(draft, ctx, deps);

  const claimed = { ...draft.article, storyId: decision.storyId, copyOf: decision.copyOf };
  const claim = await deps.store.claimArticle(claimed);
  const article = claim.created ? claimed : claim.existing;
  if (!claim.created && article.status === 'ingested') {
    return describeResult(ctx, article, 'duplicate', { delivered: [], failed: [] });
  }
  // Processing or failed: an earlier run stopped part-way. Resume it with the story it recorded.
  try {
    return await finishArticle(article, draft, decision, ctx, deps);
  } catch (error) {
    await recordArticleFailure(article.id, error, ctx, deps);
    throw error;
  }
}

/** A document whose input was refused (a RejectedInputError): its result; the object goes on. */
export function rejectedResult(ctx: DocumentContext, error: unknown): IngestResult {
  return { file: ctx.rawKey, index: ctx.doc.index, status: 'rejected', error: errorMessage(error) };
}

/** The article's run stopped on a failure: recorded on it (best effort), unless the input was at fault. */
export async function recordArticleFailure(articleId: string, error: unknown, ctx: DocumentContext, deps: DocumentDeps): Promise<void> {
  if (!isRejection(error)) await bestEffort(() => deps.store.markArticleFailed(articleId, describeError(error), ctx.now));
}

async function finishArticle(
  claimed: Article,
  draft: TaggedDraft,
  decision: StoryDecision,
  ctx: DocumentContext,
  deps: DocumentDeps,
): Promise<IngestResult> {
  let article = claimed;
  if (!article.storyId) {
    // Claimed by a version that saved its decision separately and stopped before it: keep this one.
    article = { ...article, storyId: decision.storyId, copyOf: decision.copyOf };
    await deps.store.saveArticle(article);
  }
  const fresh = article.storyId === decision.storyId ? decision.fresh : undefined;

  const { story, previous } = await placeInStory(article, draft, fresh, ctx, deps);
  article = { ...article, storyId: story.id, copyOf: article.copyOf };
  const coverageCreated = await coverArticle(article, ctx, deps);
  const delivery = await deliverArticleAlerts({ article, story, previous, coverageCreated }, ctx, deps);
  return describeResult(ctx, await markIngested(article, deps), 'ingested', delivery);
}

/**
 * Records the article's source on its story's ledger: true when it made the source new to the
 * story. A resumed run finds the ledger entry it wrote itself: it still owes that entry's alerts.
 */
export async function coverArticle(article: Article, ctx: DocumentContext, deps: DocumentDeps): Promise<boolean> {
  const coverage = await deps.store.claimCoverage({
    storyId: article.storyId!,
    source: ctx.source,
    articleId: article.id,
    firstSeen: article.publishedAt ?? ctx.now,
  });
  if (!coverage.created) await backdateCoverage(coverage.entry, article, deps);
  return coverage.created || coverage.entry.articleId === article.id;
}

/** An article placed in its story: the story before it (none when it started the story) and after. */
export interface Placement {
  article: Article;
  story: Story;
  previous?: Story;
  coverageCreated: boolean;
}

/** The alerts an article placed in its story raises: watches matched, kinds decided, digests routed. */
export function decideArticleAlerts({ article, story, previous, coverageCreated }: Placement, ctx: DocumentContext): Alert[] {
  const { source, now } = ctx;
  const watchMatch = matchWatches(ctx.watches, { story, article }, foldName);
  return routeAlerts(decideAlerts({
    story,
    previousStory: previous,
    article: { id: article.id, title: article.title, url: article.url, source, copyOf: article.copyOf },
    coverageCreated,
    watchMatch,
    now,
  }), ctx.watches);
}

/** Decides the article's alerts and delivers them (sent, held, or recorded for a digest). */
export async function deliverArticleAlerts(placement: Placement, ctx: DocumentContext, deps: DocumentDeps): Promise<Delivery> {
  const decided = decideArticleAlerts(placement, ctx);
  const { story } = placement;
  const cooldown = ctx.config.alertCooldownSeconds ?? 0;
  if (cooldown <= 0) return publishAlerts(await recordAlerts(decided, ctx, deps), story, ctx, deps);
  // Storm control folds a story's new sources; its creation (a new-story alert) is one event, sent at once.
  const sentNow = await recordAlerts(decided.filter((a) => a.digestOnly || a.kind === 'new-story'), ctx, deps);
  return {
    ...(await publishAlerts(sentNow, story, ctx, deps)),
    held: await holdAlerts(decided.filter((a) => !a.digestOnly && a.kind !== 'new-story'), holdUntil(ctx.now, cooldown), deps),
  };
}

/** Last: an article reads ingested only once each of its alerts is sent, held or failed. */
async function markIngested(article: Article, deps: DocumentDeps): Promise<Article> {
  const ingested = ingestedArticle(article);
  await deps.store.markArticleIngested(ingested);
  return ingested;
}

/** The article as its last write leaves it: ingested, a failure recorded by an earlier run cleared. */
export function ingestedArticle(article: Article): Article {
  const { error: _error, failedAt: _failedAt, ...done } = article;
  return { ...done, status: 'ingested' };
}

/**
 * The ledger names each source's earliest-published article on the story: racing workers may
 * write a later article of the source first, and a held alert's fold names the ledger's article
 * (flushStory). Monotone and conditional: concurrent backdates settle on the earliest.
 */
async function backdateCoverage(held: CoverageEntry, article: Article, deps: DocumentDeps): Promise<void> {
  if (!article.publishedAt) return;
  const mine: CoverageEntry = { ...held, articleId: article.id, firstSeen: article.publishedAt };
  for (let current = held, attempt = 1; publishedBefore(mine, current); attempt++) {
    if (await deps.store.backdateCoverage(mine, current)) return;
    if (attempt >= BACKDATE_ATTEMPTS) throw new RetryableError(`coverage of ${held.source.id} on story ${held.storyId} keeps changing: retry`);
    current = (await deps.store.claimCoverage(current)).entry;
  }
}

/** Bounds the backdate loop: each failed attempt means another article of the source was written meanwhile. */
const BACKDATE_ATTEMPTS = 5;

export interface TaggedDraft {
  article: Article;
  profile: ArticleProfile;
  /** The profile's index keys: candidates are looked up by them, and the story indexed under them. */
  keys: string[];
}

/** `candidates`: the document's actor candidates when they were extracted already (extractActors). */
export async function tagDocument(ctx: DocumentContext, deps: DocumentDeps, candidates = extractActors(ctx.doc)): Promise<TaggedDraft> {
  const { doc, source, now } = ctx;
  // doc.language (normalize's detectLanguage) reaches each step: outside English, capitals alone
  // make no actor and the stop words are the language's.
  const known = await deps.store.findActorsByAlias(...actorLookup(candidates));
  const { actors, registryUpdates } = resolveActors(candidates, known);
  if (registryUpdates.length > 0) await deps.store.saveActors(registryUpdates);
  const topics = tagTopics(doc, ctx.watches);
  const keyphrases = extractKeyphrases(doc);
  const profile = profileArticle({ title: doc.title, text: doc.text, language: doc.language, actors, topics });

  const article: Article = {
    id: articleIdFor(source.id, doc.text),
    source,
    url: doc.url,
    title: doc.title,
    byline: doc.byline,
    publishedAt: doc.publishedAt,
    language: doc.language,
    text: doc.text,
    wordCount: countWords(doc.text),
    ...(doc.headlineOnly ? { headlineOnly: true } : {}),
    ingestedAt: now,
    rawKey: ctx.rawKey,
    status: 'processing',
    actors,
    topics,
    keyphrases,
    signature: profile.signature,
  };
  return { article, profile, keys: candidateKeys(profile) };
}

/** What findActorsByAlias is asked for the candidates: their alias keys, and the ids new actors would get. */
export function actorLookup(candidates: ReturnType<typeof extractActors>): [string[], string[]] {
  return [actorLookupKeys(candidates), candidates.map((c) => actorId(c.type, c.name))];
}

export interface StoryDecision {
  storyId: string;
  copyOf?: string;
  /** The joined story as read (consistently) to decide: the first write attempt builds on it. */
  fresh?: Story;
}

/**
 * Candidate stories by key lookups, then the cluster step's join-or-create decision.
 *
 * A new story announces itself before it is decided for good: the first articles of one event
 * in flight together would otherwise each find no story and each start one. On "create", the
 * would-be story (the article's id) is announced under the article's keys, and everything is
 * looked up again: the index (a story indexed meanwhile), and the stories announced under the
 * same keys. A story created but not indexed yet is a candidate like the others. A story
 * announced earlier (time, then id) and not created yet is waited for (a few short waits, then
 * a RetryableError: the redelivery looks again), unless its article was claimed into another
 * story: then it never will be. Whoever announced last always sees those announced before it,
 * so of racing first articles the ones the model would join find the first one's story.
 * Reads and idempotent writes only: the decision is recorded by the claim, as before; an
 * announcement left behind (its article joined another story) is ignored, it names no story.
 */
async function decideStory(draft: TaggedDraft, ctx: DocumentContext, deps: DocumentDeps): Promise<StoryDecision> {
  const first = await lookUpStory(draft, ctx, deps);
  if (first.decision) return ctx.config.racingWriters ? reconsiderJoin(first.decision, first.candidates, draft, ctx, deps) : first.decision;

  const { store } = deps;
  const { article, keys } = draft;
  // The first article's id names the story: a retried creation finds the same story.
  const storyId = article.id;
  if (!ctx.config.racingWriters) return { storyId };
  const announcedAt = await store.announceStory(storyId, keys);
  const since = new Date(Date.parse(announcedAt) - ctx.config.announcementWindowSeconds * 1000).toISOString();
  let settling: Story[] | undefined;
  for (let look = 1; ; look++) {
    const again = await lookUpStory(draft, ctx, deps);
    const known = new Set(again.candidates.map((story) => story.id));
    const others = (await store.findAnnouncedStories(keys, since)).filter((a) => a.id !== storyId && !known.has(a.id));
    // An indexed story exists, and the index lookup above had its chance at it.
    const unindexed = others.filter((a) => !a.indexed);
    const created = unindexed.length > 0 ? await store.getStories(unindexed.map((a) => a.id)) : [];
    const weighed = [...again.candidates, ...created];
    const joined = created.length > 0 ? joinDecision(draft, weighed, ctx) : again.decision;
    const exists = new Set(created.map((story) => story.id));
    const pending = await stillComing(unindexed.filter((a) => !exists.has(a.id) && announcedBefore(a, { id: storyId, announcedAt })), deps);
    // A story announced before this one and not created yet may be the better match (the first
    // article of this article's own event, racing it): a join waits for it to be weighed too.
    // Joining the story of another event found first merged two events (the replay: event 39's
    // second article into event 35's story, in 2 of the last 5 CI runs).
    if (joined && (pending.length === 0 || look >= ctx.config.announcementWaits)) return settled(joined, settling, draft, ctx) ?? { storyId };
    if (!joined && pending.length === 0) {
      if (look >= ctx.config.announcementWaits || !stillSettling(draft, weighed, settling, ctx)) return { storyId };
      settling = weighed;
    } else if (!joined && look >= ctx.config.announcementWaits) {
      throw new RetryableError(`story ${pending.join(', ')} was announced before ${storyId} and is not created yet: retry once it is`);
    }
    await pause(ctx.config.announcementWaitMs);
  }
}

/**
 * Racing articles of one event each decide against the stories as they are at that moment: the
 * fourth article may find the event's story at one article while the second and third are being
 * added to it, fall short of joining it, and start a story of its own where, in publication
 * order, it would have joined (the concurrency replay split event 71 so in 7 of 22 runs). So a
 * create that came near joining a candidate (`nearJoinProbability`) waits a pause and looks
 * again, and goes on waiting while candidates grow with articles published no later than it.
 * Publication order is the reference: a story that grew with later articles meanwhile is not
 * one it would have found, so a join to it found while waiting does not stand (waiting for
 * them merged event 39 into event 35's story in 3 of 10 runs).
 */
function stillSettling(draft: TaggedDraft, candidates: Story[], previous: Story[] | undefined, ctx: DocumentContext): boolean {
  if (nearestJoin(draft, candidates, ctx) < ctx.config.nearJoinProbability) return false;
  if (!previous) return true;
  const versions = new Map(previous.map((story) => [story.id, story.version]));
  return candidates.some((story) => versions.get(story.id) !== story.version && publishedBy(story, draft, ctx));
}

/** A join found while settling stands when its story holds no article published after this one. */
function settled(decision: StoryDecision, settling: Story[] | undefined, draft: TaggedDraft, ctx: DocumentContext): StoryDecision | undefined {
  if (!settling || !decision.fresh || publishedBy(decision.fresh, draft, ctx)) return decision;
  return undefined;
}

function publishedBy(story: Story, { article }: TaggedDraft, ctx: DocumentContext): boolean {
  return story.lastSeen <= (article.publishedAt ?? ctx.now);
}

/**
 * A join decided on the index alone may miss the story the article belongs to: announced by a
 * racing first article of the same event and not created or indexed yet. Joining the nearest
 * indexed story instead pulls the whole event into another story (its later articles follow
 * the majority). So a join looks at the stories announced under its keys too: one that is
 * created is weighed with the other candidates, one not created yet is waited for (a few short
 * waits; then the join stands as decided, it is never worse than the index alone). In a run
 * without racers every announced story is created and indexed by then: nothing changes.
 */
async function reconsiderJoin(
  decision: StoryDecision,
  candidates: Story[],
  draft: TaggedDraft,
  ctx: DocumentContext,
  deps: DocumentDeps,
): Promise<StoryDecision> {
  const { store } = deps;
  const known = new Set(candidates.map((story) => story.id));
  for (let look = 1; ; look++) {
    const unindexed = (await store.findStoriesInFlight(draft.keys, ctx.config.inFlightSeconds)).filter((a) => !known.has(a.id));
    if (unindexed.length === 0) return decision;
    const created = await store.getStories(unindexed.map((a) => a.id));
    const weighed = created.length > 0 ? joinDecision(draft, [...candidates, ...created], ctx) : undefined;
    if (weighed && weighed.storyId !== decision.storyId) return weighed;
    const exists = new Set(created.map((story) => story.id));
    const pending = await stillComing(unindexed.filter((a) => !exists.has(a.id) && a.id !== draft.article.id), deps);
    if (pending.length === 0 || look >= ctx.config.announcementWaits) return decision;
    await pause(ctx.config.announcementWaitMs);
  }
}

/** The announced stories of these that will still be created: their article was not claimed into another story. */
async function stillComing(announced: AnnouncedStory[], deps: DocumentDeps): Promise<string[]> {
  const pending: string[] = [];
  for (const other of announced) {
    const claimed = await deps.store.getArticle(other.id);
    // Claimed into another story: that announcement names no story, now or later.
    if (!claimed?.storyId || claimed.storyId === other.id) pending.push(other.id);
  }
  return pending;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function announcedBefore(a: { id: string; announcedAt: string }, b: { id: string; announcedAt: string }): boolean {
  return a.announcedAt < b.announcedAt || (a.announcedAt === b.announcedAt && a.id < b.id);
}

/** The index lookup and the join model: a join decision, or none (create) with the candidates read. */
async function lookUpStory(
  draft: TaggedDraft,
  ctx: DocumentContext,
  deps: DocumentDeps,
): Promise<{ decision?: StoryDecision; candidates: Story[] }> {
  const { store } = deps;
  const ids = (await store.findCandidateStories(draft.keys, ctx.config.candidateLimitPerKey)).slice(0, ctx.config.maxCandidates);
  const candidates = await store.getStories(ids);
  return { candidates, decision: joinDecision(draft, candidates, ctx) };
}

/** The join model over the candidates: the story to join, or undefined (start one). */
export function joinDecision(draft: TaggedDraft, candidates: Story[], ctx: DocumentContext): StoryDecision | undefined {
  const assignment = assign(draft, candidates, ctx);
  if (assignment.action !== 'join') return undefined;
  return { storyId: assignment.storyId, copyOf: assignment.copyOf, fresh: candidates.find((story) => story.id === assignment.storyId) };
}

/** The join model's probability for the nearest candidate when it decides to start a story (0 with none). */
function nearestJoin(draft: TaggedDraft, candidates: Story[], ctx: DocumentContext): number {
  const assignment = assign(draft, candidates, ctx);
  return assignment.action === 'create' ? assignment.bestScore ?? 0 : 1;
}

function assign({ article, profile }: TaggedDraft, candidates: Story[], ctx: DocumentContext) {
  return assignStory({ profile, publishedAt: article.publishedAt ?? ctx.now }, candidates);
}

/**
 * Creates the article's story or adds the article to it, exactly once (the story was decided and
 * recorded on the article before). `fresh` is the story as read to decide, when it still applies.
 */
async function placeInStory(
  article: Article,
  { profile, keys }: TaggedDraft,
  fresh: Story | undefined,
  ctx: DocumentContext,
  deps: DocumentDeps,
): Promise<{ story: Story; previous?: Story }> {
  const { store } = deps;
  const storyId = article.storyId!;

  for (let attempt = 1; ; attempt++) {
    const existing = attempt === 1 && fresh ? fresh : await store.getStory(storyId);
    if (!existing) {
      const story = storyWith(article, profile, undefined, ctx);
      // createStory writes the story with this article already counted.
      if (await store.createStory(story)) {
        await store.indexStory(storyId, keys, story.lastSeen);
        return { story };
      }
      continue; // another writer created it meanwhile: join it instead
    }
    if (existing.articleIds.includes(article.id)) {
      // Counted by an earlier run, which may have stopped before indexing the story: index it
      // again (idempotent), or later articles would never find it and start a second story.
      await store.indexStory(storyId, keys, existing.lastSeen);
      // The article that created the story (its id names it) was not new to a story before.
      return { story: existing, previous: existing.id === article.id ? undefined : existing };
    }
    const next = storyWith(article, profile, existing, ctx);
    try {
      const added = await store.addArticleToStory(storyId, article.id, next);
      await store.indexStory(storyId, keys, next.lastSeen);
      return added ? { story: next, previous: existing } : { story: existing, previous: existing };
    } catch (error) {
      if (!(error instanceof RetryableError) || attempt >= ctx.config.storyWriteAttempts) throw error;
    }
  }
}

/**
 * The article's story after it: started by it (named by its recorded story id), or `existing`
 * with it merged in. One at a time and a grouped ingest both build it here.
 */
export function storyWith(article: Article, profile: ArticleProfile, existing: Story | undefined, ctx: DocumentContext): Story {
  const member = { ...article, publishedAt: article.publishedAt ?? ctx.now, profile };
  return withTracking(existing ? mergeIntoStory(existing, member) : startStory(member, article.storyId!), article, ctx);
}

/** A story stays tracked once a watch matched it; the watches that did are kept with it. */
function withTracking(story: Story, article: Article, ctx: DocumentContext): Story {
  const match = matchWatches(ctx.watches, { story, article }, foldName);
  const trackedBy = [...new Set([...story.trackedBy, ...match.watchIds])];
  return { ...story, tracked: story.tracked || trackedBy.length > 0, trackedBy };
}

export interface Delivery {
  delivered: Alert[];
  /** Alerts an endpoint refused for good: marked failed, reported; the article goes on. */
  failed: FailedAlert[];
  held?: Alert[];
}

/** An alert to publish now, and whether this run's write recorded it (else it was there: a resumed run). */
export interface RecordedAlert {
  alert: Alert;
  recorded: boolean;
}

/**
 * Record first, publish, then mark sent: a crash in between re-publishes, never loses. The
 * alerts are recorded all at once (recordAlerts), each holding a delivery lease from the same
 * write, then published one after the other (publishAlerts). Alerts that only their watches'
 * digests deliver (`watch add --digest daily`) are recorded as sent, never published nor held:
 * the digest run reads them by creation time (app/digest.ts). Put if absent, as every alert: a
 * resumed run finds its record there.
 */
async function recordAlerts(alerts: Alert[], ctx: DocumentContext, deps: DocumentDeps): Promise<RecordedAlert[]> {
  const recorded = await Promise.all(alerts.map((alert) => deps.store.recordAlert(alertRecord(alert, ctx))));
  return toPublish(alerts, (i) => recorded[i]);
}

/** The recorded alerts to publish: all but the digests' own (recorded as sent). `recorded`: whether this run's write recorded the i-th. */
export function toPublish(alerts: Alert[], recorded: (i: number) => boolean): RecordedAlert[] {
  return alerts.flatMap((alert, i) => (alert.digestOnly ? [] : [{ alert, recorded: recorded(i) }]));
}

/** An alert as recorded before it is published: with this run's delivery lease; a digest's only, as sent. */
export function alertRecord(alert: Alert, ctx: DocumentContext): StoredAlert {
  return alert.digestOnly
    ? { ...alert, status: 'sent', sentAt: ctx.now }
    : { ...alert, deliveryLeaseUntil: leaseEnd(ctx.now, ctx.config.deliveryLeaseSeconds) };
}

/**
 * Publishes recorded alerts in order, each marked sent once published. A resumed run must claim
 * the lease of an alert it found recorded. When another worker holds an unexpired lease (it is
 * publishing, or it died holding it), the article is not finished: a RetryableError fails it for
 * now, and the retry (SQS redelivers after its visibility timeout, longer than any lease) finds
 * the alert sent or takes the expired lease and publishes. A lease is never waited for here and
 * never kept by a dead holder past its end. `markSent` is the store's mark, one alert at a time,
 * unless the caller marks them later in one batch (a local group whose sinks can all tell).
 */
export async function publishAlerts(
  alerts: RecordedAlert[], story: Story, ctx: DocumentContext, deps: DocumentDeps,
  markSent: (alert: Alert) => Promise<void> = (alert) => deps.store.markAlertSent(alert.storyId, alert.id, ctx.now),
): Promise<Delivery> {
  const { now } = ctx;
  const lease = leaseEnd(now, ctx.config.deliveryLeaseSeconds);
  const delivery: Delivery = { delivered: [], failed: [] };
  for (const { alert, recorded } of alerts) {
    const current: StoredAlert = recorded ? alert : await readRecorded(alert, deps);
    if (current.status === 'sent') continue;
    if (current.status === 'failed') {
      delivery.failed.push(failedAlert(current, current.error ?? 'delivery failed'));
      continue;
    }
    if (!recorded && !(await deps.store.claimAlertDelivery(current.storyId, current.id, now, lease))) {
      throw new RetryableError(
        `alert ${current.id} of story ${current.storyId} is being delivered by another worker` +
        `${current.deliveryLeaseUntil ? ` (lease until ${current.deliveryLeaseUntil})` : ''}: retry once it is sent or its lease has ended`,
      );
    }
    // A sink that can tell took it before the run that recorded it stopped: marked, not sent again.
    const taken = !recorded && (await deps.publisher.hasTaken?.(current));
    try {
      if (!taken) await deps.publisher.publish(current, story);
    } catch (error) {
      if (isAlertDeliveryFailure(error)) {
        // This alert's own failure: it is marked failed (not retried by itself); the article goes on.
        await deps.store.markAlertFailed(current.storyId, current.id, errorMessage(error), now);
        delivery.failed.push(failedAlert(current, errorMessage(error)));
        continue;
      }
      // Give the lease back so the retry need not wait for it; if that fails too, it expires.
      await bestEffort(() => deps.store.releaseAlertDelivery(current.storyId, current.id));
      throw error;
    }
    await markSent(current);
    delivery.delivered.push(current);
  }
  return delivery;
}

/** The alert as stored, when recordAlert found it there already. */
async function readRecorded(alert: Alert, deps: DocumentDeps): Promise<StoredAlert> {
  const stored = await deps.store.getAlert(alert.storyId, alert.id);
  if (!stored) throw new RetryableError(`alert ${alert.id} of story ${alert.storyId} was recorded but cannot be read back`);
  return stored;
}

function failedAlert(alert: Alert, error: string): FailedAlert {
  return { alertId: alert.id, kind: alert.kind, storyId: alert.storyId, source: alert.source.name, articleId: alert.articleId, error };
}

/** A write made on the way out of a failure: the failure itself is what the caller must see. */
async function bestEffort(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch {
    // The original error propagates; this one changes nothing a retry does not redo.
  }
}

/**
 * Storm control: record each alert as held (before anything else, so it cannot be lost), then
 * open or join its story's hold. The hold's version is bumped after the record is written, so a
 * flusher that read the story's alerts before this one was recorded cannot release the hold.
 * A resumed run finds its alert recorded and still pending and re-joins the hold (idempotent).
 */
async function holdAlerts(alerts: Alert[], dueAt: string, deps: DocumentDeps): Promise<Alert[]> {
  if (alerts.length === 0) return [];
  if (!deps.alertQueue) throw new ConfigurationError('alert cooldown is set but no alert queue was given to hold alerts in');
  const held: Alert[] = [];
  for (const alert of alerts) {
    const recorded = await deps.store.recordAlert({ ...alert, heldUntil: dueAt });
    const current = recorded ? { ...alert, heldUntil: dueAt } : await readRecorded(alert, deps);
    if (current.status !== 'pending') continue; // sent or failed (through its fold) already
    const hold = await deps.alertQueue.holdAlerts(current.storyId, dueAt);
    held.push({ ...current, heldUntil: hold.dueAt });
  }
  return held;
}

function leaseEnd(now: string, seconds: number): string {
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}

export function describeResult(ctx: DocumentContext, article: Article, status: 'ingested' | 'duplicate', delivery: Delivery): IngestResult {
  const { delivered, failed, held = [] } = delivery;
  const heldPart = held.length > 0
    ? { held: held.map((a) => ({ storyId: a.storyId, source: a.source.name, articleId: a.articleId, heldUntil: a.heldUntil ?? '' })) }
    : {};
  const failedPart = failed.length > 0 ? { failedAlerts: failed } : {};
  return {
    ...heldPart,
    file: ctx.rawKey,
    index: ctx.doc.index,
    status,
    articleId: article.id,
    source: article.source.name,
    title: article.title,
    ...(article.headlineOnly ? { headlineOnly: true } : {}),
    storyId: article.storyId,
    copyOf: article.copyOf,
    actors: article.actors.map(({ id, name, type }) => ({ id, name, type })),
    topics: article.topics.map(({ id, label }) => ({ id, label })),
    alerts: delivered.map((a) => ({ kind: a.kind, storyId: a.storyId, source: a.source.name, articleId: a.articleId, reason: a.reason })),
    ...failedPart,
  };
}
