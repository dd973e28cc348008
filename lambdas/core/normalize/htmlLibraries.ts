/** The HTML libraries, imported here only: everything else reaches them lazily through domLibraries.ts. */
export { Readability } from '@mozilla/readability';
export { parseHTML } from 'linkedom';
