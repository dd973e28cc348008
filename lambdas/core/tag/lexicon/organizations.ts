/**
 * Well-known organisations: international bodies, governments' institutions named by their
 * seat ("the Kremlin"), news agencies and outlets, large companies, armed groups.
 * One line per organisation: "Canonical|alias|alias"; capitalised aliases match capitals only.
 * The list is data: organizations.json.
 */
import ORGANIZATIONS from './organizations.json';

export const ORGANIZATION_LINES: readonly string[] = ORGANIZATIONS;
