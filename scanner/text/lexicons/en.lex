# English. See README.md for the format.
#
# Weights: the default policy counts a text topic from confidence 0.5, so an entry below 0.5 is a
# hint that needs a second, different match of the same topic ("wine" alone is not a drunk post,
# "wine" + "hungover" is). Slurs and explicit threats are 0.85 and up, emoji live in emoji.lex.
#
# Write phrases as separate words: "don't" and "pub-crawl" in a post are the words "don t" and
# "pub crawl". Words that are the same in every language (vodka, mdma, fuck) are in any.lex.
language: en
# Only words that are common in English and rare in Dutch, German and French posts: no "in",
# "is", "was", "we", "so", "an", "me", "man" (all common there too). "a" and "on" are French as
# well and "of" is Dutch, so they are listed in fr.lex / nl.lex too and cancel out.
stop-words: the and of to a on you it that this with for my your our their they she he i are were be been have has had do did does just not but or at what about can will would get got when there if by from them him who some really than because too very
# "t" is the "n't" of don't, can't, isn't, wasn't: the apostrophe splits it off.
negation: not no never without isnt wasnt dont didnt doesnt wont cant t nothing zero nor neither hardly stopped quit quitting anti non against avoid avoiding

[alcohol]
drunk* | not-before: noodles noodle master monkey boxing style   # drunk, drunken, drunkard, #drunkAF; not the Thai dish or the film
hungover*
hangover*
plastered | after: get got getting so totally completely absolutely proper properly im m was were are been super too very really | weight: 0.75
sloshed | weight: 0.75
shitfaced | weight: 0.9
shit faced | weight: 0.9
blackout drunk | weight: 0.9
blacked out | after: i we im m got totally completely | weight: 0.5
# "got wasted" is drunk, "wasted my time" is not.
wasted again | not-before: my your his her our their the a an time money | weight: 0.6
wasted | after: get got getting gettin | not-before: on by my your his her our their the a an time money food | weight: 0.85
wasted | after: so totally completely absolutely fully proper properly im m was were are been super too very really sooo soooo | not-before: on by my your his her our their the a an time money food effort energy day days hours potential talent opportunity | weight: 0.6
hammered | after: get got getting so totally completely absolutely proper properly im m was were are been super too very really | not-before: by the a it out home into in on down | weight: 0.75
smashed | after: get got getting so totally completely absolutely proper properly im m super really | not-before: it that this the my his her by a an | weight: 0.6
trashed | after: get got getting so totally completely absolutely proper properly im m super really | not-before: it that this the my his her by a an | weight: 0.6
pissed | after: get got getting absolutely completely totally proper properly | not-before: off at with about | weight: 0.6
turnt | weight: 0.6
booze*                                     # booze, boozy, boozing, boozer
binge drink*
day drinking | weight: 0.7
heavy drinking | weight: 0.7
drinking game* | weight: 0.75
drinking | not-before: water tea coffee milk juice smoothie smoothies soda coke cola enough plenty lots fountain straw age problem | weight: 0.35
drinks | not-after: soft energy sports protein fizzy hot cold | weight: 0.3
drank too much | weight: 0.8
too much to drink | weight: 0.8
# Not "beer*": German Beeren (berries), Beerdigung (funeral).
beer | not-after: root ginger free alcoholic nonalcoholic 0 de een het | weight: 0.5   # not the Dutch bear
beers | not-after: root ginger free alcoholic nonalcoholic 0 | weight: 0.5
pints | not-before: of | weight: 0.5       # "2 pints of milk"
pints of | before: beer lager guinness ale cider stout bitter | weight: 0.6
pint of | before: beer lager guinness ale cider stout bitter | weight: 0.6
wine | not-before: gums | weight: 0.4
wines | weight: 0.4
wine drunk | weight: 0.85
cocktail* | weight: 0.35
whiskey | weight: 0.5
whisky | weight: 0.5
bourbon | not-before: vanilla biscuit biscuits | weight: 0.5
champagne | weight: 0.3
prosecco | weight: 0.35
mimosa* | weight: 0.35
margarita* | not-before: pizza | not-after: tia tía mi la santa doña dona | weight: 0.4   # a name too
sangria | weight: 0.4
cider | weight: 0.35
liquor* | weight: 0.5
liquored up | weight: 0.8
shots | after: doing did do done round tequila vodka jello jager jaeger jagermeister sambuca whiskey whisky rum gin | weight: 0.7
jello shot* | weight: 0.8
jager | before: shots shot bomb bombs | weight: 0.7
keg | weight: 0.6
kegs | weight: 0.6
kegger | weight: 0.7
keg stand* | weight: 0.8
chug* | before: beer beers it vodka wine | weight: 0.6
pub crawl*
bar crawl*
bar hopping | weight: 0.6
open bar | weight: 0.35                   # at a wedding, a hint
on a bender | weight: 0.8
pregaming | weight: 0.5
# "alcohol" itself is in any.lex. Not "alcohol*": Dutch "alcoholvrij" (alcohol-free).
alcoholism | weight: 0.5
alcoholic | not-after: non | weight: 0.4
alcoholic | after: an a | weight: 0.5

[drugs]
pot | after: smoke smoked smoking smokin | weight: 0.75
joint | after: rolled rolling roll smoked smoking fat | weight: 0.75
a joint | after: roll* smok* light* lit pass* puff* | weight: 0.8
joints | after: rolled rolling roll smoked smoking | weight: 0.8
a blunt | after: roll* smok* light* lit pass* puff* | weight: 0.8
blunts | after: roll* smok* rolled | weight: 0.8
doobie* | weight: 0.8
reefer | weight: 0.7
kush | not-after: hindu | weight: 0.6
bong | not-before: joon | weight: 0.6      # Bong Joon-ho
bongs | weight: 0.6
bong hit* | weight: 0.8
pothead* | weight: 0.8
stoner* | weight: 0.6
high af | weight: 0.8
high as a kite | weight: 0.8
high | after: get got getting gettin | not-before: marks mark score scores grades grade praise quality five fives ratings rating hopes expectations standards enough blood up cholesterol fever temperature | weight: 0.6
baked | after: get got getting so totally super hella | not-before: goods cookies cookie bread cake cakes a the some potatoes beans | weight: 0.6
blazed | not-before: a the through trail | weight: 0.5
blaze it | weight: 0.6
420 | before: friendly blaze vibes | weight: 0.7
420 | after: happy | weight: 0.6
edibles | weight: 0.5
coke | after: line lines snort snorting snorted doing did bump | weight: 0.8
lines of coke | weight: 0.85
line of coke | weight: 0.85
crack cocaine | weight: 0.9
crackhead* | weight: 0.8
crack | after: smoke smoking smoked | weight: 0.8
snort* | before: coke cocaine lines line speed ket ketamine | weight: 0.8
molly | after: on took taking dropped popping poppin rolling some | not-before: s | weight: 0.7   # not "on Molly's birthday"
molly | before: was hit kicked kicking | weight: 0.5    # "molly was amazing", "the molly kicked in"
got so high | weight: 0.6
getting so high | weight: 0.6
acid | after: dropped dropping drop took taking on tripping | not-before: reflux rain test attack attacks | weight: 0.7
tripping balls | weight: 0.8
magic mushrooms | weight: 0.8
meth | weight: 0.8
crystal meth | weight: 0.9
smack | after: on shooting shoot | weight: 0.6
k hole | weight: 0.8
khole | weight: 0.8
ket | after: on some doing did | weight: 0.7
speedball* | weight: 0.8
adderall | weight: 0.45
xanax* | weight: 0.45
xans | weight: 0.6
oxy | after: popping poppin on | weight: 0.7
oxycontin | weight: 0.5
percocet* | weight: 0.5
fentanyl | weight: 0.6
popping pills | weight: 0.8
pill popping | weight: 0.8
drugs | after: doing did do done take took taking hard some on | weight: 0.8
drug dealer* | weight: 0.7
my dealer | weight: 0.6

[profanity]
# fuck*, wtf, stfu, motherf* are in any.lex: every language borrows them.
*shit                                      # shit, bullshit, horseshit, dipshit, batshit
shitt*                                     # shitty, shitting
shith*                                     # shithead, shithole, shithouse
shits
# An insult ("such a pussy"), not a cat, a willow or a band.
pussy | not-before: cat cats willow willows riot galore | weight: 0.6
shitshow | weight: 0.7
shitstorm | weight: 0.7
shitload | weight: 0.6
sh t | weight: 0.6                         # "sh*t": the star splits the word
f off | not-before: season site shore road white | weight: 0.6   # "f*** off", not "F off-season"
f ck* | weight: 0.6                        # "f*ck", "f*cking"
f ing | weight: 0.6                        # "f***ing"
damn | weight: 0.3
dammit | weight: 0.3
goddamn* | weight: 0.5
ass | not-after: ein das dem den als | weight: 0.5   # German Ass, an ace
asshole*
arse | weight: 0.5
arsehole*
b tch* | weight: 0.7                       # "b*tch"
dick | after: a such what total you u ur your his absolute big | not-before: van | weight: 0.6
dickhead*
cock | after: suck sucking | weight: 0.8
cocksucker* | weight: 0.9
cunt* | weight: 0.95
twat* | weight: 0.85
wanker* | weight: 0.85
prick | after: a such what total absolute little | weight: 0.7
pricks | weight: 0.7
douchebag* | weight: 0.8
douche | after: a such what total absolute | weight: 0.6
dumbass* | weight: 0.75
jackass* | weight: 0.7
moron | not-after: en de desde a | weight: 0.6   # Morón, a town near Buenos Aires
morons | weight: 0.6
moronic | weight: 0.5
scumbag* | weight: 0.8
piss | weight: 0.5
pissed | weight: 0.45
pissing | weight: 0.5
slut* | weight: 0.85
whore* | weight: 0.85
skank* | weight: 0.8
bollocks | weight: 0.5
bugger | weight: 0.5
crap | weight: 0.3
crappy | weight: 0.3
screw you | weight: 0.7
go to hell | weight: 0.5
suck my | weight: 0.7
effing | weight: 0.5
loser* | after: a such what total absolute fucking | weight: 0.5

[violence]
# "this will kill you" is hyperbole: a kill alone is a hint, a first person saying it is a threat.
kill* | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.45   # not "people": "smoking kills people"
i will kill | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.85
i ll kill | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.85
gonna kill | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.8
going to kill | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.7
want to kill | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.7
wanna kill | before: you u ya yall him her them everyone everybody somebody someone cops | weight: 0.7
kill yourself | weight: 0.9
kys | weight: 0.85
deserve* to die | weight: 0.8
should be shot | weight: 0.85
should die | weight: 0.7
you re dead | weight: 0.6
you are dead | weight: 0.6
watch your back | weight: 0.6
i know where you live | weight: 0.85
i will find you | weight: 0.5
murder* | not-before: mystery mysteries podcast podcasts documentary she he | weight: 0.5
beat* the shit out | weight: 0.8
beat* the crap out | weight: 0.8
beat* him up | weight: 0.8
beat* her up | weight: 0.8
beat* you up | weight: 0.8
beat* them up | weight: 0.8
beat* his ass | weight: 0.8
beat* your ass | weight: 0.8
kick* his ass | weight: 0.7
kick* your ass | weight: 0.7
kick* their ass* | weight: 0.7
punch* | before: you u him her them his your their | weight: 0.6
punch* in the face | weight: 0.7
punch* his face | weight: 0.7
stab | not-before: at des der | not-after: a another first der den dem des ein einen im am vom zum | weight: 0.7   # German Stab, a staff
stabbed | weight: 0.6
stabbing* | weight: 0.6
# Not "shoot you": "I'll shoot you an email". Only the unambiguous forms.
shoot* | before: everyone everybody cops | weight: 0.6
shoot* you dead | weight: 0.85
shoot* him dead | weight: 0.85
shoot* her dead | weight: 0.85
shoot* them dead | weight: 0.85
shoot* you in the | weight: 0.75
shoot* him in the | weight: 0.75
shoot* up the school | weight: 0.9
slit your throat | weight: 0.9
choke* | before: you him her them | weight: 0.6
strangle* | weight: 0.6
curb stomp* | weight: 0.8
fistfight* | weight: 0.6
bar fight* | weight: 0.6
brawl* | weight: 0.5
beat down | weight: 0.5
rape | not-after: fromage gruyere emmental parmesan carottes carotte une la ma sa ta con de di al alla arroz oilseed seed | not-before: rosse con y alla plancha | weight: 0.6   # French râpe, a grater; Spanish rape (monkfish), Italian rape (turnips)
raped | weight: 0.6
rapist* | weight: 0.7
# weapons
gun | not-after: glue nail water nerf heat staple spray paint squirt toy massage radar caulk caulking foam top starting start | weight: 0.45   # a hint: "jumped the gun", "smoking gun"
guns | not-after: glue nail water nerf heat staple spray paint squirt toy massage radar caulk caulking foam top big | weight: 0.45
handgun* | weight: 0.6
pistol | not-after: water squirt toy glue | weight: 0.5
pistols | not-after: water squirt toy | weight: 0.5
rifle | not-after: air | weight: 0.5
rifles | weight: 0.5
assault rifle* | weight: 0.7
shotgun | not-after: call called calling ride riding | not-before: wedding | weight: 0.5
ammo | weight: 0.4
switchblade* | weight: 0.7
brass knuckles | weight: 0.8
machete* | weight: 0.5
pipe bomb* | weight: 0.9
bomb threat* | weight: 0.8

[discrimination]
# Slurs. Listed because this is a safety tool: a post that uses them is what costs people jobs.
# The default policy makes one counted match "high, remove": a word that is also innocent
# counts only right after an insult or "you" ("you fag", "dirty wogs"), never on its own. A
# Maine Coon, Coon Rapids, a honky tonk, fags (cigarettes), a chinaman (cricket), The Wog Boy,
# "Wop bop a loo bop", a person named Jap, French "retard" (a delay).
sand nigger* | weight: 0.95
fag | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting such | not-before: break breaks packet butt end ends | weight: 0.85
fags | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting those these | not-before: and packet packets | weight: 0.8
dyke | after: a you u fucking stupid dirty ugly | weight: 0.8
dykes | weight: 0.7
tranny | weight: 0.85
trannies | weight: 0.85
shemale* | weight: 0.8
homo | after: you u a fucking such stupid dirty | not-before: sapiens erectus | weight: 0.8
kike | weight: 0.95
kikes | weight: 0.95
spic | not-before: and | weight: 0.85
spics | weight: 0.9
wetback* | weight: 0.95
beaner* | weight: 0.9
chink | not-before: in of | weight: 0.7
chinks | not-before: in of | weight: 0.7
gook | weight: 0.95
gooks | weight: 0.95
zipperhead* | weight: 0.95
chinaman | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.85
jap | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.85
japs | weight: 0.8
paki | weight: 0.9
pakis | weight: 0.9
raghead* | weight: 0.95
towelhead* | weight: 0.95
muzzie* | weight: 0.9
coon | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.85
coons | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.85
jigaboo* | weight: 0.95
porch monkey* | weight: 0.95
golliwog* | weight: 0.85
wog | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.9
wogs | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.9
dago | weight: 0.8
dagos | weight: 0.8
wop | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.85
wops | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.85
honky | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting | weight: 0.8
pikey* | weight: 0.85
gypped | weight: 0.5
negroes | weight: 0.8
retard | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting a such total absolute complete | weight: 0.8
retards | after: you u ya ur fucking fuckin dirty filthy stupid dumb lazy ugly bloody damn disgusting of those these total absolute | weight: 0.8
retarded | weight: 0.75
spaz | weight: 0.7
spazzy | weight: 0.7                      # not "spazz*": Italian spazzatura, spazzolino
spazzed | weight: 0.7
spazzing | weight: 0.7
subhuman* | weight: 0.7
sub human | weight: 0.7
anchor baby | weight: 0.8
anchor babies | weight: 0.8
illegals | weight: 0.45
go back to your country | weight: 0.85
go back to where you came from | weight: 0.85
back where you came from | weight: 0.8
go back to africa | weight: 0.9
belong in the kitchen | weight: 0.8
white pride | weight: 0.6
white genocide | weight: 0.9
great replacement | weight: 0.45
gas the jews | weight: 0.95
all muslims are | weight: 0.4
all jews are | weight: 0.4
all gays are | weight: 0.4
adam and steve | weight: 0.6

[employer]
hate* my job
hate* my boss
hate* my manager
hate* my coworker*
hate* my co workers
hate* my colleague*
hate* my workplace
hate* this job
hate* working here
hate* my company | weight: 0.75
hate* my employer
# "my boss is a ..." only with an insult after it: "my boss is a great mentor" is fine.
boss is a | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
boss is an | before: idiot asshole incompetent idiots
boss is such a | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
boss is a total | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
boss is a complete | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
boss is an absolute | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
boss is a fucking | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
manager is a | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
manager is an | before: idiot asshole incompetent idiots
manager is such a | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
manager is a total | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
manager is a complete | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
manager is an absolute | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
manager is a fucking | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
supervisor is a | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
supervisor is an | before: idiot asshole incompetent idiots
supervisor is such a | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
supervisor is a total | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
supervisor is a complete | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
supervisor is an absolute | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
supervisor is a fucking | before: idiot moron jerk dick prick psycho joke clown tyrant nightmare bitch asshole twat tool child narcissist liar creep snake douche douchebag loser dumbass cunt pig wanker dickhead bully
boss is so | before: annoying incompetent useless stupid dumb clueless lazy toxic
coworkers are | before: idiots morons useless lazy clueless incompetent annoying assholes dicks clowns jerks
colleagues are | before: idiots morons useless lazy clueless incompetent annoying assholes dicks clowns jerks
co workers are | before: idiots morons useless lazy clueless incompetent annoying assholes dicks clowns jerks
team are | before: idiots morons useless lazy clueless incompetent annoying assholes dicks clowns jerks
boss* suck* | weight: 0.7
job suck* | weight: 0.7
work suck* | weight: 0.5
company suck* | weight: 0.6
worst job | weight: 0.5
worst boss | weight: 0.7
worst manager | weight: 0.7
worst employer | weight: 0.7
worst company | weight: 0.6
boss can f off | weight: 0.8
boss can fuck off | weight: 0.85
employer was a joke | weight: 0.6
employer is a joke | weight: 0.6
company is a joke | weight: 0.6
management are | before: idiots morons useless clueless incompetent clowns jerks | weight: 0.7
management is | before: useless clueless incompetent a joke | weight: 0.6
toxic boss | weight: 0.6
toxic manager | weight: 0.6
toxic workplace | weight: 0.5
fuck* my job | weight: 0.85
fuck* my boss | weight: 0.85
fuck* this job | weight: 0.85
fuck* work | weight: 0.7
screw this job | weight: 0.7
# calling in sick while not sick, skiving
call* in sick | weight: 0.35
call* in sick | before: lol haha hahaha lmao jk 😂 🤣 😎 🍺 🏖 | weight: 0.8
# "called in sick today but actually went to the beach": the "but actually" is the confession.
but actually | after: sick today | weight: 0.35
fake* sick | weight: 0.85
pretend* to be sick | weight: 0.85
pretend* i was sick | weight: 0.85
sickie | weight: 0.8
skip* work | weight: 0.6
ditch* work | weight: 0.6
skiv* | before: off work | weight: 0.6
playing hooky | weight: 0.5
at work | after: hungover drunk stoned | weight: 0.7   # not "high": "morale is high at work"
on the job | after: drinking drunk stoned | weight: 0.7
on the clock | after: drinking drunk stoned | weight: 0.7
# leaking what the employer keeps confidential
confidential | weight: 0.45
strictly confidential | weight: 0.8
company confidential | weight: 0.8
internal only | weight: 0.7
internal use only | weight: 0.8
under nda | weight: 0.3                    # usually said to refuse to tell
breaking my nda | weight: 0.9
not supposed to share | weight: 0.7
not supposed to post | weight: 0.8
not supposed to say | weight: 0.45
not allowed to share | weight: 0.7
not allowed to post | weight: 0.8
leaked memo | weight: 0.6
don t tell my boss | weight: 0.6

[sexual]
# Sexual content: what an employer reading the account would call explicit. Fashion's "nude"
# (a colour) and Instagram's "food porn" are not; "tits" is a bird after blue, great or coal.
nudes | weight: 0.8
nude pic* | weight: 0.85
nude photo* | weight: 0.85
horny | weight: 0.8
porn* | not-after: food earth car cars book books cabin space room architecture travel plant plants sky city | weight: 0.8
sex tape* | weight: 0.9
sextape* | weight: 0.9
sexting | weight: 0.75
dick pic* | weight: 0.9
blowjob* | weight: 0.9
blow job* | weight: 0.9
got laid | weight: 0.8
getting laid | weight: 0.8
one night stand* | weight: 0.55
threesome* | weight: 0.7
tits | not-after: blue great coal marsh willow crested long tailed | weight: 0.7
boobs | weight: 0.5
nsfw | weight: 0.6
