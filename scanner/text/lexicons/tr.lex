# Turkish. See README.md for the format, en.lex for how the weights are chosen.
#
# Accents fold ("sarhoş" = "sarhos", the dotless "ı" is "i"), and Turkish words carry their
# endings: prefixes ("sarhoş*") catch "sarhoşuz", "sarhoştum". Entries that fold into an English
# word are left out or kept in phrases ("piç" is the English "pic": only "piç kurusu").
language: tr
# Common in Turkish, rare in the other languages' posts; shared words are listed in every
# language that uses them so they cancel out ("de", "da", "o", "en", "ne", "ki").
stop-words: ve bir bu da de ne ben sen o biz siz olsun canım iyi güzel için ile çok gibi daha ama mi mı mu mü var yok ki en şey her kadar sonra şimdi bugün dün yarın olarak olan benim seni beni bana
negation: değil asla hiç hiçbir olmadan

[alcohol]
sarhoş* | not-before: değilim değildim değiliz değildik değil | weight: 0.85   # Turkish negates after the word
zil zurna | weight: 0.9
akşamdan kalma* | weight: 0.8
kafayı bulduk | weight: 0.75
kafam güzel | weight: 0.6
rakı | not-before: z na w i | weight: 0.4   # Polish "raki" are crayfish
bira | weight: 0.4
biralar | weight: 0.4
votka | weight: 0.6
içki* | weight: 0.4                        # içki, içkili

[drugs]
esrar | weight: 0.8                       # not "esrar*": "esrarengiz" is mysterious
esrarı | weight: 0.8
esrarla | weight: 0.8
esrarkeş* | weight: 0.8
ot içtik | weight: 0.8
ot çektik | weight: 0.8
kokain | weight: 0.9
hap attık | weight: 0.75
bonzai | not-before: ağacı ağacım ağacımı ağaç | weight: 0.85   # also a bonsai tree
uyuşturucu | weight: 0.45

[profanity]
aq | weight: 0.8
amq | weight: 0.8
siktir* | weight: 0.9
sikeyim | weight: 0.9
sikerim | weight: 0.9
amk | weight: 0.8
amına | weight: 0.9
orospu* | weight: 0.9
piç kurusu | weight: 0.9
yavşak | weight: 0.8
şerefsiz* | weight: 0.7
gerizekalı | weight: 0.6
boktan | weight: 0.6

[violence]
kırarım | weight: 0.7
seni öldüreceğim | weight: 0.9
öldürürüm | weight: 0.8
seni gebertirim | weight: 0.9
nerede oturduğunu biliyorum | weight: 0.85
bıçaklayacağım | weight: 0.9
silah | weight: 0.35

[discrimination]
ibne* | weight: 0.9
götveren | weight: 0.9
suriyeliler defolsun | weight: 0.9
ülkenize dönün | weight: 0.85
ülkene dön | weight: 0.85

[employer]
işimden nefret ediyorum | weight: 0.85
işimden nefret ettim | weight: 0.8
patronumdan nefret ediyorum | weight: 0.85
patronum bir | before: aptal salak gerizekalı şerefsiz | weight: 0.8
patronum | before: aptal salak gerizekalı şerefsiz | weight: 0.75
sahte rapor | weight: 0.85
çok gizli | before: belge belgeler bilgi bilgiler proje dosya rapor | weight: 0.7   # not a secret recipe or cove

[sexual]
çıplak fotoğraf* | weight: 0.8
çıplak foto* | weight: 0.8
azgınım | weight: 0.7                     # not "azgın*": a raging sea
azgınsın | weight: 0.6
azgın | before: kız kızlar kadın karı | weight: 0.6
seviş* | weight: 0.6
