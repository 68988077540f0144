# Dutch. See README.md for the format, en.lex for how the weights are chosen.
#
# Write phrases as separate words: "m'n" and "collega's" in a post are the words "m n" and
# "collega s".
language: nl
# Common in Dutch, rare in English, German and French posts. Shared words are listed in every
# language that uses them so they cancel out: "de", "en", "je", "te" (French too), "die"
# (German too), "of" (English too). Left out: "is", "was", "in", "we", "hier", "er", "dan".
stop-words: de het een en ik je te die of niet dat wat van op zijn hij ze mijn met voor naar maar ook nog wel toch heb hebben heeft om bij uit jij jullie wij zo geen deze dit echt weer gewoon even kan moet wordt werd ben hem haar hun omdat veel nu gisteren vandaag lekker eigenlijk als dus
negation: niet geen nooit zonder nergens niks niets nauwelijks amper anti non gestopt

[alcohol]
# Not "*dronken": that is "gedronken", drunk as in "water gedronken".
dronken*                                   # dronken, dronkenschap, dronkenlap
stomdronken
straaldronken
ladderdronken
smoordronken
dronkaard*
# "een bezopen idee" is an absurd idea, not a drunk one.
*bezopen | not-before: idee ideeen plan plannen voorstel gedoe regel regels situatie verhaal | weight: 0.85
beschonken | weight: 0.8
aangeschoten | not-before: wild | weight: 0.7
# "zat" is drunk only after these: "ik zat op de bank" is sitting, "ik ben het zat" is fed up,
# and before a noun it is plenty ("er is zat te doen", "er zijn zat mensen").
zat | after: was ben is zijn werd waren | not-before: van te mensen dingen andere redenen mogelijkheden plekken tijd geld werk keuze voorbeelden meer genoeg | weight: 0.8
# "ik ben het zo zat" is fed up: the intensifier only counts right after was/ben/...
zo zat | after: was ben is zijn werd waren | not-before: van | weight: 0.8
echt zat | after: was ben is zijn werd waren | not-before: van | weight: 0.8
helemaal zat | after: was ben is zijn werd waren | not-before: van | weight: 0.8
hartstikke zat | after: was ben is zijn werd waren | not-before: van | weight: 0.85
echt zo zat | after: was ben is zijn werd waren | not-before: van | weight: 0.8
zat als een aap | weight: 0.9
zatte | weight: 0.7                        # "een zatte kop": never a form of "zitten"
strontzat | weight: 0.9
ladderzat | weight: 0.9
kachelzat | weight: 0.9
apezat | weight: 0.9
zatlap* | weight: 0.8
# Not "zuip*" next to "*zuipen": "zuipen" would count twice.
zuip | weight: 0.75
zuipt | weight: 0.8
zuipte* | weight: 0.8
zuiplap* | weight: 0.8
zuipfestijn* | weight: 0.8
zuippartij* | weight: 0.8
zuipkeet | weight: 0.6
*zuipen                                    # bezuipen, volzuipen, comazuipen
*gezopen                                   # gezopen, volgezopen, ingezopen
teut | after: de | weight: 0.7             # "in de teut"
lazarus | after: was ben zo hartstikke echt | weight: 0.7
# "lam" is also a lamb ("het lam") and paralysed ("mijn arm is lam").
lam | after: was ben werd waren straal stomp hartstikke | not-before: gelegd geslagen | weight: 0.6
helemaal lam | after: was ben werd waren | weight: 0.6
in de olie | after: goed lekker flink aardig | weight: 0.7
stuk in mijn kraag | weight: 0.85
stuk in mn kraag | weight: 0.85
stuk in m n kraag | weight: 0.85
stuk in zijn kraag | weight: 0.85
stuk in zn kraag | weight: 0.85
stuk in z n kraag | weight: 0.85
stuk in haar kraag | weight: 0.85
teveel gedronken | weight: 0.8
te veel gedronken | weight: 0.8
flink gedronken | weight: 0.6
veel gedronken | weight: 0.5
doorzakken | weight: 0.7
doorgezakt | weight: 0.7
# "kater" is also a tomcat: only a big one is a hangover.
kater | after: flinke enorme dikke zware gigantische mega vreselijke brute heftige bizarre | weight: 0.75
wat een kater | weight: 0.6
kater van de eeuw | weight: 0.8
katerig* | weight: 0.85
katerdag* | weight: 0.8
katerontbijt | weight: 0.7
brak | after: ben was zo echt super mega hartstikke beetje best | not-before: water | weight: 0.7
brakke | before: zondag zaterdag ochtend dag kop koppen hoofd | weight: 0.6
# "bier*" and "pils*" (biertje, pilsje) are in any.lex.
wijn | weight: 0.4
wijntje* | weight: 0.45
jenever* | weight: 0.5
shotje* | weight: 0.65
drank | after: veel gratis onbeperkt goedkope | weight: 0.5   # not "drank*": English "drank"
aan de drank | weight: 0.8
drankje | weight: 0.35
drankjes | weight: 0.35
drankprobleem | weight: 0.7
drankmisbruik | weight: 0.6
drankorgel* | weight: 0.8
drankspel* | weight: 0.7
kroegentocht* | weight: 0.6
kroeg | weight: 0.35
borrel* | weight: 0.3                      # after-work drinks are normal: a hint only
vrijmibo | weight: 0.3
alcoholist* | weight: 0.5
wasted | after: zo was ben echt helemaal | weight: 0.7

[drugs]
wiet | weight: 0.7
joint | after: een die deze mijn mn n dikke | not-before: venture ventures account | weight: 0.6
joints | after: paar twee drie wat | weight: 0.7
jointje* | weight: 0.75
blowen | weight: 0.8
geblowd | weight: 0.8
geblowed | weight: 0.8
blowt | weight: 0.75
blowde | weight: 0.75
blowden | weight: 0.75
hasj | weight: 0.8
high | after: zo ben was werd zijn hartstikke echt knetter | weight: 0.6   # not after "super": English "super high quality"
coke | after: snuiven snoof lijntje lijntjes gram beetje | weight: 0.8
lijntje* | before: trekken getrokken snuiven gesnoven coke | weight: 0.8
snuiven | after: coke | weight: 0.5
snuiven | before: op tijdens feest coke | weight: 0.5
coke | before: overal gesnoven gesnoven | weight: 0.5
keta | weight: 0.85
paddo | weight: 0.85
paddos | weight: 0.85
paddotrip* | weight: 0.85
lachgas | weight: 0.6
trippen | weight: 0.5
trippend | weight: 0.6
pillen | after: paar halve hele | weight: 0.4
pilletje | after: halve hele | weight: 0.5
drugs | after: gebruiken gebruik gebruikt gebruikte doen deed harde | weight: 0.8
drugsgebruik | weight: 0.5
dealer | after: mijn mn n | weight: 0.6
heroine | not-after: the a our my her his their | weight: 0.6   # "heroïne"; English "heroine" is a hero
coffeeshop* | weight: 0.3

[profanity]
kanker | before: op | weight: 0.9
kk | weight: 0.4                           # "kk" = kanker as an intensifier; also English chat for "ok"
kkr | weight: 0.6
kankerlijer* | weight: 0.9
kankerhoer* | weight: 0.9
kankerzooi | weight: 0.85
kankerweer | weight: 0.8
kankerdag | weight: 0.8
kankerwijf | weight: 0.9
kankerding | weight: 0.8
tering* | weight: 0.7
tyfus* | weight: 0.8
tyf op | weight: 0.9
tyft op | weight: 0.9
# Not "klere*": "kleren" are clothes.
klere | weight: 0.65
klerelijer* | weight: 0.85
klerezooi | weight: 0.7
klerewijf | weight: 0.85
kolere* | weight: 0.7
pokke* | weight: 0.5
krijg de kanker | weight: 0.95
krijg de tering | weight: 0.9
krijg de tyfus | weight: 0.9
krijg de klere | weight: 0.9
krijg de pest | weight: 0.7
godver* | weight: 0.6
gvd | weight: 0.6
verdomme | weight: 0.4
# Not "kut*": German "Kutsche", "Kutter". The compounds by their next letter instead.
kut | weight: 0.75
kutw* | weight: 0.75                       # kutwijf, kutweer, kutwerk
kutd* | weight: 0.75                       # kutdag, kutding
kutz* | weight: 0.75                       # kutzooi
kutm* | weight: 0.75                       # kutmening
kutk* | weight: 0.75                       # kutkind, kutkop
kutb* | weight: 0.75                       # kutbaan, kutbaas
kutleven | weight: 0.75                    # not "kutl*": Turkish "kutlu olsun"
kuth* | weight: 0.75                       # kuthoer
kutc* | weight: 0.75                       # kutcollega
kutj* | weight: 0.75                       # kutje, kutjob
kutg* | weight: 0.75                       # kutgeluid
kutp* | weight: 0.75                       # kutpraat
kutv* | weight: 0.75                       # kutvent
klote* | weight: 0.5
lul | weight: 0.6
lullo | weight: 0.6
lulhannes | weight: 0.7
klootzak* | weight: 0.85
klojo | weight: 0.6
eikel | after: een wat vuile die zo echt vieze | weight: 0.6
hufter* | weight: 0.65
hoer | weight: 0.8
hoeren | weight: 0.8
hoerig | weight: 0.8
hoertje | weight: 0.8
hoerenjong* | weight: 0.9
hoerenzoon | weight: 0.9
slet* | weight: 0.8
trut | weight: 0.6
trutje | weight: 0.6
wijf | after: stom vuil vies dom lelijk kut | weight: 0.7
sukkel* | weight: 0.4
idioot | weight: 0.4
debiel* | weight: 0.5
rot op | weight: 0.7
rot toch op | weight: 0.7
pleur op | weight: 0.8
pleur toch op | weight: 0.8
flikker op | weight: 0.8
val dood | not-after: ik bijna | weight: 0.6
fokking | weight: 0.7
*shit | weight: 0.5                        # shit, bullshit

[violence]
maak je dood | weight: 0.9
maak hem dood | weight: 0.9
maak haar dood | weight: 0.9
maak jullie dood | weight: 0.9
vermoord* | before: je jou hem haar jullie ze iedereen | weight: 0.75
vermoord je | weight: 0.85
steek je neer | weight: 0.9
steek je dood | weight: 0.9
steek hem neer | weight: 0.9
schiet* je dood | weight: 0.9
schiet* hem dood | weight: 0.9
schiet* haar dood | weight: 0.9
schiet* je neer | weight: 0.85
neersteken | weight: 0.7
neerschieten | weight: 0.7
doodschieten | weight: 0.7
doodsteken | weight: 0.75
kogel door je kop | weight: 0.9
kogel door zijn kop | weight: 0.9
in elkaar slaan | not-after: handen | weight: 0.6   # "de handen in elkaar slaan": join forces
in elkaar rammen | weight: 0.7
in elkaar trappen | weight: 0.7
in elkaar meppen | weight: 0.7
sla je in elkaar | weight: 0.85
klap voor je kop | weight: 0.7
klap op je bek | weight: 0.7
klap voor je bek | weight: 0.7
knal voor je kop | weight: 0.7
ram voor je kop | weight: 0.7
weet waar je woont | weight: 0.8
matten | after: gaan ging gingen | weight: 0.6
knokpartij* | weight: 0.6
vechtpartij* | weight: 0.5
messteek* | weight: 0.5
steekpartij* | weight: 0.5
mishandel* | weight: 0.5
vuurwapen* | weight: 0.6
pistool | weight: 0.6
pistolen | weight: 0.6
geweer | weight: 0.5
geweren | weight: 0.5
wapen | weight: 0.4
wapens | weight: 0.4
bom | not-before: geld duiten | weight: 0.4

[discrimination]
# Not "neger*": that is "negeren", to ignore.
negers | weight: 0.9
negerin | weight: 0.9
negertje* | weight: 0.9
*neger | weight: 0.9                       # kankerneger, bosneger
nikker* | weight: 0.95
zwartjoekel* | weight: 0.95
roetmop* | weight: 0.95
kutmarokkaan* | weight: 0.95
kut marokkanen | weight: 0.95
kut marokkaan | weight: 0.95
geitenneuker* | weight: 0.9
kankerjood* | weight: 0.95
kankerjoden | weight: 0.95
vuile jood | weight: 0.95
vuile joden | weight: 0.95
joden aan het gas | weight: 0.95
flikker | not-before: op | weight: 0.85
flikkers | weight: 0.85
vuile homo | weight: 0.9
kankerhomo* | weight: 0.95
vuile nicht | weight: 0.85
mongool | after: vuile vieze stomme gore kanker je jij | weight: 0.75   # also a Mongolian: only after an insult; not "mongool*" (Mongools)
mongooltje | weight: 0.75
kankermongool* | weight: 0.95
spleetoog* | weight: 0.9
tjing tjong | weight: 0.9
zigeuner | weight: 0.45                   # not "zigeuner*": zigeunersaus
zigeuners | weight: 0.45
gelukszoeker* | weight: 0.45
omvolking | weight: 0.6
naar je eigen land | weight: 0.8
terug naar je land | weight: 0.8
terug naar eigen land | weight: 0.7
vrouwen horen in de keuken | weight: 0.85
vrouw hoort in de keuken | weight: 0.85
vrouwen horen thuis in de keuken | weight: 0.85

[employer]
haat mijn | before: baan werk job baas collega collegas manager leidinggevende werkgever bedrijf afdeling team
haat mn | before: baan werk job baas collega collegas manager leidinggevende werkgever bedrijf afdeling team
haat m n | before: baan werk job baas collega collegas manager leidinggevende werkgever bedrijf afdeling team
haat deze baan
haat dit werk
haat het hier | weight: 0.45
baas is een | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
baas is een echte | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
baas is een enorme | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
baas is een vieze | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
baas is een vuile | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
baas is zo | before: irritant dom stom incompetent lui vervelend
manager is een | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
manager is een echte | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
manager is een enorme | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
manager is een vieze | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
manager is een vuile | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
leidinggevende is een | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
leidinggevende is een echte | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
leidinggevende is een enorme | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
leidinggevende is een vieze | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
leidinggevende is een vuile | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
teamleider is een | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
teamleider is een echte | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
teamleider is een enorme | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
teamleider is een vieze | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
teamleider is een vuile | before: eikel klootzak lul idioot sukkel hufter kut kanker trut zak psychopaat narcist lijer tiran clown debiel mongool hoer slet etter zeikerd
collega s zijn | before: eikels klootzakken idioten sukkels lui dom stom incompetent irritant kut
collegas zijn | before: eikels klootzakken idioten sukkels lui dom stom incompetent irritant kut
kutbaan* | weight: 0.8
kutwerk | weight: 0.75
kutbaas | weight: 0.85
kutjob | weight: 0.8
kutcollega* | weight: 0.85
kutbedrijf | weight: 0.8
kut | before: baan werk job baas collega collegas bedrijf werkgever | weight: 0.8
klotebaan | weight: 0.75
klotewerk | weight: 0.7
klotebaas | weight: 0.8
klote | before: baan werk job baas collega collegas bedrijf werkgever | weight: 0.75
rotbaan | weight: 0.7
rotbaas | weight: 0.75
rotwerk | weight: 0.6
slechtste baas | weight: 0.7
slechtste werkgever | weight: 0.7
mijn baas is | before: gestoord debiel achterlijk | weight: 0.8
# ziek melden zonder ziek te zijn
alsof ik ziek ben | weight: 0.8
alsof ik ziek was | weight: 0.8
ziek gemeld | after: lekker | weight: 0.8
ziekgemeld | after: lekker | weight: 0.8
ziek gemeld | before: maar lol haha 😂 🤣 😎 🍺 | weight: 0.75
ziekgemeld | before: maar lol haha 😂 🤣 😎 🍺 | weight: 0.75
nep ziek | weight: 0.8
lijntrekker* | weight: 0.6
op het werk | after: dronken brak stoned katerig | weight: 0.7
# vertrouwelijke informatie van de werkgever lekken
vertrouwelijk | weight: 0.45
strikt vertrouwelijk | weight: 0.8
intern gebruik | weight: 0.7
eigenlijk niet delen | weight: 0.7
eigenlijk niet zeggen | weight: 0.5
eigenlijk niet posten | weight: 0.8
eigenlijk niet vertellen | weight: 0.5
mag niemand weten | weight: 0.4
niet tegen mijn baas zeggen | weight: 0.6

[sexual]
geil | weight: 0.6                         # Dutch: horny (German "geil" is "cool")
naakt | weight: 0.35
naaktfoto* | weight: 0.85
porno* | weight: 0.8
seks | weight: 0.35
neuken | weight: 0.8
