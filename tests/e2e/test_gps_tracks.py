#!/usr/bin/python3
"""Regressions: GPS tracks written as text were reported nowhere and kept by --clean.

A DJI drone's MP4 carries its flight data, a position a frame, in a subtitle track (tx3g): the
video was "ok" with no finding and its cleaned copy kept the coordinates. The .SRT it writes
beside the video, and GPX, KML and GeoJSON track files, were no media and no sidecar: ignored,
and copied as they were. Now the track is a video_gps finding fixed by zeroing its digits in
place (same size, same frames, still plays), and each track file a location record of its own,
cleaned in place and still valid. Checked with other readers than the writer: ffmpeg, Python's
XML and JSON parsers."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import file_sha256, run  # noqa: E402

# What a DJI Mavic 3 writes a frame, and what older models (Phantom 4) wrote.
DJI_SRT = """1
00:00:00,000 --> 00:00:01,000
<font size="28">FrameCnt: 1, DiffTime: 33ms
2023-05-01 12:00:00.000
[iso: 100] [shutter: 1/500.0] [fnum: 1.7] [latitude: 48.858400] [longitude: 2.294500] [rel_alt: 1.200 abs_alt: 80.500] </font>

2
00:00:01,000 --> 00:00:02,000
<font size="28">FrameCnt: 2, DiffTime: 33ms
2023-05-01 12:00:01.000
[iso: 100] [shutter: 1/500.0] [fnum: 1.7] [latitude: 48.858410] [longitude: 2.294510] [rel_alt: 1.300 abs_alt: 80.600] </font>

3
00:00:02,000 --> 00:00:03,000
HOME(2.2945,48.8584) 2017.08.05 14:11:51
GPS(2.2946,48.8585,80) BAROMETER:1.9
"""

GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Strava" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><bounds minlat="48.8584" minlon="2.2945" maxlat="48.8600" maxlon="2.2960"/></metadata>
 <trk><name>Morning Ride</name><trkseg>
  <trkpt lat="48.8584" lon="2.2945"><ele>35.2</ele><time>2023-05-01T07:00:00Z</time></trkpt>
  <trkpt lat="48.8592" lon="2.2951"><ele>35.8</ele><time>2023-05-01T07:00:05Z</time></trkpt>
  <trkpt lat="48.8600" lon="2.2960"><ele>36.1</ele><time>2023-05-01T07:00:10Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document><Placemark><name>Home</name>
 <LookAt><longitude>2.2945</longitude><latitude>48.8584</latitude><range>500</range></LookAt>
 <Point><coordinates>2.2945,48.8584,0</coordinates></Point></Placemark>
<Placemark><LineString><coordinates>
  2.2945,48.8584,0 2.2951,48.8592,0
</coordinates></LineString></Placemark>
<Placemark><gx:Track><gx:coord>2.2960 48.8600 36</gx:coord></gx:Track></Placemark>
</Document></kml>
"""

GEOJSON = json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Run"},
     "geometry": {"type": "LineString", "coordinates": [[2.2945, 48.8584], [2.2951, 48.8592], [-0.1276, 51.5072]]}}]})

FILM_SRT = "1\n00:00:01,000 --> 00:00:02,000\nWhere were you at 2.30, 48 hours ago?\n"

COORDINATES = ("48.858", "48.859", "48.860", "2.2945", "2.2946", "2.2951", "2.2960", "51.5072")


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=300)


def subtitles_of(path):
    return subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:s", "-f", "srt", "-"],
                          check=True, capture_output=True, text=True).stdout


def frame_digests(path):
    """ffmpeg's MD5 of every decoded video and audio frame."""
    return subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:v", "-map", "0:a?", "-f", "framemd5", "-"],
                          check=True, capture_output=True).stdout


def streams_of(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


class Scan:
    """A folder `src` scanned with --clean into a folder: the report's items by path."""

    def __init__(self, test, src, tmp):
        self.out, report = os.path.join(tmp, "clean"), os.path.join(tmp, "r.json")
        proc = run([src, "--clean", self.out, "--json", report, "--no-progress"])
        test.assertEqual(proc.returncode, 0, proc.stderr)
        with open(report) as f:
            self.items = {i["path"]: i for i in json.load(f)["items"]}


def digests(folder):
    return {name: file_sha256(os.path.join(folder, name)) for name in sorted(os.listdir(folder))}


class DroneSubtitleTrackTest(unittest.TestCase):
    """Regression: a DJI MP4's subtitle track of per-frame GPS was "ok" with no finding."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-dji-")
        cls.src = os.path.join(cls.tmp, "src")
        os.makedirs(cls.src)
        srt = os.path.join(cls.tmp, "gps.srt")
        with open(srt, "w") as f:
            f.write(DJI_SRT)
        # A small one (held in memory) and one over LargeEntry::kFrom (16 MiB), whose media data
        # stays in a file and is patched by overwrites.
        ffmpeg("-f", "lavfi", "-i", "testsrc=duration=3:size=64x48:rate=5", "-f", "lavfi",
               "-i", "sine=duration=3", "-i", srt, "-t", "3", "-c:v", "libx264", "-c:a", "aac", "-c:s", "mov_text",
               os.path.join(cls.src, "DJI_0001.MP4"))
        ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=800x600:r=10,noise=alls=100:allf=t", "-i", srt,
               "-t", "6", "-fs", "40M", "-c:v", "mjpeg", "-q:v", "1", "-c:s", "mov_text",
               os.path.join(cls.src, "DJI_0002.MP4"))
        assert os.path.getsize(os.path.join(cls.src, "DJI_0002.MP4")) > 16 << 20
        cls.before = digests(cls.src)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_found_fixed_and_zeroed_in_place(self):
        scan = Scan(self, self.src, self.tmp)
        for name in ("DJI_0001.MP4", "DJI_0002.MP4"):
            with self.subTest(file=name):
                original, cleaned = os.path.join(self.src, name), os.path.join(scan.out, name)
                self.assertIn("48.858400", subtitles_of(original))
                item = scan.items[name]
                self.assertEqual([e for e in item["errors"] if e["code"] != "not_decoded"], [])
                location = [f for f in item["findings"] if f["category"] == "location"]
                self.assertEqual([(f["signal"], f["where"], f["fixed"]) for f in location],
                                 [("video_gps", "quicktime", True)], location)
                self.assertIn("4 positions", location[0]["evidence"])
                self.assertIn("48.858400, 2.294500", location[0]["evidence"])
                self.assertEqual(item["action"], "fixed")
                # ffmpeg reads the cleaned subtitles: the frames' text is there, no position.
                text = subtitles_of(cleaned)
                for gone in COORDINATES + ("80.500",):
                    self.assertNotIn(gone, text)
                for kept in ("FrameCnt: 2", "rel_alt: 1.300", "[latitude: 00.000000]", "BAROMETER:1.9"):
                    self.assertIn(kept, text)
                self.assertEqual(os.path.getsize(cleaned), os.path.getsize(original))
                self.assertEqual(frame_digests(cleaned), frame_digests(original))
                self.assertEqual(streams_of(cleaned), streams_of(original))
        self.assertEqual(digests(self.src), self.before)  # the input is never modified

    def test_a_second_scan_of_the_cleaned_copy_finds_nothing(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-dji2-")
        self.addCleanup(shutil.rmtree, tmp)
        first = Scan(self, self.src, tmp)
        os.makedirs(os.path.join(tmp, "again"))
        again = Scan(self, first.out, os.path.join(tmp, "again"))
        for name in ("DJI_0001.MP4", "DJI_0002.MP4"):
            self.assertEqual([f for f in again.items[name]["findings"] if f["category"] == "location"], [])


class TrackFilesTest(unittest.TestCase):
    """Regression: a drone's .SRT and GPX, KML and GeoJSON tracks were ignored and copied as
    they were."""

    def test_each_is_a_location_record_cleaned_in_place(self):
        tmp = tempfile.mkdtemp(prefix="mediascan-tracks-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(os.path.join(src, "activities"))
        files = {"DJI_0001.SRT": DJI_SRT, "activities/ride.gpx": GPX, "activities/places.kml": KML,
                 "activities/run.geojson": GEOJSON, "film.srt": FILM_SRT}
        for name, text in files.items():
            with open(os.path.join(src, name), "w") as f:
                f.write(text)
        with zipfile.ZipFile(os.path.join(src, "activities/saved.kmz"), "w", zipfile.ZIP_DEFLATED) as kmz:
            kmz.writestr("doc.kml", KML)  # a KMZ is a zip: its KML is read as any nested entry
        files["activities/saved.kmz"] = None
        before = {name: file_sha256(os.path.join(src, name)) for name in files}
        scan = Scan(self, src, tmp)
        expected = {"DJI_0001.SRT": "4 positions of a drone's flight", "activities/ride.gpx": "3 positions of a GPS track",
                    "activities/places.kml": "5 positions of a GPS track",
                    "activities/run.geojson": "3 positions of a GPS track",
                    "activities/saved.kmz/doc.kml": "5 positions of a GPS track"}
        records = {path.split("#")[0]: item for path, item in scan.items.items()}
        self.assertEqual(sorted(records), sorted(expected))  # a film's subtitles are no record
        for name, count in expected.items():
            with self.subTest(file=name):
                item = records[name]
                self.assertEqual(item["context"].get("text_kind"), "location_record")
                self.assertEqual([(f["signal"], f["where"], f["fixed"]) for f in item["findings"]],
                                 [("sidecar_location", "sidecar:" + name, True)], item["findings"])
                self.assertIn(count, item["findings"][0]["evidence"])
                self.assertIn(name, item["findings"][0]["evidence"])
                if ".kmz/" in name:
                    with zipfile.ZipFile(os.path.join(scan.out, "activities/saved.kmz")) as kmz:
                        cleaned = kmz.read("doc.kml").decode()
                else:
                    with open(os.path.join(scan.out, name)) as f:
                        cleaned = f.read()
                for gone in COORDINATES:
                    self.assertNotIn(gone, cleaned)
                if not name.endswith(".geojson"):  # digits zeroed where they stand (JSON's numbers become 0)
                    self.assertEqual(len(cleaned), len(files.get(name) or KML))
        with open(os.path.join(scan.out, "activities/ride.gpx")) as f:
            gpx = ET.fromstring(f.read().encode())
        ns = {"g": "http://www.topografix.com/GPX/1/1"}
        self.assertEqual([p.get("lat") for p in gpx.iterfind(".//g:trkpt", ns)], ["00.0000"] * 3)
        self.assertEqual(gpx.find(".//g:time", ns).text, "2023-05-01T07:00:00Z")
        with open(os.path.join(scan.out, "activities/places.kml")) as f:
            kml = ET.fromstring(f.read().encode())
        self.assertEqual(kml.find(".//{http://www.opengis.net/kml/2.2}name").text, "Home")
        with open(os.path.join(scan.out, "activities/run.geojson")) as f:
            geometry = json.load(f)["features"][0]["geometry"]
        self.assertEqual(geometry["coordinates"], [[0, 0], [0, 0], [0, 0]])
        with open(os.path.join(scan.out, "DJI_0001.SRT")) as f:
            self.assertIn("[latitude: 00.000000] [longitude: 0.000000] [rel_alt: 1.200 abs_alt: 00.000]", f.read())
        self.assertEqual(file_sha256(os.path.join(scan.out, "film.srt")), before["film.srt"])
        self.assertEqual({name: file_sha256(os.path.join(src, name)) for name in files}, before)

    def test_addresses_in_gpx_and_kml_go_too(self):
        """Regression: a KML place Google Earth geocoded (an <address> and its xAL details, no
        coordinates) was no record and kept its address; a Garmin waypoint's address stayed in a
        cleaned GPX."""
        tmp = tempfile.mkdtemp(prefix="mediascan-tracks-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        files = {"saved.kml": KML_ADDRESS, "waypoints.gpx": GPX_ADDRESS, "tricky.kml": KML_TRICKY,
                 "home.geojson": GEOJSON_ADDRESS}
        for name, text in files.items():
            with open(os.path.join(src, name), "w", encoding="utf-8") as f:
                f.write(text)
        scan = Scan(self, src, tmp)
        expected = {"saved.kml": "2 addresses of a GPS track", "waypoints.gpx": "1 position and 1 address of a GPS track",
                    "tricky.kml": "4 addresses of a GPS track", "home.geojson": "1 location value"}
        records = {path.split("#")[0]: item for path, item in scan.items.items()}
        self.assertEqual(sorted(records), sorted(expected))
        for name, what in expected.items():
            with self.subTest(file=name):
                item = records[name]
                self.assertEqual([(f["signal"], f["fixed"]) for f in item["findings"]], [("sidecar_location", True)])
                self.assertIn(what, item["findings"][0]["evidence"])
                with open(os.path.join(scan.out, name), encoding="utf-8") as f:
                    cleaned = f.read()
                for gone in ("Rue Cler", "75007", "Paris", "France", "Baker Street", "NW1 6XE", "London", "SECRET"):
                    self.assertNotIn(gone, cleaned)
                if name.endswith(".geojson"):
                    self.assertEqual(json.loads(cleaned)["properties"]["address"], "")
                    continue
                self.assertEqual(len(cleaned), len(files[name]))
                ET.fromstring(cleaned.encode())  # still XML
        with open(os.path.join(scan.out, "saved.kml"), encoding="utf-8") as f:
            kml = f.read()
        self.assertIn("<name>Dentist</name>", kml)  # a place's name is no address, as in a GeoJSON's properties
        self.assertIn("<xal:CountryName>      </xal:CountryName>", kml)
        with open(os.path.join(scan.out, "waypoints.gpx"), encoding="utf-8") as f:
            gpx = f.read()
        self.assertIn("<name>221B</name>", gpx)
        self.assertIn('lat="00.0000"', gpx)


    def test_an_invalid_geojson_is_zeroed_but_not_said_clean(self):
        """A GeoJSON that is not valid JSON (cut off): the JSON cleaner cannot read it, so its
        coordinates are zeroed where they stand, and its finding stays open (its address is
        still there)."""
        tmp = tempfile.mkdtemp(prefix="mediascan-tracks-")
        self.addCleanup(shutil.rmtree, tmp)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        broken = GEOJSON_ADDRESS.replace('"geometry": null}', '"geometry": {"type": "Point", "coordinates": [2.2945, 48.8584]}')
        broken = broken[:-1]  # no closing brace
        with open(os.path.join(src, "cut.geojson"), "w") as f:
            f.write(broken)
        scan = Scan(self, src, tmp)
        item = {path.split("#")[0]: item for path, item in scan.items.items()}["cut.geojson"]
        self.assertEqual([(f["signal"], f["fixed"]) for f in item["findings"]], [("sidecar_location", False)])
        self.assertEqual([e["code"] for e in item["errors"]], ["not_cleaned"])
        with open(os.path.join(scan.out, "cut.geojson")) as f:
            cleaned = f.read()
        self.assertIn('"coordinates": [0.0000, 00.0000]', cleaned)
        self.assertEqual(len(cleaned), len(broken))

KML_ADDRESS = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:xal="urn:oasis:names:tc:ciq:xsdschema:xAL:2.0">
<Document><Placemark><name>Dentist</name><address>12 Rue Cler, 75007 Paris</address>
 <xal:AddressDetails><xal:Country><xal:CountryName>France</xal:CountryName></xal:Country></xal:AddressDetails>
</Placemark></Document></kml>
"""

GPX_ADDRESS = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Garmin" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
 <wpt lat="51.5238" lon="-0.1586"><name>221B</name><extensions><gpxx:WaypointExtension><gpxx:Address>
  <gpxx:StreetAddress>221B Baker Street</gpxx:StreetAddress><gpxx:City>London</gpxx:City>
  <gpxx:PostalCode><![CDATA[NW1 6XE]]></gpxx:PostalCode></gpxx:Address></gpxx:WaypointExtension></extensions></wpt>
</gpx>
"""

# Address end tags in places that are not this address's own: nested, a longer name, a CDATA
# section, a comment, a processing instruction (with a quote and a '>' in it).
KML_TRICKY = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><address>12 <address>Rue</address> SECRET1</address></Placemark>
<Placemark><address><addressLine>Rue Cler</addressLine> SECRET2</address></Placemark>
<Placemark><address><![CDATA[a </address> b]]>SECRET3<!-- </address> --> SECRET4</address></Placemark>
<Placemark><address><?note it's > here?>SECRET5</address><name>Kept</name></Placemark>
</Document></kml>
"""

GEOJSON_ADDRESS = json.dumps({"type": "Feature", "properties": {"name": "Home", "address": "12 Rue Cler, 75007 Paris"},
                              "geometry": None})


if __name__ == "__main__":
    unittest.main()
