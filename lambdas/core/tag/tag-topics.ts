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
  /** Folded words of the cue; a prefix cue matches any word starting with its last word. */
  words: string[];
  /** The words joined: the key of a cue of up to three words in NgramCounts, made once. */
  phrase: string;
  prefix: boolean;
  weight: number;
}

let compiled: { code: string; label: string; parent?: string; cues: CompiledCue[] }[] | undefined;

function compiledTopics(): NonNullable<typeof compiled> {
  compiled ??= IPTC_TOPICS.map((topic) => ({
    code: topic.code,
    label: topic.label,
    parent: topic.parent,
    cues: Object.entries(topic.cues).map(([cue, weight]) => {
      const words = foldName(cue.replace(/\*$/, '')).split(' ');
      return { words, phrase: words.join(' '), prefix: cue.endsWith('*'), weight };
    }),
  }));
  return compiled;
}

/** Counts of every 1-, 2- and 3-word sequence of a folded text: each cue is then one lookup. */
class NgramCounts {
  private readonly counts = new Map<string, number>();
  private readonly words: string[];

  constructor(text: string) {
    this.words = foldName(text).split(' ').filter(Boolean);
    const w = this.words;
    for (let i = 0; i < w.length; i++) {
      this.bump(w[i]);
      if (i + 1 < w.length) this.bump(`${w[i]} ${w[i + 1]}`);
      if (i + 2 < w.length) this.bump(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
    }
  }

  private bump(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(words: string[], prefix: boolean, phrase = words.join(' ')): number {
    if (!prefix) return words.length <= 3 ? this.counts.get(phrase) ?? 0 : this.scan(words, false);
    return this.scan(words, true);
  }

  /** Slow path: prefix cues and phrases longer than three words. */
  private scan(words: string[], prefix: boolean): number {
    let n = 0;
    const last = words.length - 1;
    for (let i = 0; i + last < this.words.length; i++) {
      let ok = true;
      for (let j = 0; j < last && ok; j++) ok = this.words[i + j] === words[j];
      const w = this.words[i + last];
      if (ok && (prefix ? w.startsWith(words[last]) : w === words[last])) n++;
    }
    return n;
  }
}

const damped = (n: number): number => (n > 0 ? 1 + Math.log(n) : 0);

export function tagTopics(doc: ArticleText, watches: Watch[], overrides?: Partial<TagConfig>): TopicTag[] {
  const config = tagConfig(overrides);
  const body = new NgramCounts(doc.text);
  const title = new NgramCounts(doc.title);
  const hits = (words: string[], prefix = false, phrase?: string): number =>
    body.count(words, prefix, phrase) + config.topicTitleBoost * title.count(words, prefix, phrase);

  const topics = compiledTopics();
  const scores = new Map<string, number>();
  for (const topic of topics) {
    const evidence = topic.cues.reduce((sum, cue) => sum + cue.weight * damped(hits(cue.words, cue.prefix, cue.phrase)), 0);
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
function watchTopics(watches: Watch[], hits: (words: string[]) => number, config: TagConfig): TopicTag[] {
  const out: TopicTag[] = [];
  for (const watch of watches) {
    const total = watch.keywords
      .map((k) => foldName(k))
      .filter(Boolean)
      .reduce((sum, k) => sum + hits(k.split(' ')), 0);
    if (total > 0) out.push({ id: `watch:${watch.id}`, label: watch.name, score: round(Math.min(1, total / config.watchKeywordSaturation)) });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
