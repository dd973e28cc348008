/**
 * Common given names across languages (English, Romance, Germanic, Slavic, Arabic, Turkish,
 * Persian, South and East Asian, African). A capitalised run that starts with one of these is
 * taken as a person's name even when nothing else is known about it ("Michael Waltz").
 * The list is data: given-names.json (lower case).
 */
import GIVEN_NAME_LIST from './given-names.json';

export const GIVEN_NAMES: ReadonlySet<string> = new Set(GIVEN_NAME_LIST);
