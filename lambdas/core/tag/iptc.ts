/**
 * IPTC Media Topics (https://cv.iptc.org/newscodes/mediatopic/): the 17 top-level subjects, every
 * second-level topic under politics, conflict/war/peace, crime, disaster, economy, health,
 * science and sport, and the third-level ones newswatch needs (diplomacy, economic sanction,
 * international organisation), with their real codes, plus keyword cues. The second-level
 * codes and labels were checked against the IPTC Media Topic table (2024 English labels);
 * retired codes (e.g. 20000160 emergency incident) are left out. One entry is not an IPTC
 * code and says so: "20000639-embassies", a child of diplomacy for embassies and missions.
 *
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
  // ---- crime, law and justice (02000000): second level ----
  {
    code: '20000082', label: 'crime', parent: '02000000',
    cues: { crime: 0.8, murder: 1, homicide: 1, robbery: 1, theft: 1, burglary: 1, fraud: 0.8, 'kidnap*': 0.8, 'smuggl*': 0.6, corruption: 0.6, 'brib*': 0.7, 'money laundering': 1, 'drug trafficking': 1, stabbing: 1, 'cybercrime': 1, assault: 0.5 },
  },
  {
    code: '20000106', label: 'judiciary', parent: '02000000',
    cues: { 'supreme court': 1, 'appeals court': 1, 'court of appeal': 1, court: 0.4, judge: 0.5, judges: 0.5, justices: 0.8, judiciary: 1, 'high court': 1 },
  },
  {
    code: '20000119', label: 'justice', parent: '02000000',
    cues: { trial: 0.7, verdict: 1, convicted: 1, acquitted: 1, sentenced: 0.8, 'prosecutor*': 0.8, 'indict*': 1, lawsuit: 0.7, 'plead*': 0.5, guilty: 0.6, prison: 0.5, 'jail*': 0.6 },
  },
  {
    code: '20000121', label: 'law', parent: '02000000',
    cues: { statute: 0.8, 'new law': 0.8, 'constitutional': 0.4, 'legal': 0.2, 'lawyer*': 0.4, 'attorney*': 0.3, 'criminal code': 1, 'bill into law': 1 },
  },
  {
    code: '20000129', label: 'law enforcement', parent: '02000000',
    cues: { police: 0.8, 'arrest*': 0.8, detectives: 1, 'law enforcement': 1, fbi: 0.8, 'in custody': 0.8, 'police officer*': 1, 'raid*': 0.3, 'manhunt': 1 },
  },
  {
    code: '03000000', label: 'disaster, accident and emergency incident',
    cues: { earthquake: 1, flood: 0.8, floods: 0.8, flooding: 0.8, hurricane: 0.8, wildfire: 1, wildfires: 1, tsunami: 1, 'plane crash': 1, 'crash*': 0.5, explosion: 0.6, accident: 0.8, 'collapse*': 0.3, 'rescue*': 0.5, 'evacuat*': 0.6, 'death toll': 0.8, landslide: 1, derailment: 1, 'emergency services': 0.8 },
  },
  // ---- disaster, accident and emergency incident (03000000): second level ----
  {
    code: '20000139', label: 'accident and emergency incident', parent: '03000000',
    cues: { accident: 1, 'crash*': 0.5, collision: 0.8, 'derail*': 1, explosion: 0.6, blaze: 0.8, 'plane crash': 1, 'car crash': 1, 'capsiz*': 1, shipwreck: 1, 'gas leak': 1 },
  },
  {
    code: '20000148', label: 'disaster', parent: '03000000',
    cues: { earthquake: 1, 'flood*': 0.8, hurricane: 1, typhoon: 1, cyclone: 1, tsunami: 1, 'wildfire*': 1, landslide: 1, 'volcan*': 0.8, drought: 0.8, 'natural disaster*': 1, famine: 0.8, avalanche: 1 },
  },
  {
    code: '20000168', label: 'emergency response', parent: '03000000',
    cues: { 'rescue*': 0.6, 'evacuat*': 0.7, 'emergency services': 1, firefighters: 1, 'relief effort*': 1, 'state of emergency': 1, 'search and rescue': 1, 'first responders': 1, 'disaster relief': 1 },
  },
  {
    code: '04000000', label: 'economy, business and finance',
    cues: { economy: 0.6, 'economic growth': 1, inflation: 1, gdp: 1, 'interest rate*': 1, 'stock market': 1, stocks: 0.8, shares: 0.5, investors: 0.7, revenue: 0.8, profit: 0.8, profits: 0.8, earnings: 0.7, 'quarterly': 0.6, 'company': 0.3, 'companies': 0.3, 'ceo': 0.4, 'market*': 0.3, 'tariff*': 0.6, 'central bank': 0.8, 'unemployment rate': 0.8, recession: 1, 'economic': 0.2, 'financial': 0.2, 'billion': 0.3, 'million': 0.1, 'merger': 1, 'acquisition': 0.7, 'bank*': 0.3 },
  },
  // ---- economy, business and finance (04000000): second level ----
  {
    code: '20000170', label: 'business information', parent: '04000000',
    cues: { ceo: 0.5, 'chief executive': 0.7, revenue: 0.8, 'profit*': 0.7, earnings: 0.7, quarterly: 0.5, merger: 1, 'acquisition*': 0.7, shareholders: 0.8, 'startup*': 0.6, company: 0.2, companies: 0.2, 'bankrupt*': 0.8 },
  },
  {
    code: '20000209', label: 'economic sector', parent: '04000000',
    cues: { industry: 0.4, 'manufactur*': 0.6, 'retail*': 0.6, 'automaker*': 1, 'carmaker*': 1, 'oil and gas': 1, 'energy sector': 1, 'banking sector': 1, 'agricultur*': 0.5, 'pharmaceutical industry': 1, 'tech sector': 1, 'real estate': 0.8, 'airline*': 0.5 },
  },
  {
    code: '20000344', label: 'economy', parent: '04000000',
    cues: { economy: 0.6, 'economic growth': 1, inflation: 1, gdp: 1, recession: 1, 'unemployment rate': 0.8, 'interest rate*': 0.8, 'central bank': 0.8, 'consumer prices': 1, 'trade deficit': 1, 'tariff*': 0.5, fiscal: 0.6, 'monetary policy': 1, economic: 0.1 },
  },
  {
    code: '20000385', label: 'market and exchange', parent: '04000000',
    cues: { 'stock market': 1, stocks: 0.8, shares: 0.4, investors: 0.6, 'dow jones': 1, nasdaq: 1, 'bond yields': 1, 'exchange rate': 1, currency: 0.5, 'oil prices': 0.8, 'commodit*': 0.6, traders: 0.7, 'wall street': 0.7, bitcoin: 0.8 },
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
  // ---- health (07000000): second level ----
  {
    code: '20000446', label: 'diseases and conditions', parent: '07000000',
    cues: { 'disease*': 0.8, virus: 0.7, cancer: 0.8, diabetes: 1, 'covid*': 1, 'infection*': 0.8, outbreak: 0.7, pandemic: 1, epidemic: 1, symptoms: 0.8, dementia: 1, obesity: 1, measles: 1, malaria: 1, hiv: 1, influenza: 1, 'mental illness': 1 },
  },
  {
    code: '20000461', label: 'health facility', parent: '07000000',
    cues: { 'hospital*': 0.8, 'clinic*': 0.7, 'emergency room': 1, 'intensive care': 1, 'nursing home*': 1, 'care home*': 1 },
  },
  {
    code: '20000463', label: 'health organisations', parent: '07000000',
    cues: { 'world health organization': 1, 'centers for disease control': 1, cdc: 0.8, 'health ministry': 0.8, 'ministry of health': 0.8, 'doctors without borders': 1, 'medecins sans frontieres': 1 },
  },
  {
    code: '20000464', label: 'health treatment', parent: '07000000',
    cues: { 'treatment*': 0.3, 'vaccin*': 0.8, 'therap*': 0.5, surgery: 0.8, 'transplant*': 1, 'clinical trial*': 1, 'medication*': 0.8, chemotherapy: 1, 'prescri*': 0.5 },
  },
  {
    code: '20000480', label: 'government health care', parent: '07000000',
    cues: { medicare: 1, medicaid: 1, 'public health': 0.6, 'health care system': 1, 'healthcare system': 1, 'health service': 0.8, 'health policy': 1, nhs: 0.8 },
  },
  {
    code: '20000483', label: 'health insurance', parent: '07000000',
    cues: { 'health insurance': 1, 'health insurer*': 1, obamacare: 1, 'affordable care act': 1, uninsured: 1 },
  },
  {
    code: '20000484', label: 'private health care', parent: '07000000',
    cues: { 'private health*': 1, 'private hospital*': 1, 'private clinic*': 1 },
  },
  {
    code: '20000485', label: 'medical profession', parent: '07000000',
    cues: { doctors: 0.6, nurses: 0.8, physicians: 0.8, 'surgeon*': 0.8, 'medical staff': 1, 'paramedic*': 0.6, 'pharmacist*': 0.8, 'junior doctors': 1 },
  },
  {
    code: '20000493', label: 'non-human diseases', parent: '07000000',
    cues: { 'bird flu': 1, 'avian influenza': 1, 'foot and mouth': 1, 'swine fever': 1, 'mad cow': 1, 'livestock disease*': 1, 'animal disease*': 1 },
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
  // ---- politics (11000000): the other second-level topics ----
  {
    code: '20000587', label: 'fundamental rights', parent: '11000000',
    cues: { 'human rights': 0.8, 'civil rights': 1, 'civil liberties': 1, 'freedom of speech': 1, 'freedom of expression': 1, 'press freedom': 1, 'freedom of the press': 1, 'right to protest': 1, 'rights groups': 0.6 },
  },
  {
    code: '20000593', label: 'government', parent: '11000000',
    cues: { cabinet: 0.6, ministry: 0.5, 'prime minister': 0.5, 'head of state': 0.8, parliament: 0.5, legislature: 0.8, senate: 0.5, congress: 0.4, 'government': 0.3, 'ruling party': 0.8, 'coalition government': 1 },
  },
  {
    code: '20000621', label: 'government policy', parent: '11000000',
    cues: { 'government policy': 1, 'public policy': 1, 'policy': 0.3, budget: 0.5, 'tax*': 0.3, 'subsid*': 0.5, 'regulation*': 0.4, 'reform*': 0.4, 'spending cuts': 1 },
  },
  {
    code: '20000646', label: 'non-governmental organisation', parent: '11000000',
    cues: { 'non governmental': 1, ngo: 1, ngos: 1, charity: 0.6, charities: 0.6, 'amnesty international': 1, 'human rights watch': 1, 'red cross': 0.8, 'greenpeace': 1 },
  },
  {
    code: '20000647', label: 'political crisis', parent: '11000000',
    cues: { 'political crisis': 1, 'constitutional crisis': 1, 'no confidence': 1, 'impeach*': 1, 'government collapse*': 1, 'political deadlock': 1, 'martial law': 0.8, 'resign*': 0.3 },
  },
  {
    code: '20000648', label: 'political dissent', parent: '11000000',
    cues: { 'dissident*': 1, 'political prisoner*': 1, 'opposition leader': 0.8, crackdown: 0.6, 'exiled opposition': 1, 'jailed critic*': 1 },
  },
  {
    code: '20000649', label: 'political process', parent: '11000000',
    cues: { 'political party': 1, 'political parties': 1, parliamentary: 0.6, legislation: 0.5, lawmakers: 0.5, 'passed a bill': 1, 'the bill': 0.5, coalition: 0.4, 'party leader*': 0.8, 'party congress': 1 },
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
  // ---- science and technology (13000000): second level ----
  {
    code: '20000710', label: 'biomedical science', parent: '13000000',
    cues: { biomedical: 1, genome: 1, 'genetic*': 0.7, dna: 0.8, 'stem cell*': 1, 'biotechnolog*': 1, 'neuroscien*': 1, 'gene therapy': 1 },
  },
  {
    code: '20000715', label: 'mathematics', parent: '13000000',
    cues: { 'mathematic*': 1, theorem: 1, 'equation*': 0.5, 'prime number*': 1 },
  },
  {
    code: '20000717', label: 'natural science', parent: '13000000',
    cues: { physics: 1, chemistry: 1, biology: 1, 'astronom*': 1, 'geolog*': 0.8, quantum: 0.8, 'fossil*': 0.8, telescope: 1, 'planet*': 0.5, 'physicist*': 1, 'chemist*': 0.6 },
  },
  {
    code: '20000735', label: 'scientific research', parent: '13000000',
    cues: { researchers: 0.7, scientists: 0.8, 'peer reviewed': 1, 'experiment*': 0.6, laboratory: 0.6, findings: 0.4, 'published in the journal': 1, study: 0.2 },
  },
  {
    code: '20000741', label: 'scientific institution', parent: '13000000',
    cues: { nasa: 0.8, cern: 1, 'european space agency': 1, 'royal society': 1, 'academy of sciences': 1, 'research institute': 0.8, 'national laboratory': 1 },
  },
  {
    code: '20000742', label: 'social sciences', parent: '13000000',
    cues: { 'sociolog*': 1, 'psycholog*': 0.8, 'anthropolog*': 1, 'archaeolog*': 1, 'linguist*': 0.8, historians: 0.5 },
  },
  {
    code: '20000755', label: 'scientific standards', parent: '13000000',
    cues: { 'metric system': 1, 'international system of units': 1, 'measurement standard*': 1, 'standards body': 1, 'atomic clock*': 1 },
  },
  {
    code: '20000756', label: 'technology and engineering', parent: '13000000',
    cues: { technology: 0.5, software: 0.8, 'artificial intelligence': 1, ai: 0.6, 'smartphone*': 0.8, 'semiconductor*': 1, 'robot*': 0.7, engineering: 0.7, internet: 0.5, 'computer*': 0.6, 'data center*': 1, 'cyber*': 0.4 },
  },
  {
    code: '14000000', label: 'society',
    cues: { immigration: 0.8, migrants: 0.8, refugees: 0.6, discrimination: 1, poverty: 0.8, welfare: 0.7, 'human rights': 0.6, homeless: 0.8, homelessness: 1, 'social': 0.3, 'community': 0.3, 'gender': 0.5, 'racism': 1, 'protest*': 0.4 },
  },
  {
    code: '15000000', label: 'sport',
    cues: { match: 0.5, 'scored': 1, 'goals': 0.6, league: 0.6, championship: 0.8, tournament: 0.8, season: 0.4, coach: 0.6, players: 0.6, player: 0.5, football: 1, soccer: 1, basketball: 1, tennis: 1, cricket: 1, rugby: 1, baseball: 1, golf: 0.8, 'olympic*': 0.8, 'world cup': 1, 'premier league': 1, 'champions league': 1, striker: 1, midfielder: 1, goalkeeper: 1, 'penalty': 0.4, 'stadium': 0.7, 'fans': 0.4, 'defeat*': 0.3, 'victory': 0.3, 'win': 0.2, 'won': 0.2, 'final': 0.3, 'semi final': 0.8, 'quarter final': 0.8, 'athlete*': 0.8, 'medal*': 0.5, 'nba': 1, 'nfl': 1, 'fifa': 1, 'uefa': 1, 'race': 0.2, 'club': 0.3 },
  },
  // ---- sport (15000000): second level ----
  {
    code: '20000822', label: 'competition discipline', parent: '15000000',
    cues: { football: 1, soccer: 1, basketball: 1, tennis: 1, cricket: 1, rugby: 1, baseball: 1, golf: 0.8, athletics: 0.8, 'swimming': 0.5, cycling: 0.5, boxing: 0.8, 'formula one': 1, 'ice hockey': 1, marathon: 0.8 },
  },
  {
    code: '20001103', label: 'disciplinary action in sport', parent: '15000000',
    cues: { 'red card': 1, 'disciplinary hearing': 1, 'match ban': 1, 'suspended for': 0.5, 'banned for': 0.4 },
  },
  {
    code: '20001104', label: 'drug use in sport', parent: '15000000',
    cues: { doping: 1, 'anti doping': 1, wada: 1, 'performance enhancing': 1, 'banned substance': 1 },
  },
  {
    code: '20001108', label: 'sport event', parent: '15000000',
    cues: { 'world cup': 1, 'olympic*': 1, 'championship*': 0.8, tournament: 0.8, 'grand prix': 1, 'grand slam': 1, 'super bowl': 1, 'semi final': 0.8, 'quarter final': 0.8, match: 0.4, league: 0.5 },
  },
  {
    code: '20001124', label: 'sport industry', parent: '15000000',
    cues: { 'broadcasting rights': 1, 'sponsorship deal': 1, 'sports betting': 1, 'kit deal': 1 },
  },
  {
    code: '20001125', label: 'sport organisation', parent: '15000000',
    cues: { fifa: 1, uefa: 1, 'international olympic committee': 1, nba: 0.8, nfl: 0.8, 'football association': 1, 'premier league': 0.6 },
  },
  {
    code: '20001126', label: 'sport venue', parent: '15000000',
    cues: { stadium: 1, racetrack: 1, 'golf course': 1, velodrome: 1, arena: 0.4 },
  },
  {
    code: '20001148', label: 'sports transaction', parent: '15000000',
    cues: { 'transfer fee': 1, 'transfer window': 1, 'free agent': 1, 'traded to': 1, 'loan deal': 1, 'signed a contract': 0.5 },
  },
  {
    code: '20001301', label: 'sport achievement', parent: '15000000',
    cues: { 'world record': 1, 'gold medal': 1, 'medal*': 0.6, 'personal best': 1, 'hat trick': 1, champion: 0.5 },
  },
  {
    code: '20001323', label: 'sports coaching', parent: '15000000',
    cues: { coach: 0.7, 'head coach': 1, coaching: 0.8 },
  },
  {
    code: '20001324', label: 'sports management and ownership', parent: '15000000',
    cues: { 'club owner*': 1, 'sporting director': 1, 'franchise owner*': 1, 'takeover of the club': 1 },
  },
  {
    code: '20001325', label: 'sports officiating', parent: '15000000',
    cues: { 'referee*': 1, 'umpire*': 1, linesman: 1, officiating: 1, var: 0.5 },
  },
  {
    code: '16000000', label: 'conflict, war and peace',
    cues: { war: 0.8, conflict: 0.6, military: 0.6, troops: 0.8, invasion: 0.8, invaded: 0.8, ceasefire: 0.8, 'cease fire': 0.8, peace: 0.6, attack: 0.4, army: 0.5, fighting: 0.6, hostilities: 0.8, armed: 0.5, missile: 0.7, missiles: 0.7, soldiers: 0.8, 'occupied': 0.4, 'security guarantees': 0.6, 'terror*': 0.5 },
  },
  // ---- conflict, war and peace (16000000): the other second-level topics ----
  {
    code: '20000053', label: 'act of terror', parent: '16000000',
    cues: { 'terror*': 0.8, 'terrorist attack*': 1, 'suicide bomb*': 1, bombing: 0.6, 'hostage*': 0.6, 'jihadist*': 1, 'extremist*': 0.5, militants: 0.4 },
  },
  {
    code: '20000065', label: 'civil unrest', parent: '16000000',
    cues: { 'protest*': 0.5, demonstrators: 1, 'riot*': 1, unrest: 1, 'tear gas': 1, clashes: 0.4, curfew: 0.6, 'civil disobedience': 1 },
  },
  {
    code: '20000070', label: "coup d'etat", parent: '16000000',
    cues: { coup: 1, 'coup d etat': 1, junta: 1, 'seized power': 1, 'military takeover': 1, 'coup attempt': 1 },
  },
  {
    code: '20000071', label: 'massacre', parent: '16000000',
    cues: { 'massacre*': 1, 'mass killing*': 1, genocide: 1, 'atrocit*': 0.8, 'ethnic cleansing': 1 },
  },
  {
    code: '20000077', label: 'post-war reconstruction', parent: '16000000',
    cues: { 'post war reconstruction': 1, 'postwar reconstruction': 1, reconstruction: 0.5, demining: 1, 'recovery conference': 0.8, 'rebuild* the country': 1 },
  },
  {
    code: '20000080', label: 'prisoners of war', parent: '16000000',
    cues: { 'prisoners of war': 1, 'prisoner of war': 1, pows: 1, 'prisoner exchange*': 1, 'prisoner swap*': 1, 'captured soldiers': 1 },
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
