/**
 * Places gazetteer: countries (with common short forms), capitals and major cities, regions.
 * One line per place: "Canonical|alias|alias". Aliases written in capitals (US, UK, UAE) only
 * match text written in capitals, so "us" the pronoun never becomes the United States.
 */

const COUNTRIES = `
Afghanistan
Albania
Algeria
Andorra
Angola
Antigua and Barbuda
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas|The Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia and Herzegovina|Bosnia|Bosnia-Herzegovina
Botswana
Brazil
Brunei
Bulgaria
Burkina Faso
Burundi
Cambodia
Cameroon
Canada
Cape Verde|Cabo Verde
Central African Republic
Chad
Chile
China|People's Republic of China|PRC|Mainland China
Colombia
Comoros
Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa
Republic of the Congo|Congo-Brazzaville|Congo
Costa Rica
Côte d'Ivoire|Ivory Coast|Cote d'Ivoire
Croatia
Cuba
Cyprus
Czech Republic|Czechia
Denmark
Djibouti
Dominica
Dominican Republic
East Timor|Timor-Leste
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini|Swaziland
Ethiopia
Fiji
Finland
France
Gabon
Gambia|The Gambia
Georgia
Germany
Ghana
Greece
Grenada
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran|Islamic Republic of Iran
Iraq
Ireland|Republic of Ireland
Israel
Italy
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kiribati
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Mauritania
Mauritius
Mexico
Micronesia
Moldova
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar|Burma
Namibia
Nauru
Nepal
Netherlands|The Netherlands|Holland
New Zealand
Nicaragua
Niger
Nigeria
North Korea|DPRK|Democratic People's Republic of Korea
North Macedonia|Macedonia
Norway
Oman
Pakistan
Palau
Palestine|Palestinian Territories|State of Palestine
Panama
Papua New Guinea
Paraguay
Peru
Philippines|The Philippines
Poland
Portugal
Qatar
Romania
Russia|Russian Federation
Rwanda
Saint Lucia
Samoa
San Marino
Saudi Arabia|KSA|Kingdom of Saudi Arabia
Senegal
Serbia
Seychelles
Sierra Leone
Singapore
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Korea|Republic of Korea|ROK
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Sweden
Switzerland
Syria
Taiwan
Tajikistan
Tanzania
Thailand
Togo
Tonga
Trinidad and Tobago
Tunisia
Turkey|Türkiye|Turkiye
Turkmenistan
Tuvalu
Uganda
Ukraine
United Arab Emirates|UAE|U.A.E.|Emirates
United Kingdom|UK|U.K.|Britain|Great Britain
United States|U.S.|US|USA|U.S.A.|America|United States of America
Uruguay
Uzbekistan
Vanuatu
Vatican City|Vatican|Holy See
Venezuela
Vietnam|Viet Nam
Yemen
Zambia
Zimbabwe
England
Scotland
Wales
Northern Ireland
Greenland
Puerto Rico
Hong Kong
Macau|Macao
Gaza|Gaza Strip
West Bank
Crimea
Donbas|Donbass
Kashmir
Tibet
Xinjiang
Chechnya
Kurdistan
Catalonia
`;

const CITIES = `
Kyiv|Kiev
Moscow
Washington|Washington DC|Washington, D.C.|Washington D.C.
Riyadh
Jeddah
Mecca
Medina
Beijing|Peking
Shanghai
Hong Kong
Tokyo
Osaka
Seoul
Pyongyang
Taipei
New Delhi|Delhi
Mumbai|Bombay
Kolkata|Calcutta
Chennai
Bangalore|Bengaluru
Karachi
Islamabad
Lahore
Kabul
Tehran
Baghdad
Damascus
Aleppo
Beirut
Amman
Jerusalem
Tel Aviv
Cairo
Alexandria
Ankara
Istanbul
Athens
Rome
Milan
Naples
Vatican
Madrid
Barcelona
Lisbon
Paris
Marseille
Lyon
Brussels
Amsterdam
The Hague
Rotterdam
Luxembourg City
Berlin
Munich
Hamburg
Frankfurt
Cologne
Bonn
Vienna
Zurich
Geneva
Bern
Davos
Prague
Warsaw
Krakow|Kraków
Budapest
Bratislava
Bucharest
Sofia
Belgrade
Zagreb
Sarajevo
Ljubljana
Tirana
Skopje
Pristina
Chisinau|Chișinău
Minsk
Vilnius
Riga
Tallinn
Helsinki
Stockholm
Oslo
Copenhagen
Reykjavik
Dublin
London
Manchester
Birmingham
Liverpool
Edinburgh
Glasgow
Cardiff
Belfast
Kharkiv|Kharkov
Odesa|Odessa
Lviv
Dnipro
Zaporizhzhia
Kherson
Mariupol
Donetsk
Luhansk
Bakhmut
Avdiivka
Kursk
St. Petersburg|Saint Petersburg|St Petersburg
Sevastopol
Novosibirsk
Vladivostok
Tbilisi
Yerevan
Baku
Astana|Nur-Sultan
Almaty
Tashkent
Bishkek
Dushanbe
Ashgabat
Ulaanbaatar
Dhaka
Kathmandu
Colombo
Bangkok
Hanoi
Ho Chi Minh City|Saigon
Phnom Penh
Vientiane
Yangon|Rangoon
Naypyidaw
Kuala Lumpur
Jakarta
Manila
Singapore
Canberra
Sydney
Melbourne
Brisbane
Perth
Auckland
Wellington
Ottawa
Toronto
Montreal
Vancouver
New York|New York City|NYC
Los Angeles|LA
Chicago
Houston
San Francisco
Boston
Miami
Seattle
Atlanta
Dallas
Philadelphia
Detroit
Denver
Las Vegas
Phoenix
Mexico City
Havana
Caracas
Bogota|Bogotá
Lima
Quito
Santiago
Buenos Aires
Montevideo
Brasilia|Brasília
Rio de Janeiro
Sao Paulo|São Paulo
La Paz
Asuncion|Asunción
Panama City
Tripoli
Tunis
Algiers
Rabat
Casablanca
Khartoum
Addis Ababa
Asmara
Mogadishu
Nairobi
Kampala
Kigali
Dar es Salaam
Dodoma
Kinshasa
Lagos
Abuja
Accra
Dakar
Bamako
Niamey
Johannesburg
Cape Town
Pretoria
Harare
Lusaka
Luanda
Maputo
Doha
Dubai
Abu Dhabi
Muscat
Manama
Kuwait City
Sanaa|Sana'a
Aden
Gaza City
Ramallah
Mosul
Basra
Erbil
Benghazi
Kandahar
Minsk
`;

const REGIONS = `
Europe
Asia
Africa
North America
South America
Latin America
Central America
Caribbean|the Caribbean
Oceania
Antarctica
Arctic|the Arctic
Middle East|Mideast|the Middle East
Near East
Far East
Balkans|the Balkans
Baltics|the Baltics|Baltic States
Scandinavia
Eastern Europe
Western Europe
Central Europe
Southeast Asia
South Asia
Central Asia
East Asia
Sub-Saharan Africa
North Africa
West Africa
East Africa
Horn of Africa
Sahel|the Sahel
Persian Gulf|Gulf region
Red Sea
Black Sea
Baltic Sea
Mediterranean|Mediterranean Sea|the Mediterranean
Caspian Sea
South China Sea
Taiwan Strait
Indo-Pacific
Pacific|Pacific Ocean
Atlantic|Atlantic Ocean
Indian Ocean
Silicon Valley
Wall Street
Capitol Hill
Downing Street
Kremlin Wall
Siberia
Caucasus|the Caucasus
Golan Heights
Sinai
Kurdish Region
`;

const US_STATES = `
Alabama
Alaska
Arizona
Arkansas
California
Colorado
Connecticut
Delaware
Florida
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico
New York State
North Carolina
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania
Rhode Island
South Carolina
South Dakota
Tennessee
Texas
Utah
Vermont
Virginia
Washington State
West Virginia
Wisconsin
Wyoming
Quebec
Ontario
British Columbia
Alberta
Bavaria
Scotland
`;

export const PLACE_LINES: readonly string[] = [COUNTRIES, CITIES, REGIONS, US_STATES]
  .flatMap((block) => block.split('\n'))
  .map((line) => line.trim())
  .filter(Boolean);
