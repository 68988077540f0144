# French. See README.md for the format, en.lex for how the weights are chosen.
#
# Accents fold ("bourré" = "bourre"), and the apostrophe splits a word: "j'suis", "c'est",
# "d'être" are the words "j suis", "c est", "d etre".
language: fr
# Common in French, rare in English, Dutch and German posts. Shared words are listed in every
# language that uses them so they cancel out: "de", "en", "je", "te" (Dutch too), "a", "on"
# (English too), "des" (German too). Left out: "son", "hier", "mal", and "n" (Dutch "m'n" gives it too).
stop-words: le la les un une des du de en et est je te tu il elle nous vous ils on a pas que qui pour dans avec sur mais ou au aux ce cette ces mon ma mes ton ta sa ses suis ai sont fait c j qu l d moi ça trop très bien tout étais était été
negation: pas jamais sans aucun aucune ni non rien anti

[alcohol]
# "bourré de talent" is stuffed with talent; "à la bourre" is late.
bourré | not-before: de d | not-after: la se me te le | weight: 0.85
bourrée | not-before: de d | weight: 0.85
bourrés | not-before: de d | weight: 0.85
bourrées | not-before: de d | weight: 0.85
bourr* la gueule | weight: 0.9             # se bourrer la gueule
ivre | not-before: de d | weight: 0.8      # "ivre de joie" is not drunk
ivres | not-before: de d | weight: 0.8
ivresse | weight: 0.6
ivrogne* | weight: 0.8
saoul* | not-after: me te | weight: 0.85   # saoul, saoulé; "ça me saoule" is "that annoys me"
# "soûl" folds to "soul": only after words that make it French.
soul | after: complètement totalement trop suis étais était est bien grave | weight: 0.75
soule | after: complètement totalement trop suis étais était est bien grave | weight: 0.75
pompette | weight: 0.6
éméché* | weight: 0.7
torché | after: complètement totalement trop suis étais était bien grave | weight: 0.75
torchée | weight: 0.75
biture* | weight: 0.8
murge* | weight: 0.85
rond comme une queue de pelle | weight: 0.9
rond comme une bille | weight: 0.85
# "cuite" is also cooked ("viande cuite"): only "une cuite", "prendre une cuite".
cuite | after: une grosse belle sacrée ma ta sa | weight: 0.8
cuites | after: ces des mes grosses belles | weight: 0.75
lendemain de cuite | weight: 0.8
gueule de bois | weight: 0.85
trop bu | weight: 0.75
trop de | before: champagne vin bière biere vodka rosé rose alcool whisky rhum tequila | weight: 0.7   # "beaucoup trop de champagne"
beaucoup trop bu | weight: 0.8
picol* | weight: 0.7                       # picoler, picole, picolé
tise | weight: 0.65
tiser | weight: 0.7
beuverie* | weight: 0.8
pinte | weight: 0.5
pintes | weight: 0.55
binouze* | weight: 0.6
pinard | weight: 0.5
boire un canon | weight: 0.5               # "un canon" alone is also a good-looking person
petit canon | weight: 0.35
shooter | after: des un les | weight: 0.5
shooters | weight: 0.6
shots | after: des les | weight: 0.5
apéro* | weight: 0.3                       # normal: a hint only
vin | weight: 0.3
alcool | weight: 0.4
alcoolisé* | weight: 0.4
alcoolique* | weight: 0.5

[drugs]
shit | after: du de fumer fume fumé | weight: 0.7   # French "shit" is hashish
beuh | weight: 0.8
herbe | after: fumer fume fumé fumait | weight: 0.7
joint | after: un gros petit mon ton | not-before: de d | weight: 0.65   # "un joint de culasse" is a gasket
joints | after: des | not-before: de d | weight: 0.5
pétard | after: un fumer fume rouler roule | weight: 0.6
bédo | weight: 0.8                         # not "bédo*": bedouin
bédos | weight: 0.8
teuch* | weight: 0.8
teush* | weight: 0.8
fumette | weight: 0.6
coke | after: la de | weight: 0.8
rail de coke | weight: 0.9
came | after: la de | weight: 0.6
drogue* | weight: 0.4
me droguer | weight: 0.8
se droguer | weight: 0.5
dealer | after: mon mn | weight: 0.6
dealeur | weight: 0.6
défoncé | not-before: la le les un une | weight: 0.5   # "il défonce la porte"
défoncée | weight: 0.5
défoncés | weight: 0.5
stone | after: suis trop complètement étais grave | weight: 0.6
perché | after: suis trop complètement étais grave | weight: 0.6
taz | weight: 0.5
champis | after: des les | weight: 0.45
champignons hallucinogènes | weight: 0.85

[profanity]
putain* | weight: 0.55
pute* | weight: 0.8                        # pute, putes
fils de pute | weight: 0.9
merde* | weight: 0.5
connard* | weight: 0.8
connasse* | weight: 0.8
conne | weight: 0.6
con | after: un gros sale quel espèce petit pauvre | not-before: su sus mi mis tu tus el la los las una nosotros ellos ellas ella | weight: 0.6   # Spanish "sale con su novia" (goes out with)
salope* | weight: 0.85
salaud* | weight: 0.7
enculé* | weight: 0.9
ta gueule | weight: 0.7
ferme ta gueule | weight: 0.8
nique* | weight: 0.8                       # nique ta mère, niquer
ntm | weight: 0.8
fdp | weight: 0.8
bordel | weight: 0.35
fait chier | weight: 0.6
chiant* | weight: 0.35
bâtard* | not-after: pain | weight: 0.7   # "un pain bâtard" is a loaf
abruti* | weight: 0.5
débile* | weight: 0.4
crétin* | weight: 0.5
bouffon* | weight: 0.45
pétasse* | weight: 0.8
pouffiasse* | weight: 0.8
trou du cul | weight: 0.8
va te faire foutre | weight: 0.85
va te faire enculer | weight: 0.9
bite | after: ma ta sa une grosse petite | weight: 0.6   # English "bite" is not it
couille* | weight: 0.5
casse toi | weight: 0.4

[violence]
# "tuer" only with a person: "tuer le temps" is to kill time.
tuer | after: te vous le la les | not-before: temps | weight: 0.7
te tuer | weight: 0.85
je te tue | weight: 0.75
vais te tuer | weight: 0.9
buter | after: te vous le la les | weight: 0.8
va crever | weight: 0.8
crève | before: connard salope sale | weight: 0.75
la gueule | after: péter pète défoncer défonce éclater éclate exploser explose | weight: 0.8
ta gueule | after: péter pète défoncer défonce éclater éclate exploser explose | weight: 0.8
tabasse* | weight: 0.7                    # tabasser, tabassé
vais te défoncer | weight: 0.8
te casser la gueule | weight: 0.8           # not "se casser la gueule": to fall
te frapper | weight: 0.6
poignard* | weight: 0.6
égorger | weight: 0.85
sais où tu habites | weight: 0.8
flingue* | weight: 0.7
arme à feu | weight: 0.6
armes à feu | weight: 0.6
pistolet | not-before: à a | weight: 0.5   # "pistolet à eau", "pistolet à colle"
fusil | not-before: à a | weight: 0.5
baston* | weight: 0.6
bagarre* | weight: 0.5

[discrimination]
bougnoul* | weight: 0.95
nègre | weight: 0.85
nègres | weight: 0.85
négresse* | weight: 0.9
négro | after: un le ce espèce gros | weight: 0.85   # Río Negro, Negros Occidental, negroni: never alone
youpin* | weight: 0.95
youtre* | weight: 0.95
bicot* | weight: 0.95
crouille* | weight: 0.9
raton | not-before: laveur laveurs | weight: 0.45
ratonnade* | weight: 0.8
bamboula* | weight: 0.9
chinetoque* | weight: 0.95
niakoué* | weight: 0.95
sale noir | weight: 0.9
sale noire | weight: 0.9
sale noirs | weight: 0.9
sale noires | weight: 0.9
sale arabe | weight: 0.9
sale arabes | weight: 0.9
sale juif | weight: 0.9
sale juive | weight: 0.9
sale juifs | weight: 0.9
sale juives | weight: 0.9
sale pd | weight: 0.9
sale gouine | weight: 0.9
sale gouines | weight: 0.9
sale nègre | weight: 0.9
sale négro | weight: 0.9
sale bougnoule | weight: 0.9
sale pédé | weight: 0.9
pédé | weight: 0.85
pédés | weight: 0.85
pd | after: sale espèce gros un es t | weight: 0.75
tapette | after: sale espèce | weight: 0.8   # "une tapette" is also a fly swatter
tarlouze* | weight: 0.9
gouine* | weight: 0.85
gogol | after: un sale espèce gros | weight: 0.6   # not the writer Gogol
mongol | after: sale espèce gros | weight: 0.7
grand remplacement | weight: 0.45
retourne dans ton pays | weight: 0.85
rentre dans ton pays | weight: 0.85
retournez dans votre pays | weight: 0.85
rentrez chez vous | weight: 0.45
femmes à la cuisine | weight: 0.8
femme à la cuisine | weight: 0.8
mort aux juifs | weight: 0.95
mort aux arabes | weight: 0.95

[employer]
déteste* mon | before: boulot taf taff travail job patron chef boss manager entreprise
déteste* ma | before: boîte cheffe patronne manageuse
déteste* mes | before: collègues chefs patrons
hais mon | before: boulot taf taff travail job patron chef boss manager
hais ma | before: boîte cheffe patronne
hais mes | before: collègues
patron est un | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
patron est un vrai | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
patron est un gros | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
patron est un sacré | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
patron est un véritable | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
chef est un | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
chef est un vrai | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
chef est un gros | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
chef est un sacré | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
chef est un véritable | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
boss est un | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
boss est un vrai | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
boss est un gros | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
boss est un sacré | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
boss est un véritable | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
manager est un | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
manager est un vrai | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
manager est un gros | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
manager est un sacré | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
manager est un véritable | before: connard con abruti crétin idiot salaud imbécile incompétent tyran bouffon enfoiré
cheffe est une | before: conne connasse salope idiote incompétente
collègues sont des | before: cons connards abrutis idiots nuls boulets incapables incompétents
collègues sont | before: nuls cons chiants incompétents insupportables
de merde | after: boulot taf taff job boîte patron chef boss travail collègues manager entreprise | weight: 0.85
marre de mon | before: boulot taf taff travail job patron chef boss | weight: 0.7
marre de ma | before: boîte cheffe patronne | weight: 0.7
marre de mes | before: collègues | weight: 0.7
# faux arrêt maladie
faux arrêt maladie | weight: 0.85
arrêt maladie bidon | weight: 0.85
semblant d être malade | weight: 0.85
porter pâle | weight: 0.7
porté pâle | weight: 0.7
sèche* le boulot | weight: 0.6
sèche* le taf | weight: 0.6
au boulot | after: bourré bourrée défoncé défoncée | weight: 0.7
au taf | after: bourré bourrée défoncé défoncée | weight: 0.7
# secrets de l'entreprise
confidentiel | weight: 0.45
strictement confidentiel | weight: 0.8
usage interne | weight: 0.7
pas censé* | before: dire partager poster montrer publier en le la les l vous te | weight: 0.7

[sexual]
porno* | weight: 0.8
a poil | weight: 0.4                       # à poil: stark naked
photos de nu | weight: 0.8
