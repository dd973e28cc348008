/**
 * `newswatch actors list|alias|merge|split`: a user's corrections to the actor registry. Later
 * articles follow them (ingest resolves surface forms through the registry); a merge also
 * rewrites the stories and articles already stored under the merged id, and the story views
 * resolve any id a rewrite did not reach, so `stories` and `story <id>` show the merged actor.
 */
import { ConfigurationError, RetryableError } from '../core/errors';
import type { ActorRecord, Article, Story } from '../core/model';
import {
  actorId, findRedirects, foldName, redirectActorTags, redirectStoryActors, type ActorRedirects,
} from '../core/tag';
import { activityPerDay, actorIndexKey } from '../core/cluster';
import { actorToken } from '../core/search';
import type { NewswatchStore, StoryPageKey, StorySummary } from '../ports/store';
import { STORY_QUERY_CONFIG, storyRow, type StoryRow } from './stories';
import type { Target } from './target';

/** Tuning of the merge's story rewrite. */
export const ACTOR_MERGE_CONFIG = {
  /**
   * Stories read per merge from the merged actor's index key (actorIndexKey; newest first, at
   * most the index head's size; older ones resolve when viewed).
   */
  maxStories: 1000,
  /** Attempts at one story's rewrite when a concurrent ingest changes it meanwhile. */
  storyWriteAttempts: 5,
};

type Registry = Pick<NewswatchStore, 'getActor' | 'listActors' | 'setUserAlias' | 'mergeActor' | 'splitActor' | 'resolveActorIds'>;

/** Actors by name; merged ones (redirects) only with `all`. */
export async function listActors(store: Registry, options: { all?: boolean } = {}): Promise<ActorRecord[]> {
  const actors = await store.listActors();
  return options.all ? actors : actors.filter((actor) => !actor.mergedInto);
}

export interface AliasOutcome {
  actor: ActorRecord;
  key: string;
  /** The actor the alias belonged to before, when another one. */
  previousOwner?: string;
}

/** `actors alias <id> <surface form>`: the form resolves to the actor from now on. */
export async function addActorAlias(store: Registry, id: string, surfaceForm: string): Promise<AliasOutcome> {
  const actor = await requireActive(store, id);
  const key = foldName(surfaceForm);
  if (!key) throw new ConfigurationError(`"${surfaceForm}" has no letters or digits to use as an alias`);
  const { previousOwner } = await store.setUserAlias(actor.id, key);
  return { actor: (await store.getActor(actor.id)) ?? actor, key, previousOwner };
}

export interface MergeOutcome {
  from: ActorRecord;
  into: ActorRecord;
  storiesUpdated: number;
  articlesUpdated: number;
}

/** `actors merge <fromId> <intoId>`. */
export async function mergeActors(store: NewswatchStore, fromId: string, intoId: string): Promise<MergeOutcome> {
  const from = await requireActor(store, fromId);
  const into = await requireActive(store, intoId);
  if (from.mergedInto && from.mergedInto !== into.id) {
    throw new ConfigurationError(`actor ${fromId} was already merged into ${from.mergedInto}`);
  }
  if (into.id === from.id) throw new ConfigurationError(`cannot merge actor ${fromId} into itself`);
  await store.mergeActor(from.id, into.id);
  const redirects: ActorRedirects = new Map([[from.id, { id: into.id, name: into.name, type: into.type }]]);
  const rewritten = await rewriteStoredReferences(store, from.id, into.id, redirects);
  return { from: { ...from, mergedInto: into.id }, into: (await store.getActor(into.id)) ?? into, ...rewritten };
}

export interface SplitOutcome {
  from: ActorRecord;
  actor: ActorRecord;
}

/**
 * `actors split <id> --alias <form>... [--name <name>]`: the aliases move to a new actor (named
 * after the first form unless a name is given); later articles follow. Splitting off an actor
 * that was merged into this one revives it (an undo of the merge).
 */
export async function splitActor(store: Registry, id: string, surfaceForms: string[], name?: string): Promise<SplitOutcome> {
  const from = await requireActive(store, id);
  if (surfaceForms.length === 0) throw new ConfigurationError('actors split needs at least one --alias <surface form>');
  const keys = [...new Set(surfaceForms.map(foldName))];
  const missing = surfaceForms.filter((form) => !from.aliases.includes(foldName(form)));
  if (missing.length > 0) {
    throw new ConfigurationError(`actor ${from.id} has no alias ${missing.map((m) => `"${m}"`).join(', ')} (its aliases: ${from.aliases.join(', ')})`);
  }
  if (keys.length >= from.aliases.length) throw new ConfigurationError(`that would move every alias of ${from.id}: keep at least one`);
  const newName = (name ?? surfaceForms[0]).trim();
  const newId = actorId(from.type, newName);
  if (!newId.includes(':') || newId.endsWith(':')) throw new ConfigurationError(`"${newName}" has no letters or digits to name an actor`);
  const existing = await store.getActor(newId);
  if (existing && existing.mergedInto !== from.id) {
    throw new ConfigurationError(`actor ${newId} already exists: move the alias with \`newswatch actors alias ${newId} <form>\`, or give --name`);
  }
  const actor: ActorRecord = { id: newId, name: newName, type: from.type, aliases: keys, userAliases: keys };
  await store.splitActor(from.id, keys, actor);
  return { from: (await store.getActor(from.id)) ?? from, actor: (await store.getActor(newId)) ?? actor };
}

/** An actor id or name the registry does not know. */
export class ActorNotFoundError extends ConfigurationError {}

export interface ActorActivity {
  /** The actor the id or name stands for now (merge redirects followed). */
  actor: ActorRecord;
  /** Its folded aliases, sorted. */
  aliases: string[];
  /** Stories naming it, newest first (at most STORY_QUERY_CONFIG.actorActivityStories). */
  stories: StoryRow[];
  /** Articles per UTC day of those stories, oldest day first. */
  perDay: { day: string; articles: number }[];
}

/**
 * An actor's page: the actor, its aliases, the stories naming it (the story search by actor: Queries on
 * the summary listing, never a Scan) and their articles per day, from the stories'
 * activity (every article of a story that names the actor counts).
 */
export async function actorActivity(target: Pick<Target, 'store'>, actorId: string): Promise<ActorActivity> {
  const actor = await resolveActor(target.store, actorId);
  const summaries: StorySummary[] = [];
  let after: StoryPageKey | undefined;
  do {
    const page = await target.store.searchStorySummaries({ tokenGroups: [[actorToken(actor.id)]] }, {
      after,
      limit: Math.min(STORY_QUERY_CONFIG.maxPageSize, STORY_QUERY_CONFIG.actorActivityStories - summaries.length),
      maxExamined: STORY_QUERY_CONFIG.maxExaminedPerPage,
    });
    summaries.push(...page.stories);
    after = page.next;
  } while (after && summaries.length < STORY_QUERY_CONFIG.actorActivityStories);
  const days: Record<string, number> = {};
  for (const summary of summaries) {
    // A story stored before activity was kept counts its articles on its last day.
    const perDay = activityPerDay(summary.activity ?? { [summary.lastSeen.slice(0, 10)]: summary.articleCount });
    for (const [day, count] of Object.entries(perDay)) days[day] = (days[day] ?? 0) + count;
  }
  const stories = summaries.map(storyRow);
  return {
    actor,
    aliases: [...actor.aliases].sort(),
    stories,
    perDay: Object.keys(days).sort().map((day) => ({ day, articles: days[day] })),
  };
}

/** An actor by id or by a name or alias, as it stands now (merged ones followed to the survivor). */
async function resolveActor(store: Pick<NewswatchStore, 'resolveActorIds' | 'findActorsByAlias'>, wanted: string): Promise<ActorRecord> {
  const byId = (await store.resolveActorIds([wanted])).get(wanted);
  if (byId) return byId;
  const key = foldName(wanted);
  const byName = key ? (await store.findActorsByAlias([key])).get(key) : undefined;
  const current = byName && ((await store.resolveActorIds([byName.id])).get(byName.id) ?? byName);
  if (!current) throw new ActorNotFoundError(`no actor with id or name ${wanted} (see \`newswatch actors list\`)`);
  return current;
}

/** Stories as the user should see them: actor ids a merge replaced resolved to the current actor. */
export async function withCurrentActors(store: Pick<NewswatchStore, 'resolveActorIds'>, stories: Story[]): Promise<Story[]> {
  const named = stories.flatMap((story) => story.topActors);
  if (named.length === 0) return stories;
  const redirects = findRedirects(await store.resolveActorIds(named.map((actor) => actor.id)), named);
  return redirects.size === 0 ? stories : stories.map((story) => redirectStoryActors(story, redirects));
}

/** An article as the user should see it: its actor tags resolved to the current actors. */
export async function withCurrentArticleActors(store: Pick<NewswatchStore, 'resolveActorIds'>, article: Article): Promise<Article> {
  if (article.actors.length === 0) return article;
  const redirects = findRedirects(await store.resolveActorIds(article.actors.map((actor) => actor.id)), article.actors);
  return redirects.size === 0 ? article : { ...article, actors: redirectActorTags(article.actors, redirects) };
}

/**
 * The stories indexed under the merged actor (a Query on its story-index key, never a Scan):
 * their actor lists are rewritten (version-checked, retried on a concurrent change), they are
 * indexed under the surviving actor so later articles find them by it, and their articles'
 * tags are rewritten.
 */
async function rewriteStoredReferences(
  store: NewswatchStore,
  fromId: string,
  intoId: string,
  redirects: ActorRedirects,
): Promise<{ storiesUpdated: number; articlesUpdated: number }> {
  const storyIds = await store.findCandidateStories([actorIndexKey(fromId)], ACTOR_MERGE_CONFIG.maxStories);
  let storiesUpdated = 0;
  let articlesUpdated = 0;
  for (const storyId of storyIds) {
    const story = await rewriteStory(store, storyId, redirects);
    if (!story) continue;
    storiesUpdated++;
    await store.indexStory(story.id, [actorIndexKey(intoId)], story.lastSeen);
    for (const articleId of story.articleIds) {
      const article = await store.getArticle(articleId);
      if (!article) continue;
      const actors = redirectActorTags(article.actors, redirects);
      if (actors === article.actors) continue;
      await store.saveArticle({ ...article, actors });
      articlesUpdated++;
    }
  }
  return { storiesUpdated, articlesUpdated };
}

/** The rewritten story, or undefined when it does not name the merged actor. */
async function rewriteStory(store: NewswatchStore, storyId: string, redirects: ActorRedirects): Promise<Story | undefined> {
  for (let attempt = 1; attempt <= ACTOR_MERGE_CONFIG.storyWriteAttempts; attempt++) {
    const story = await store.getStory(storyId);
    if (!story) return undefined;
    const next = redirectStoryActors(story, redirects);
    if (next === story) return undefined;
    if (await store.saveStoryActors(next)) return next;
  }
  throw new RetryableError(`story ${storyId} kept changing while its actors were rewritten: run the merge again`);
}

async function requireActor(store: Pick<Registry, 'getActor'>, id: string): Promise<ActorRecord> {
  const actor = await store.getActor(id);
  if (!actor) throw new ConfigurationError(`no actor with id ${id} (see \`newswatch actors list\`)`);
  return actor;
}

async function requireActive(store: Pick<Registry, 'getActor'>, id: string): Promise<ActorRecord> {
  const actor = await requireActor(store, id);
  if (actor.mergedInto) throw new ConfigurationError(`actor ${id} was merged into ${actor.mergedInto}: use that id`);
  return actor;
}
