/**
 * What the dashboard reads beyond one plain use-case call: actor suggestions for the watch form,
 * and a watch preview checked exactly as saving would check it. The story list, a story's
 * timeline and an actor's activity are the app's use cases (searchStories, storyTimeline,
 * actorActivity), used as they are.
 */
import { listActors } from '../app/actors';
import type { Target } from '../app/target';
import { addWatch, previewWatch, updateWatch, type WatchOutcome, type WatchSpec } from '../app/watches';
import type { ActorRecord, Story, Watch } from '../core/model';
import { DASHBOARD_CONFIG } from './config';

export type { StoryPage, StoryQuery, StoryRow, StoryTimeline, TimelineArticle } from '../app/stories';
export type { ActorActivity } from '../app/actors';

/** Actors whose id, or a word of whose name, starts with the typed text: the watch form's suggestions. */
export async function suggestActors(target: Target, typed: string, limit = DASHBOARD_CONFIG.actorSuggestions): Promise<ActorRecord[]> {
  const wanted = typed.trim().toLowerCase();
  const actors = await listActors(target.store);
  const starts = (a: ActorRecord) => a.id.startsWith(wanted) || a.id.slice(a.id.indexOf(':') + 1).startsWith(wanted)
    || a.name.toLowerCase().startsWith(wanted) || a.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(wanted));
  return (wanted ? actors.filter(starts) : actors).slice(0, limit);
}

export interface WatchPreviewRow {
  story: Pick<Story, 'id' | 'headline' | 'sources' | 'sourceNames' | 'articleCount' | 'lastSeen'>;
  reason: string;
}

export interface CheckedPreview {
  /** The watch as saving would store it (actors and topics resolved). */
  watch: Watch;
  warnings: string[];
  /** The first DASHBOARD_CONFIG.previewStories of them. */
  stories: WatchPreviewRow[];
  /** How many stories it would track in all. */
  total: number;
  /** Stories looked through (the most recently updated). */
  examined: number;
}

/**
 * The stored stories a watch would track, before it is saved. The spec is checked by the very
 * use case that saves it (addWatch, or updateWatch when editing), run against the store with its
 * one write, putWatch, kept back: a refusal is the one saving would give, and the watch previewed
 * is the one that would be stored.
 */
export async function previewUnsavedWatch(target: Target, spec: WatchSpec, editing: boolean): Promise<CheckedPreview> {
  let checked: Watch | undefined;
  const dryRun = Object.create(target.store, { putWatch: { value: async (watch: Watch) => { checked = watch; } } }) as Target['store'];
  const outcome: WatchOutcome = editing ? await updateWatch(dryRun, spec) : await addWatch(dryRun, spec);
  const preview = await previewWatch(target, checked ?? outcome.watch);
  return {
    watch: outcome.watch, warnings: outcome.warnings, examined: preview.examined, total: preview.stories.length,
    stories: preview.stories.slice(0, DASHBOARD_CONFIG.previewStories).map(({ story, reason }) => ({
      story: { id: story.id, headline: story.headline, sources: story.sources, sourceNames: story.sourceNames, articleCount: story.articleCount, lastSeen: story.lastSeen },
      reason,
    })),
  };
}
