/**
 * Word lists the actor tagger reasons with. The lists are data (words.json, lower case) and
 * are turned into sets once per process; all entries are compared in lower case.
 */
import WORDS from './words.json';

/** Words that make the following name a person ("Secretary Rubio", "Lt. Gen. Keith Kellogg"). */
export const PERSON_TITLES: ReadonlySet<string> = new Set(WORDS.personTitles);

/** Words that may stand inside a role without being titles themselves ("Foreign Minister", "Secretary of State"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set(WORDS.roleModifiers);

/** Single words that carry a role's meaning; a role must contain one of these. */
export const CORE_TITLES: ReadonlySet<string> = new Set(WORDS.coreTitles);

/** Name particles that may sit inside a person's name ("Mohammed bin Salman", "Ursula von der Leyen"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(WORDS.nameParticles);

/** Lower-case links glued by hyphens inside a place name ("Mazar-i-Sharif", "Stratford-upon-Avon", "Frankfurt-am-Main"). */
export const PLACE_LINKS: ReadonlySet<string> = new Set(WORDS.placeLinks);

/** Connectors allowed inside organisation and place names ("Bank of England"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(WORDS.nameConnectors);

/** The last word of an organisation name ("Munich Security Conference", "Acme Corp"). */
export const ORGANIZATION_HEADS: ReadonlySet<string> = new Set(WORDS.organizationHeads);

/** Words heading an organisation before "of" ("Bank of England", "University of Helsinki"). */
export const ORGANIZATION_OF_HEADS: ReadonlySet<string> = new Set(WORDS.organizationOfHeads);

/** Words that make a name a place ("Red Sea", "Cook County"). */
export const PLACE_HEADS: ReadonlySet<string> = new Set(WORDS.placeHeads);

/** Place words heading "of" ("Gulf of Mexico", "Republic of Korea", "City of London"). */
export const PLACE_OF_HEADS: ReadonlySet<string> = new Set(WORDS.placeOfHeads);

/** Names of events and other things that are not actors ("World War II", "Olympics"). */
export const EVENT_HEADS: ReadonlySet<string> = new Set(WORDS.eventHeads);

/**
 * Capitalised words that are not names on their own: function words (sentence starts), days,
 * months, seasons, headings and page furniture, generic nouns that open headings.
 */
export const COMMON_CAPITALISED: ReadonlySet<string> = new Set(WORDS.commonCapitalised);

/** Nationality adjectives and plural nouns: they qualify actors but are not actors themselves. */
export const DEMONYMS: ReadonlySet<string> = new Set(WORDS.demonyms);

/** Abbreviations written with a final dot that do not end a sentence. */
export const DOTTED_ABBREVIATIONS: ReadonlySet<string> = new Set(WORDS.dottedAbbreviations);

/** Verbs of saying: a capitalised word before them is very likely a person or organisation. */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(WORDS.speechVerbs);

/** Prepositions that introduce a place ("in Riyadh", "to Kyiv"). */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(WORDS.placePrepositions);

/** Bare compass directions: "the North" names no place by itself. */
export const DIRECTION_WORDS: ReadonlySet<string> = new Set(WORDS.directionWords);

/** Nouns that make the name right after them a work or product ("the film Kill Bill", "messaging app Telegram"). */
export const WORK_CUES: ReadonlySet<string> = new Set(WORDS.workCues);

/** Nouns that make the name right before them a work or product ("the Telegram app"). */
export const WORK_HEADS_AFTER: ReadonlySet<string> = new Set(WORDS.workHeadsAfter);
