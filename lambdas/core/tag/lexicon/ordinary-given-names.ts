/**
 * Given names that are also ordinary words ("art", "mark", "will"): generated into
 * ordinary-given-names.json by scripts/build-ordinary-given-names.ts from English NER corpora.
 * Outside English such a word is no evidence of a person (confirm-names.ts).
 */
import DATA from './ordinary-given-names.json';

export const ORDINARY_GIVEN_NAMES: ReadonlySet<string> = new Set(DATA.words);
