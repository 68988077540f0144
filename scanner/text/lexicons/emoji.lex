# Emoji, in every language. An emoji alone is weak evidence (a 🍺 is a beer, not a binge): 0.5
# to 0.6 at most, less where the emoji mostly means something else (🔪 is mostly cooking). The
# negation words of any.lex apply here too ("no 🍺").
# See README.md for the format.
language: any

[alcohol]
🍺 | weight: 0.5
🍻 | weight: 0.55
🍷 | weight: 0.3
🍸 | weight: 0.5
🥃 | weight: 0.55
🍹 | weight: 0.4
🥂 | weight: 0.25                          # a toast: two of them stay a hint
🍾 | weight: 0.25
🥴 | weight: 0.35                           # woozy face
🤮 | weight: 0.2                            # mostly disgust: a hint next to a drink

[drugs]
💊 | weight: 0.5
# 💉 is mostly a vaccine ("got my 💉 today"): only next to another drug emoji.
💉 | after: 💊 🍄 🌿 🍃 | weight: 0.2
💉 | before: 💊 🍄 🌿 🍃 | weight: 0.2
🌿 | weight: 0.2                           # a hike: 🌿🍃 stays a hint
🍄 | weight: 0.2
🍃 | weight: 0.2
# ❄ (cocaine in emoji code) is mostly snow: left out.

[violence]
🔫 | weight: 0.45                           # a water pistol on most platforms now
🔪 | weight: 0.4
💣 | weight: 0.4
🗡 | weight: 0.4
🪓 | weight: 0.35

[profanity]
🖕 | weight: 0.7
🤬 | weight: 0.5

[sexual]
# A peach and an aubergine are fruit and veg alone; together (two different matches add up) they
# are what everyone reads them as.
🍆 | weight: 0.35
🍑 | weight: 0.35
