/**
 * Common given names across languages (English, Romance, Germanic, Slavic, Arabic, Turkish,
 * Persian, South and East Asian, African). A capitalised run that starts with one of these is
 * taken as a person's name even when nothing else is known about it ("Michael Waltz").
 */
const NAMES = `
aaron abdul abdullah abdel abel abraham adam adrian ahmad ahmed aidan alan albert alberto alejandro alex
alexander alexandra alexandre alexei alexey alfred ali alice alicia alina alison allen amanda amelia amir
amy ana anastasia andre andrea andreas andrei andrew andrey andriy andrii andrzej angela angelina anita ann
anna anne annie anthony antoine anton antonio antony arthur ashley aziz barbara barack barry beatrice ben
benjamin bernard bernie beth betty bill billy bob bogdan boris brad bradley brandon brenda brian bruce bruno
bryan carl carla carlos carmen carol caroline catherine cecilia charles charlie charlotte chen cheng chris
christian christina christine christopher chuck claire claude claudia colin connor craig cristina cynthia
dan daniel daniela danielle daria dario dave david dean deborah denis denise dennis denys derek diana diane
diego dmitri dmitry dmytro dominic donald donna doris dorothy douglas dylan ed eddie edward elena eli elias
elizabeth ellen elon emil emily emma emmanuel eric erik ernest esther ethan eugene eva evan evgeny fatima
felix fernando fiona francesca francesco francis francisco frank franz fred frederick friedrich gabriel
gabriela gary george georgiy gerald gerhard giorgia giovanni giuseppe gloria gordon grace greg gregory
guillaume gustavo hakan hamid hans harold harry hassan heather heinrich helen helena henry herbert hillary
hiroshi howard hugh hugo hussein ian igor ilya imran ingrid irina isaac isabel isabella ivan jack jacob
jacques jake james jamie jan jane janet jason javier jean jeff jeffrey jennifer jeremy jerome jerry jessica
jill jim jimmy joan joanna joe joel johann johannes john jon jonas jonathan jorge jose joseph josh joshua
juan judith julia julian julie justin kamala karen karim karl kate katherine kathleen katie keith kelly
ken kenneth kevin khalid kim kirill kristi kurt kyle larry laura lauren lawrence lee leo leon leonid linda
lisa liz lloyd louis louise lucas lucy luis luke lynn magdalena mahmoud malcolm manuel marc marcel marco
marcus margaret maria marie marina mario mark marta martin mary masoud matt matthew max maxim melissa
michael michel michelle miguel mikhail mike milan mohamed mohammad mohammed muhammad nadia nancy naomi
narendra natalia natalie nathan neil nicholas nick nicola nicolas nicole nikita nikolai nina noah norman
olaf oleg oleksandr oleksiy olga oliver olivia omar oscar otto pablo pamela patricia patrick paul paula
pavel pedro peggy peter petr petro philip philippe pierre pete rachel rafael ralph ramon randy raymond
rebecca recep richard rick rita rob robert roberto robin roger roman ronald rose roy ruslan russell ruth
ryan said salman sam samantha samuel sandra sara sarah scott sean sebastian serge sergei sergey sergio
sergiy shannon sharon sheila simon sofia sophie stanislav stefan stephanie stephen steve steven susan
svetlana tamara tanya tatiana ted teresa theresa thomas tim timothy tina todd tom tommy tony tracy tulsi
tyler ursula valentina valery vanessa vasily vera veronica victor victoria viktor vincent vitali vitaliy
vladimir vladislav volodymyr walter wang wei wendy william willie xavier yan yevgeny yulia yuri yury yusuf
yves zhang zoe
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
