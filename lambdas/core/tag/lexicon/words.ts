/**
 * Word lists the actor tagger reasons with. Kept as space-separated strings (cheap to read,
 * cheap to load) and turned into sets once. All entries are compared in lower case.
 */

function wordSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(' ').split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()));
}

/** Words that make the following name a person ("Secretary Rubio", "Lt. Gen. Keith Kellogg"). */
export const PERSON_TITLES = wordSet(
  'president vice-president premier chancellor minister secretary senator sen sen. congressman congresswoman',
  'representative rep rep. governor gov gov. mayor king queen prince princess crown emperor empress pope',
  'sheikh sheik emir sultan ayatollah imam rabbi bishop archbishop cardinal reverend rev rev. father pastor',
  'general gen gen. lt lt. lieutenant colonel col col. major maj maj. captain capt capt. admiral adm adm.',
  'sergeant sgt sgt. commander cmdr corporal cpl private pvt marshal brigadier commodore',
  'mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lord lady baron baroness duke duchess count',
  'judge justice magistrate attorney prosecutor sheriff detective inspector officer constable',
  'ambassador envoy spokesman spokeswoman spokesperson adviser advisor chairman chairwoman chairperson chair',
  'ceo cfo coo director leader speaker commissioner councillor councilor councilman councilwoman',
  'coach manager striker goalkeeper midfielder defender president-elect',
);

/** Words that may stand inside a role without being titles themselves ("Foreign Minister", "Secretary of State"). */
export const ROLE_MODIFIERS = wordSet(
  'vice deputy acting interim former first prime foreign state defense defence interior home finance treasury',
  'justice health trade commerce economy economic energy agriculture education labor labour transport',
  'transportation homeland security national intelligence affairs relations environment culture',
  'general chief special senior top supreme high executive managing attorney majority minority',
  'house senate white presidential press military naval air army navy lt. lt gen. gen',
  'of the for and crown',
);

/** Single words that carry a role's meaning; a role must contain one of these. */
export const CORE_TITLES = wordSet(
  'president premier chancellor minister secretary senator congressman congresswoman governor mayor king queen',
  'prince princess emperor pope sheikh emir sultan ayatollah general gen gen. lieutenant lt lt. colonel col col.',
  'major maj maj. captain capt capt. admiral adm adm. sergeant sgt sgt. commander marshal brigadier',
  'ambassador envoy spokesman spokeswoman spokesperson adviser advisor chairman chairwoman director',
  'judge justice attorney commissioner speaker leader mr mr. mrs mrs. ms ms. dr dr. prof prof. professor',
  'sir dame lord lady rep rep. sen sen. gov gov. reverend rev rev. bishop archbishop cardinal rabbi imam',
  'ceo cfo coo president-elect',
);

/** Name particles that may sit inside a person's name ("Mohammed bin Salman", "Ursula von der Leyen"). */
export const NAME_PARTICLES = wordSet(
  'bin ibn bint binti abu al el ul de da di del della der den van von ter le la du dos das do y zu',
);

/** Connectors allowed inside organisation and place names ("Bank of England"). */
export const NAME_CONNECTORS = wordSet('of the for and & on at de du des la le');

/** The last word of an organisation name ("Munich Security Conference", "Acme Corp"). */
export const ORGANIZATION_HEADS = wordSet(
  'inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc ag gmbh sa nv group holdings',
  'ministry department dept agency administration authority bureau office service services council',
  'commission committee assembly parliament congress senate cabinet government court tribunal',
  'party union federation alliance coalition front movement league association society institute',
  'institution foundation fund trust bank exchange university college school academy hospital clinic',
  'organization organisation conference forum summit network news times post journal herald tribune',
  'gazette telegraph guardian press radio television tv channel broadcasting media agency airlines airways',
  'motors industries technologies systems labs laboratories pharmaceuticals energy petroleum oil',
  'club fc united rovers city army navy forces force police guard command brigade regiment battalion',
  'church mosque diocese board team center centre program programme project initiative',
);

/** Words heading an organisation before "of" ("Bank of England", "University of Helsinki"). */
export const ORGANIZATION_OF_HEADS = wordSet(
  'bank university ministry department council court church college institute academy federation',
  'league association society board office bureau commission committee house chamber party',
  'organization organisation union order museum school friends daughters sons',
);

/** Words that make a name a place ("Red Sea", "Cook County"). */
export const PLACE_HEADS = wordSet(
  'river sea ocean lake bay gulf strait channel island islands isle peninsula mountain mountains mount mt mt.',
  'valley desert county province region district state city town village street avenue road square',
  'park airport port harbour harbor coast canyon plateau plain basin falls heights hills',
);

/** Place words heading "of" ("Gulf of Mexico", "Republic of Korea", "City of London"). */
export const PLACE_OF_HEADS = wordSet('gulf bay sea strait isle island republic kingdom city state province county cape lake');

/** Names of events and other things that are not actors ("World War II", "Olympics"). */
export const EVENT_HEADS = wordSet(
  'war wars olympics olympic games cup championship championships tournament festival awards award',
  'election elections referendum revolution crisis act treaty accord accords agreement plan day week',
  'prize marathon derby series open grand prix expo fair',
);

/**
 * Capitalised words that are not names on their own: function words (sentence starts), days,
 * months, seasons, headings and page furniture, generic nouns that open headings.
 */
export const COMMON_CAPITALISED = wordSet(
  'a an the this that these those there here it its he she his her they them their we our us you your i my me',
  'and or but nor so yet for if then when while where whereas whether because since although though after',
  'before during until unless once as at by from in into of off on onto out over to toward towards under up',
  'upon with within without about above across against along amid among around behind below beneath beside',
  'besides between beyond despite down except inside near outside past per through throughout via',
  'what which who whom whose why how all any both each either neither every few many more most much no none',
  'not nothing some such other another one two three four five six seven eight nine ten first second third',
  'last next new old also even just only still however meanwhile moreover furthermore nevertheless',
  'nonetheless therefore thus hence indeed instead otherwise perhaps maybe yes yesterday today tomorrow',
  'tonight now later earlier already again ago monday tuesday wednesday thursday friday saturday sunday',
  'january february march april may june july august september october november december jan feb mar apr',
  'jun jul aug sep sept oct nov dec spring summer autumn fall winter morning evening night afternoon',
  'key points point summary question questions answer answers frequently asked faq advertisement advert',
  'sponsored trending related share shares comment comments reply read more subscribe sign login log menu',
  'home news world politics business sport sports opinion video videos photo photos image images gallery',
  'published updated posted by editor editors note notes source sources exit mobile version connect follow',
  'article subheadings introduction conclusion background analysis overview highlights update breaking',
  'live latest top story stories chapter part section table contents figure appendix step steps way path',
  'secretary president minister official officials government administration leader leaders spokesman',
  'sir madam mr mrs ms dr please thank thanks dear hello hi ok okay well oh no yes',
  'according following despite amid echoing reports report said says told added noted stated asked',
  'while whereas although unlike like',
);

/** Nationality adjectives and plural nouns: they qualify actors but are not actors themselves. */
export const DEMONYMS = wordSet(
  'american americans russian russians ukrainian ukrainians british briton britons english scottish welsh irish',
  'french german germans italian italians spanish portuguese dutch belgian swiss austrian swedish norwegian',
  'danish finnish icelandic polish czech slovak hungarian romanian bulgarian greek turkish cypriot serbian',
  'croatian bosnian slovenian albanian macedonian montenegrin kosovar moldovan belarusian lithuanian latvian',
  'estonian georgian armenian azerbaijani azeri kazakh uzbek turkmen kyrgyz tajik afghan pakistani indian',
  'bangladeshi sri lankan nepali chinese japanese korean taiwanese mongolian vietnamese thai cambodian',
  'laotian burmese malaysian singaporean indonesian filipino australian australians canadian canadians',
  'mexican mexicans brazilian argentine argentinian chilean peruvian colombian venezuelan cuban bolivian',
  'ecuadorian uruguayan paraguayan haitian dominican jamaican guatemalan honduran salvadoran nicaraguan',
  'panamanian costa rican egyptian egyptians libyan tunisian algerian moroccan sudanese ethiopian eritrean',
  'somali kenyan ugandan tanzanian rwandan congolese nigerian nigerians ghanaian senegalese malian',
  'cameroonian angolan zambian zimbabwean mozambican south african african africans saudi saudis emirati',
  'qatari kuwaiti bahraini omani yemeni iraqi iraqis iranian iranians syrian syrians lebanese jordanian',
  'israeli israelis palestinian palestinians arab arabs european europeans asian asians western eastern',
  'northern southern soviet nordic baltic balkan latin persian kurdish kurds chechen crimean siberian',
  'muslim muslims christian christians jewish jews catholic catholics protestant orthodox sunni shia shiite',
  'hindu buddhist democrat democrats republican republicans conservative conservatives liberal liberals',
  'communist communists socialist labourite tory tories ukrainian-born russian-born',
);

/** Abbreviations written with a final dot that do not end a sentence. */
export const DOTTED_ABBREVIATIONS = wordSet(
  'mr mrs ms dr prof sr jr st mt ft lt gen col maj capt adm sgt cmdr cpl pvt sen rep gov rev hon',
  'inc corp co ltd no vs etc approx dept est jan feb mar apr jun jul aug sep sept oct nov dec',
);

/** Verbs of saying: a capitalised word before them is very likely a person or organisation. */
export const SPEECH_VERBS = wordSet(
  'said says told added argued asked stated noted wrote warned claimed insisted explained announced',
  'confirmed denied urged called replied responded tweeted posted declared acknowledged admitted',
);

/** Prepositions that introduce a place ("in Riyadh", "to Kyiv"). */
export const PLACE_PREPOSITIONS = wordSet('in at from to near across throughout into outside inside toward towards via');
