/**
 * IPTC Media Topics (https://cv.iptc.org/newscodes/mediatopic/): the 17 top-level subjects, every
 * second-level topic under politics, conflict/war/peace, crime, disaster, economy, health,
 * science and sport, and the third-level ones newswatch needs (diplomacy, economic sanction,
 * international organisation), with their real codes, plus keyword cues. The second-level
 * codes and labels were checked against the IPTC Media Topic table (2024 English labels);
 * retired codes (e.g. 20000160 emergency incident) are left out. One entry is not an IPTC
 * code and says so: "20000639-embassies", a child of diplomacy for embassies and missions.
 *
 * Cues are folded phrases (see foldName); a trailing "*" matches any ending ("negotiat*").
 * Weights: 1 = the cue alone says the topic; 0.5 = supporting; below that = weak hint.
 * The table is data: iptc.json.
 */
import TOPICS from './iptc.json';

export interface IptcTopic {
  code: string;
  label: string;
  /** Code of the broader topic; a strong child lifts its parent. */
  parent?: string;
  cues: Record<string, number>;
}

// TypeScript infers a union of 78 literal shapes for the cue objects (absent keys as undefined):
// each is a Record<string, number>.
export const IPTC_TOPICS: readonly IptcTopic[] = TOPICS as unknown as readonly IptcTopic[];
