/**
 * More extraction rules for the general web (issue 17, second round), each on a small page
 * shaped like the real ones it was learnt from (written for this test, not copied from a data
 * set), and each shown to be what keeps or drops the text: with the rule switched off through
 * the config (or on the page without the shape it answers), the same page fails.
 */
import { normalizeObject, type NormalizeConfig } from '../../lambdas/core/normalize';
import { defaultNormalizeConfig } from '../../lambdas/core/normalize/config';

function extract(html: string, config?: Partial<NormalizeConfig>): string {
  const [outcome] = normalizeObject({ key: 'page.html', body: new TextEncoder().encode(html), contentType: 'text/html', metadata: {} }, config);
  if (!outcome?.ok) throw new Error(`not extracted: ${outcome ? outcome.error : 'no outcome'}`);
  return outcome.doc.text;
}

/** The texts as paragraphs, one a line. */
function paragraphs(texts: readonly string[]): string {
  return texts.map((p) => `<p>${p}</p>`).join('\n');
}

/** A news page whose <article> holds its heading, then `blocks` one a line: the story and what a test sets around it. */
function articlePage(...blocks: string[]): string {
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mehr Busse</title></head><body>
    <article><h1>Mehr Busse für den Norden</h1>
      ${blocks.join('\n      ')}
    </article></body></html>`;
}

const bodyParagraphs = [
  'Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Buslinien im Norden der Stadt ab dem Sommer im Zehn-Minuten-Takt fahren zu lassen.',
  'Die Entscheidung fiel mit 31 zu 12 Stimmen. Die Opposition hatte vor allem die Kosten kritisiert, die sie auf rund zwei Millionen Euro im Jahr schätzt.',
  'Der Verkehrsbetrieb will dafür zwölf neue Fahrerinnen und Fahrer einstellen und drei zusätzliche Busse anschaffen, die bereits bestellt sind.',
  'Anwohnerinnen und Anwohner hatten sich seit Jahren über volle Busse und lange Wartezeiten in den Stoßzeiten beschwert, vor allem am Morgen.',
  'Ob der dichtere Takt auch am Wochenende gilt, soll im Herbst entschieden werden, wenn erste Fahrgastzahlen vorliegen.',
];

describe('a script-rendered page: the DOM holds a teaser, JSON-LD the article (thinTextMaxChars)', () => {
  const articleBody = bodyParagraphs.join('\n\n');
  const html = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mehr Busse für den Norden</title>
    <script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Mehr Busse für den Norden', articleBody })}</script>
    </head><body><div id="app"><h1>Mehr Busse für den Norden</h1>
    <p class="summary">Der Norden der Stadt bekommt ab dem Sommer einen dichteren Bustakt.</p><a href="/app">Ganzen Artikel lesen</a></div></body></html>`;

  it('takes the JSON-LD body, however much longer it is than the DOM text', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
  });

  it('not when the DOM text is a page of its own (over thinTextMaxChars)', () => {
    expect(extract(html, { thinTextMaxChars: 10 })).not.toContain(bodyParagraphs[1]);
  });
});

describe('content linkedom leaves beside the body (gatherStrayContent.ts)', () => {
  const caption = 'Der neue Gelenkbus an der Endhaltestelle im Norden, wo ab dem Sommer alle zehn Minuten einer abfährt.';
  const html = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mehr Busse</title></head>
    <link rel="stylesheet" href="old.css">
    <div id="content"><h1>Mehr Busse für den Norden</h1>
      ${paragraphs(bodyParagraphs.slice(0, 2))}
      <div class="legend"><div class="content">${caption}</div></div>
      ${paragraphs(bodyParagraphs.slice(2))}
    </div><body></body></html>`;

  it('is the article: a browser puts it in the body', async () => {
    const { parseHTML } = await import('linkedom');
    const { gatherStrayContent } = await import('../../lambdas/core/normalize/gatherStrayContent');
    const { document } = parseHTML(html);
    expect(document.body.textContent).not.toContain(bodyParagraphs[0]);
    gatherStrayContent(document as never);
    expect(document.body.textContent).toContain(bodyParagraphs[0]);
  });

  it('is pruned like any body: an image legend goes (class "legend")', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
    expect(text).not.toContain('Gelenkbus');
    expect(extract(html, { boilerplateClassTokens: ['share'] })).toContain('Gelenkbus');
  });
});

describe('notices around the article', () => {
  const disclaimer = 'The advertising disclaimer below does not apply to this article, nor to any article originating from our editorial department.';
  const notice = '© 2026, Beispielnachrichten.de. Dieser Artikel ist urheberrechtlich geschütztes Eigentum von Beispielnachrichten. Ein Nachdruck in Online- oder Printmedien bedarf der schriftlichen Genehmigung. NACHDRUCK OHNE ERLAUBNIS IST STRAFBAR.';
  const html = articlePage(
    `<div class="editorial-disclaimer"><p class="note">${disclaimer}</p></div>`,
    paragraphs(bodyParagraphs),
    `<p><em>${notice}</em></p>`,
  );

  it('a disclaimer box goes (class "disclaimer")', () => {
    expect(extract(html)).not.toContain('advertising disclaimer');
    expect(extract(html, { boilerplateClassTokens: ['share'] })).toContain('advertising disclaimer');
  });

  it('a closing block that opens with © goes at any length; the article stays', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
    expect(text).not.toContain('Nachdruck');
    // Only at the edges: with none (edgeBlocks 0) the notice is text like any other.
    expect(extract(html, { edgeBlocks: 0 })).toContain('Nachdruck');
  });
});

describe('boxes set into the article (class "infobox", "textbox", "factbox", "linkbox")', () => {
  const box = 'Heu ist die Grundlage jeder Fütterung. Was Sie bei der Lagerung beachten müssen, lesen Sie in unserem Ratgeber.';
  const html = articlePage(
    paragraphs(bodyParagraphs.slice(0, 3)),
    `<div class="inlineTextbox inlineTextboxStandard"><p>${box}</p></div>`,
    paragraphs(bodyParagraphs.slice(3)),
  );

  it('go; the article around them stays', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
    expect(text).not.toContain('Heu ist die Grundlage');
    expect(extract(html, { boilerplateClassTokens: ['share'] })).toContain('Heu ist die Grundlage');
  });
});

describe('figure captions set in the text ("Abbildung 4: …")', () => {
  const caption = 'Abbildung 4: Der neue Gelenkbus der Linie 7 an der Endhaltestelle im Norden, aufgenommen bei der ersten Probefahrt im Januar.';
  const html = articlePage(
    paragraphs(bodyParagraphs.slice(0, 2)),
    `<p><img src="bus.jpg" alt=""><br><em><sub>${caption}</sub></em></p>`,
    paragraphs(bodyParagraphs.slice(2)),
  );

  it('go at any length; the article stays', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
    expect(text).not.toContain('Gelenkbus');
    expect(extract(html, { promotionLinePatterns: [] })).toContain('Gelenkbus');
  });
});

describe('the meta description the page shows as its lead (withShownDescription.ts)', () => {
  const lead = 'Die Jugendverbände der Landwirtschaft fordern eine Prämie für Betriebsgründungen. Die Ministerin zeigte sich im ersten Gespräch offen dafür.';
  const pageWith = (description: string, shown: string) => `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mehr Busse</title>
    <meta name="description" content="${description}"></head><body>
    <header class="intro-header"><nav><a href="/">Start</a></nav><h1>Prämie für Gründer?</h1><p class="lead">${shown}</p></header>
    <article>${paragraphs(bodyParagraphs)}</article></body></html>`;

  it('goes first when pruning cut it and it adds to the text', () => {
    const html = pageWith(lead, lead);
    expect(extract(html).split('\n\n')[0]).toBe(lead);
    expect(extract(html, { shownDescriptionMinChars: Number.POSITIVE_INFINITY })).not.toContain('Jugendverbände');
  });

  it('not when the page does not show it (only the meta tag has it)', () => {
    expect(extract(pageWith(lead, 'Ein Gespräch im Ministerium.'))).not.toContain('Jugendverbände');
  });

  it('not when its words are in the text already (a deck restating the first paragraph)', () => {
    const restated = 'Buslinien im Norden der Stadt fahren ab dem Sommer im Zehn-Minuten-Takt, beschlossen hat es der Stadtrat nach langer Debatte.';
    expect(extract(pageWith(restated, restated))).not.toContain(restated);
    expect(extract(pageWith(restated, restated), { shownDescriptionMaxKnownShare: 1 })).toContain(restated);
  });
});

describe('a chrome label of another language opening a line ("Czytaj też: …")', () => {
  const html = articlePage(
    paragraphs(bodyParagraphs.slice(0, 3)),
    `<p><em>Lesen Sie auch: Warum der Nahverkehr im Umland seit Jahren Fahrgäste verliert und was die Kreise dagegen tun wollen</em></p>`,
    paragraphs(bodyParagraphs.slice(3)),
  );

  it('goes with the teaser after it; the article stays', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
    expect(text).not.toContain('Nahverkehr im Umland');
    const english = (patterns: NormalizeConfig['promotionLinePatterns']) => patterns.filter((pattern) => !pattern.source.includes('lesen sie auch'));
    expect(extract(html, { promotionLinePatterns: english(defaultNormalizeConfig.promotionLinePatterns) })).toContain('Nahverkehr im Umland');
  });
});

describe('an ad label opening a line ("*Werbung. …", "ANZEIGE - …")', () => {
  const html = articlePage(
    `<p><em>*Werbung. Dieser Beitrag enthält Werbung für die Verkehrsbetriebe der Stadt und ihre neue App.</em></p>`,
    paragraphs(bodyParagraphs),
  );

  it('goes; the article stays', () => {
    const text = extract(html);
    for (const paragraph of bodyParagraphs) expect(text).toContain(paragraph);
    expect(text).not.toContain('enthält Werbung');
    const withoutAdLabel = defaultNormalizeConfig.promotionLinePatterns.filter((pattern) => !pattern.source.includes('werbung|anzeige'));
    expect(extract(html, { promotionLinePatterns: withoutAdLabel })).toContain('enthält Werbung');
  });
});

describe('an article split into like boxes (splitArticleMaxLevels)', () => {
  const more = [
    'Die Fahrgastverbände begrüßten den Beschluss, mahnten aber an, auch die Verbindungen in die Nachbargemeinden zu verbessern.',
    'Der Landkreis will sich an den Kosten nicht beteiligen, solange die Linien an der Stadtgrenze enden, hieß es aus dem Landratsamt.',
  ];
  const boxes = [bodyParagraphs.slice(0, 2), bodyParagraphs.slice(2, 4), [bodyParagraphs[4], ...more]];
  const html = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mehr Busse</title></head><body>
    <div class="teaser-row"><div class="card"><p>Der neue Radweg am Fluss ist fertig. Ab Montag dürfen ihn Radfahrer und Fußgänger nutzen, sagt die Stadt.</p></div></div>
    <div class="page"><h1>Mehr Busse für den Norden</h1><div class="field field--name-body">
      ${boxes.map((box) => `<div class="field__item"><div class="paragraph"><div class="text-formatted">${box.map((p) => `<p>${p}</p>`).join('')}</div></div></div>`).join('\n')}
      <div class="field__item"><a class="file" href="/beschluss.pdf">Beschluss (PDF)</a></div>
    </div></div></body></html>`;

  it('is read whole, where Readability takes one box', () => {
    const text = extract(html);
    for (const paragraph of [...bodyParagraphs, ...more]) expect(text).toContain(paragraph);
    const oneBox = extract(html, { splitArticleMaxLevels: 0 });
    expect([...bodyParagraphs, ...more].filter((p) => !oneBox.includes(p)).length).toBeGreaterThan(0);
  });
});
