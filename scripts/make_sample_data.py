#!/usr/bin/env python3
"""Write sample_data/demo_export.zip: a small, realistic Facebook 'Download Your Information'
export (2024 JSON layout) for a first run of mediascan.

About 20 photos in albums and posts, text-only posts and comments: captions in English and Dutch (with Facebook's mojibake
encoding of accents and emoji), location in the JSON (exif_data latitude/longitude), a check-in
at a bar with coordinates, party/bar captions, and a few JPEGs that still carry EXIF GPS.
The output is deterministic: same bytes on every run (fixed seeds, fixed zip timestamps).

Usage: python3 scripts/make_sample_data.py [OUT.zip]   (default: sample_data/demo_export.zip)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_export as mx  # noqa: E402

ROOT = "facebook-samjanssen-2024-05-01-Qw3rTy/"
MEDIA = "your_facebook_activity/posts/media/"
POSTS_JSON = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
T = mx.T

GENT = (51.0543, 3.7174)
LISBON = (38.7139, -9.1334)


def jpeg(seed, size=(640, 480), gps=None, taken=None):
    # FB re-encodes uploads; the Lisbon album was "uploaded from a backup" and kept its EXIF.
    return mx.jpeg_bytes(seed, size, gps=gps, taken=taken, make="Apple" if gps else None,
                         model="iPhone 12" if gps else None, quality=80)


def exif(taken, gps=None, ip="81.82.197.4"):
    d = {"upload_ip": ip, "taken_timestamp": taken}
    if gps:
        d["latitude"], d["longitude"] = gps
    return d


def build(out):
    entries = []

    def add(rel, data):
        entries.append(mx.Entry(ROOT + rel, data))

    # ---------------------------------------------------------------- album 0: Zomer in Gent 2023
    gent_name = "Zomer in Gent 2023 ☀️"
    gent_dir = MEDIA + "ZomerinGent2023_4455667788/"
    gent = [
        (T(2023, 7, 15, 14, 3, 22), "Graslei bij zonsondergang, café met Anneke 🍺", (51.0545, 3.7169)),
        (T(2023, 7, 15, 16, 20, 0), "Fietsen langs de Leie 🚲 één van de mooiste plekjes van België", (51.0571, 3.7219)),
        (T(2023, 7, 16, 11, 0, 0), "Gravensteen met de kinderen 🏰", (51.0573, 3.7207)),
        (T(2023, 7, 16, 19, 30, 0), "Gentse Feesten! Wat een sfeer 🎉", None),
        (T(2023, 7, 17, 9, 15, 0), None, None),
    ]
    gent_media = []
    for i, (taken, desc, gps) in enumerate(gent):
        uri = gent_dir + "101587%011d.jpg" % (1000 + i)
        add(uri, jpeg(1001 + i, (640, 480) if i % 2 == 0 else (480, 640)))
        gent_media.append(mx._fb_media(uri, taken + 7200, gent_name, desc, exif(taken, gps)))

    # ---------------------------------------------------------------- album 2: Trip to Lisbon (EXIF GPS kept)
    lis_name = "Trip to Lisbon"
    lis_dir = MEDIA + "TriptoLisbon_9988776655/"
    lisbon = [
        (T(2023, 10, 2, 10, 5, 0), "First morning in Alfama, pastel de nata heaven", (38.7115, -9.1300)),
        (T(2023, 10, 2, 18, 45, 0), "Sunset at the Miradouro da Senhora do Monte 🌅", (38.7190, -9.1327)),
        (T(2023, 10, 3, 23, 10, 0), "Bairro Alto bar hopping, way too many shots 🍸🥃", LISBON),
        (T(2023, 10, 4, 12, 0, 0), "Tram 28 📸", None),
    ]
    lis_media = []
    for i, (taken, desc, gps) in enumerate(lisbon):
        uri = lis_dir + "101588%011d.jpg" % (2000 + i)
        add(uri, jpeg(2001 + i, gps=gps if i < 3 else None, taken=taken))
        lis_media.append(mx._fb_media(uri, taken + 3600, lis_name, desc, exif(taken, gps, "188.81.4.20")))

    # ---------------------------------------------------------------- album 1: Profile pictures
    prof_dir = MEDIA + "ProfilePictures_1122334455/"
    prof_media = []
    for i, ts in enumerate((T(2021, 3, 1, 12, 0, 0), T(2023, 1, 8, 12, 0, 0))):
        uri = prof_dir + "101589%011d.jpg" % (3000 + i)
        add(uri, jpeg(3001 + i, (320, 320)))
        prof_media.append(mx._fb_media(uri, ts, "Profile pictures"))

    # ---------------------------------------------------------------- posts with mobile uploads
    mob_dir = MEDIA + "Mobileuploads_5647382910/"
    mob_name = "Mobile uploads"
    posts = []

    def mobile(seed, taken, desc=None, gps=None, size=(640, 480)):
        uri = mob_dir + "101590%011d.jpg" % seed
        add(uri, jpeg(seed, size))
        return mx._fb_media(uri, taken + 120, mob_name, desc, exif(taken, gps))

    # check-in at a bar, with the place's coordinates
    t = T(2024, 2, 9, 22, 40, 0)
    m = mobile(4001, t)
    posts.append({"timestamp": t + 300,
                  "attachments": [{"data": [{"media": m}, {"place": {
                      "name": "Café De Kroeg", "coordinate": {"latitude": 51.0536, "longitude": 3.7250},
                      "address": "Oudburg 12, 9000 Gent", "url": "https://www.facebook.com/cafedekroeg"}}]}],
                  "data": [{"post": "Vrijdagavond in de kroeg 🍻 nog één rondje!"}],
                  "tags": [{"name": "Pieter Claes"}, {"name": "Anneke Peeters"}],
                  "title": "Sam Janssen is at Café De Kroeg."})
    # party post, two photos
    t = T(2023, 12, 15, 23, 55, 0)
    m1, m2 = mobile(4002, t), mobile(4003, t + 600, size=(480, 640))
    posts.append({"timestamp": t + 3600, "attachments": [{"data": [{"media": m1}, {"media": m2}]}],
                  "data": [{"post": "Team Christmas party 🎄 the pub crawl got out of hand, too many beers 🍺🍺🍺"}],
                  "tags": [{"name": "Lotte Wouters"}], "title": "Sam Janssen added 2 new photos."})
    # birthday, Dutch, with GPS in the JSON
    t = T(2024, 3, 2, 15, 0, 0)
    m = mobile(4004, t, "Verjaardag van Sanne 🎂 — gefeliciteerd!", (51.2194, 4.4025))
    posts.append({"timestamp": t + 200, "attachments": [{"data": [{"media": m}]}],
                  "data": [{"post": "Hiep hiep hoera!"}], "tags": [{"name": "Sanne de Smet"}],
                  "title": "Sam Janssen added a new photo."})
    # brunch, French accents
    t = T(2024, 3, 10, 11, 30, 0)
    m = mobile(4005, t)
    posts.append({"timestamp": t + 100, "attachments": [{"data": [{"media": m}]}],
                  "data": [{"post": "Sunday brunch ☕ café crème et pain au chocolat à volonté"}],
                  "title": "Sam Janssen added a new photo."})
    # new bike, at home (GPS = home address: the kind of thing the report should flag)
    t = T(2024, 4, 6, 10, 0, 0)
    m = mobile(4006, t, "Nieuwe fiets! 🚲 klaar voor de zomer", (51.0402, 3.7311))
    posts.append({"timestamp": t + 60, "attachments": [{"data": [{"media": m}]}],
                  "data": [{"post": "Nieuwe fiets!"}], "title": "Sam Janssen added a new photo."})
    # an album post and a plain status
    posts.append({"timestamp": gent[0][0] + 86400, "attachments": [{"data": [{"media": gent_media[0]}]}],
                  "data": [{"post": "Eindelijk vakantie! Gent op zijn mooist ☀️"}],
                  "tags": [{"name": "Anneke Peeters"}],
                  "title": "Sam Janssen added a new photo to the album %s." % gent_name})
    posts.append({"timestamp": T(2024, 1, 1, 0, 2, 0),
                  "data": [{"post": "Gelukkig nieuwjaar iedereen! Happy new year 🎆"}],
                  "title": "Sam Janssen updated their status."})
    # a job-hunt style post: nothing risky
    t = T(2024, 4, 20, 9, 0, 0)
    m = mobile(4007, t, "Proud to start my new role as data analyst 💼")
    posts.append({"timestamp": t + 60, "attachments": [{"data": [{"media": m}]}],
                  "data": [{"post": "New chapter!"}], "title": "Sam Janssen added a new photo."})

    # text-only posts: a rant about work, a hangover, a phone number shared, a false friend
    for when, text in ((T(2023, 11, 6, 8, 15, 0), "Monday again. My boss is a complete idiot, I hate this job 🙄"),
                       (T(2023, 12, 16, 11, 0, 0), "Zo zat gisteren 🍻🍻 nooit meer tequila... kater van de eeuw"),
                       (T(2024, 2, 2, 18, 30, 0), "Verkoop mijn oude fiets, bel me op 0612345678"),
                       (T(2024, 3, 12, 14, 0, 0), "Finished the quarterly report, the new bar chart looks great")):
        posts.append({"timestamp": when, "data": [{"post": text}], "title": "Sam Janssen updated their status."})
    entries.append(mx.Entry(ROOT + "your_facebook_activity/comments_and_reactions/comments.json", mx.fb_json({
        "comments_v2": [
            {"timestamp": T(2023, 12, 16, 12, 0, 0),
             "data": [{"comment": {"timestamp": T(2023, 12, 16, 12, 0, 0),
                                   "comment": "Haha we were all so wasted 😂", "author": "Sam Janssen"}}],
             "title": "Sam Janssen commented on Anneke Peeters's post."},
            {"timestamp": T(2024, 4, 21, 9, 0, 0),
             "data": [{"comment": {"timestamp": T(2024, 4, 21, 9, 0, 0),
                                   "comment": "Great shot of the harbour!", "author": "Sam Janssen"}}],
             "title": "Sam Janssen commented on Tom's photo."}]})))
    entries.append(mx.Entry(ROOT + "your_facebook_activity/posts/album/0.json", mx.fb_json({
        "name": gent_name, "photos": gent_media, "cover_photo": gent_media[0],
        "last_modified_timestamp": gent[-1][0] + 7200, "description": "Een weekje Gent met vrienden"})))
    entries.append(mx.Entry(ROOT + "your_facebook_activity/posts/album/1.json", mx.fb_json({
        "name": "Profile pictures", "photos": prof_media, "cover_photo": prof_media[-1],
        "last_modified_timestamp": T(2023, 1, 8, 12, 0, 0), "description": ""})))
    entries.append(mx.Entry(ROOT + "your_facebook_activity/posts/album/2.json", mx.fb_json({
        "name": lis_name, "photos": lis_media, "cover_photo": lis_media[1],
        "last_modified_timestamp": lisbon[-1][0] + 3600, "description": "Long weekend in Portugal"})))
    entries.append(mx.Entry(ROOT + POSTS_JSON, mx.fb_json(posts)))
    entries.append(mx.Entry(ROOT + "personal_information/profile_information/profile_information.json",
                            mx.fb_json({"profile_v2": {
                                "name": {"full_name": "Sam Janssen", "first_name": "Sam", "middle_name": "",
                                         "last_name": "Janssen"},
                                "current_city": {"name": "Gent, België", "timestamp": T(2019, 9, 1)},
                                "hometown": {"name": "Brugge, België", "timestamp": T(2019, 9, 1)}}})))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".tmp"
    mx.write_zip(tmp, entries)
    os.replace(tmp, out)
    photos = sum(1 for e in entries if e.name.endswith(".jpg"))
    return photos


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "sample_data", "demo_export.zip")
    photos = build(out)
    print("wrote %s: %d photos, %d bytes" % (out, photos, os.path.getsize(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
