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

describe('ruby annotations: the readings above Japanese words are not text', () => {
  const html = page(`
  <div class="wrap"><div id="main"><div class="article-main">
    <h1 class="article-main__title"><ruby>法律<rt>ほうりつ</rt></ruby>が<ruby>変<rt>か</rt></ruby>わります</h1>
    <div class="article-main__body">
      <p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>親<rt>おや</rt></ruby>が<ruby>子<rt>こ</rt></ruby>どもを<ruby>教育<rt>きょういく</rt></ruby>するために<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>を<ruby>禁止<rt>きんし</rt></ruby>することになりました。</p>
      <p><ruby>新<rt>あたら</rt></ruby>しい<ruby>法律<rt>ほうりつ</rt></ruby>では、<ruby>児童相談所<rt>じどうそうだんじょ</rt></ruby>の<ruby>力<rt>ちから</rt></ruby>を<ruby>強<rt>つよ</rt></ruby>くしました。<ruby>医者<rt>いしゃ</rt></ruby>が<ruby>意見<rt>いけん</rt></ruby>を<ruby>言<rt>い</rt></ruby>うようにしました。</p>
    </div>
  </div></div></div>`, 'ja');

  it('keeps the words and drops their readings (<rt>) and brackets (<rp>)', () => {
    const text = extract(html);
    expect(text).toContain('子どもへの虐待をなくすための法律ができて、親が子どもを教育するために体罰を禁止することになりました。');
    expect(text).not.toContain('ほうりつ');
    expect(text).not.toContain('(');
  });
});

describe('Readability searches only where the prose is (readabilityScope*)', () => {
  const body = [
    'Die Entscheidung fiel mit 31 zu 12 Stimmen. Die Opposition hatte vor allem die Kosten kritisiert, die sie auf rund zwei Millionen Euro im Jahr schätzt.',
    'Der Verkehrsbetrieb will dafür zwölf neue Fahrerinnen und Fahrer einstellen und drei zusätzliche Busse anschaffen, die bereits bestellt sind.',
    'Anwohnerinnen und Anwohner hatten sich seit Jahren über volle Busse und lange Wartezeiten in den Stoßzeiten beschwert, vor allem am Morgen.',
  ];
  const menu = Array.from({ length: 40 }, (_, i) => `<li><a href="/rubrik/${i}">Rubrik ${i}</a></li>`).join('');
  const html = page(`${siteChrome}
  <div class="page"><div class="columns">
    <div class="left-col"><ul class="sections">${menu}</ul></div>
    <div class="main-col"><div class="story">
      <h1>Mehr Busse für den Norden</h1>
      <div class="story-text">${body.map((p) => `<p>${p}</p>`).join('')}</div>
    </div></div>
    <div class="right-col"><div class="teasers"><a href="/a">Neue Radwege: Stadt plant 40 Kilometer</a> <a href="/b">Parkgebühren steigen ab Mai</a></div></div>
  </div></div>${siteFooter}`);

  it('finds the article as the whole page would', () => {
    const scoped = extract(html);
    for (const paragraph of body) expect(scoped).toContain(paragraph);
    expect(scoped).not.toContain('Rubrik 3');
    expect(scoped).toBe(extract(html, { readabilityScopeLevels: -1 }));
  });
});

describe('Readability with cheap DOM lookups (tunedReadability.ts)', () => {
  it('returns what Readability.js returns, on a page where it renames elements', async () => {
    const { Readability } = await import('@mozilla/readability');
    const { parseHTML } = await import('linkedom');
    const { readabilityClass } = await import('../../lambdas/core/normalize/domLibraries');
    // Divs of phrasing content become <p>s, lists and tables are cleaned conditionally, a hidden box is skipped.
    const html = page(`<div class="post"><h2>Rezept</h2><div>Eine Zeile Text ohne Absatz, mit <b>fett</b> und <a href="#x">Link</a>.</div>
      <div style="display: none">Versteckt: nie Teil des Artikels.</div>
      <p>${'Der Teig wird eine Stunde gekühlt, dann dünn ausgerollt und in Kreise geschnitten. '.repeat(6)}</p>
      <ul><li>200 g Mehl</li><li>100 g Butter</li></ul><table><tr><td>Backzeit</td><td>25 Minuten</td></tr></table>
      <p>${'Die Füllung kommt in die Mitte, die Ränder werden mit etwas Wasser bestrichen. '.repeat(6)}</p></div>`);
    const stock = new Readability(parseHTML(html).document as unknown as Document).parse();
    const Tuned = readabilityClass();
    const tuned = new Tuned(parseHTML(html).document as unknown as Document).parse();
    expect(tuned?.textContent).toBe(stock?.textContent);
    expect(tuned?.content).toBe(stock?.content);
    expect(tuned?.textContent).not.toContain('Versteckt');
  });
});

describe('a page with next to no text gets its meta description (thinText*)', () => {
  const description = 'Auch auf dem Wissenscamp 2026 haben wir live gepodcastet. Zu Gast waren zwei Forscherinnen, die über ihre Eindrücke vom Camp erzählen.';
  const html = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Folge 39: Live vom Wissenscamp</title>
    <meta property="og:description" content="${description}"></head><body>${siteChrome}
    <div class="post"><h1>Folge 39: Live vom Wissenscamp</h1><div class="player" data-episode="39"></div>
    <p class="meta">Veröffentlicht am 17. Dezember 2026 · 42 Minuten</p></div>${siteFooter}</body></html>`;

  it('puts the description first', () => {
    expect(extract(html).split('\n\n')[0]).toBe(description);
  });

  it('only when the text is that short', () => {
    expect(extract(html, { thinTextMaxChars: 0 })).not.toContain(description);
  });
});

describe('chrome labels of other languages (chrome-labels.json)', () => {
  const paragraphs = [
    'Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Buslinien im Norden der Stadt ab dem Sommer im Zehn-Minuten-Takt fahren zu lassen.',
    'Die Entscheidung fiel mit 31 zu 12 Stimmen. Die Opposition hatte vor allem die Kosten kritisiert, die sie auf rund zwei Millionen Euro im Jahr schätzt.',
    'Der Verkehrsbetrieb will dafür zwölf neue Fahrerinnen und Fahrer einstellen und drei zusätzliche Busse anschaffen, die bereits bestellt sind.',
  ];
  const html = page(`<article><h1>Mehr Busse für den Norden</h1><p>Von:</p><p><strong>Karin Beispiel</strong></p>
    ${paragraphs.map((p) => `<p>${p}</p>`).join('')}<h3>Schon gelesen?</h3><p>Weitere Informationen erhalten Sie beim Verkehrsbetrieb der Stadt, der auch die neuen Fahrpläne veröffentlicht.</p></article>`);

  it('go as whole lines; the same words inside a sentence stay', () => {
    const lines = extract(html).split('\n\n');
    for (const paragraph of paragraphs) expect(lines).toContain(paragraph);
    expect(lines).not.toContain('Von:');
    expect(lines).not.toContain('Schon gelesen?');
    expect(lines.join(' ')).toContain('Weitere Informationen erhalten Sie');
  });
});

describe('text in canonical composition (NFC)', () => {
  it('joins a letter and its combining mark as one character, as the same words typed composed', () => {
    const decomposed = 'Die Stadtwerke Mu\u0308nchen erho\u0308hen die Preise fu\u0308r Fernwa\u0308rme zum ersten Januar um durchschnittlich zwölf Prozent, teilte das Unternehmen mit.';
    const html = page(`<article><h1>Fernwärme wird teurer</h1><p>${decomposed}</p><p>${decomposed.replace('zwölf', 'elf')}</p><p>${decomposed.replace('zwölf', 'neun')}</p></article>`);
    const text = extract(html);
    expect(text).toContain('Die Stadtwerke München erhöhen die Preise für Fernwärme');
    expect(text).not.toContain('u\u0308');
  });
});
