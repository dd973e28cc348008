import { deflateSync } from 'node:zlib';
import { extractActors } from '../../lambdas/core/tag';
import { tagConfig } from '../../lambdas/core/tag/config';
import { findNameSpans } from '../../lambdas/core/tag/find-name-spans';
import { tokenFeatures, wordShape } from '../../lambdas/core/tag/ner/features';
import {
  allowedTransition, decodeMentionModel, encodeMentionModel, LABEL_COUNT, LABELS, mentionModel, mentionsOfLabels, viterbi,
} from '../../lambdas/core/tag/ner/mention-model';
import { tokenize } from '../../lambdas/core/tag/tokenize';

const config = tagConfig();
const spansOf = (text: string): string[] =>
  findNameSpans(text, tokenize(text, config), config).map((s) => `${s.surface}/${s.type}`);

describe('mention model machinery', () => {
  it('writes word shapes with runs collapsed', () => {
    expect(wordShape('Putin')).toBe('Xx');
    expect(wordShape('U.S.')).toBe('X.X.');
    expect(wordShape('1996-08-30')).toBe('d-d-d');
    expect(wordShape('iPhone')).toBe('xXx');
  });

  it('never lets I-X follow O or another type', () => {
    const O = 0;
    const bPer = LABELS.indexOf('B-person');
    const iPer = LABELS.indexOf('I-person');
    const iOrg = LABELS.indexOf('I-organization');
    expect(allowedTransition(bPer, iPer)).toBe(true);
    expect(allowedTransition(O, iPer)).toBe(false);
    expect(allowedTransition(bPer, iOrg)).toBe(false);
    expect(allowedTransition(LABEL_COUNT, iPer)).toBe(false);
    // Emissions that prefer I-person everywhere still decode to a valid sequence.
    const emissions = new Float32Array(3 * LABEL_COUNT);
    for (let i = 0; i < 3; i++) emissions[i * LABEL_COUNT + iPer] = 5;
    const labels = new Uint8Array(3);
    viterbi(emissions, new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT), 0, 3, labels);
    expect([...labels].map((l) => LABELS[l])).toEqual(['B-person', 'I-person', 'I-person']);
    expect(mentionsOfLabels(labels)).toEqual([{ from: 0, to: 3, type: 'person' }]);
  });

  it('round-trips a model through the shipped encoding within the int16 quantization step', () => {
    const tableSize = 64;
    const weights = Float32Array.from({ length: tableSize * LABEL_COUNT }, (_, k) => ((k * 7919) % 201) / 10 - 10);
    const transitions = Float32Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, (_, k) => k / 3);
    const decoded = decodeMentionModel(encodeMentionModel({ tableSize, weights, transitions }, (b) => deflateSync(b)));
    expect(decoded.tableSize).toBe(tableSize);
    expect(decoded.transitions[5]).toBeCloseTo(5 / 3, 5);
    const step = 10 / 32767;
    weights.forEach((w, k) => expect(Math.abs(decoded.weights[k] - w)).toBeLessThanOrEqual(step));
  });

  it('computes the same features for the same text, all inside the table', () => {
    const text = 'Finance Minister Anna Kowalczyk met Dariusz Nowak in Gdansk.';
    const tokens = tokenize(text, config);
    const a = tokenFeatures(tokens, [], 1 << 10);
    const b = tokenFeatures(tokens, [], 1 << 10);
    expect([...a.ids]).toEqual([...b.ids]);
    expect(a.offsets).toHaveLength(tokens.length + 1);
    expect(Math.max(...a.ids)).toBeLessThan(1 << 10);
  });
});

describe('the shipped mention model', () => {
  it('loads the shipped weights', () => {
    const model = mentionModel();
    expect(model.weights.length).toBe(model.tableSize * LABEL_COUNT);
    expect(model.weights.some((w) => w !== 0)).toBe(true);
  });

  it('finds and types names no list knows', () => {
    const spans = spansOf('Finance Minister Anna Kowalczyk met Dariusz Nowak of the Baltic Shipping Corporation in Gdansk on Monday.');
    expect(spans).toEqual(expect.arrayContaining(['Anna Kowalczyk/person', 'Dariusz Nowak/person', 'Baltic Shipping Corporation/organization']));
    expect(spans.some((s) => s.startsWith('Monday') || s.startsWith('Finance'))).toBe(false);
  });

  it('splits hyphenated pairs, drops possessives, ignores sentence-start and weekday capitals', () => {
    const spans = spansOf("The U.S.-Russia talks went on Tuesday. Putin's envoy met Moscow's partners.");
    expect(spans).toEqual(['U.S./place', 'Russia/place', 'Putin/person', 'Moscow/place']);
  });

  it('makes a surname the person named in full earlier in the document', () => {
    const text = 'Steven Seagal arrived late.\nOfficials said Seagal would stay.';
    const seagal = extractActors({ title: '', text }).find((a) => a.name === 'Steven Seagal');
    expect(seagal?.type).toBe('person');
    expect(seagal?.mentions.map((m) => m.text)).toEqual(['Steven Seagal', 'Seagal']);
  });
});
