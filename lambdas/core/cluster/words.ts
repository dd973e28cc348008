/**
 * Word lists shipped with the cluster step. No corpus statistics are available per article,
 * so frequency is approximated: stopwords are dropped, common news words are down-weighted.
 */

/** English function words (dropped before weighting). */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been
  before being below between both but by can cannot could couldn did didn do does doesn doing
  don down during each either else ever every few for from further had hadn has hasn have haven
  having he her here hers herself him himself his how however i if in into is isn it its itself
  just let ll me might more most must mustn my myself neither no nor not now of off on once only
  or other others ought our ours ourselves out over own per quite rather re same shall shan she
  should shouldn so some such than that the their theirs them themselves then there these they
  this those through thus to too under until up upon us very via was wasn we were weren what
  whatever when where whether which while who whom whose why will with within without won would
  wouldn yet you your yours yourself yourselves ve d m s t o y
  one two three four five six seven eight nine ten first second third
  mr mrs ms dr`.split(/\s+/).filter(Boolean),
);

/**
 * Frequent words of news prose: they occur in most stories, so they weigh little when two
 * articles are compared. Stemmed forms (no plural s), lower case.
 */
export const COMMON_NEWS_WORDS: ReadonlySet<string> = new Set(
  `said say says told tell according added reported report reports reporter statement
  news article published update updated read click share comment comments subscribe
  year month week day today yesterday tomorrow time times monday tuesday wednesday thursday friday
  saturday sunday january february march april may june july august september october november
  december morning evening night hour minute ago last next recent recently later early earlier
  new old big small large great good bad high low long short many much more less least major
  people person man woman men women child children family group member part number lot way thing
  official government state country world city region area place national international local
  public political president minister leader former chief head director spokesman spokesperson
  make made making take took taken give gave given get got go went come came going see saw seen
  know knew known think thought want need use used work working call called look looking
  include including includes included continue continued plan plans planned expected expect
  issue issues question questions concern concerns case point side part end began begin start
  started help helped show shown showed set put keep kept leave left move moved run turn turned
  also even still already just only well back around across since among along amid toward towards
  like including around near far often never always sometimes may might likely possible
  percent million billion thousand hundred dozen several certain another whole full real
  important significant key main top final further potential current ongoing continued
  told asked added noted stated declined confirmed announced described called
  social media online website page site story stories`.split(/\s+/).filter(Boolean),
);
