import { decideAlerts, holdUntil, matchWatches } from '../alert';
import { assignStory, candidateKeys, mergeIntoStory, profileArticle, startStory } from '../cluster';
import type { ArticleProfile } from '../cluster';
import { ConfigurationError, RetryableError } from '../errors';
import type { Alert, Article, IngestResult, NormalizedDoc, SourceRef, Story, Watch } from '../model';
import { articleIdFor, countWords } from '../normalize';
import { actorId, actorLookupKeys, extractActors, extractKeyphrases, foldName, resolveActors, tagTopics } from '../tag';
import type { AlertPublisher, AlertQueue } from '../../ports/alerts';
import type { NewswatchStore } from '../../ports/store';
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
 * re-delivered event or a crash half-way resumes without doing anything twice.
 */
export async function ingestDocument(ctx: DocumentContext, deps: DocumentDeps): Promise<IngestResult> {
  const { source, now } = ctx;
  const draft = await tagDocument(ctx, deps);
  // Decide the story first (reads only) and claim the article with the decision in one write:
  // a crash after the claim resumes with the same story instead of deciding again.
  const decision = await decideStory(draft, ctx, deps);

  const claimed = { ...draft.article, storyId: decision.storyId, copyOf: decision.copyOf };
  const claim = await deps.store.claimArticle(claimed);
  let article = claim.created ? claimed : claim.existing;
  if (!claim.created && article.status === 'ingested') {
    return describe(ctx, article, 'duplicate', []);
  }
  if (!article.storyId) {
    // Claimed by a version that saved its decision separately and stopped before it: keep this one.
    article = { ...article, storyId: decision.storyId, copyOf: decision.copyOf };
    await deps.store.saveArticle(article);
  }
  const fresh = article.storyId === decision.storyId ? decision.fresh : undefined;

  const { story, previous } = await placeInStory(article, draft, fresh, ctx, deps);
  article = { ...article, storyId: story.id, copyOf: article.copyOf };

  const coverage = await deps.store.claimCoverage({
    storyId: story.id,
    source,
    articleId: article.id,
    firstSeen: article.publishedAt ?? now,
  });
  // A resumed run finds the ledger entry it wrote itself: it still owes that entry's alerts.
  const coverageCreated = coverage.created || coverage.entry.articleId === article.id;

  const watchMatch = matchWatches(ctx.watches, { story, article }, foldName);
  const alerts = decideAlerts({
    story,
    previousStory: previous,
    article: { id: article.id, title: article.title, url: article.url, source, copyOf: article.copyOf },
    coverageCreated,
    watchMatch,
    now,
  });
  const cooldown = ctx.config.alertCooldownSeconds ?? 0;
  const delivered = cooldown > 0 ? [] : await deliverAlerts(alerts, story, now, ctx.config, deps);
  const held = cooldown > 0 ? await holdAlerts(alerts, holdUntil(now, cooldown), deps) : [];

  article = { ...article, status: 'ingested' };
  await deps.store.saveArticle(article);
  return describe(ctx, article, 'ingested', delivered, held);
}

interface TaggedDraft {
  article: Article;
  profile: ArticleProfile;
  /** The profile's index keys: candidates are looked up by them, and the story indexed under them. */
  keys: string[];
}

async function tagDocument(ctx: DocumentContext, deps: DocumentDeps): Promise<TaggedDraft> {
  const { doc, source, now } = ctx;
  const candidates = extractActors(doc);
  const known = await deps.store.findActorsByAlias(actorLookupKeys(candidates), candidates.map((c) => actorId(c.type, c.name)));
  const { actors, registryUpdates } = resolveActors(candidates, known);
  if (registryUpdates.length > 0) await deps.store.saveActors(registryUpdates);
  const topics = tagTopics(doc, ctx.watches);
  const keyphrases = extractKeyphrases(doc);
  const profile = profileArticle({ title: doc.title, text: doc.text, actors, topics });

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

interface StoryDecision {
  storyId: string;
  copyOf?: string;
  /** The joined story as read (consistently) to decide: the first write attempt builds on it. */
  fresh?: Story;
}

/** Candidate stories by key lookups, then the cluster step's join-or-create decision. */
async function decideStory({ article, profile, keys }: TaggedDraft, ctx: DocumentContext, deps: DocumentDeps): Promise<StoryDecision> {
  const { store } = deps;
  const ids = (await store.findCandidateStories(keys, ctx.config.candidateLimitPerKey)).slice(0, ctx.config.maxCandidates);
  const candidates = await store.getStories(ids);
  const assignment = assignStory({ profile, publishedAt: article.publishedAt ?? ctx.now }, candidates);
  if (assignment.action === 'join') {
    return { storyId: assignment.storyId, copyOf: assignment.copyOf, fresh: candidates.find((story) => story.id === assignment.storyId) };
  }
  // The first article's id names the story: a retried creation finds the same story.
  return { storyId: article.id };
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
  const member = { ...article, publishedAt: article.publishedAt ?? ctx.now, profile };

  for (let attempt = 1; ; attempt++) {
    const existing = attempt === 1 && fresh ? fresh : await store.getStory(storyId);
    if (!existing) {
      const story = withTracking(startStory(member, storyId), article, ctx);
      // createStory writes the story with this article already counted.
      if (await store.createStory(story)) {
        await store.indexStory(storyId, keys, story.lastSeen);
        return { story };
      }
      continue; // another writer created it meanwhile: join it instead
    }
    if (existing.articleIds.includes(article.id)) return { story: existing, previous: existing };
    const next = withTracking(mergeIntoStory(existing, member), article, ctx);
    try {
      const added = await store.addArticleToStory(storyId, article.id, next);
      await store.indexStory(storyId, keys, next.lastSeen);
      return added ? { story: next, previous: existing } : { story: existing, previous: existing };
    } catch (error) {
      if (!(error instanceof RetryableError) || attempt >= ctx.config.storyWriteAttempts) throw error;
    }
  }
}

/** A story stays tracked once a watch matched it; the watches that did are kept with it. */
function withTracking(story: Story, article: Article, ctx: DocumentContext): Story {
  const match = matchWatches(ctx.watches, { story, article }, foldName);
  const trackedBy = [...new Set([...story.trackedBy, ...match.watchIds])];
  return { ...story, tracked: story.tracked || trackedBy.length > 0, trackedBy };
}

/** Record first, publish, then mark sent: a crash in between re-publishes, never loses. */
async function deliverAlerts(alerts: Alert[], story: Story, now: string, config: IngestConfig, deps: DocumentDeps): Promise<Alert[]> {
  const delivered: Alert[] = [];
  for (const alert of alerts) {
    const lease = leaseEnd(now, config.deliveryLeaseSeconds);
    // The first recorder holds the delivery lease from the same write; a resumed run must claim it.
    const recorded = await deps.store.recordAlert(alert, lease);
    const current = recorded ? alert : await deps.store.getAlert(alert.storyId, alert.id);
    if (!current || current.status === 'sent') continue;
    if (!recorded && !(await deps.store.claimAlertDelivery(current.storyId, current.id, now, lease))) continue;
    try {
      await deps.publisher.publish(current, story);
    } catch (error) {
      await deps.store.releaseAlertDelivery(current.storyId, current.id);
      throw error;
    }
    await deps.store.markAlertSent(current.storyId, current.id, now);
    delivered.push(current);
  }
  return delivered;
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
    const current = recorded ? { ...alert, heldUntil: dueAt } : await deps.store.getAlert(alert.storyId, alert.id);
    if (!current || current.status === 'sent') continue;
    const hold = await deps.alertQueue.holdAlerts(current.storyId, dueAt);
    held.push({ ...current, heldUntil: hold.dueAt });
  }
  return held;
}

function leaseEnd(now: string, seconds: number): string {
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}

function describe(ctx: DocumentContext, article: Article, status: 'ingested' | 'duplicate', alerts: Alert[], held: Alert[] = []): IngestResult {
  const heldPart = held.length > 0
    ? { held: held.map((a) => ({ storyId: a.storyId, source: a.source.name, articleId: a.articleId, heldUntil: a.heldUntil ?? '' })) }
    : {};
  return {
    ...heldPart,
    file: ctx.rawKey,
    index: ctx.doc.index,
    status,
    articleId: article.id,
    source: article.source.name,
    title: article.title,
    storyId: article.storyId,
    copyOf: article.copyOf,
    actors: article.actors.map(({ id, name, type }) => ({ id, name, type })),
    topics: article.topics.map(({ id, label }) => ({ id, label })),
    alerts: alerts.map((a) => ({ kind: a.kind, storyId: a.storyId, source: a.source.name, articleId: a.articleId, reason: a.reason })),
  };
}
