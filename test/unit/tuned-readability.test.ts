import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readabilityClass } from '../../lambdas/core/normalize/domLibraries';

const paragraph = (sentence: string) => `<p>${sentence.repeat(6)}</p>`;

/** A page with bylines (by rel, itemprop and class), javascript: links of one text and of several children, and relative links. */
const html = `<!DOCTYPE html><html lang="de"><head><title>Windkraft: mehr Geld</title></head><body>
  <div class="header"><a rel="author" href="/autoren/kim">Kim Berger</a></div>
  <article><h1>Windkraft: mehr Geld</h1><div class="byline-box">Von <span itemprop="name">Kim Berger</span></div>
  ${paragraph('Die Bundesregierung will den Ausbau der Windkraft an Land beschleunigen, sagte der Minister am Mittwoch. ')}
  <p>Mehr dazu: <a href="javascript:void(0)">im Dossier</a> und <a href="javascript:open()"><b>in der</b> Karte</a>, dazu <a href="../bericht.html">der Bericht</a>.</p>
  ${paragraph('Die Genehmigungsverfahren sollen kürzer werden, die Länder müssen mehr Flächen ausweisen als bisher. ')}
  </article></body></html>`;

describe('Readability with cheap DOM lookups (tunedReadability.ts)', () => {
  const stock = new Readability(parseHTML(html).document as unknown as Document).parse();
  const Tuned = readabilityClass();
  const tuned = new Tuned(parseHTML(html).document as unknown as Document).parse();

  it('returns the same text and byline as Readability.js', () => {
    expect(stock?.textContent).toContain('im Dossier');
    expect(tuned?.textContent).toBe(stock?.textContent);
    expect(tuned?.byline).toBe(stock?.byline);
    expect(tuned?.byline).toBe('Kim Berger');
  });

  it('turns javascript: links into text as Readability.js does, and leaves the other URLs as written', () => {
    expect(tuned?.content).not.toContain('javascript:');
    expect(tuned?.content).toContain('<span><b>in der</b> Karte</span>');
    expect(tuned?.content).toContain('href="../bericht.html"');
  });
});
