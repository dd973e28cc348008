/**
 * Places gazetteer: countries (with common short forms), capitals and major cities, regions.
 * One line per place: "Canonical|alias|alias". Aliases written in capitals (US, UK, UAE) only
 * match text written in capitals, so "us" the pronoun never becomes the United States.
 * The lists are data: places.json (countries, cities, regions, US states).
 */
import PLACES from './places.json';

export const PLACE_LINES: readonly string[] = [...PLACES.countries, ...PLACES.cities, ...PLACES.regions, ...PLACES.usStates];
