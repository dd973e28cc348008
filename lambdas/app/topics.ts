/**
 * The topics a watch can name: the IPTC Media Topics the tagger scores (lambdas/core/tag/iptc.ts),
 * by id ("iptc:20000574"), bare code ("20000574") or label ("election"), case-insensitive, as
 * match.ts's topicMatches compares them. Labels are compared folded (foldName: case, accents and
 * punctuation), so "Conflict, War and Peace" and "conflict war and peace" are one label.
 * A name that is none of these is an error with up to three suggestions (singular/plural, words
 * of a label, edit distance): a watch on a topic the tagger never gives would never match.
 */
import { distance } from 'fastest-levenshtein';
import { ConfigurationError } from '../core/errors';
import { foldName } from '../core/tag/fold-name';
import { IPTC_TOPICS } from '../core/tag/iptc';

export interface TopicInfo {
  /** "iptc:<code>": the id the tagger gives articles. */
  id: string;
  label: string;
  /** Id of the broader topic ("iptc:11000000" for election). */
  parent?: string;
}

const IPTC_PREFIX = 'iptc:';
/** IPTC's own URIs call the scheme "medtop" (http://cv.iptc.org/newscodes/mediatopic/…). */
const CODE_PREFIXES = [IPTC_PREFIX, 'medtop:'];
const MAX_SUGGESTIONS = 3;

interface IndexedTopic extends TopicInfo {
  code: string;
  /** Folded label. */
  key: string;
  /** Singular forms of the label's words. */
  stems: string[];
  /** The tagger's cues: folded phrase (without "*"), whether it matches any ending, weight. */
  cues: { phrase: string; prefix: boolean; weight: number }[];
}

let index: IndexedTopic[] | undefined;

function topicsIndex(): IndexedTopic[] {
  index ??= IPTC_TOPICS.map((topic) => {
    const key = foldName(topic.label);
    return {
      id: `${IPTC_PREFIX}${topic.code}`,
      label: topic.label,
      ...(topic.parent ? { parent: `${IPTC_PREFIX}${topic.parent}` } : {}),
      code: topic.code.toLowerCase(),
      key,
      stems: stemWords(key),
      cues: Object.entries(topic.cues).map(([cue, weight]) => ({ phrase: foldName(cue.replace(/\*$/, '')), prefix: cue.endsWith('*'), weight })),
    };
  });
  return index;
}

/** Every topic a watch can name, in the IPTC list's order (a broad topic, then those under it). */
export function listTopics(): TopicInfo[] {
  return topicsIndex().map(({ id, label, parent }) => ({ id, label, ...(parent ? { parent } : {}) }));
}

/** The topic an id, code or label names, if any (no suggestions). */
export function findTopic(input: string): TopicInfo | undefined {
  const wanted = input.trim().toLowerCase();
  if (!wanted) return undefined;
  const code = codeOf(wanted);
  const key = foldName(wanted);
  const found = topicsIndex().find((topic) => topic.code === code || (key !== '' && topic.key === key));
  return found && publicInfo(found);
}

/** The topic an id, code or label names; a ConfigurationError with suggestions otherwise. */
export function resolveTopic(input: string): TopicInfo {
  const trimmed = input.trim();
  if (!trimmed) throw new ConfigurationError('a --topic needs a name: an IPTC label or code (see `newswatch topics list`)');
  const found = findTopic(trimmed);
  if (found) return found;
  const suggestions = suggestTopics(trimmed);
  const hint = suggestions.length
    ? `did you mean ${orList(suggestions.map((t) => `${t.label} (${t.id})`))}?`
    : 'topics are IPTC Media Topics, named by label or code;';
  throw new ConfigurationError(`unknown topic "${trimmed}": ${hint} \`newswatch topics list\` shows them all`);
}

/** The label of a topic id ("iptc:20000574" -> "election"); undefined for other ids. */
export function topicLabel(id: string): string | undefined {
  return findTopicById(id)?.label;
}

function findTopicById(id: string): TopicInfo | undefined {
  const lower = id.trim().toLowerCase();
  if (!lower.startsWith(IPTC_PREFIX)) return undefined;
  const code = lower.slice(IPTC_PREFIX.length);
  const found = topicsIndex().find((topic) => topic.code === code);
  return found && publicInfo(found);
}

/**
 * Up to `limit` topics near what was typed, best first: the singular or plural of a label
 * ("elections" -> election); labels holding every word typed ("sanctions" -> economic sanction);
 * labels, or words of a label, within a small edit distance ("diplomcy" -> diplomacy) or sharing
 * a stem ("tech" -> science and technology, "terrorism" -> act of terror); then the topics whose
 * cues the tagger scores hold what was typed ("protests" -> civil unrest). A code ("2000574") is
 * compared with the codes.
 */
export function suggestTopics(input: string, limit = MAX_SUGGESTIONS): TopicInfo[] {
  const wanted = input.trim().toLowerCase();
  const topics = topicsIndex();
  const code = codeOf(wanted);
  if (/^\d/.test(code)) {
    return rank(topics.map((topic) => ({ topic, tier: 2, d: distance(code, topic.code) })).filter((c) => c.d <= 2), limit);
  }
  const key = foldName(wanted);
  if (!key) return [];
  const stems = stemWords(key);
  const stemmed = stems.join(' ');
  const words = key.split(' ');
  const threshold = Math.max(1, Math.round(key.length * 0.25));
  const wordThreshold = Math.max(1, Math.floor(key.length * 0.2));
  const candidates = topics.map((topic) => {
    if (topic.stems.join(' ') === stemmed) return { topic, tier: 0, d: 0 };
    // Broader topics first ("war" -> conflict, war and peace before prisoners of war).
    if (stems.every((s) => s.length >= 3 && topic.stems.includes(s))) return { topic, tier: 1, d: (topic.parent ? 10 : 0) + topic.stems.length };
    let d = Math.min(distance(key, topic.key), distance(stemmed, topic.stems.join(' ')));
    if (words.length === 1) {
      for (const word of topic.key.split(' ')) {
        if (word.length < 4) continue;
        // A misspelt word of a longer label ("sanktion" -> economic sanction), ranked after whole labels.
        const dw = distance(key, word);
        if (dw <= wordThreshold) d = Math.min(d, dw + 0.5);
        // One word the start of the other ("tech", "terrorism").
        if (key.length >= 4 && (word.startsWith(key) || key.startsWith(word))) d = Math.min(d, threshold + 0.5);
      }
    }
    if (d < threshold + 1) return { topic, tier: 2, d };
    const cue = Math.max(0, ...topic.cues.filter((c) => cueHolds(c, key, stemmed)).map((c) => c.weight));
    return { topic, tier: cue > 0 ? 3 : 4, d: -cue };
  });
  return rank(candidates.filter((c) => c.tier < 4), limit);
}

/** The cue is what was typed, or starts with it ("climate" -> "climate change"), or (a "*" cue) begins it. */
function cueHolds(cue: { phrase: string; prefix: boolean }, key: string, stemmed: string): boolean {
  if (!cue.phrase) return false;
  return cue.phrase === key || cue.phrase === stemmed || cue.phrase.startsWith(`${key} `) || (cue.prefix && key.startsWith(cue.phrase));
}

function rank(candidates: { topic: IndexedTopic; tier: number; d: number }[], limit: number): TopicInfo[] {
  const order = new Map(topicsIndex().map((topic, i) => [topic.id, i]));
  return candidates
    .sort((a, b) => a.tier - b.tier || a.d - b.d || a.topic.label.length - b.topic.label.length || order.get(a.topic.id)! - order.get(b.topic.id)!)
    .slice(0, limit)
    .map((c) => publicInfo(c.topic));
}

function publicInfo(topic: IndexedTopic): TopicInfo {
  return { id: topic.id, label: topic.label, ...(topic.parent ? { parent: topic.parent } : {}) };
}

/** "iptc:20000574", "medtop:20000574" or "20000574" -> "20000574" (lower case); anything else as is. */
function codeOf(lower: string): string {
  for (const prefix of CODE_PREFIXES) if (lower.startsWith(prefix)) return lower.slice(prefix.length).trim();
  return lower;
}

/** English singular of each folded word, enough for labels: elections, diseases, policies, sanctions. */
function stemWords(key: string): string[] {
  return key.split(' ').filter(Boolean).map(singular);
}

function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
