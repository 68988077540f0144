# Words that are the same in every language: drink and drug names, borrowed swearing, hate
# codes. A Dutch or German post says "vodka", "MDMA" and "fuck" too, and a text's entries of
# other languages are skipped once its language is known, so these live here, once.
# See README.md for the format, en.lex for how the weights are chosen.
language: any
# Negation for the entries below, in all four languages ("no vodka", "geen bier", "kein MDMA",
# "sans alcool"); "t" is the "n't" of don't.
negation: not no never without t niet geen nooit zonder nicht nie niemals kein keine keinen ohne pas jamais sans aucun anti non nunca jamas sin nao sem nem mai senza

[alcohol]
# Not "bier*": Polish "bierze" (takes), "bierzmowanie" (confirmation).
bier | not-after: alcoholvrij alcoholvrije alkoholfrei alkoholfreies 0 | weight: 0.5   # bier, bière
biere | not-after: alkoholfreie 0 | weight: 0.5
bieren | weight: 0.5
biers | weight: 0.5
biertje* | not-after: alcoholvrij alcoholvrije 0 | weight: 0.5
bierchen | weight: 0.5
biergarten* | weight: 0.5
bierfest* | weight: 0.5
bierabend | weight: 0.5
pils | weight: 0.5                         # not "pils*": Pilsen
pilsje* | weight: 0.5
pilsener | weight: 0.5
pilsner | weight: 0.5
vodka | weight: 0.6
wodka | weight: 0.6
tequila | weight: 0.65
jägermeister* | weight: 0.6
jägerbomb* | weight: 0.75
sambuca | weight: 0.5
absinth* | weight: 0.55
beerpong | weight: 0.75
beer pong | weight: 0.75
bierpong | weight: 0.75
aperol* | weight: 0.35
mojito* | weight: 0.4
gin tonic | weight: 0.4
tipsy | weight: 0.6
alcohol | not-before: free vrij | weight: 0.4   # English and Dutch
shots | before: shots | weight: 0.7

[drugs]
drugs | not-after: prescription anti war against | weight: 0.4   # English and Dutch
mdma | weight: 0.9
xtc | weight: 0.85
ecstasy | weight: 0.45                     # also the feeling: a hint
lsd | weight: 0.85
ghb | weight: 0.85
ketamine | weight: 0.85
ketamin | weight: 0.85
cocaine | weight: 0.9                      # cocaine, cocaïne
heroin | weight: 0.85
marijuana | weight: 0.7
marihuana | weight: 0.7
cannabis | weight: 0.45                    # news about legalising it is not a risk
thc | weight: 0.45
shrooms | not-after: sauteed fried grilled stuffed garlic creamy wild | weight: 0.85   # also mushrooms to eat
# "weed" and "stoned" are borrowed by Dutch, German and French posts.
weed | not-after: pull pulled pulling the garden a | not-before: killer killers whacker eater control out | weight: 0.6
stoned | not-before: to by with | weight: 0.8
spliff* | weight: 0.8
ganja | weight: 0.8
spacecake* | weight: 0.75
space cake* | weight: 0.75
amphetamin* | weight: 0.8
amfetamin* | weight: 0.8

[profanity]
fuck* | weight: 0.85                       # fuck, fucking, fucked, fucker
fck* | weight: 0.8
f ck* | weight: 0.8                        # "f*ck": the star splits the word
motherf* | weight: 0.9
wtf | weight: 0.5
stfu | weight: 0.65
gtfo | weight: 0.6
bitch* | weight: 0.8
bastard* | weight: 0.75
idiot* | weight: 0.5                       # idiot, idiots, idioten, idiote

[violence]
ak47 | weight: 0.6
ak 47 | weight: 0.6
ar15 | weight: 0.6
ar 15 | weight: 0.6
glock | weight: 0.6                        # not "glock*": German "Glocke" is a bell
glocks | weight: 0.6
molotov* | weight: 0.7
kalash | weight: 0.6
kalashnikov* | weight: 0.6
kalasch* | weight: 0.6                     # Kalaschnikow
kalach* | weight: 0.6                      # kalachnikov

[discrimination]
# Slurs used in every language.
nigger* | weight: 0.95
nigga* | weight: 0.8
faggot* | weight: 0.95
ching chong | weight: 0.9
rapefugee* | weight: 0.95
sieg heil | weight: 0.95
heil hitler | weight: 0.95
white power | not-before: bank banks cable cables supply supplies cord cords strip strips button adapter adaptor outlet | weight: 0.9
1488 | weight: 0.45                         # also just a number: a hint

[sexual]
onlyfans | weight: 0.8
pornhub | weight: 0.85
