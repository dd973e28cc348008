/**
 * The HTML extraction rules for the general web (issue 17), each on a small page shaped like the
 * real ones it was learnt from (written for this test, not copied from a data set). Each case
 * also runs with its rule switched off through the config, to show the rule is what keeps the
 * text: the same page then loses it.
 */
import { normalizeObject, type NormalizeConfig } from '../../lambdas/core/normalize';

function extract(html: string, config?: Partial<NormalizeConfig>): string {
  const [outcome] = normalizeObject({ key: 'page.html', body: new TextEncoder().encode(html), contentType: 'text/html', metadata: {} }, config);
  if (!outcome?.ok) throw new Error(`not extracted: ${outcome ? outcome.error : 'no outcome'}`);
  return outcome.doc.text;
}

const page = (body: string, lang = 'de') => `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>Seite</title></head><body>${body}</body></html>`;

const siteChrome = `
  <div class="site-header"><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a></div>`;
const siteFooter = `
  <div class="site-footer"><p>Impressum · Datenschutz · Kontakt</p><p>© 2026 Beispielverlag GmbH. Alle Rechte vorbehalten.</p></div>`;

describe('lead: the intro paragraphs between the headline and the body', () => {
  const lead = 'Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Buslinien im Norden der Stadt ab dem Sommer im Zehn-Minuten-Takt fahren zu lassen.';
  const html = page(`${siteChrome}
  <div class="news news-single"><article class="article detail">
    <div class="news-header"><p class="categorylist"><span>Verkehr</span></p><h1>Mehr Busse für den Norden</h1></div>
    <div class="news-block">
      <p class="news-description">${lead}</p>
      <p class="text-muted"><span class="news-author">Karin Beispiel</span>, <time datetime="2026-03-02">02.03.2026</time></p>
    </div>
    <div class="row"><div class="col-md-8"><button type="button">Teilen</button></div></div>
    <div class="row"><div class="col-md-8">
      <figure class="image"><img src="bus.jpg" alt=""><figcaption>Ein Bus der Linie 7 an der Endhaltestelle. (Foto: Archiv)</figcaption></figure>
      <div class="news-text-wrap">
        <p>Die Entscheidung fiel mit 31 zu 12 Stimmen. Die Opposition hatte vor allem die Kosten kritisiert, die sie auf rund zwei Millionen Euro im Jahr schätzt.</p>
        <p>Der Verkehrsbetrieb will dafür zwölf neue Fahrerinnen und Fahrer einstellen und drei zusätzliche Busse anschaffen, die bereits bestellt sind.</p>
        <p>Anwohnerinnen und Anwohner hatten sich seit Jahren über volle Busse und lange Wartezeiten in den Stoßzeiten beschwert, vor allem am Morgen.</p>
        <p>Ob der dichtere Takt auch am Wochenende gilt, soll im Herbst entschieden werden, wenn erste Fahrgastzahlen vorliegen.</p>
      </div>
    </div></div>
  </article></div>
  </div>${siteFooter}`);

  it('is kept, before the body', () => {
    const text = extract(html);
    expect(text).toContain(lead);
    expect(text.indexOf(lead)).toBeLessThan(text.indexOf('Die Entscheidung fiel'));
    expect(text).not.toContain('Alle Rechte vorbehalten');
  });

  it('is what Readability alone leaves out', () => {
    expect(extract(html, { leadMinChars: Number.POSITIVE_INFINITY })).not.toContain(lead);
  });
});
