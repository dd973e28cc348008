/**
 * extractKeyphrases: the phrases an article is about. Candidates are word n-grams that neither
 * start nor end with a stop word and never cross punctuation; each scores by frequency, length
 * (longer phrases say more) and presence in the title or the lead paragraph. Phrases contained
 * in a better one are dropped. Stop words are the article's language's (lexicon/stop-words.json,
 * when the text bears the language out: language.ts); otherwise the English list and rules below.
 */
import { tagConfig, type TagConfig } from './config';
import type { ArticleText } from './extract-actors';
import { otherLanguageStopWords, rulesLanguageOf } from './language';
import { DEMONYMS } from './lexicon/words';

const STOPWORDS = new Set(`
a an the this that these those there here it its he she his her him they them their we our us you your i my me
and or but nor so yet for if then when while where whereas whether because since although though after before
during until unless once as at by from in into of off on onto out over to toward towards under up upon with within
without about above across against along amid among around behind below beside besides between beyond despite
down except inside near outside past per through throughout via what which who whom whose why how all any both
each either neither every few many more most much no none not nothing some such other another one two three four
five six seven eight nine ten first also even just only still however meanwhile moreover furthermore therefore
thus indeed instead perhaps yes now later earlier already again ago very really quite rather too is are was were
be been being am has have had having do does did doing done will would shall should can could may might must said
says say told tell tells added according made make makes making take takes took taken get gets got go goes went
gone come comes came see seen saw know known think thought want wanted seem seemed like well way ways new last next
mr mrs ms dr s t including included include includes included while amid whose own same other others such than
following noted stated emphasized highlighted asked expressed indicated reported reportedly immediately
`.split(/\s+/).filter(Boolean));

interface Candidate {
  /** Surface forms with their counts: the most frequent one is shown. */
  surfaces: Map<string, number>;
  count: number;
  inTitle: boolean;
  inLead: boolean;
  words: number;
}

/** Runs of words between punctuation marks. */
function segments(text: string): string[][] {
  return text
    .split(/[.,;:!?()"“”—–\n\[\]|/]+|\s-\s|['‘’](?!\p{L})|(?<!\p{L})['‘’]/u)
    .map((part) => (part.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/['’]s$/, '')))
    .filter((words) => words.length > 0);
}

type ContentTest = (w: string) => boolean;

/** A word that may start or end a phrase: not a stop word, number, adverb, contraction or lower-case past form. */
const isEnglishContent: ContentTest = (w) =>
  w.length > 1 && !STOPWORDS.has(w.toLowerCase()) && !/^\d+$/.test(w) && !/ly$/i.test(w) && !/['’]/.test(w) && !/^\p{Ll}.*ed$/u.test(w);

/** The content test of the article's language: its stop words, without the English suffix rules ("-ly", "-ed"). */
function contentTestFor(language: string | undefined): ContentTest {
  const stops = otherLanguageStopWords(language);
  if (!stops) return isEnglishContent;
  return (w) => w.length > 1 && !stops.has(w.toLowerCase()) && !/^\d+$/.test(w) && !/['’]/.test(w);
}

function collect(text: string, maxWords: number, isContent: ContentTest, visit: (key: string, surface: string, words: number) => void): void {
  for (const words of segments(text)) {
    for (let i = 0; i < words.length; i++) {
      if (!isContent(words[i])) continue;
      for (let n = 1; n <= maxWords && i + n <= words.length; n++) {
        const last = words[i + n - 1];
        // Inside a phrase only "of" may join content words ("secretary of state").
        if (n > 2 && !isContent(words[i + n - 2]) && words[i + n - 2].toLowerCase() !== 'of') break;
        if (!isContent(last)) {
          if (last.toLowerCase() === 'of') continue;
          break;
        }
        const phrase = words.slice(i, i + n);
        if (n === 1 && DEMONYMS.has(phrase[0].toLowerCase())) continue;
        visit(phrase.join(' ').toLowerCase(), phrase.join(' '), n);
      }
    }
  }
}

export function extractKeyphrases(doc: ArticleText, overrides?: Partial<TagConfig>): string[] {
  const config = tagConfig(overrides);
  const isContent = contentTestFor(rulesLanguageOf(doc));
  const candidates = new Map<string, Candidate>();
  collect(doc.text, config.maxKeyphraseWords, isContent, (key, surface, words) => {
    const c = candidates.get(key);
    if (c) {
      c.count++;
      c.surfaces.set(surface, (c.surfaces.get(surface) ?? 0) + 1);
    } else {
      candidates.set(key, { surfaces: new Map([[surface, 1]]), count: 1, inTitle: false, inLead: false, words });
    }
  });
  const lead = doc.text.split(/\n\s*\n/).find((p) => p.trim().split(/\s+/).length > 15) ?? '';
  collect(lead, config.maxKeyphraseWords, isContent, (key) => { const c = candidates.get(key); if (c) c.inLead = true; });
  collect(doc.title, config.maxKeyphraseWords, isContent, (key, surface, words) => {
    const c = candidates.get(key);
    if (c) c.inTitle = true; else candidates.set(key, { surfaces: new Map([[surface, 1]]), count: 1, inTitle: true, inLead: false, words });
  });

  // A phrase of n words says more than a word: n-grams outweigh the words inside them.
  const score = (c: Candidate): number =>
    c.count * (c.words === 1 ? config.keyphraseSingleWordWeight : c.words) + (c.inTitle ? config.keyphraseTitleBoost : 0) + (c.inLead ? config.keyphraseLeadBoost : 0);
  const ranked = [...candidates.entries()]
    .filter(([, c]) => c.count >= (c.words === 1 ? 3 : 2) || c.inTitle)
    .sort((a, b) => score(b[1]) - score(a[1]) || a[0].localeCompare(b[0]));

  const picked: string[] = [];
  const pickedKeys: string[] = [];
  for (const [key, c] of ranked) {
    if (picked.length >= config.maxKeyphrases) break;
    const padded = ` ${key} `;
    if (pickedKeys.some((k) => ` ${k} `.includes(padded) || padded.includes(` ${k} `))) continue;
    picked.push([...c.surfaces.entries()].reduce((best, e) => (e[1] > best[1] ? e : best))[0]);
    pickedKeys.push(key);
  }
  return picked;
}
