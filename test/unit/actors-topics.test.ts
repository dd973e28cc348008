/**
 * IPTC Media Topics: the taxonomy's coverage (real codes, second level under the subjects the
 * issue names) and the seeds' topics (diplomacy and war present; sport, weather, elections absent).
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';
import { IPTC_TOPICS, tagTopics } from '../../lambdas/core/tag';

const SEEDS = path.join(__dirname, '..', 'fixtures', 'tag', 'seeds');
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

describe('the IPTC taxonomy', () => {
  const byCode = new Map(IPTC_TOPICS.map((t) => [t.code, t]));

  it('has unique codes, every parent present, and the 17 top-level subjects', () => {
    expect(byCode.size).toBe(IPTC_TOPICS.length);
    for (const topic of IPTC_TOPICS) if (topic.parent) expect(byCode.has(topic.parent)).toBe(true);
    const top = IPTC_TOPICS.filter((t) => !t.parent).map((t) => t.code).sort();
    expect(top).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17'].map((n) => `${n}000000`));
  });

  it.each([
    ['11000000', ['20000574', '20000587', '20000593', '20000621', '20000638', '20000646', '20000647', '20000648', '20000649']],
    ['16000000', ['20000053', '20000056', '20000065', '20000070', '20000071', '20000073', '20000077', '20000080']],
    ['02000000', ['20000082', '20000106', '20000119', '20000121', '20000129']],
    ['03000000', ['20000139', '20000148', '20000168']],
    ['04000000', ['20000170', '20000209', '20000344', '20000385']],
    ['07000000', ['20000446', '20000461', '20000463', '20000464', '20000480', '20000483', '20000484', '20000485', '20000493']],
    ['13000000', ['20000710', '20000715', '20000717', '20000735', '20000741', '20000742', '20000755', '20000756']],
    ['15000000', ['20000822', '20001103', '20001104', '20001108', '20001124', '20001125', '20001126', '20001148', '20001301', '20001323', '20001324', '20001325']],
  ])('%s has its second-level topics', (parent, children) => {
    const actual = IPTC_TOPICS.filter((t) => t.parent === parent).map((t) => t.code).sort();
    expect(actual).toEqual([...children].sort());
  });

  it('labels them as IPTC does', () => {
    expect(byCode.get('20000639')?.label).toBe('diplomacy');
    expect(byCode.get('20000638')?.label).toBe('international relations');
    expect(byCode.get('20000065')?.label).toBe('civil unrest');
    expect(byCode.get('20000344')?.label).toBe('economy');
  });
});

describe('topics of short articles on each subject', () => {
  it.each([
    ['crime', 'Police arrested a man in connection with the murder of a shopkeeper. Detectives said the suspect was in custody and prosecutors would charge him with murder.', '02000000'],
    ['economy', 'Inflation rose to 4 percent as consumer prices climbed, and the central bank said interest rates would stay high. Economists warned of a recession as GDP growth slowed.', '20000344'],
    ['civil unrest', 'Thousands of demonstrators clashed with police as protests over fuel prices turned into riots. Police fired tear gas and a curfew was imposed.', '20000065'],
    ['science', 'Scientists at CERN said their experiment found a new particle. The physicists published the findings in a peer reviewed study; quantum physics may need revising.', '20000735'],
    ['political crisis', 'The prime minister faces a no confidence vote in parliament after the coalition collapsed, deepening the political crisis.', '20000647'],
  ])('%s', (_name, text, code) => {
    expect(tagTopics({ title: '', text }, []).map((t) => t.id)).toContain(`iptc:${code}`);
  });
});

describe('the seeds', () => {
  it.each(seedFiles)('%s: diplomacy, international relations and war/conflict; no sport, weather or elections', (file) => {
    const ids = tagTopics({ title: '', text: readFileSync(path.join(SEEDS, file), 'utf8') }, []).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['iptc:20000639', 'iptc:20000638', 'iptc:16000000']));
    expect(ids.some((id) => id === 'iptc:20000056' || id === 'iptc:20000073')).toBe(true);
    const sport = ids.filter((id) => id === 'iptc:15000000' || /^iptc:2000(0822|11\d\d|1301|132\d)$/.test(id));
    expect({ sport, weather: ids.filter((id) => id === 'iptc:17000000'), elections: ids.filter((id) => id === 'iptc:20000574') })
      .toEqual({ sport: [], weather: [], elections: [] });
  });
});
