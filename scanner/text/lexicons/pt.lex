# Portuguese (Brazil and Portugal). See README.md for the format, en.lex for how the weights are
# chosen.
#
# Accents fold and so does ç: "não" is "nao", "cachaça" is "cachaca". A short text of no known
# language gets every language's entries, so words that are innocent elsewhere are kept behind
# rules ("baseado em" is "based on"; "bicha" is a queue in Portugal and is left out).
language: pt
# Common in Portuguese, rare in the other languages' posts; shared words are listed in every
# language that uses them so they cancel out ("que", "com", "para", "por", "se", "te", "mas",
# "do", "e", "a", "esta", "nos", "nada", "todo", "como", "uma", "um").
stop-words: o os um uma nao e do da dos das no na nos nas em com para por que se muito mais mas eu voce ele ela meu minha estou foi esta sao tem hoje ontem amanha obrigado obrigada tambem isso isto aqui ja agora vou pra te nada todo como a
negation: nao nunca sem jamais nem nenhum nenhuma
# Compound tenses put the negation further back: "nunca he fumado un porro".
negation-reach: 4

[alcohol]
trebad* | weight: 0.8
breja* | weight: 0.45
bêbad*                                     # bêbado, bêbada, bêbados
bebad*
bebum | weight: 0.7
ressaca | not-after: alerta aviso mar | not-before: do no na em nas nos para | weight: 0.7   # also the sea's swell: "ressaca em Copacabana"
porre | after: um de tomar tomei tomamos tomou que | weight: 0.75
bebedeira | weight: 0.75
encher a cara | weight: 0.85
enchi a cara | weight: 0.85
enchemos a cara | weight: 0.85
enchendo a cara | weight: 0.85
chapad* | after: estou estava tava to ta tô tá muito super bem ficamos fiquei | weight: 0.7   # drunk or high
cerveja* | weight: 0.4                     # cerveja, cervejada
cervejinha* | weight: 0.45
chopp* | weight: 0.45
cachaça | weight: 0.45
cachaca | weight: 0.45
caipirinha* | weight: 0.4
vinho | after: de taça taca garrafa garrafas tinto branco | weight: 0.35
bebi demais | weight: 0.8
bebemos demais | weight: 0.8
bebi muito | not-before: cafe café agua água cha chá leite suco | weight: 0.7

[drugs]
ganza | weight: 0.75
brisad* | weight: 0.6
baseado | after: um uns o meu teu seu queimar fumar fumando fumei bolar bolei apertar acender | weight: 0.75   # a joint; "baseado em/nisso" is "based on"
baseados | after: uns uns dois tres três queimar fumar fumando fumei bolar bolei | weight: 0.75
maconha | weight: 0.75
fumar um | before: baseado beck | weight: 0.8
beck | after: um fumar fumando fumei | weight: 0.6
cocaína | weight: 0.9
cocaina | weight: 0.9
drogad* | weight: 0.8
lança perfume | weight: 0.7
lanca perfume | weight: 0.7
loló | weight: 0.6
doidão | after: to tô tava estou estava | weight: 0.6
doidao | after: to tô tava estou estava | weight: 0.6

[profanity]
vtnc | weight: 0.9
pqp | weight: 0.7
cabrão | weight: 0.8
porra | not-before: del | not-after: la una | weight: 0.7   # Spanish "la porra del Mundial": a betting pool
caralho | weight: 0.8
merda | weight: 0.7
puta que pariu | weight: 0.9
puta | weight: 0.8
putaria | weight: 0.65
filho da puta | weight: 0.95
filha da puta | weight: 0.95
fdp | weight: 0.8
foda se | weight: 0.85
foda | not-after: e é que muito mais tao tão | weight: 0.55   # "é foda": it's tough
vai tomar no cu | weight: 0.95
vai se foder | weight: 0.9
vai te foder | weight: 0.9
otári* | weight: 0.6
otari* | weight: 0.6
babaca* | weight: 0.7
arrombad* | weight: 0.85
desgraçad* | weight: 0.6
desgracad* | weight: 0.6
cuzão | weight: 0.8
cuzao | weight: 0.8
vadia | weight: 0.8
escrot* | weight: 0.6
idiota | weight: 0.5
retardad* | weight: 0.65

[violence]
vou te matar | weight: 0.9
vou matar você | weight: 0.9
vou matar voce | weight: 0.9
te mato | weight: 0.75
vou te dar um tiro | weight: 0.9
dar um tiro na | weight: 0.8
sei onde você mora | weight: 0.85
sei onde voce mora | weight: 0.85
sei onde moras | weight: 0.85
quebrar sua cara | weight: 0.85
quebrar a tua cara | weight: 0.85
quebrar a sua cara | weight: 0.85
porrada | after: dar levar levou levei meter de | weight: 0.5
pistola | not-before: de d | weight: 0.45
esfaque* | weight: 0.8

[discrimination]
paneleir* | weight: 0.85
volta pro teu país | weight: 0.85
volta pro seu país | weight: 0.85
volta para o teu país | weight: 0.85
volta para o seu país | weight: 0.85
viado | weight: 0.85                      # not "viado*": Italian "viadotto"
viados | weight: 0.85
viadinho | weight: 0.85
viadagem | weight: 0.8
sapatão | weight: 0.8
sapatao | weight: 0.8
favelad* | weight: 0.6
macaco | after: seu teu | not-before: de da do | weight: 0.8   # a racist insult: "seu macaco"
preto de merda | weight: 0.95
nordestino de merda | weight: 0.95

[employer]
trampo de merda | weight: 0.85
odeio o meu | before: trabalho emprego chefe patrão patrao serviço servico
odeio meu | before: trabalho emprego chefe patrão patrao serviço servico
odeio a minha | before: empresa chefe
odeio os meus | before: colegas chefes
meu chefe é um | before: idiota babaca otário otario imbecil escroto incompetente
meu chefe e um | before: idiota babaca otário otario imbecil escroto incompetente
chefe | before: babaca idiota otário otario escroto imbecil | weight: 0.75
de merda | after: trabalho emprego chefe empresa colegas serviço servico | weight: 0.85
atestado falso | weight: 0.85
atestado fake | weight: 0.85
fingi que estava doente | weight: 0.8
estritamente confidencial | weight: 0.8
confidencial | weight: 0.45

[sexual]
transou | weight: 0.6
nudes | weight: 0.75
fotos nuas | weight: 0.8
foto nua | weight: 0.8
foder | weight: 0.8
transar | weight: 0.6
transamos | weight: 0.7
tesão | weight: 0.6
tesao | weight: 0.6
punheta | weight: 0.85
boquete | not-after: de en un el | weight: 0.85   # Boquete, a town in Panama
gostosa | weight: 0.45
peitos | not-before: de | weight: 0.5      # "peitos de frango"
