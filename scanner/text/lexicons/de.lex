# German. See README.md for the format, en.lex for how the weights are chosen.
#
# Accents fold: write "Kater", "Frühstück" or "fruhstuck", "Scheiße" or "scheisse" (ß = ss).
language: de
# Common in German, rare in English, Dutch and French posts. "die" is Dutch too and "des" French
# (listed there as well, so they cancel out). Left out: "in", "an", "was", "so", "er", "man",
# "um", "war", "also", "hier", "mal" (all common in one of the other languages).
stop-words: der die das des und ich nicht ist ein eine einen zu mit auf sich für von den dem auch noch wie bin hab habe hat haben mein meine meinen wir sie ihr uns unsere aber oder wenn nur schon jetzt heute doch wieder sehr kein keine dass weil nach bei aus im zum mich mir dich es gestern
negation: nicht nie niemals kein keine keinen keiner keinem keines ohne nix nichts kaum anti

[alcohol]
# The inflected forms one by one: "*betrunken*" cannot be written, and "betrunken*" would miss
# "sturzbetrunken".
*betrunken                                 # betrunken, sturzbetrunken, stockbetrunken
*betrunkene
*betrunkener
*betrunkenen
*betrunkenem
*besoffen | weight: 0.9                    # besoffen, stockbesoffen, sturzbesoffen
*besoffene | weight: 0.9
*besoffener | weight: 0.9
*besoffenen | weight: 0.9
besoffski | weight: 0.85
angetrunken* | weight: 0.7
volltrunken* | weight: 0.85
beschwipst* | weight: 0.6
# Not "sauf*": French "sauf" (except) would match in a text too short to tell.
*saufen                                    # saufen, besaufen, komasaufen
säuft                                      # = "sauft" after folding
saufe
saufte
sauften
saufabend*
saufgelage*
sauftour*
saufkumpan*
saufspiel*
saufparty*
besäufnis
*gesoffen                                  # gesoffen, vollgesoffen, angesoffen
suff | weight: 0.7                         # "im Suff"; not "suff*": English "suffix"
suffkopp* | weight: 0.8
schnapsleiche* | weight: 0.85
bierleiche* | weight: 0.85
voll wie ein eimer | weight: 0.9
voll wie eine haubitze | weight: 0.9
voll wie tausend russen | weight: 0.9
# "blau" is blue: only "voll blau", "total blau" ... is drunk.
blau | after: voll total komplett sturz richtig ziemlich | weight: 0.65
blau wie | before: ein eine | weight: 0.75
blau gewesen | weight: 0.55
blau sein | weight: 0.45                   # "der Himmel soll blau sein": a hint only
stockblau | weight: 0.8
dicht | after: total komplett voll richtig | weight: 0.5
rausch | after: im einen | weight: 0.5
zu viel getrunken | weight: 0.8
zuviel getrunken | weight: 0.8
zu tief ins glas | weight: 0.8
# "Kater" is also a tomcat: only a big one is a hangover.
kater | after: fetten dicken mords riesen schlimmen krassen übelsten heftigen ordentlichen brutalen mega | weight: 0.75
mordskater | weight: 0.8
verkatert* | weight: 0.85
katerfrühstück | weight: 0.7
katerstimmung | weight: 0.6
vorglühen | weight: 0.6
vorgeglüht | weight: 0.6
kneipentour | weight: 0.6
flunkyball | weight: 0.6
wein | weight: 0.35                        # not "wein*": "weinen" is to cry
weinchen | weight: 0.45
schnaps | weight: 0.55                     # not "schnaps*": a Schnapsidee is a crazy idea
schnäpse | weight: 0.55
schnäpschen | weight: 0.55
kurze | after: paar | weight: 0.55         # "ein paar Kurze": shots
alkohol | weight: 0.4
alkoholiker* | weight: 0.5
wasted | after: so total komplett voll richtig | weight: 0.7

[drugs]
kiff*                                      # kiffen, kifft, Kiffer
gekifft
bekifft*
gras | before: rauchen geraucht | weight: 0.7
joint | after: einen ein den der nen n dicken fetten | not-before: venture ventures | weight: 0.7
joints | after: paar zwei drei | weight: 0.75
tüte | before: rauchen geraucht bauen gebaut | weight: 0.7
hasch | weight: 0.8
haschisch | weight: 0.8
koks | not-after: de twee drie onze alle | weight: 0.7   # Dutch "koks" are cooks
koksen | weight: 0.85
gekokst | weight: 0.85
kokain | weight: 0.9
zugedröhnt | weight: 0.8
breit | after: total komplett voll richtig | weight: 0.5
# Not after "so" alone: English "so high" ("rent is so high") in a text too short to tell.
high | after: total voll komplett bin bist war richtig | weight: 0.6
so high | after: bin bist war ist sind waren | weight: 0.6
pillen | after: paar | before: eingeworfen geschmissen genommen | weight: 0.7
pillen eingeworfen | weight: 0.75
teile | before: eingeworfen geschmissen | weight: 0.75
pep | before: gezogen ziehen | weight: 0.75
line | before: gezogen ziehen | weight: 0.75
drogen | weight: 0.4
drogen | after: nehmen genommen nehme nimmt harte | weight: 0.8
mein dealer | weight: 0.6
meinen dealer | weight: 0.6
pilze | after: magische magic | weight: 0.8

[profanity]
scheiß*                                    # scheiße, scheißegal, Scheißjob (ß = ss)
fick* | weight: 0.85
gefickt | weight: 0.8
arsch* | weight: 0.7                       # Arsch, Arschloch, Arschgeige
wichs* | weight: 0.8
hure* | weight: 0.85                       # Hure, Hurensohn
fotze* | weight: 0.95
schlampe* | weight: 0.8
miststück* | weight: 0.7
kack* | weight: 0.5                        # Kacke, Kackscheiße
vollidiot* | weight: 0.7
vollpfosten | weight: 0.6
depp | weight: 0.5
trottel | weight: 0.5
penner* | weight: 0.6
missgeburt* | weight: 0.85
schwanzlutscher* | weight: 0.9
pisser | weight: 0.7
leck mich | weight: 0.75
verpiss dich | weight: 0.8
verpisst euch | weight: 0.8
halt die fresse | weight: 0.8
halt s maul | weight: 0.7
halts maul | weight: 0.7
fresse | after: die deine eine | weight: 0.6
dumme kuh | weight: 0.6
blöde kuh | weight: 0.6
sau | after: alte dumme blöde fette | weight: 0.6
drecks* | weight: 0.6                      # Drecksau, Dreckskerl, Drecksladen
verdammt* | weight: 0.3
shit | weight: 0.4

[violence]
bring* dich um | weight: 0.9
bring* ihn um | weight: 0.9
bring* euch um | weight: 0.9
bring* sie um | weight: 0.85
umbringen | weight: 0.6
abstechen | weight: 0.8
stech* dich ab | weight: 0.9
abknallen | weight: 0.8
knall* dich ab | weight: 0.9
erschieß* | weight: 0.55
schlag* dich tot | weight: 0.9
schlag* ihn tot | weight: 0.9
totschlagen | weight: 0.6
schlag* dich zusammen | weight: 0.85
zusammenschlagen | weight: 0.6
zusammengeschlagen | weight: 0.45
aufs maul | weight: 0.7
in die fresse | weight: 0.7
auf die fresse | after: gibts gibt s kriegst kriegt | weight: 0.75
abschlachten | weight: 0.75
weiß wo du wohnst | weight: 0.8
messerstecherei* | weight: 0.55
schlägerei* | weight: 0.6
prügelei* | weight: 0.6
waffe | weight: 0.4                        # not "waffe*": "Waffel" is a waffle
waffen | weight: 0.4
schusswaffe* | weight: 0.6
knarre* | weight: 0.7
pistole | weight: 0.6
pistolen | weight: 0.6
gewehr* | weight: 0.5

[discrimination]
# Not "neger*": Dutch "negeren" (to ignore) would match in a text too short to tell.
neger | weight: 0.9
negern | weight: 0.9
negerin | weight: 0.9
negerkuss | weight: 0.7
kanake* | weight: 0.9
kanacke* | weight: 0.9
schlitzauge* | weight: 0.9
zigeuner | weight: 0.45
zigeunern | weight: 0.45
judensau | weight: 0.95
drecksjude* | weight: 0.95
jude* | after: scheiss scheiß drecks dreckige dreckiger dreckigen verdammte | weight: 0.9
schwuchtel* | weight: 0.9
transe | after: du scheiss scheiß dumme blöde eklige drecks | weight: 0.8   # French "transe" is a trance
transen | weight: 0.7
spast | weight: 0.75
spasti | weight: 0.75
mongo | after: du ein alter | weight: 0.7   # MongoDB, the Mongo people
untermensch* | weight: 0.9
ausländer raus | weight: 0.95
deutschland den deutschen | weight: 0.95
umvolkung | weight: 0.7
kopftuchmädchen | weight: 0.8
messermigrant* | weight: 0.9
asylant* | weight: 0.5
asyltourist* | weight: 0.8
vergasen | weight: 0.6
frauen gehören in die küche | weight: 0.85
gehört in die küche | after: frau frauen | weight: 0.8
geh zurück in dein land | weight: 0.85
zurück in dein land | weight: 0.75

[employer]
hasse meinen | before: job chef chefin arbeitgeber boss
hasse meine | before: arbeit arbeitsstelle kollegen chefin firma stelle
hasse diesen job
hasse diese firma
chef ist ein | before: idiot arschloch vollidiot depp trottel witz psycho tyrann choleriker wichser penner
chef ist ein totaler | before: idiot arschloch vollidiot depp trottel witz psycho tyrann choleriker wichser penner
chef ist ein richtiger | before: idiot arschloch vollidiot depp trottel witz psycho tyrann choleriker wichser penner
chef ist ein echter | before: idiot arschloch vollidiot depp trottel witz psycho tyrann choleriker wichser penner
chef ist ein riesen | before: idiot arschloch vollidiot depp trottel witz psycho tyrann choleriker wichser penner
chef ist ein kompletter | before: idiot arschloch vollidiot depp trottel witz psycho tyrann choleriker wichser penner
chef ist so | before: dumm unfähig nervig inkompetent
chefin ist eine | before: idiotin schlampe zicke kuh witzfigur
chefin ist ein | before: witz psycho
kollegen sind | before: idioten vollidioten deppen trottel faul unfähig inkompetent nervig arschlöcher
scheißjob | weight: 0.8                    # ß folds to ss: this is "scheissjob" too
scheiß job | weight: 0.8
scheiß firma | weight: 0.8
scheißchef* | weight: 0.85
scheiß chef* | weight: 0.85
drecksjob | weight: 0.8
drecksfirma | weight: 0.8
chef nervt | weight: 0.6
chefin nervt | weight: 0.6
job nervt | weight: 0.55
kollegen nerven | weight: 0.55
# krankfeiern: blaumachen
blaumach* | weight: 0.8
blau gemacht | weight: 0.8
blau machen | weight: 0.8
blaugemacht | weight: 0.8
krankfeiern | weight: 0.85
krank feiern | weight: 0.85
krankgefeiert | weight: 0.85
krank gefeiert | weight: 0.85
krankgemeldet | before: lol haha 😂 🤣 😎 🍺 aber | weight: 0.75
krank gemeldet | before: lol haha 😂 🤣 😎 🍺 aber | weight: 0.75
nicht wirklich krank | weight: 0.45
auf der arbeit | after: besoffen betrunken verkatert bekifft breit | weight: 0.7
# Betriebsgeheimnisse ausplaudern
vertraulich | weight: 0.45
streng vertraulich | weight: 0.8
internen gebrauch | weight: 0.8
betriebsgeheimnis* | weight: 0.6
eigentlich nicht posten | weight: 0.8
eigentlich nicht zeigen | weight: 0.7
eigentlich nicht sagen | weight: 0.45
eigentlich nicht erzählen | weight: 0.45

[sexual]
# "geil" is everyday German for "cool": only a hint next to something else.
geil | weight: 0.25
nackt | weight: 0.35
nacktbild* | weight: 0.85
nacktfoto* | weight: 0.85
porno* | weight: 0.8
sexvideo* | weight: 0.85
