import CHROME_LABELS from './chrome-labels.json';

/**
 * Lengths a document's fields are kept within, whatever the input says (characters, UTF-16).
 * A 5,000-character source name or title is cut, never stored whole: a source id is part of
 * DynamoDB keys (a sort key holds at most 1,024 bytes), and every field reaches an alert.
 */
/** A title longer than this is cut at a word boundary, marked "…". */
export const MAX_TITLE_CHARS = 300;
/** A byline ("By …"), a site name. */
export const MAX_BYLINE_CHARS = 200;
/** A source's display name. */
export const MAX_SOURCE_NAME_CHARS = 100;
/**
 * A source id (a slug): a longer one keeps its first characters and ends in a hash of the whole
 * slug, so two long names that differ late stay two sources. At most 64 code points: 256 bytes.
 */
export const MAX_SOURCE_ID_CHARS = 64;
/** A domain name (DNS allows 253 characters): a longer "domain" is not one and is ignored. */
export const MAX_DOMAIN_CHARS = 253;

/**
 * Bounds of an HTML page's markup, applied in one linear pass before it is parsed
 * (htmlBounds.ts), so that no page keeps parsing and extraction busy for long. linkedom's parser
 * works in the square of the depth (200,000 nested `<div>`s took 33-42 s to fail); Readability
 * reads each element's subtree once per ancestor, and the text of each nested block once per
 * pair of ancestors (a 64 KB page of spaces 125 levels down took 3.4 s), several times over when
 * it finds little text. Counted once scripts, styles, SVG, menus and comments are taken out.
 * The 713 real pages of the extraction benchmark and web-extraction-dev (test/fixtures too) nest
 * at most 51 levels (p99 31), and reach at most 9,647 elements, element depths adding up to
 * 147,096, and text depths squared to 129.5 million: each limit is 2 to 4 times that, which
 * keeps the slowest page that passes them at a few seconds at most (see the tests).
 */
/** Elements deeper than this are flattened (tags dropped, text kept), as browsers do past 512. */
export const MAX_HTML_DEPTH = 128;
/** A page with more elements than this is rejected. */
export const MAX_HTML_ELEMENTS = 30_000;
/** A page whose elements' depths add up to more than this is rejected. */
export const MAX_HTML_NESTING_WORK = 300_000;
/** A page whose text characters' squared depths add up to more than this is rejected. */
export const MAX_HTML_TEXT_NESTING_WORK = 500_000_000;

/** Tuning constants of the normalize step. Callers override any of them with a Partial. */
export interface NormalizeConfig {
  /** Largest object accepted, checked on the stored bytes and again after gunzip. */
  maxObjectBytes: number;
  /** Share of control bytes (other than tab, CR, LF, FF) above which an object is binary. */
  binaryControlRatio: number;
  /** How many leading bytes the binary and charset sniffers look at. */
  sniffBytes: number;
  /** Undeclared legacy text with at least this share of high bytes among letters is Cyrillic. */
  cyrillicHighByteShare: number;

  /** A block at least this long is body text; shorter ones may be labels, headings or chrome. */
  minParagraphChars: number;
  /** A title line: between these many words and at most titleMaxChars, no final period. */
  titleMinWords: number;
  titleMaxChars: number;
  /** A title derived from the first sentence is cut at a word boundary below this. */
  derivedTitleMaxChars: number;
  /** Words a derived title must not end on after a cut. */
  titleTrailingStopWords: string[];
  /** Abbreviations that end in a period without ending a sentence. */
  abbreviations: string[];

  /** Whole lines that are site chrome wherever they appear (compared case-insensitively, trailing punctuation ignored). */
  boilerplateLines: string[];
  /** Lines that are site chrome when they start with one of these (lower-case). */
  boilerplatePrefixes: string[];
  /**
   * Lines that are site chrome at any length: a promotion label with the teaser it introduces
   * ("Trending: Apple's $29 battery…", "READ MORE: …"), share, follow and subscription lines.
   */
  promotionLinePatterns: RegExp[];
  /**
   * A line that is only a list label ("Read more:", "Trending Right Now:", "BGR Top Deals:"):
   * dropped with the teaser headlines under it (lines that end no sentence).
   */
  teaserListLabels: RegExp[];
  /** Section labels: dropped when they stand alone before the article starts. */
  sectionLabels: string[];
  /** Before the first body paragraph, a block of at most this many words (no sentence) above the title is a label. */
  headLabelMaxWords: number;
  /** A lone token at most this long, all lower-case, before the body is scraper junk ("runio"). */
  headJunkMaxChars: number;
  /** Headers of an on-page table of contents; the list right under them goes too. */
  tableOfContentsHeaders: string[];
  /** How many blocks at the end are searched for an author/site self-description. */
  tailBlocks: number;
  /** Patterns of a self-promotion paragraph; group "site" (if any) names the outlet. */
  selfPromotionPatterns: RegExp[];
  /** Patterns naming the outlet in the prose; group "name" is the outlet. */
  textSourcePatterns: RegExp[];
  /** Capitalised words that look like an outlet in "X reports" but are not one. */
  notSourceNames: string[];
  /** A byline line: "By Firstname Lastname". Group "name" is the author. */
  bylinePattern: RegExp;

  /** Class/id tokens of page widgets pruned before extraction (share bars, related links, …). */
  boilerplateClassTokens: string[];
  /** Class/id tokens pruned whatever their size (cookie banners, comment engines). */
  alwaysBoilerplateClassTokens: string[];
  /** Class/id tokens of content containers: with this many chars, they are kept whatever else they are named. */
  contentClassTokens: string[];
  pruneContentMinChars: number;
  /** A chrome element holding at least this share of the page's text (and this many chars) is kept. */
  pruneGuardShare: number;
  pruneGuardMinChars: number;
  /**
   * An element named like a widget (or a page <header>) holding this many characters of prose
   * paragraphs (proseParagraphMinChars each, a sentence mark, under half links) is article text.
   */
  pruneProseMinChars: number;
  pruneHeaderProseMinChars: number;
  /** A prose paragraph: a `<p>` this long, with a sentence mark, under proseMaxLinkShare links. */
  proseParagraphMinChars: number;
  proseMaxLinkShare: number;
  /**
   * When Readability's text holds under readabilityMinProseCoverage of the page's prose, the
   * smallest element holding proseContainerShare of it is the article instead (with at least
   * proseContainerMinChars of prose).
   */
  readabilityMinProseCoverage: number;
  proseContainerSlack: number;
  proseContainerMinChars: number;
  proseContainerMinParagraphs: number;
  /** How far above the prose element an article split into like boxes is looked for (0: never). */
  splitArticleMaxLevels: number;
  /** The lead kept above the body: at most this many paragraphs, each at least this long. */
  leadMaxParagraphs: number;
  leadMinChars: number;
  leadMaxLevels: number;
  /**
   * Readability searches only the element holding this share of the page's prose, this many
   * levels up (-1: the whole page); what is outside cannot be the article and costs its time.
   */
  readabilityScopeProseShare: number;
  readabilityScopeLevels: number;
  /** Extracted text this short gets the meta description first, when that is this long and not in it. */
  thinTextMaxChars: number;
  thinTextMinDescriptionChars: number;
  /**
   * A meta description at least this long goes first when the text lacks it and the page shows
   * it (its first shownDescriptionProbeChars characters stand verbatim in the body's markup).
   */
  shownDescriptionMinChars: number;
  shownDescriptionProbeChars: number;
  /** ... unless more than this share of its words (this many letters or more) are in the text already. */
  shownDescriptionMaxKnownShare: number;
  shownDescriptionMinWordChars: number;
  /** How far into a page its doctype is looked for, past server warnings printed before it. */
  preambleMaxChars: number;
  /** A block with at least this share of its characters inside links is navigation or a promo. */
  maxLinkDensity: number;
  /** JSON-LD articleBody replaces the DOM text when at least this long and this share of the DOM text's length. */
  jsonLdBodyMinChars: number;
  jsonLdBodyMinShare: number;
  jsonLdBodyMaxRatio: number;
  /** A short block (at most this many chars) that is a date, a caption credit or contact details is chrome. */
  shortBlockMaxChars: number;
  /** How many blocks at the top and bottom of the extracted text may be datelines. */
  edgeBlocks: number;
  /** A block of at least this many words seen twice is a caption or promo: the repeat goes. */
  repeatMinWords: number;

  /** Lines no longer than this, with none longer, mean the text was hard-wrapped. */
  hardWrapMaxChars: number;
  /** A hard-wrapped text has at least this many lines. */
  hardWrapMinLines: number;

  /** HTML bounds (see MAX_HTML_DEPTH and the constants beside it). */
  maxHtmlDepth: number;
  maxHtmlElements: number;
  maxHtmlNestingWork: number;
  maxHtmlTextNestingWork: number;

  /** Field caps (see MAX_TITLE_CHARS and the constants beside it). */
  maxTitleChars: number;
  maxBylineChars: number;
  maxSourceNameChars: number;
  maxSourceIdChars: number;
}

/** The chrome labels of other languages, by language (data: chrome-labels.json). */
const OTHER_LANGUAGE_CHROME_LINES: string[] = Object.entries(CHROME_LABELS)
  .filter(([language]) => language !== '_comment')
  .flatMap(([, labels]) => labels as string[]);

/**
 * A chrome label of another language opening a line, with its colon: "Czytaj też: <teaser>",
 * "Lesen Sie auch: …" (the English ones are in promotionLinePatterns).
 */
const OTHER_LANGUAGE_LABEL_LINE = new RegExp(
  `^(?:${OTHER_LANGUAGE_CHROME_LINES.map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*:`, 'iu');

export const defaultNormalizeConfig: NormalizeConfig = {
  maxObjectBytes: 5 * 1024 * 1024,
  binaryControlRatio: 0.05,
  sniffBytes: 8192,
  cyrillicHighByteShare: 0.3,

  minParagraphChars: 80,
  titleMinWords: 3,
  titleMaxChars: 160,
  derivedTitleMaxChars: 110,
  titleTrailingStopWords: [
    'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or',
    'the', 'to', 'with', 'that', 'which', 'who', 'its', 'their', 'his', 'her',
  ],
  abbreviations: [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj', 'capt',
    'sgt', 'adm', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'vs', 'etc', 'no', 'jan', 'feb',
    'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'dept',
  ],

  boilerplateLines: [
    'advertisement', 'advertisements', 'sponsored', 'sponsored content', 'trending', 'trending now',
    'share', 'share this', 'share this article', 'share on facebook', 'share on twitter',
    'tweet', 'email', 'print', 'facebook', 'twitter', 'whatsapp', 'linkedin', 'telegram', 'reddit',
    'connect with us', 'follow us', 'exit mobile version', 'skip to content', 'skip to main content',
    'published', 'updated', 'on', 'by', 'menu', 'search', 'home', 'close', 'read more', 'more',
    'related', 'related articles', 'related posts', 'related stories', 'you may also like',
    'recommended', 'most read', 'most popular', 'popular', 'latest', 'latest news', 'comments',
    'leave a comment', 'leave a reply', 'loading', 'subscribe', 'sign up', 'sign in', 'log in',
    'newsletter', 'tags', 'continue reading', 'back to top', 'scroll to top', 'photo', 'video',
    'listen to this article', 'click to share', 'copy link', 'all rights reserved',
    ...OTHER_LANGUAGE_CHROME_LINES,
  ],
  boilerplatePrefixes: [
    'share this article', 'sign up for our', 'subscribe to our', 'follow us on', 'click here to',
    'copyright ©', '© ', 'all rights reserved', 'read more:', 'related:', 'also read:', 'tags:',
    'enlarge this image', 'image caption', 'image source', 'getty images', 'photo:', 'source:',
  ],
  promotionLinePatterns: [
    /^(?:trending(?: now| right now| stories)?|read more|read also|also read|more|related(?: stories| articles| posts| coverage| content)?|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed)(?: in [^:]{1,40})?|more (?:from|on|about) [^:]{1,60}|see also|don[’']t miss|must read|top stories|editor[’']s picks?|up next|watch|listen)\s*:/iu,
    /^(?:most read in\b|related stories\b|newsletter sign up\b|advertisement continue reading\b|continue reading the main story\b|sign up for\b|subscribe (?:to|for|now)\b|get the [^.]{1,40} newsletter\b|join the conversation\b)/iu,
    /^(?:follow|like) [^.]{1,60} on (?:twitter|facebook|instagram|linkedin|telegram|tiktok|youtube)\b/iu,
    /^(?:share|tweet|email|pin)(?: this)?(?: (?:article|story|page|on [a-z]+))*\s*$/iu,
    /\boriginally appeared on [\p{L}\p{N}.-]+\.\p{L}{2,}\b/iu,
    // A figure's caption set in the text: "Abbildung 4: …", "Abb. 2:", "Figure 3:", "Grafik:".
    OTHER_LANGUAGE_LABEL_LINE,
    // An ad label opening a line: "*Werbung. Dieser Beitrag enthält Werbung für …", "ANZEIGE - …".
    /^\*?(?:werbung|anzeige|advertisement|sponsored|publicidad|publicité|reklama|pubblicità)\s*[.:\-–—|]/iu,
    /^(?:abbildung|abb\.|figure|fig\.|grafik|schaubild|illustration|gráfico|ilustración|rysunek|ryc\.)\s*\d*\s*:/iu,
  ],
  teaserListLabels: [
    /^(?:trending(?: now| right now| stories)?|read more|read also|also read|more|related(?: stories| articles| posts| coverage| content)?|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed)|more (?:from|on|about) [^:]{1,60}|see also|you (?:may|might) also like|top stories|[\p{L}\p{N}.]+ top deals|top deals|continue reading…?)\s*:?\s*$/iu,
  ],
  sectionLabels: [
    'world', 'world news', 'news', 'politics', 'business', 'economy', 'europe', 'asia', 'africa',
    'americas', 'middle east', 'us', 'u.s.', 'uk', 'opinion', 'analysis', 'sport', 'sports',
    'tech', 'technology', 'science', 'health', 'culture', 'entertainment', 'breaking',
    'breaking news', 'international', 'national', 'local', 'diplomacy', 'security', 'defense',
  ],
  headLabelMaxWords: 2,
  headJunkMaxChars: 12,
  tableOfContentsHeaders: [
    'article subheadings', 'table of contents', 'contents', 'in this article', 'jump to',
    'on this page', 'sections',
  ],
  tailBlocks: 4,
  selfPromotionPatterns: [
    // "As the News Editor at News Journos, I am …": a role at the outlet, in the first person.
    /^As (?:the|a|an|our) [^,.]{2,60}? (?:at|of|for) (?<site>[A-Z][\p{L}\p{N}.&' -]{1,50}?),/u,
    /^(?:I am|I'm) (?:a|an|the) [^.]{2,80}? (?:at|of|for|with) (?<site>[A-Z][\p{L}\p{N}.&' -]{1,50}?)[,.]/u,
    /^(?<site>[A-Z][\p{L}\p{N}.&' -]{1,50}?) is your (?:go-to|trusted|independent|number one|#1)\b/u,
    /^About the author\b/iu,
  ],
  textSourcePatterns: [
    // ", Caliber.Az reports via foreign media." — attribution clause at the end of a sentence.
    /,\s+(?<name>[A-Z][\p{L}\p{N}&-]*(?:[. ][A-Z][\p{L}\p{N}&-]*){0,3})\s+(?:reports|reported)\b/u,
  ],
  notSourceNames: [
    'media', 'reports', 'report', 'news', 'officials', 'sources', 'state media', 'local media',
    'the', 'he', 'she', 'it', 'they', 'police', 'witnesses',
  ],
  bylinePattern: /^(?:By|Written by|Author:)\s+(?<name>[\p{Lu}][\p{L}'’.-]+(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|de|van|von|al|bin|and|&)){0,5})$/u,

  boilerplateClassTokens: [
    'share', 'shares', 'sharing', 'sharebar', 'social', 'socials', 'related', 'recirc', 'recirculation',
    'recommended', 'recommendations', 'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup',
    'promo', 'promos', 'promotion', 'advert', 'advertisement', 'ad', 'ads', 'adslot', 'adunit', 'sponsor',
    'sponsored', 'outbrain', 'taboola', 'sidebar', 'breadcrumb', 'breadcrumbs', 'popup', 'modal', 'nav',
    'navbar', 'navigation', 'menu', 'footer', 'masthead', 'toolbar', 'byline', 'dateline', 'timestamp',
    'caption', 'credit', 'credits', 'trending', 'comment', 'comments', 'pagination', 'pager', 'widget',
    'dek', 'standfirst', 'kicker', 'author', 'bio', 'legend', 'disclaimer', 'infobox', 'textbox', 'factbox', 'linkbox',
  ],
  alwaysBoilerplateClassTokens: ['cookie', 'cookies', 'consent', 'gdpr', 'disqus', 'onetrust'],
  contentClassTokens: ['content', 'article', 'body', 'main', 'post', 'entry', 'story', 'text', 'blog', 'news'],
  pruneContentMinChars: 500,
  pruneGuardShare: 0.2,
  pruneGuardMinChars: 300,
  pruneProseMinChars: 400,
  pruneHeaderProseMinChars: 150,
  proseParagraphMinChars: 80,
  proseMaxLinkShare: 0.5,
  readabilityMinProseCoverage: 0.5,
  proseContainerSlack: 1.3,
  proseContainerMinChars: 300,
  proseContainerMinParagraphs: 3,
  splitArticleMaxLevels: 4,
  preambleMaxChars: 16_384,
  leadMaxParagraphs: 2,
  leadMinChars: 60,
  leadMaxLevels: 5,
  readabilityScopeProseShare: 0.9,
  readabilityScopeLevels: 1,
  thinTextMaxChars: 400,
  thinTextMinDescriptionChars: 80,
  shownDescriptionMinChars: 80,
  shownDescriptionProbeChars: 40,
  shownDescriptionMaxKnownShare: 0.7,
  shownDescriptionMinWordChars: 4,
  maxLinkDensity: 0.8,
  jsonLdBodyMinChars: 600,
  jsonLdBodyMinShare: 0.6,
  jsonLdBodyMaxRatio: 1.3,
  shortBlockMaxChars: 200,
  edgeBlocks: 4,
  repeatMinWords: 5,

  hardWrapMaxChars: 100,
  hardWrapMinLines: 6,

  maxHtmlDepth: MAX_HTML_DEPTH,
  maxHtmlElements: MAX_HTML_ELEMENTS,
  maxHtmlNestingWork: MAX_HTML_NESTING_WORK,
  maxHtmlTextNestingWork: MAX_HTML_TEXT_NESTING_WORK,

  maxTitleChars: MAX_TITLE_CHARS,
  maxBylineChars: MAX_BYLINE_CHARS,
  maxSourceNameChars: MAX_SOURCE_NAME_CHARS,
  maxSourceIdChars: MAX_SOURCE_ID_CHARS,
};

export function resolveNormalizeConfig(overrides?: Partial<NormalizeConfig>): NormalizeConfig {
  return { ...defaultNormalizeConfig, ...overrides };
}
