/**
 * foldName: the registry key of a surface form. Two spellings of one name must fold to the
 * same key, so the folding removes what varies between outlets and keeps what tells names apart:
 *  1. Unicode NFKD and combining marks dropped (Erdoğan -> erdogan), plus the Latin letters that
 *     NFKD does not decompose (ı ø æ œ ß đ ł þ).
 *  2. Lower case; possessive "'s" and a trailing plural-possessive apostrophe dropped.
 *  3. Dots and apostrophes removed without a space ("U.S." -> "us", "O'Brien" -> "obrien");
 *     any other punctuation (hyphen, comma, ampersand) becomes a space; spaces collapsed.
 *  4. Transliteration of Slavic endings, per word, only after a consonant so that native
 *     spellings stay intact (Hawaii, Dubai): -yy/-iy/-ii/-yi -> -y (Zelenskyy, Zelenskiy,
 *     Zelenskii -> zelensky), -ei -> -ey (Sergei -> sergey, Alexei -> alexey).
 *     Wider rules (x/ks, kh/h, final i/y) were left out: they merge distinct names.
 *  0. Before all that, Cyrillic is romanized the way English-language news spells names:
 *     Russian by a simplified BGN/PCGN (е/ё/э -> e, й -> y, х -> kh, ь/ъ dropped); Ukrainian,
 *     recognised by і ї є ґ, by Ukraine's national system (и -> y, г -> h, й/ї/є/ю/я initial
 *     y-, else i-). So "Зеленський", "Зеленский" and "Zelenskyy" share a key (through step 4)
 *     and "Київ" is "kyiv". A Ukrainian name without those letters ("Володимир") comes out
 *     Russian-style ("volodimir"): the script alone cannot tell the two apart.
 */

const RUSSIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const UKRAINIAN: Record<string, string> = { ...RUSSIAN, г: 'h', ґ: 'g', и: 'y', і: 'i', ї: 'i', й: 'i', є: 'ie', ю: 'iu', я: 'ia' };
/** Ukrainian letters spelled differently at the start of a word. */
const UKRAINIAN_INITIAL: Record<string, string> = { й: 'y', ї: 'yi', є: 'ye', ю: 'yu', я: 'ya' };
const UKRAINIAN_ONLY = /[іїєґ]/;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/g;

function romanizeCyrillic(lower: string): string {
  if (!lower.match(CYRILLIC_LETTER)) return lower;
  const ukrainian = UKRAINIAN_ONLY.test(lower);
  const table = ukrainian ? UKRAINIAN : RUSSIAN;
  return lower.replace(CYRILLIC_LETTER, (c: string, offset: number) => {
    const initial = offset === 0 || !/\p{L}/u.test(lower[offset - 1]);
    return (ukrainian && initial ? UKRAINIAN_INITIAL[c] : undefined) ?? table[c] ?? c;
  });
}

const UNDECOMPOSED: Record<string, string> = {
  'ı': 'i', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ß': 'ss', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'þ': 'th', 'ħ': 'h',
};

const CONSONANT = '[bcdfghjklmnpqrstvwxz]';
const SLAVIC_ADJECTIVE_ENDING = new RegExp(`(${CONSONANT})(?:yy|iy|ii|yi)$`);
const SLAVIC_EI_ENDING = new RegExp(`(${CONSONANT})ei$`);

/** Names repeat across articles: short inputs are memoised (bounded; the function is pure). */
const MEMO_LIMIT = 50_000;
const MEMO_MAX_LENGTH = 80;
const memo = new Map<string, string>();

export function foldName(name: string): string {
  if (name.length > MEMO_MAX_LENGTH) return fold(name);
  let key = memo.get(name);
  if (key === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    key = fold(name);
    memo.set(name, key);
  }
  return key;
}

function fold(name: string): string {
  // Romanized before NFKD, which would turn "й" into "и" plus a breve.
  const plain = romanizeCyrillic(name.toLowerCase())
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ıøæœßđðłþħ]/g, (c) => UNDECOMPOSED[c] ?? c)
    .replace(/['’ʼ`´]s(?![\p{L}\p{N}])/gu, '')
    .replace(/[.'’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!plain) return '';
  return plain
    .split(' ')
    .map((word) => word.replace(SLAVIC_ADJECTIVE_ENDING, '$1y').replace(SLAVIC_EI_ENDING, '$1ey'))
    .join(' ');
}

/** Id-safe slug of a folded name: "marco rubio" -> "marco-rubio". */
export function slugOfKey(key: string): string {
  return key.replace(/[^a-z0-9\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}
