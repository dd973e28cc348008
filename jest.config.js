/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking happens once in `npm run typecheck`; jest only transpiles (fast).
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
    // linkedom (HTML extraction) pulls in ESM-only packages; jest runs CommonJS, so they are transpiled.
    '^.+\\.js$': ['ts-jest', { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(css-select|css-what|domutils|domhandler|nth-check|entities|boolbase|domelementtype|dom-serializer|franc-min|trigram-utils|n-gram|collapse-white-space|iso-639-3)/)',
  ],
  testTimeout: 60000,
  modulePathIgnorePatterns: ['<rootDir>/cdk.out', '<rootDir>/.newswatch'],
};
