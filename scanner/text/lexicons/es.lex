# Spanish (Spain and Latin America). See README.md for the format, en.lex for how the weights
# are chosen.
#
# Accents fold and so does ñ: "coño" is the word "cono" (a cone), "cañas" is "canas" (grey
# hair), "año" is "ano": entries whose folded form is another word need rules. A short text of
# no known language gets every language's entries, so words that are innocent in Italian or
# Portuguese ("porro" is a leek in Italian) are kept behind rules or weights too.
language: es
# Common in Spanish, rare in the other languages' posts; shared words are listed in every
# language that uses them so they cancel out ("que", "con", "una", "del", "al", "lo", "mi",
# "tu", "su", "se", "te", "es", "un", "de", "la", "en", "a", "no", "por", "para", "como", "todo",
# "nada").
stop-words: el los las y es muy bien estamos estabamos fuimos pero por para con una un del al lo se mi mis tu su sus me te nos fue estoy estaba esta estan son hay hoy ayer que como todo todos mas este eso esto ya tambien cuando donde porque tengo tiene hace mucho nada pues de la en si a no eres soy somos
negation: no nunca sin jamas ni tampoco
# Compound tenses put the negation further back: "nunca he fumado un porro".
negation-reach: 4

[alcohol]
en curda | weight: 0.75                  # Argentina: drunk
chelas | weight: 0.45
borrach*                                   # borracho, borracha, borrachos, borrachera
emborrach* | weight: 0.85                  # emborracharse, emborrachamos
ebrio | not-before: de | weight: 0.8       # "ebrio de felicidad" is not drunk
ebria | not-before: de | weight: 0.8
en pedo | weight: 0.8                      # Argentina: drunk
pedo | after: bien muy re estoy estaba andaba andamos andaban bien super súper bastante | weight: 0.75   # Mexico: "bien pedo"; alone a fart
pedos | after: bien muy re estabamos estábamos andabamos andábamos estaban andaban | weight: 0.75
peda | after: la una de otra | weight: 0.6  # Mexico: a drinking party
pedota | weight: 0.7
resaca | after: tengo tenia tenía tenemos menuda vaya tremenda que qué con mi una | not-before: del de marina | weight: 0.7   # also the undertow: "hay mucha resaca"
resacón | weight: 0.8
cruda | after: tengo tenia tenía menuda tremenda traigo ando | not-before: realidad verdad | weight: 0.65   # Mexico: hangover; also raw ("una cruda realidad")
botellón | weight: 0.75
botellon | weight: 0.75
chupito* | weight: 0.55
cubata* | weight: 0.6
cerveza* | weight: 0.4
cervecita* | weight: 0.45
birras | weight: 0.45
canas | after: dos tres tomar tomando tomamos tomarse tomarnos | weight: 0.5   # cañas, not grey hair ("unas canas")
de copas | after: ir irse voy vamos fuimos salir salimos salgo noche | weight: 0.7
copas de más | weight: 0.8
copas de mas | weight: 0.8
bebí demasiado | weight: 0.8
bebimos demasiado | weight: 0.8
vino | after: de copa botella botellas tinto blanco rosado | weight: 0.35
un pedal | after: llevaba llevo llevas lleva pillé pille cogí cogi | weight: 0.7   # Spain: "llevaba un pedal", not a bike's

[drugs]
faso* | after: el un unos fumar fumando | weight: 0.7
merca | after: la de tomar | weight: 0.7
porro | not-after: del de al | weight: 0.75 # a joint; Italian leek soup is "zuppa di porri"
porros | weight: 0.75
porrit* | weight: 0.7                      # porrito, porritos
porrete | weight: 0.7
canuto* | after: un unos el fumar fumando fumamos | weight: 0.6
mota | after: fumar fumando fume fumamos | weight: 0.6
marihuana | weight: 0.7
hachís | weight: 0.75
hachis | weight: 0.75
rayas de coca | weight: 0.9
raya de coca | weight: 0.9
coca | after: meterse meterme metimos metió esnifar esnifando gramo raya rayas | not-before: cola zero light | weight: 0.75
cocaína | weight: 0.9
drogad*                                    # drogado, drogada, drogadicto
drogas | weight: 0.4
colocad* | after: estoy estaba estabamos estábamos iba voy vamos ibamos | not-before: en sobre | weight: 0.7   # "bien colocado en una empresa" is employed
fumad* | after: estoy estaba muy bien super súper iba voy | weight: 0.65
pastillas | after: tomar tomamos tomé pillar pillamos unas | weight: 0.45
tripi* | weight: 0.7                       # LSD
éxtasis | weight: 0.45                   # also Bernini's Santa Teresa

[profanity]
pelotud* | weight: 0.7
concha de tu madre | weight: 0.9
culiao | weight: 0.75
puta | weight: 0.8
putas | weight: 0.8
puto | weight: 0.7
putada | weight: 0.6
hijo de puta | weight: 0.95
hijos de puta | weight: 0.95
hija de puta | weight: 0.95
mierda | weight: 0.75
joder | weight: 0.7
jodid* | weight: 0.55
cono | not-after: un el del este ese los helado il | not-before: de sur helado gelato | weight: 0.6   # coño, not a cone
cabrón | weight: 0.8
cabron* | weight: 0.8
gilipollas | weight: 0.85
gilipollez | weight: 0.6
capullo | not-after: un | weight: 0.6       # also a bud
imbécil* | weight: 0.7
imbecil* | weight: 0.7
idiota | weight: 0.5
idiotas | weight: 0.5
pendej* | weight: 0.8
chingad* | weight: 0.85
chinga | weight: 0.8
chingar | weight: 0.8
culero* | weight: 0.8
verga | weight: 0.7
carajo | weight: 0.6
me cago en | weight: 0.8
hostia | not-after: la sagrada primera su consagrada a | weight: 0.5   # also the host at communion
zorra | not-after: la una | weight: 0.6   # also a vixen
mamón | weight: 0.6
pinche | not-after: de el un es era soy como | not-before: de | weight: 0.5  # Mexico: damn; also a kitchen hand
malparid* | weight: 0.85
retrasad* | after: eres es pareces un una menudo vaya | weight: 0.65   # an insult; alone late (a train)

[violence]
cagar a palos | weight: 0.8
te voy a matar | weight: 0.9
os voy a matar | weight: 0.9
lo voy a matar | weight: 0.85
la voy a matar | weight: 0.85
voy a matarte | weight: 0.9
voy a matarlo | weight: 0.85
te mato | weight: 0.75
te parto la cara | weight: 0.9
partirte la cara | weight: 0.9
romperte la cara | weight: 0.9
te rompo la cara | weight: 0.9
pegarte un tiro | weight: 0.9
pegarle un tiro | weight: 0.85
sé dónde vives | weight: 0.85
apuñal* | weight: 0.8
pistola | not-before: de | weight: 0.45   # "pistola de agua": a water pistol
pistolas | not-before: de | weight: 0.45
navaja | weight: 0.35
paliza | after: dar darle dimos le una | weight: 0.45

[discrimination]
vuelve a tu país | weight: 0.85
vete a tu país | weight: 0.85
volved a vuestro país | weight: 0.85
fuera inmigrantes | weight: 0.85
maricón | weight: 0.9
maricon* | weight: 0.9
marica | weight: 0.8
sudaca* | weight: 0.9
negrata* | weight: 0.95
moro de mierda | weight: 0.95
moros de mierda | weight: 0.95
puto negro | weight: 0.9
sidoso* | weight: 0.85
bollera* | weight: 0.8

[employer]
laburo de mierda | weight: 0.85
odio mi | before: trabajo curro jefe jefa empresa oficina chamba
odio este | before: trabajo curro
odio a mi | before: jefe jefa
odio a mis | before: compañeros companeros jefes
mi jefe es un | before: gilipollas idiota imbécil imbecil cabrón cabron capullo inútil inutil pendejo
mi jefa es una | before: gilipollas idiota imbécil imbecil inútil inutil zorra
jefe | before: gilipollas imbécil imbecil cabrón cabron capullo inútil inutil | weight: 0.75
de mierda | after: trabajo curro jefe jefa empresa oficina compañeros companeros chamba | weight: 0.85
harto de mi | before: trabajo curro jefe jefa | weight: 0.7
harta de mi | before: trabajo curro jefe jefa | weight: 0.7
baja falsa | weight: 0.85
falsa baja | weight: 0.85
me hice el enfermo | weight: 0.8
me hice la enferma | weight: 0.8
estrictamente confidencial | weight: 0.8
confidencial | weight: 0.45
no debería decirlo | weight: 0.6

[sexual]
cogimos | weight: 0.7
pack | after: el tu su mi pasame pásame manda | weight: 0.6
fotos desnud* | weight: 0.8
desnudos | after: fotos mis sus tus | weight: 0.7
follar | weight: 0.8
follando | weight: 0.8
follamos | weight: 0.8
muy cachond* | after: estoy estaba estás estas ando | weight: 0.6   # horny; "mi abuelo es muy cachondo" is funny
tetas | weight: 0.55
polla | not-after: la una de | weight: 0.5  # also a chick (hen) and a Chilean lottery
mamada | weight: 0.8
porno* | weight: 0.8
