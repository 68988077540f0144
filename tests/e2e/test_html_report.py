#!/usr/bin/python3
"""The HTML report on a hostile export, parsed and loaded in headless Chromium: every payload
is shown as text, no script of the export's runs, no request leaves, the layout holds."""
import html.parser
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import make_export as mk  # noqa: E402

MEDIASCAN = os.environ.get("MEDIASCAN", "build/mediascan")
CHROMIUM = shutil.which("chromium")

PAYLOADS = [
    '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">',
    '</script><script>document.title="pwned"</script>',
    "<!-- <script>document.title='pwned'</script>",
    '"><img src="https://tracker.invalid/pixel.png">',
    "\u202eevil\u202c and \u2028line\u2029separators",
    "javascript:alert(1)",
]


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.head_first = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.head_first is None:
            self.head_first = (tag, dict(attrs))


class HtmlReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mediascan-html-")
        src = os.path.join(cls.tmp, "hostile.zip")
        with zipfile.ZipFile(src, "w") as z:
            d = "Takeout/Google Photos/Album/"
            for i, payload in enumerate(PAYLOADS + ["x" * (10 << 20)]):
                name = "IMG_%04d.jpg" % i
                z.writestr(d + name, mk.jpeg_bytes(100 + i, (200, 150), gps=(52.37, 4.89)))
                z.writestr(d + name + ".json", json.dumps({
                    "title": name, "description": payload, "people": [{"name": payload[:200]}],
                    "photoTakenTime": {"timestamp": "1600000000"},
                    "geoData": {"latitude": 52.37, "longitude": 4.89}}))
            z.writestr(d + "metadata.json", json.dumps({"title": PAYLOADS[0], "date": {"timestamp": "1"}}))
            # A file name that is not valid UTF-8 (raw bytes in the zip's name field).
            info = zipfile.ZipInfo(d + "bad-\udcff-name.jpg".encode("utf-8", "surrogateescape").decode("latin-1"))
            z.writestr(info, mk.jpeg_bytes(99, (100, 80)))
        cls.report = os.path.join(cls.tmp, "report.html")
        proc = subprocess.run([MEDIASCAN, "scan", src, "--report", cls.report, "--no-progress"],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        with open(cls.report, encoding="utf-8") as f:
            cls.text = f.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_private_file_mode(self):
        self.assertEqual(os.stat(self.report).st_mode & 0o777, 0o600)

    def test_csp_is_first_in_head_and_forbids_requests(self):
        c = Collector()
        c.feed(self.text)
        tag, attrs = c.head_first
        self.assertEqual((tag, attrs.get("http-equiv")), ("meta", "Content-Security-Policy"))
        self.assertIn("default-src 'none'", attrs["content"])
        self.assertNotIn("unsafe-inline", attrs["content"])

    def test_parsed_report_has_no_foreign_elements_or_handlers(self):
        c = Collector()
        c.feed(self.text)
        scripts = [a for t, a in c.tags if t == "script"]
        self.assertEqual(len(scripts), 2)  # the JSON data block and the report's own filter code
        self.assertEqual(scripts[0].get("type"), "application/json")
        for tag, attrs in c.tags:
            self.assertNotIn(tag, ("img", "iframe", "object", "embed"), attrs)
            self.assertFalse([k for k in attrs if k.startswith("on")], (tag, attrs))
            for key in ("src", "href"):
                value = attrs.get(key, "")
                self.assertFalse(value.startswith("javascript:") or "tracker.invalid" in value, (tag, attrs))

    def test_everything_is_in_the_page_without_javascript(self):
        # What a browser with JavaScript off shows: every item as an article, the filters hidden.
        c = Collector()
        c.feed(self.text)
        articles = [a for t, a in c.tags if t == "article"]
        self.assertEqual(len(articles), len(PAYLOADS) + 2)
        nav = [a for t, a in c.tags if t == "nav"]
        self.assertEqual(len(nav), 1)
        self.assertIn("hidden", nav[0])

    def test_embedded_json_cannot_close_its_script(self):
        start = self.text.index('<script type="application/json"')
        block = self.text[start:self.text.index("</script>", start)]
        for bad in ("<!--", "</", "\u2028", "\u2029"):
            self.assertNotIn(bad, block[block.index(">") + 1:])
        json.loads(block[block.index(">") + 1:])

    def test_payload_text_is_shown_escaped(self):
        self.assertIn("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;", self.text)
        self.assertIn("(shortened)", self.text)  # the 10 MB caption
        self.assertLess(len(self.text), 2 << 20)

    @unittest.skipUnless(CHROMIUM, "chromium is installed by scripts/setup.sh --tests")
    def test_chromium_runs_no_export_script_and_makes_no_request(self):
        profile = os.path.join(self.tmp, "profile")
        netlog = os.path.join(self.tmp, "netlog.json")
        shot = os.path.join(self.tmp, "report.png")
        flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter",
                 "--user-data-dir=" + profile, "--log-net-log=" + netlog, "--virtual-time-budget=3000"]
        dom = subprocess.run(flags + ["--dump-dom", "file://" + self.report], capture_output=True, text=True,
                             timeout=120).stdout
        self.assertIn("<title>mediascan report</title>", dom)   # no payload changed the title
        self.assertNotIn("pwned</title>", dom)
        self.assertNotIn('<nav id="filters" hidden', dom)        # the report's own script did run
        with open(netlog, encoding="utf-8", errors="replace") as f:
            log = f.read()
        self.assertNotIn("tracker.invalid", log)
        # Chromium's own services (time, updates) may still call Google; the report may not call anyone.
        own = ("google.com/", "googleapis.com/", "gvt1.com/")
        urls = [u for u in re.findall(r'"url":"(https?://[^"]+)"', log) if not any(h in u for h in own)]
        self.assertEqual(urls, [], "the report made a request")
        subprocess.run(flags + ["--window-size=1200,2000", "--screenshot=" + shot, "file://" + self.report],
                       capture_output=True, timeout=120)
        self.assertTrue(os.path.getsize(shot) > 10000)


if __name__ == "__main__":
    unittest.main()
