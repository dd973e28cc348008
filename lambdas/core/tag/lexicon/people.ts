/**
 * Public figures the tagger knows by name, so that a surname alone ("Lavrov") or a short form
 * ("Recep Erdoğan") gets the canonical full name. Heads of state and government, foreign and
 * defence ministers, envoys and officials prominent in international news (as of 2025), heads
 * of international bodies, and a few business figures.
 * One line per person: "Canonical|alias|alias". Every person also answers to first + last
 * name and, when no other known person shares it, to the surname alone.
 * The list is data: people.json.
 */
import PEOPLE from './people.json';

export const PEOPLE_LINES: readonly string[] = PEOPLE;
