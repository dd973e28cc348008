/**
 * `npm run eval:tag-language [-- <pages folder>] [--language de] [--examples N]`
 * (default ../shared/data/web-extraction-dev/pages, every language other than English)
 *
 * What the tagger makes of pages not in English, before and after it knew the language: every
 * page goes through the normalize step as `newswatch extract` runs it (language detected), and
 * its text is tagged twice by extractActors: with the language as detected (what ingest does
 * now) and with the language withheld (the English rules, what every article got before). Per
 * language: pages, actors by type either way, and the candidates left `registryOnly` (actors only
 * when the registry already knows them: none with an empty registry, so they are not counted);
 * then the most frequent names the English rules made that are gone, and the names still tagged.
 * There is no ground truth for these pages: the examples are for spot checks.
 */
import path from 'node:path';
import type { ActorCandidate, ActorType } from '../lambdas/core/model';
import { extractActors } from '../lambdas/core/tag';
import { DEFAULT_PAGES_FOLDER, extractedPages } from './extracted-pages';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const onlyLanguage = flag('--language');
const exampleCount = Number(flag('--examples') ?? 15);
const folder = path.resolve(args[0] ?? DEFAULT_PAGES_FOLDER);

type Counts = Record<ActorType, number>;
interface Row { pages: number; before: Counts; after: Counts; registryOnly: number }
const zero = (): Counts => ({ person: 0, organization: 0, place: 0 });
const rows = new Map<string, Row>();
const gone = new Map<string, number>();
const kept = new Map<string, number>();
const bump = (map: Map<string, number>, key: string): void => { map.set(key, (map.get(key) ?? 0) + 1); };
const label = (a: ActorCandidate): string => `${a.name} (${a.type})`;

for (const { doc } of extractedPages(folder)) {
  const language = doc.language ?? 'und';
  if (language === 'en' || language === 'und' || (onlyLanguage && language !== onlyLanguage)) continue;
  const row = rows.get(language) ?? { pages: 0, before: zero(), after: zero(), registryOnly: 0 };
  rows.set(language, row);
  row.pages++;
  const before = extractActors({ title: doc.title, text: doc.text });
  const after = extractActors({ title: doc.title, text: doc.text, language });
  const afterNames = new Set(after.filter((a) => !a.registryOnly).map(label));
  for (const a of before) {
    row.before[a.type]++;
    if (!afterNames.has(label(a))) bump(gone, label(a));
  }
  for (const a of after) {
    if (a.registryOnly) { row.registryOnly++; continue; }
    row.after[a.type]++;
    bump(kept, label(a));
  }
}

const total: Row = { pages: 0, before: zero(), after: zero(), registryOnly: 0 };
console.log(`${folder}: pages not in English, tagged with the English rules (before) and knowing their language (after)`);
console.log('language | pages | persons before → after | organizations before → after | places before → after | registry-only');
for (const [language, r] of [...rows].sort((a, b) => b[1].pages - a[1].pages || a[0].localeCompare(b[0]))) {
  console.log(`${language} | ${r.pages} | ${r.before.person} → ${r.after.person} | ${r.before.organization} → ${r.after.organization} | ${r.before.place} → ${r.after.place} | ${r.registryOnly}`);
  total.pages += r.pages;
  total.registryOnly += r.registryOnly;
  for (const type of ['person', 'organization', 'place'] as const) { total.before[type] += r.before[type]; total.after[type] += r.after[type]; }
}
console.log(`all | ${total.pages} | ${total.before.person} → ${total.after.person} | ${total.before.organization} → ${total.after.organization} | ${total.before.place} → ${total.after.place} | ${total.registryOnly}`);
const top = (map: Map<string, number>): string =>
  [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, exampleCount).map(([name, n]) => `${name} ×${n}`).join(', ');
console.log(`most frequent actors no longer made: ${top(gone)}`);
console.log(`most frequent actors still tagged: ${top(kept)}`);
