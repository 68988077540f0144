# Italian. See README.md for the format, en.lex for how the weights are chosen.
#
# Accents fold: "è" is the word "e" (and), "perché" is "perche", "però" is "pero" (Spanish "but"
# too). A short text of no known language gets every language's entries, so words that are
# innocent elsewhere are kept behind rules.
language: it
# Common in Italian, rare in the other languages' posts; shared words are listed in every
# language that uses them so they cancel out ("con", "una", "un", "del", "al", "lo", "mi", "tu",
# "su", "se", "si", "il", "le", "la", "ma", "e", "a", "no", "non", "come", "pero").
stop-words: il di che non per sono con una un gli le la della del nel alla al questo questa ma anche molto tutto tutti ho hai ha abbiamo siamo stato stata oggi ieri domani perche piu sempre grazie ci mi ti si lo io noi voi mio mia sei era e su se tu pero a no
negation: non mai senza nessuno nessuna niente nemmeno neanche
# Compound tenses put the negation further back: "nunca he fumado un porro".
negation-reach: 4

[alcohol]
ubriac*                                    # ubriaco, ubriaca, ubriachi, ubriacarsi
sbronz* | weight: 0.85                     # sbronzo, sbronza, sbronzarsi
sbornia | weight: 0.8
ciucco | weight: 0.75
ciucca | weight: 0.75
brillo | after: un po sono ero siamo eravamo gia già | weight: 0.55   # tipsy; also a shine
brilla | after: un po sono ero gia già | weight: 0.55
alticcio | weight: 0.6
alticcia | weight: 0.6
postumi | after: ho dei con i coi | not-before: dell del della dello di | weight: 0.6   # della sbornia, not "dell'intervento"
bevuto troppo | weight: 0.8
abbiamo bevuto | weight: 0.4
birra | weight: 0.45
birre | weight: 0.45
birretta | weight: 0.45
birrette | weight: 0.45
vino | after: di bicchiere bottiglia bottiglie rosso bianco | weight: 0.35
spritz | not-after: aperol campari hugo | weight: 0.4
shottini | weight: 0.6
come una spugna | after: bere bevo beve beviamo bevuto | weight: 0.8
alcol | weight: 0.35

[drugs]
cannetta | weight: 0.7
bamba | after: di la tirare | weight: 0.8
una canna | after: fatto fatta facciamo faccio fai fare farci farmi farsi fumare fumato fumiamo fumo rollare rollo girare | not-before: da di del della fumaria | weight: 0.75
canna | after: farsi fumare fumato fumata fumiamo fumando rollare | weight: 0.7   # "canna da pesca", "canna fumaria", a bike's "canna"
canne | after: delle farsi fumare fumato fumati fumiamo fumando | weight: 0.7
spinell* | weight: 0.8
strafatt* | weight: 0.8
fatto | after: sono ero siamo eravamo troppo strafatto | not-before: di il la un una che bene male | weight: 0.4
cocaina | weight: 0.9
pasticche | not-before: per alla al contro | weight: 0.6   # "le pasticche per la gola"
sballo | weight: 0.45
sballat* | weight: 0.6
erba | after: fumare fumato fumiamo fumando | weight: 0.6
fumo | after: pezzo pezzetto | weight: 0.6  # a piece of hashish; "fumo" alone is smoke

[profanity]
cazzo | weight: 0.75
cazzi | weight: 0.7
cazzata | weight: 0.55
vaffanculo | weight: 0.9
fanculo | weight: 0.85
stronz* | weight: 0.8
merda | weight: 0.7
coglion* | weight: 0.8
puttana | weight: 0.8                     # not "puttan*": spaghetti alla puttanesca
puttane | weight: 0.8
puttanata | weight: 0.6
puttanate | weight: 0.6
figlio di puttana | weight: 0.95
porca puttana | weight: 0.85
porco dio | weight: 0.8
porcodio | weight: 0.8
minchia | weight: 0.7
testa di cazzo | weight: 0.95
pezzo di merda | weight: 0.9
bastardo | weight: 0.6
cretino | weight: 0.5
cretina | weight: 0.5
deficiente | weight: 0.5
troia | not-after: di la cavallo a in da per | weight: 0.7   # "la guerra di Troia", the town in Apulia
culo | weight: 0.45
rompicoglioni | weight: 0.7
mongoloide | weight: 0.7

[violence]
ti ammazzo | weight: 0.85
vi ammazzo | weight: 0.85
lo ammazzo | weight: 0.8
ti uccido | weight: 0.85
vi uccido | weight: 0.85
ammazzarti | weight: 0.85
ucciderti | weight: 0.85
ti spacco la faccia | weight: 0.9
spacco la faccia | weight: 0.85
so dove abiti | weight: 0.85
so dove vivi | weight: 0.85
pistola | not-before: ad d a | weight: 0.45 # "pistola ad acqua": a water pistol
coltello | weight: 0.35
accoltell* | weight: 0.8

[discrimination]
culattone | weight: 0.9
tornatene al tuo paese | weight: 0.85
torna al tuo paese | weight: 0.85
tornate al vostro paese | weight: 0.85
froci* | weight: 0.9                       # frocio, froci, frocione
ricchion* | weight: 0.9
negro di merda | weight: 0.95
sporco negro | weight: 0.95
zingaro di merda | weight: 0.95
zingari di merda | weight: 0.95
terrone | weight: 0.7
terroni | weight: 0.7
ebreo di merda | weight: 0.95

[employer]
in mutua | before: ma e | weight: 0.6    # "in mutua ma sono al mare"
odio il mio | before: lavoro capo ufficio
odio questo | before: lavoro ufficio
odio i miei | before: colleghi capi
odio la mia | before: azienda capa
il mio capo e un | before: idiota stronzo coglione cretino incapace deficiente incompetente
il mio capo e uno | before: stronzo
capo di merda | weight: 0.85
di merda | after: lavoro ufficio colleghi azienda capo | weight: 0.85
stufo del mio | before: lavoro capo | weight: 0.7
stufa del mio | before: lavoro capo | weight: 0.7
finta malattia | weight: 0.85
finto malato | weight: 0.8
finta malata | weight: 0.8
strettamente confidenziale | weight: 0.8
confidenziale | weight: 0.45
non dovrei dirlo | weight: 0.6

[sexual]
trombato | weight: 0.7
foto nud* | weight: 0.8
nuda | after: foto foto mia sua tutta | weight: 0.6
scopare | not-before: il la per terra e casa i pavimento | weight: 0.6   # also "to sweep the floor"
scopata | after: una bella | weight: 0.75
scopato | weight: 0.6
pompino | weight: 0.85
tette | weight: 0.55
figa | not-after: che troppo molto proprio super davvero | weight: 0.5   # "troppo figa" is cool
arrapat* | weight: 0.7
porno* | weight: 0.8
