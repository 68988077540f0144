# Polish. See README.md for the format, en.lex for how the weights are chosen.
#
# Accents fold: "pijany" = "pijany", "łeb" is "leb", "ćpun" is "cpun". Entries that would fold
# into a word of another language ("pedał", a slur, is the English "pedal") are kept behind
# rules; prefixes are not used where a common word shares them ("kac*" would be "kaczka", a duck).
language: pl
# Common in Polish, rare in the other languages' posts; shared words are listed in every
# language that uses them so they cancel out ("i", "to", "do", "na", "mi", "o", "z", "nie").
stop-words: i w na z że nie się to jest co jak ale do po tak od za już mi mnie jestem był była było są ten ta tego tym o czy dla przez bardzo tylko też jeszcze może gdzie kiedy dzisiaj wczoraj jutro ja ty my wy oni moja mój moje jak wszystko
negation: nie bez nigdy ani

[alcohol]
pijan* | not-before: wiśnia wiśnie śliwka   # pijany, pijana, pijani; not the dessert "pijana wiśnia"
najeban* | weight: 0.9
schlan* | weight: 0.85
zalan* w trupa | weight: 0.9
pijany w trupa | weight: 0.9
nawalon* | after: byłem byłam był była jestem jesteśmy byliśmy totalnie kompletnie ale | weight: 0.75
kac | not-before: vegas lira tl kisi saat | not-after: saat mac kac skor | weight: 0.7   # Turkish "kaç" (how many)
kaca | weight: 0.7
kacem | weight: 0.7
kacu | weight: 0.7
chlanie | weight: 0.8
chlać | weight: 0.8
chlaliśmy | weight: 0.8
chlałem | weight: 0.8
wódk* | weight: 0.5                        # wódka, wódki, wódkę
piwo | weight: 0.4
piwa | weight: 0.4
piwko | weight: 0.45
melanż | not-after: szary kolor kolorze grafitowy | weight: 0.55   # also a grey melange
melanżu | weight: 0.55

[drugs]
zjaran* | weight: 0.85
naćpan* | weight: 0.85
ćpać | weight: 0.8
ćpun* | weight: 0.8
ćpaliśmy | weight: 0.85
ćpałem | weight: 0.85
trawk* | after: palić palimy paliliśmy paliłem jarać jaramy zapalić | weight: 0.7
skręta | after: zapalić zapaliliśmy palić jednego | weight: 0.7
zioło | after: palić palimy paliliśmy jarać jaramy | weight: 0.7
kokain* | weight: 0.9
amfa | weight: 0.85
amfetamina | weight: 0.85
dopalacz* | weight: 0.8

[profanity]
wkurw* | weight: 0.8
popierdol* | weight: 0.85
zajeb* | weight: 0.7
kurw* | weight: 0.85
chuj* | weight: 0.85
pierdol* | weight: 0.85
spierdalaj | weight: 0.9
wypierdalaj | weight: 0.9
jebać | weight: 0.85
jebany | weight: 0.85
jebana | weight: 0.85
jebane | weight: 0.85
pizd* | weight: 0.85
skurwysyn* | weight: 0.95
debil | weight: 0.6                       # not "debil*": Spanish "debilidad"
debila | weight: 0.6
debile | weight: 0.6
debilu | weight: 0.6
debilem | weight: 0.6
debilka | weight: 0.6
debilko | weight: 0.6
debilny | weight: 0.6
debilna | weight: 0.6
debilne | weight: 0.6
cwel | weight: 0.8
suka | after: ty jebana głupia pierdolona | weight: 0.7
dupek | weight: 0.5

[violence]
wpierdol | weight: 0.8
zabiję cię | weight: 0.9
zajebię cię | weight: 0.9
zabiję go | weight: 0.85
wiem gdzie mieszkasz | weight: 0.85
rozwalę ci łeb | weight: 0.9
dam ci w mordę | weight: 0.85
pistolet | not-before: na | weight: 0.4    # "pistolet na wodę": a water pistol

[discrimination]
pedał | after: ty jebany pierdolony zasrany ten | weight: 0.85
pedały | after: jebane pierdolone zasrane | weight: 0.9   # a bike's pedals otherwise
pedały won | weight: 0.9
pedałów | after: jebanych pierdolonych tych zasranych | weight: 0.85
ciota | weight: 0.8
czarnuch* | weight: 0.95
ciapat* | weight: 0.9
brudas* | not-after: mały mała nasz nasza mój moja | weight: 0.7   # "nasz mały brudas": a muddy dog
wracaj do swojego kraju | weight: 0.85
wracajcie do swojego kraju | weight: 0.85

[employer]
januszex* | weight: 0.7
nienawidzę swojej | before: pracy roboty firmy
nienawidzę mojej | before: pracy roboty firmy
nienawidzę szefa | weight: 0.8
nienawidzę mojego szefa | weight: 0.8
szef to | before: idiota debil kretyn chuj dupek palant | weight: 0.8
szefowa to | before: idiotka debilka kretynka suka | weight: 0.8
praca do dupy | weight: 0.75
robota do dupy | weight: 0.75
lewe l4 | weight: 0.85
lewe zwolnienie | weight: 0.85
ściśle tajne | weight: 0.7
poufne | weight: 0.45

[sexual]
bzyka* | weight: 0.7
nagie zdjęcia | weight: 0.8
nudesy | weight: 0.75
ruchać | weight: 0.8
ruchanie | weight: 0.8
ruchał | weight: 0.75
cycki | weight: 0.55
napalon* | not-before: na | weight: 0.6   # "napalony na nowy sezon" is eager
robić loda | weight: 0.85
zrobiła loda | weight: 0.85
