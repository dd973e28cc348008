/**
 * IPTC Media Topics (https://cv.iptc.org/newscodes/mediatopic/): the 17 top-level subjects and
 * the second/third-level ones newswatch needs so far, with their real codes, plus keyword cues.
 * Cues are folded phrases (see foldName); a trailing "*" matches any ending ("negotiat*").
 * Weights: 1 = the cue alone says the topic; 0.5 = supporting; below that = weak hint.
 */

export interface IptcTopic {
  code: string;
  label: string;
  /** Code of the broader topic; a strong child lifts its parent. */
  parent?: string;
  cues: Record<string, number>;
}

export const IPTC_TOPICS: readonly IptcTopic[] = [
  {
    code: '01000000', label: 'arts, culture, entertainment and media',
    cues: { film: 0.6, movie: 0.8, 'box office': 1, album: 0.8, concert: 0.8, 'music festival': 1, museum: 0.7, exhibition: 0.6, novel: 0.5, actor: 0.6, actress: 0.8, singer: 0.8, theatre: 0.6, theater: 0.6, oscar: 0.8, 'grammy*': 1, 'tv series': 0.8, artist: 0.5, 'art*': 0.1, celebrity: 0.5 },
  },
  {
    code: '02000000', label: 'crime, law and justice',
    cues: { police: 0.6, 'arrest*': 0.8, court: 0.5, trial: 0.7, judge: 0.5, prosecutor: 0.8, prosecutors: 0.8, 'charged with': 1, lawsuit: 0.8, murder: 1, crime: 0.8, 'convicted': 1, 'sentenced': 0.8, jail: 0.8, prison: 0.6, fraud: 0.8, indictment: 1, indicted: 1, 'guilty': 0.7, 'suspect': 0.7, robbery: 1, homicide: 1, 'law enforcement': 0.8 },
  },
  {
    code: '03000000', label: 'disaster, accident and emergency incident',
    cues: { earthquake: 1, flood: 0.8, floods: 0.8, flooding: 0.8, hurricane: 0.8, wildfire: 1, wildfires: 1, tsunami: 1, 'plane crash': 1, 'crash*': 0.5, explosion: 0.6, accident: 0.8, 'collapse*': 0.3, 'rescue*': 0.5, 'evacuat*': 0.6, 'death toll': 0.8, landslide: 1, derailment: 1, 'emergency services': 0.8 },
  },
  {
    code: '04000000', label: 'economy, business and finance',
    cues: { economy: 0.6, 'economic growth': 1, inflation: 1, gdp: 1, 'interest rate*': 1, 'stock market': 1, stocks: 0.8, shares: 0.5, investors: 0.7, revenue: 0.8, profit: 0.8, profits: 0.8, earnings: 0.7, 'quarterly': 0.6, 'company': 0.3, 'companies': 0.3, 'ceo': 0.4, 'market*': 0.3, 'tariff*': 0.6, 'central bank': 0.8, 'unemployment rate': 0.8, recession: 1, 'economic': 0.2, 'financial': 0.2, 'billion': 0.3, 'million': 0.1, 'merger': 1, 'acquisition': 0.7, 'bank*': 0.3 },
  },
  {
    code: '05000000', label: 'education',
    cues: { school: 0.6, schools: 0.6, students: 0.8, student: 0.6, teacher: 0.8, teachers: 0.8, university: 0.4, education: 0.8, curriculum: 1, exam: 0.8, exams: 0.8, 'classroom*': 0.8, pupils: 1, tuition: 0.8 },
  },
  {
    code: '06000000', label: 'environment',
    cues: { 'climate change': 1, emissions: 0.8, pollution: 1, wildlife: 0.8, conservation: 0.8, environmental: 0.7, carbon: 0.6, biodiversity: 1, 'renewable*': 0.6, deforestation: 1, 'global warming': 1, 'endangered species': 1 },
  },
  {
    code: '07000000', label: 'health',
    cues: { health: 0.4, hospital: 0.7, hospitals: 0.7, disease: 0.8, virus: 0.8, vaccine: 1, vaccines: 1, patients: 0.8, patient: 0.6, medical: 0.5, doctors: 0.6, pandemic: 1, cancer: 0.8, 'treatment': 0.3, 'outbreak': 0.7, 'infection*': 0.8, 'public health': 1, 'mental health': 1 },
  },
  {
    code: '08000000', label: 'human interest',
    cues: { birthday: 0.8, wedding: 0.8, anniversary: 0.4, 'royal family': 0.8, pets: 0.8, 'heartwarming': 1, 'oldest': 0.4 },
  },
  {
    code: '09000000', label: 'labour',
    cues: { strike: 0.5, strikes: 0.5, 'trade union*': 1, 'labor union*': 1, workers: 0.6, wages: 0.8, 'minimum wage': 1, layoffs: 1, 'job cuts': 1, employment: 0.6, unemployment: 0.7, 'labour': 0.5, 'labor': 0.5, 'pension*': 0.6 },
  },
  {
    code: '10000000', label: 'lifestyle and leisure',
    cues: { travel: 0.5, tourism: 0.8, tourists: 0.8, recipe: 1, recipes: 1, fashion: 0.8, restaurant: 0.7, holiday: 0.4, vacation: 0.7, 'hobby': 1, 'fitness': 0.7, cooking: 0.8 },
  },
  {
    code: '11000000', label: 'politics',
    cues: { government: 0.5, minister: 0.5, president: 0.3, parliament: 0.7, policy: 0.4, political: 0.6, politics: 0.8, administration: 0.4, senator: 0.7, lawmakers: 0.8, legislation: 0.7, 'foreign policy': 0.8, officials: 0.2, 'secretary of state': 0.6, opposition: 0.4, 'prime minister': 0.7, diplomatic: 0.3, 'geopolitic*': 0.4 },
  },
  {
    code: '20000638', label: 'international relations', parent: '11000000',
    cues: { 'international relations': 1, 'foreign policy': 1, 'diplomatic relations': 1, bilateral: 0.8, 'foreign minister': 0.8, 'secretary of state': 0.7, 'geopolitic*': 0.7, allies: 0.5, 'relations between': 0.6, 'relations with': 0.6, 'international': 0.2, 'foreign affairs': 0.8, 'summit': 0.6, 'ties': 0.4 },
  },
  {
    code: '20000639', label: 'diplomacy', parent: '20000638',
    cues: { diplomacy: 1, diplomatic: 0.8, diplomat: 1, diplomats: 1, envoy: 0.8, 'talks': 0.6, 'negotiat*': 0.4, 'foreign minister': 0.7, 'secretary of state': 0.7, 'summit': 0.5, 'delegation': 0.6, 'bilateral': 0.5, 'high level': 0.3 },
  },
  {
    // IPTC files embassies under diplomacy without a code of their own that we are sure of:
    // a descriptive child id under diplomacy (20000639) rather than a guessed code.
    code: '20000639-embassies', label: 'embassies and diplomatic missions', parent: '20000639',
    cues: { embassy: 1, embassies: 1, consulate: 1, consulates: 1, 'diplomatic mission*': 1, 'diplomatic facilities': 1, 'diplomatic staff': 1, ambassador: 0.7, ambassadors: 0.7, 'embassy staff*': 1, 'expel* diplomats': 1 },
  },
  {
    code: '20000642', label: 'economic sanction', parent: '20000638',
    cues: { sanction: 1, sanctions: 1, sanctioned: 0.8, embargo: 1, 'export controls': 0.8, 'asset freeze': 1, 'frozen assets': 0.8, 'sanctions relief': 1, 'lift* sanctions': 1 },
  },
  {
    code: '20000644', label: 'international organisation', parent: '20000638',
    cues: { 'united nations': 1, 'european union': 0.6, nato: 0.8, 'security council': 0.8, 'general assembly': 0.6, 'world health organization': 0.8, 'international organisation': 1, 'international organization': 1, 'african union': 0.8, 'g7': 0.6, 'g20': 0.6 },
  },
  {
    code: '20000574', label: 'election', parent: '11000000',
    cues: { election: 1, elections: 1, 'vote*': 0.5, voters: 0.8, ballot: 1, ballots: 1, polls: 0.6, 'polling station*': 1, candidate: 0.6, candidates: 0.6, electoral: 1, referendum: 1, 'campaign trail': 1, 'campaign': 0.2, 'turnout': 0.6, 'reelection': 1, 're election': 1 },
  },
  {
    code: '12000000', label: 'religion',
    cues: { church: 0.7, pope: 0.8, religious: 0.7, mosque: 0.8, faith: 0.5, islam: 0.8, christian: 0.6, bishop: 0.7, 'vatican': 0.6, worship: 0.8, prayer: 0.6, clergy: 1, temple: 0.5 },
  },
  {
    code: '13000000', label: 'science and technology',
    cues: { scientists: 0.8, research: 0.4, researchers: 0.7, technology: 0.6, software: 0.8, 'artificial intelligence': 1, ai: 0.6, 'space': 0.3, nasa: 0.8, satellite: 0.6, computer: 0.6, internet: 0.5, 'smartphone*': 0.8, 'study': 0.2, 'physics': 1, 'genetic*': 0.8, 'robot*': 0.7, 'cyber*': 0.5, 'data': 0.2 },
  },
  {
    code: '14000000', label: 'society',
    cues: { immigration: 0.8, migrants: 0.8, refugees: 0.6, discrimination: 1, poverty: 0.8, welfare: 0.7, 'human rights': 0.6, homeless: 0.8, homelessness: 1, 'social': 0.3, 'community': 0.3, 'gender': 0.5, 'racism': 1, 'protest*': 0.4 },
  },
  {
    code: '15000000', label: 'sport',
    cues: { match: 0.5, 'scored': 1, 'goals': 0.6, league: 0.6, championship: 0.8, tournament: 0.8, season: 0.4, coach: 0.6, players: 0.6, player: 0.5, football: 1, soccer: 1, basketball: 1, tennis: 1, cricket: 1, rugby: 1, baseball: 1, golf: 0.8, 'olympic*': 0.8, 'world cup': 1, 'premier league': 1, 'champions league': 1, striker: 1, midfielder: 1, goalkeeper: 1, 'penalty': 0.4, 'stadium': 0.7, 'fans': 0.4, 'defeat*': 0.3, 'victory': 0.3, 'win': 0.2, 'won': 0.2, 'final': 0.3, 'semi final': 0.8, 'quarter final': 0.8, 'athlete*': 0.8, 'medal*': 0.5, 'nba': 1, 'nfl': 1, 'fifa': 1, 'uefa': 1, 'race': 0.2, 'club': 0.3 },
  },
  {
    code: '16000000', label: 'conflict, war and peace',
    cues: { war: 0.8, conflict: 0.6, military: 0.6, troops: 0.8, invasion: 0.8, invaded: 0.8, ceasefire: 0.8, 'cease fire': 0.8, peace: 0.6, attack: 0.4, army: 0.5, fighting: 0.6, hostilities: 0.8, armed: 0.5, missile: 0.7, missiles: 0.7, soldiers: 0.8, 'occupied': 0.4, 'security guarantees': 0.6, 'terror*': 0.5 },
  },
  {
    code: '20000056', label: 'armed conflict', parent: '16000000',
    cues: { war: 0.8, 'armed conflict': 1, invasion: 1, invaded: 1, troops: 0.8, 'front line': 0.8, frontline: 0.8, shelling: 1, airstrike: 1, airstrikes: 1, 'drone attack*': 1, 'missile strike*': 1, hostilities: 0.8, 'occupied': 0.5, 'offensive': 0.6, 'deadliest conflict': 1, 'conflict': 0.4, 'fighting': 0.6, 'casualties': 0.5 },
  },
  {
    code: '20000073', label: 'peace process', parent: '16000000',
    cues: { 'peace process': 1, 'peace talks': 1, 'peace negotiations': 1, 'peace plan': 1, 'peace deal': 1, 'peace settlement*': 1, ceasefire: 0.8, 'cease fire': 0.8, truce: 1, 'end the war': 1, 'end to the war': 1, 'ending the war': 1, 'end the conflict': 1, 'end to the conflict': 1, 'negotiat*': 0.4, 'security guarantees': 0.6, 'peace': 0.5, 'conflict resolution': 1, 'armistice': 1 },
  },
  {
    code: '17000000', label: 'weather',
    cues: { weather: 0.8, forecast: 0.7, temperatures: 0.8, temperature: 0.6, rain: 0.6, rainfall: 0.8, snow: 0.7, storm: 0.6, heatwave: 1, 'heat wave': 1, meteorolog: 1, 'meteorolog*': 1, 'degrees celsius': 0.8, 'degrees fahrenheit': 0.8, sunny: 0.8, cloudy: 0.8, 'weather service': 1 },
  },
];
