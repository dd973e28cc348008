/**
 * Public figures the tagger knows by name, so that a surname alone ("Lavrov") or a short form
 * ("Recep Erdoğan") gets the canonical full name. Heads of state and government, foreign and
 * defence ministers, envoys and officials prominent in international news (as of 2025), heads
 * of international bodies, and a few business figures.
 * One line per person: "Canonical|alias|alias". Every person also answers to first + last
 * name and, when no other known person shares it, to the surname alone.
 */
const PEOPLE = `
Donald Trump|Donald J. Trump
Joe Biden|Joseph Biden|Joseph R. Biden
Barack Obama
Kamala Harris
JD Vance|J.D. Vance|James David Vance
Marco Rubio
Michael Waltz|Mike Waltz
Steven Witkoff|Steve Witkoff
Keith Kellogg
Pete Hegseth
Scott Bessent
Howard Lutnick
Tulsi Gabbard
John Ratcliffe
Kash Patel
Pam Bondi
Kristi Noem
Elon Musk
Karoline Leavitt
Antony Blinken|Tony Blinken
Lloyd Austin
Jake Sullivan
Hillary Clinton
Bill Clinton
George W. Bush
Nancy Pelosi
Mike Johnson
Chuck Schumer
Mitch McConnell
Vladimir Putin|Vladimir Vladimirovich Putin
Sergey Lavrov|Sergei Lavrov
Dmitry Peskov|Dmitri Peskov
Yuri Ushakov|Yury Ushakov
Kirill Dmitriev
Dmitry Medvedev|Dmitri Medvedev
Mikhail Mishustin
Andrei Belousov|Andrey Belousov
Sergei Shoigu|Sergey Shoigu
Valery Gerasimov
Maria Zakharova
Alexei Navalny|Alexey Navalny
Yevgeny Prigozhin
Volodymyr Zelenskyy|Volodymyr Zelensky|Volodymyr Zelenskiy
Andriy Yermak|Andrii Yermak
Andrii Sybiha|Andriy Sybiha
Dmytro Kuleba
Denys Shmyhal
Rustem Umerov
Oleksandr Syrskyi
Valerii Zaluzhnyi|Valery Zaluzhny
Petro Poroshenko
Vitali Klitschko
Recep Tayyip Erdoğan|Recep Tayyip Erdogan|Tayyip Erdoğan
Hakan Fidan
Mohammed bin Salman|MBS|Mohammad bin Salman
Salman bin Abdulaziz|King Salman
Faisal bin Farhan
Mohamed bin Zayed|MBZ
Tamim bin Hamad Al Thani
Benjamin Netanyahu|Bibi Netanyahu
Isaac Herzog
Yahya Sinwar
Ismail Haniyeh
Mahmoud Abbas
Ali Khamenei|Ayatollah Ali Khamenei
Masoud Pezeshkian
Abbas Araghchi
Bashar al-Assad|Bashar Assad|Assad
Ahmed al-Sharaa
Abdel Fattah el-Sisi|Abdel Fattah al-Sisi|Sisi
King Abdullah II|Abdullah II
Xi Jinping|President Xi
Li Qiang
Wang Yi
Narendra Modi
Subrahmanyam Jaishankar|S. Jaishankar
Shehbaz Sharif
Imran Khan
Shigeru Ishiba
Fumio Kishida
Kim Jong Un|Kim Jong-un
Yoon Suk Yeol
Lee Jae-myung
Lai Ching-te
Anthony Albanese
Justin Trudeau
Mark Carney
Claudia Sheinbaum
Luiz Inácio Lula da Silva|Lula da Silva|Lula
Javier Milei
Nicolás Maduro|Nicolas Maduro
Gustavo Petro
Emmanuel Macron
Jean-Noël Barrot
Olaf Scholz
Friedrich Merz
Annalena Baerbock
Boris Pistorius
Frank-Walter Steinmeier
Keir Starmer
Rishi Sunak
Boris Johnson
David Lammy
David Cameron
King Charles III|King Charles
Giorgia Meloni
Antonio Tajani
Pedro Sánchez|Pedro Sanchez
Donald Tusk
Andrzej Duda
Radosław Sikorski|Radoslaw Sikorski
Viktor Orbán|Viktor Orban
Robert Fico
Alexander Lukashenko|Aleksandr Lukashenko
Maia Sandu
Ilham Aliyev
Nikol Pashinyan
Mark Rutte
Jens Stoltenberg
Ursula von der Leyen
António Costa|Antonio Costa
Kaja Kallas
Josep Borrell
Charles Michel
Roberta Metsola
Christine Lagarde
António Guterres|Antonio Guterres
Rafael Grossi
Tedros Adhanom Ghebreyesus|Tedros
Kristalina Georgieva
Pope Francis
Pope Leo XIV
Alexander Stubb
Ulf Kristersson
Mette Frederiksen
Jonas Gahr Støre|Jonas Gahr Store
Cyril Ramaphosa
Bola Tinubu
William Ruto
Abiy Ahmed
Jeff Bezos
Mark Zuckerberg
Bill Gates
Tim Cook
Sam Altman
Warren Buffett
`;

export const PEOPLE_LINES: readonly string[] = PEOPLE.split('\n').map((l) => l.trim()).filter(Boolean);
