import { candidateKeys, profileArticle, type ArticleProfile } from '../../lambdas/core/cluster';
import { estimateContainment, estimateCopySimilarity, minhashSignature } from '../../lambdas/core/cluster/minhash';
import { contentTerms, stem } from '../../lambdas/core/cluster/terms';
import type { ActorTag } from '../../lambdas/core/model';

const actor = (id: string, type: ActorTag['type'], salience: number): ActorTag => ({ id, name: id, type, salience, mentions: [] });

describe('profileArticle', () => {
  const doc = {
    title: 'Diplomats discuss embassy staffing',
    text: 'The diplomats met in Riyadh. The talks covered embassies, sanctions and negotiations. '
      + 'Officials said the talks were useful; the negotiations continue next week.',
    actors: [actor('p:marco-rubio', 'person', 0.9), actor('l:riyadh', 'place', 0.4), actor('p:marco-rubio', 'person', 0.5)],
    topics: [{ id: 'iptc:11000000', label: 'politics', score: 0.8 }],
  };

  it('tokenizes, drops stopwords and stems plurals', () => {
    expect(contentTerms('The talks’ negotiations and the allies of U.S. bosses', 2)).toEqual(['talk', 'negotiation', 'ally', 'boss']);
    expect(stem('status')).toBe('status');
    expect(stem('news')).toBe('news');
    expect(stem('series')).toBe('series');
  });

  it('gives L2-normalized terms without stopwords, title terms first', () => {
    const profile = profileArticle(doc);
    const norm = Math.sqrt(Object.values(profile.terms).reduce((s, w) => s + w * w, 0));
    expect(norm).toBeCloseTo(1, 6);
    expect(profile.terms.the).toBeUndefined();
    expect(profile.terms.and).toBeUndefined();
    const top = Object.entries(profile.terms).sort((a, b) => b[1] - a[1])[0][0];
    expect(['diplomat', 'embassy', 'staffing']).toContain(top);
    // "said" is a common news word: it weighs less than a rarer word with the same count.
    expect(profile.terms.said).toBeLessThan(profile.terms.riyadh);
  });

  it('keeps at most articleTermCount terms', () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
    expect(Object.keys(profileArticle({ ...doc, text }).terms)).toHaveLength(60);
    expect(Object.keys(profileArticle({ ...doc, text }, { articleTermCount: 10 }).terms)).toHaveLength(10);
  });

  it('keeps actor saliences (the strongest of repeats), types and topics', () => {
    const profile = profileArticle(doc);
    expect(profile.actors).toEqual({ 'p:marco-rubio': 0.9, 'l:riyadh': 0.4 });
    expect(profile.actorTypes['l:riyadh']).toBe('place');
    expect(profile.topics).toEqual({ 'iptc:11000000': 0.8 });
  });

  it('computes a deterministic, sorted signature; empty text gives an empty one', () => {
    const a = profileArticle(doc).signature;
    expect(a).toEqual(profileArticle(doc).signature);
    expect(a.length).toBeGreaterThan(0);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(profileArticle({ title: '', text: '  ', actors: [], topics: [] }).signature).toEqual([]);
  });
});

describe('near-duplicate estimation', () => {
  const options = { shingleSize: 2, sketchSize: 16, minTermLength: 2 };
  const long = Array.from({ length: 120 }, (_, i) => `alpha${i} beta${i}`).join(' ');
  const half = Array.from({ length: 60 }, (_, i) => `alpha${i} beta${i}`).join(' ');

  it('estimates containment of a shorter text in a longer one', () => {
    const a = minhashSignature(half, options);
    const b = minhashSignature(long, options);
    expect(estimateCopySimilarity(a, b, 16)).toBeGreaterThan(0.8);
    expect(estimateCopySimilarity(b, a, 16)).toBe(estimateCopySimilarity(a, b, 16));
    // The other way round, the long text is only half in the short one.
    expect(estimateContainment(b, a, 16)).toBeLessThan(0.8);
  });

  it('finds nothing shared between different texts', () => {
    const other = Array.from({ length: 60 }, (_, i) => `gamma${i} delta${i}`).join(' ');
    expect(estimateCopySimilarity(minhashSignature(other, options), minhashSignature(long, options), 16)).toBe(0);
    expect(estimateCopySimilarity([], minhashSignature(long, options), 16)).toBe(0);
  });
});

describe('candidateKeys', () => {
  const profile: ArticleProfile = {
    terms: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`term${i}`, 1 - i / 100])),
    actors: { 'l:ukraine': 0.95, 'p:marco-rubio': 0.9, 'p:sergey-lavrov': 0.6, 'o:kremlin': 0.3, 'p:yuri-ushakov': 0.1, 'l:russia': 0.8 },
    actorTypes: { 'l:ukraine': 'place', 'p:marco-rubio': 'person', 'p:sergey-lavrov': 'person', 'o:kremlin': 'organization', 'p:yuri-ushakov': 'person', 'l:russia': 'place' },
    topics: {},
    signature: Array.from({ length: 40 }, (_, i) => i * 1000 + 7),
  };

  it('gives actors (persons and organizations first), top terms and signature keys, bounded', () => {
    const keys = candidateKeys(profile);
    expect(keys.filter((k) => k.startsWith('actor:'))).toEqual([
      'actor:p:marco-rubio', 'actor:p:sergey-lavrov', 'actor:o:kremlin', 'actor:p:yuri-ushakov',
    ]);
    expect(keys.filter((k) => k.startsWith('term:'))).toEqual(['term:term0', 'term:term1', 'term:term2', 'term:term3', 'term:term4', 'term:term5']);
    expect(keys.filter((k) => k.startsWith('sig:'))).toEqual(profile.signature.slice(0, 8).map((h) => `sig:${h.toString(16).padStart(8, '0')}`));
    expect(keys.length).toBeLessThanOrEqual(30);
  });

  it('falls back to places when few persons are tagged, and is the same for the same profile', () => {
    const fewActors = { ...profile, actors: { 'l:ukraine': 0.9, 'p:marco-rubio': 0.5 } };
    expect(candidateKeys(fewActors).filter((k) => k.startsWith('actor:'))).toEqual(['actor:p:marco-rubio', 'actor:l:ukraine']);
    expect(candidateKeys(profile)).toEqual(candidateKeys(profile));
  });
});
