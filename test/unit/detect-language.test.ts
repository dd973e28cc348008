import { declaredLanguage, detectLanguage } from '../../lambdas/core/normalize';

const GERMAN = 'Die Bundesregierung hat am Mittwoch beschlossen, die Förderung für den Ausbau der Windkraft an Land deutlich zu erhöhen. Der Wirtschaftsminister sagte, man wolle die Genehmigungsverfahren beschleunigen.';
const ENGLISH = 'The government decided on Wednesday to raise support for onshore wind power sharply. The economy minister said permits would be granted faster.';
const RUSSIAN = 'Правительство в среду решило значительно увеличить поддержку наземной ветроэнергетики. Министр экономики заявил, что разрешения будут выдаваться быстрее.';

describe('language detection', () => {
  it('reads the language of the title and text as an ISO 639-1 code', () => {
    expect(detectLanguage({ title: 'Mehr Geld für Windkraft', text: GERMAN })).toBe('de');
    expect(detectLanguage({ title: 'More money for wind power', text: ENGLISH })).toBe('en');
    expect(detectLanguage({ title: 'Больше денег на ветроэнергетику', text: RUSSIAN })).toBe('ru');
  });

  it("keeps the page's declaration between close languages and where franc-min has no profile, not against a clear text", () => {
    // A template's stale lang="en" on a German text: the text wins.
    expect(detectLanguage({ title: 'Mehr Geld für Windkraft', text: GERMAN, declared: 'en-US' })).toBe('de');
    // Norwegian Bokmål declared: franc-min has no Norwegian profile (it reads Dutch or Swedish), so the page's word is kept.
    const norwegian = 'Regjeringen vil øke støtten til vindkraft på land betydelig, sa næringsministeren onsdag. Søknadene skal behandles raskere enn før.';
    expect(detectLanguage({ title: 'Mer penger til vindkraft', text: norwegian, declared: 'nb' })).toBe('nb');
  });

  it('says und, or what is declared, when there is too little text to tell', () => {
    expect(detectLanguage({ title: 'OK', text: 'Yes.' })).toBe('und');
    expect(detectLanguage({ title: 'OK', text: 'Yes.', declared: 'fr-FR' })).toBe('fr');
  });

  it('reads declarations as browsers write them', () => {
    expect(['de-DE', 'en_US', 'DE', 'deu', ' fr ', 'x-klingon', '', undefined].map(declaredLanguage)).toEqual(['de', 'en', 'de', 'de', 'fr', undefined, undefined, undefined]);
  });
});
