/**
 * tagTopics: IPTC Media Topics by weighted keyword cues, plus the user's keyword watches.
 * Evidence per cue grows with the log of its count (a word said ten times is not ten times the
 * topic); a cue in the title counts extra; a topic's score is its evidence over a saturation
 * point, and a child topic lifts its parent ("diplomacy" implies "politics").
 */
import type { TopicTag, Watch } from '../model';
import { tagConfig, type TagConfig } from './config';
import type { ArticleText } from './extract-actors';
import { foldName } from './fold-name';
import { IPTC_TOPICS } from './iptc';

interface CompiledCue {
  needle: string;
  weight: number;
}

let compiled: { code: string; label: string; parent?: string; cues: CompiledCue[] }[] | undefined;

function compiledTopics(): NonNullable<typeof compiled> {
  compiled ??= IPTC_TOPICS.map((topic) => ({
    code: topic.code,
    label: topic.label,
    parent: topic.parent,
    cues: Object.entries(topic.cues).map(([cue, weight]) => ({
      // " negotiat" matches any ending; " talks " only the whole word.
      needle: cue.endsWith('*') ? ` ${foldName(cue.slice(0, -1))}` : ` ${foldName(cue)} `,
      weight,
    })),
  }));
  return compiled;
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length - 1)) count++;
  return count;
}

const damped = (n: number): number => (n > 0 ? 1 + Math.log(n) : 0);

export function tagTopics(doc: ArticleText, watches: Watch[], overrides?: Partial<TagConfig>): TopicTag[] {
  const config = tagConfig(overrides);
  const body = ` ${foldName(doc.text)} `;
  const title = ` ${foldName(doc.title)} `;
  const hits = (needle: string): number => countOccurrences(body, needle) + config.topicTitleBoost * countOccurrences(title, needle);

  const topics = compiledTopics();
  const scores = new Map<string, number>();
  for (const topic of topics) {
    const evidence = topic.cues.reduce((sum, cue) => sum + cue.weight * damped(hits(cue.needle)), 0);
    scores.set(topic.code, Math.min(1, evidence / config.topicSaturation));
  }
  // Children before parents in the list is not guaranteed: lift until nothing changes (depth <= 3).
  for (let pass = 0; pass < 3; pass++) {
    for (const topic of topics) {
      if (!topic.parent) continue;
      const lifted = (scores.get(topic.code) ?? 0) * config.topicParentLift;
      if (lifted > (scores.get(topic.parent) ?? 0)) scores.set(topic.parent, lifted);
    }
  }
  const iptc: TopicTag[] = topics
    .map((t) => ({ id: `iptc:${t.code}`, label: t.label, score: round(scores.get(t.code) ?? 0) }))
    .filter((t) => t.score >= config.topicThreshold)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, config.maxTopics);
  return [...iptc, ...watchTopics(watches, hits, config)];
}

/** One topic per watch whose keywords occur in the article. */
function watchTopics(watches: Watch[], hits: (needle: string) => number, config: TagConfig): TopicTag[] {
  const out: TopicTag[] = [];
  for (const watch of watches) {
    const total = watch.keywords
      .map((k) => foldName(k))
      .filter(Boolean)
      .reduce((sum, k) => sum + hits(` ${k} `), 0);
    if (total > 0) out.push({ id: `watch:${watch.id}`, label: watch.name, score: round(Math.min(1, total / config.watchKeywordSaturation)) });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
