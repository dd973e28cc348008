import {
  countMatches, documentText, emptyCounts, entitiesOfTags, mentionsToTokenEntities, microCounts, normalizeTag, parseBio,
  scores, splitDocumentOrders,
} from '../../scripts/ner-metrics';

const BIO = [
  '# a comment line',
  '-DOCSTART- O',
  '',
  'Marco B-PER',
  'Rubio I-PER',
  'met O',
  'Lavrov B-PER',
  'in O',
  'Riyadh B-LOC',
  '. O',
  '',
  'The O',
  'EU B-ORG',
  'watched O',
  'Eurovision B-MISC',
  '',
  '-DOCSTART- O',
  '',
  'x NN O',
  'Kyiv NNP B-LOC',
].join('\n');

describe('ner-metrics', () => {
  it('parses documents and sentences, takes the last column, maps MISC to O', () => {
    const docs = parseBio(BIO);
    expect(docs).toHaveLength(2);
    expect(docs[0].sentences.map((s) => s.length)).toEqual([7, 4]);
    expect(docs[0].sentences[1][3]).toEqual({ text: 'Eurovision', tag: 'O' });
    expect(docs[1].sentences[0][1]).toEqual({ text: 'Kyiv', tag: 'B-LOC' });
    expect(normalizeTag('I-PERSON')).toBe('I-PER');
    expect(normalizeTag('B-GPE')).toBe('B-LOC');
  });

  it('reads ner-train formats: IO tags begin an entity, WNUT types map to PER/ORG/LOC, a file without -DOCSTART- is a document per sentence', () => {
    // wikigold / SEC: IO tags (an I- after O or another type begins an entity).
    const io = parseBio(['-DOCSTART- O', '', 'The I-ORG', 'Mad I-ORG', 'Capsule I-ORG', 'met O', 'Tokyo I-LOC', 'Osc-Dis I-MISC'].join('\n'));
    expect(io[0].sentences[0].map((t) => t.tag)).toEqual(['B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-LOC', 'O']);
    expect(entitiesOfTags(io[0].sentences[0].map((t) => t.tag))).toEqual([{ start: 0, end: 3, type: 'ORG' }, { start: 4, end: 5, type: 'LOC' }]);
    // WNUT 2017: tab-separated, no -DOCSTART-; product and creative-work are no actors.
    const wnut = parseBio(['Kill\tB-creative-work', 'Bill\tI-creative-work', 'by\tO', 'Quentin\tB-person', '', 'Apple\tB-corporation', 'in\tO', 'Paris\tB-location', 'fans\tB-group', ''].join('\n'));
    expect(wnut).toHaveLength(2);
    expect(wnut.map((d) => d.sentences.length)).toEqual([1, 1]);
    expect(wnut[0].sentences[0].map((t) => t.tag)).toEqual(['O', 'O', 'O', 'B-PER']);
    expect(wnut[1].sentences[0].map((t) => t.tag)).toEqual(['B-ORG', 'O', 'B-LOC', 'B-ORG']);
  });

  it('rebuilds text with token offsets: spaces between tokens, newlines between sentences', () => {
    const doc = documentText(parseBio(BIO)[0]);
    expect(doc.text).toBe('Marco Rubio met Lavrov in Riyadh .\nThe EU watched Eurovision');
    expect(doc.offsets[1]).toEqual({ start: 6, end: 11 });
    expect(doc.text.slice(doc.offsets[8].start, doc.offsets[8].end)).toBe('EU');
  });

  it('reads entities conlleval-style: an I- of another type starts a new entity', () => {
    expect(entitiesOfTags(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG', 'B-ORG'])).toEqual([
      { start: 0, end: 2, type: 'PER' }, { start: 3, end: 4, type: 'LOC' }, { start: 4, end: 5, type: 'ORG' }, { start: 5, end: 6, type: 'ORG' },
    ]);
  });

  it('maps a character mention to every token it overlaps, once', () => {
    const doc = documentText(parseBio(BIO)[0]);
    const entities = mentionsToTokenEntities([
      { start: 0, end: 11, type: 'PER' }, // "Marco Rubio"
      { start: 8, end: 11, type: 'PER' }, // "Rubio" alone
      { start: 0, end: 11, type: 'PER' }, // a duplicate
      { start: 28, end: 30, type: 'LOC' }, // "Riyadh" partly
    ], doc.offsets);
    expect(entities).toEqual([{ start: 0, end: 2, type: 'PER' }, { start: 1, end: 2, type: 'PER' }, { start: 5, end: 6, type: 'LOC' }]);
  });

  it('scores exact span and type matches per type and micro-averaged', () => {
    const counts = emptyCounts();
    const gold = entitiesOfTags(['B-PER', 'I-PER', 'O', 'B-PER', 'O', 'B-LOC']);
    countMatches(gold, [
      { start: 0, end: 2, type: 'PER' }, // right
      { start: 3, end: 4, type: 'ORG' }, // wrong type: one fp ORG, one fn PER
      { start: 5, end: 6, type: 'LOC' }, // right
    ], counts);
    expect(counts.PER).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(counts.ORG).toEqual({ tp: 0, fp: 1, fn: 0 });
    const micro = scores(microCounts(counts));
    expect(micro.precision).toBeCloseTo(2 / 3);
    expect(micro.recall).toBeCloseTo(2 / 3);
    expect(scores({ tp: 0, fp: 0, fn: 0 }).f1).toBe(0);
  });

  it('selects documents of a GUM split by their order in the file', () => {
    const tsv = 'file\torder\tdoc_id\tgum_split\nnews.bio\t1\ta\ttrain\nnews.bio\t2\tb\tdev\ninterview.bio\t1\tc\tdev\nnews.bio\t3\td\ttest';
    expect([...splitDocumentOrders(tsv, 'news.bio', ['dev', 'test'])]).toEqual([2, 3]);
  });
});
