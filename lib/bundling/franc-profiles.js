// In place of franc-min/data.js in the Lambda bundles (handler-function.ts), where detectLanguage.ts
// reads franc-min's trigram profiles: `./data.js` is left outside the bundle (an --external), as
// franc-min's own import of them is, so both find the file write-franc-profiles.mjs puts beside
// index.js, which reads the profiles as JSON.
module.exports = require('./data.js');
