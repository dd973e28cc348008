/**
 * Well-known organisations: international bodies, governments' institutions named by their
 * seat ("the Kremlin"), news agencies and outlets, large companies, armed groups.
 * One line per organisation: "Canonical|alias|alias"; capitalised aliases match capitals only.
 */
const ORGANIZATIONS = `
European Union|EU|E.U.
European Commission|EC
European Parliament
European Council
Council of Europe
European Central Bank|ECB
North Atlantic Treaty Organization|NATO|Nato|North Atlantic Treaty Organisation
United Nations|UN|U.N.|United Nations Organization
UN Security Council|United Nations Security Council|Security Council|UNSC
UN General Assembly|United Nations General Assembly|General Assembly
UNICEF
UNESCO
UNHCR|UN Refugee Agency
World Health Organization|WHO|World Health Organisation
World Trade Organization|WTO
International Monetary Fund|IMF
World Bank
International Criminal Court|ICC
International Court of Justice|ICJ
International Atomic Energy Agency|IAEA
International Committee of the Red Cross|ICRC|Red Cross
Organization for Security and Co-operation in Europe|OSCE
Organisation for Economic Co-operation and Development|OECD
Organization of the Petroleum Exporting Countries|OPEC|OPEC+
African Union|AU
Arab League|League of Arab States
Association of Southeast Asian Nations|ASEAN
Gulf Cooperation Council|GCC
Shanghai Cooperation Organisation|SCO
BRICS
G7|G-7|Group of Seven
G20|G-20|Group of 20
Kremlin|the Kremlin
White House|the White House
Pentagon|the Pentagon
U.S. State Department|State Department|US State Department|United States Department of State|Department of State
U.S. Department of Defense|Department of Defense|Defense Department
U.S. Treasury|Treasury Department|Department of the Treasury|US Treasury
U.S. Department of Justice|Justice Department|Department of Justice|DOJ
Department of Homeland Security|DHS|Homeland Security Department
Federal Bureau of Investigation|FBI
Central Intelligence Agency|CIA
National Security Agency|NSA
National Security Council|NSC
U.S. Congress|Congress|US Congress|United States Congress
U.S. Senate|Senate|US Senate
House of Representatives|U.S. House of Representatives
Supreme Court|U.S. Supreme Court|US Supreme Court
Federal Reserve|Fed|the Fed|US Federal Reserve
NASA
Democratic Party
Republican Party|GOP
Russian Foreign Ministry|Russian Ministry of Foreign Affairs|Foreign Ministry of Russia
Russian Defence Ministry|Russian Ministry of Defence|Russian Defense Ministry
Duma|State Duma
FSB
Wagner Group|Wagner
Gazprom
Rosneft
Verkhovna Rada|Rada
Downing Street
Foreign Office|Foreign, Commonwealth and Development Office|FCDO
Home Office
Bundestag
Bundeswehr
Élysée Palace|Elysee|Élysée
Knesset
Israel Defense Forces|IDF
Hamas
Hezbollah|Hizbollah
Houthis|Houthi|Ansar Allah
Islamic State|ISIS|ISIL|Daesh
Al-Qaeda|al-Qaeda|Al Qaeda|al Qaeda
Taliban|the Taliban
Muslim Brotherhood
Islamic Revolutionary Guard Corps|IRGC|Revolutionary Guards
Palestinian Authority
Palestine Liberation Organization|PLO
Kurdistan Workers' Party|PKK
Chinese Communist Party|CCP|Communist Party of China
People's Liberation Army|PLA
Munich Security Conference|MSC
World Economic Forum|WEF
TASS|Tass
RIA Novosti|RIA
Interfax
Reuters|Thomson Reuters
Associated Press|AP
Agence France-Presse|AFP
Bloomberg|Bloomberg News
BBC|British Broadcasting Corporation
CNN
Fox News
NBC|NBC News
CBS|CBS News
ABC News
NPR
Al Jazeera
Sky News
The New York Times|New York Times|NYT
The Washington Post|Washington Post
The Wall Street Journal|Wall Street Journal|WSJ
Financial Times|FT
The Guardian|Guardian
The Economist
Politico
Axios
Xinhua
Kyiv Independent
Ukrinform
Anadolu Agency|Anadolu
Apple
Google|Alphabet
Microsoft
Amazon
Meta|Facebook
Tesla
SpaceX
OpenAI
Nvidia
Samsung
Toyota
Volkswagen
Boeing
Airbus
ExxonMobil|Exxon
Shell
BP
Saudi Aramco|Aramco
Goldman Sachs
JPMorgan|JPMorgan Chase|JP Morgan
Twitter|X Corp
TikTok
Huawei
Alibaba
`;

export const ORGANIZATION_LINES: readonly string[] = ORGANIZATIONS.split('\n').map((l) => l.trim()).filter(Boolean);
