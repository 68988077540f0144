#!/usr/bin/env bash
# strip_bench.sh: how fast is location metadata stripped from photos?
#
# Compares `mediascan scan --clean` with exiftool, exiv2 and mat2 on a generated corpus of JPEGs
# that carry full EXIF (camera, serial, GPS latitude/longitude/altitude, an EXIF thumbnail) and
# XMP location (GPS, City/State/Country). Each tool is timed RUNS times (default 3) on a fresh
# copy of the corpus; the median wall time and peak RSS are reported, and after the last run the
# output is checked with exiftool: files still carrying a GPS latitude are counted (a tool that
# did not strip gets no credit).
#
# Prints the table in Markdown on stdout (progress goes to stderr) and writes it, with the
# machine description, tool versions and the command lines, to bench/RESULTS-strip.md.
#
# Usage: bench/strip_bench.sh [--count N] [--runs R] [--slow-limit S] [--keep] [--results FILE]
#   --count N     photos in the corpus (default 200; 60% are 12 MP, the rest 2 MP)
#   --runs R      timed runs per tool, the median is reported (default 3)
#   --slow-limit S  a tool whose first run takes longer than S seconds is run only once
#                 (default 30; mat2 needs about a minute for 200 photos); 0: no limit
#   --keep        keep the temporary folder with the corpus and outputs
#   --results F   where to write the Markdown results (default bench/RESULTS-strip.md)
#
# Environment: MEDIASCAN (program to test, default build/mediascan), STRIP_BENCH_CACHE (where the
# opencv-doc sample photos are cached, default /tmp/mediascan-bench-cache).
#
# Needs Debian 12 packages libimage-exiftool-perl, exiv2, mat2, python3-pil, zip, unzip, time;
# installs the missing ones with apt-get (through sudo when not root). The source photos are the
# JPEG samples of Debian's opencv-doc package, fetched with `apt-get download` and unpacked with
# `dpkg -x` into the cache (the package is not installed). hyperfine is not needed: GNU time
# gives both the wall time and the peak RSS, and the fresh copy before each run is made here.
set -euo pipefail

COUNT=200
RUNS=3
SLOW_LIMIT=30
KEEP=0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=$ROOT/bench/RESULTS-strip.md
MEDIASCAN=${MEDIASCAN:-$ROOT/build/mediascan}
CACHE=${STRIP_BENCH_CACHE:-/tmp/mediascan-bench-cache}
PY=/usr/bin/python3          # Debian's python, the one python3-pil belongs to
. "$ROOT/bench/lib.sh"       # median, CPU accounting, GPS_DEL_EXIV2, gps_left, machine_md

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "strip_bench: $*" >&2; exit 1; }
log() { echo "[strip_bench] $*" >&2; }

while [ $# -gt 0 ]; do
    case $1 in
        --count) [ $# -ge 2 ] || die "--count needs a number"; COUNT=$2; shift 2 ;;
        --count=*) COUNT=${1#*=}; shift ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --slow-limit) [ $# -ge 2 ] || die "--slow-limit needs seconds"; SLOW_LIMIT=$2; shift 2 ;;
        --slow-limit=*) SLOW_LIMIT=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        --results) [ $# -ge 2 ] || die "--results needs a file"; RESULTS=$2; shift 2 ;;
        --results=*) RESULTS=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ $COUNT =~ ^[0-9]+$ ]] && [ "$COUNT" -ge 2 ] || die "--count must be a number >= 2"
[[ $RUNS =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 1 ] || die "--runs must be a number >= 1"
[[ $SLOW_LIMIT =~ ^[0-9]+$ ]] || die "--slow-limit must be a whole number of seconds"
case $RESULTS in /*) ;; *) RESULTS=$PWD/$RESULTS ;; esac

# ---------------------------------------------------------------------------------------------
# 1. Dependencies
# ---------------------------------------------------------------------------------------------
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo)
fi

missing=()
command -v exiftool >/dev/null || missing+=(libimage-exiftool-perl)
command -v exiv2 >/dev/null || missing+=(exiv2)
command -v mat2 >/dev/null || missing+=(mat2)
command -v zip >/dev/null || missing+=(zip)
command -v unzip >/dev/null || missing+=(unzip)
[ -x /usr/bin/time ] || missing+=(time)
{ [ -x "$PY" ] && "$PY" -c 'import PIL' 2>/dev/null; } || missing+=(python3-pil)
command -v apt-get >/dev/null || { [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]} and no apt-get"; }
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
        "${SUDO[@]}" apt-get update -q >&2
        "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    fi
fi

if [ ! -x "$MEDIASCAN" ]; then
    if [ -f "$ROOT/build/build.ninja" ] && command -v ninja >/dev/null; then
        log "building mediascan"
        ninja -C "$ROOT/build" >&2
    fi
    [ -x "$MEDIASCAN" ] || die "$MEDIASCAN not found: run scripts/setup.sh first"
fi

# ---------------------------------------------------------------------------------------------
# 2. Source photos (opencv-doc samples, cached) and the corpus
# ---------------------------------------------------------------------------------------------
SRC=$CACHE/opencv-jpg
if ! ls "$SRC"/*.jpg >/dev/null 2>&1; then
    log "fetching opencv-doc's sample photos into $SRC"
    mkdir -p "$CACHE"
    dl=$(mktemp -d "$CACHE/dl.XXXXXX")
    chmod 755 "$dl"
    # apt-get download fetches into the current folder; as root it warns that _apt cannot write
    # there, which is harmless.
    (cd "$dl" && apt-get download -q opencv-doc >&2 2>"$dl/apt.log") || {
        cat "$dl/apt.log" >&2
        if "${SUDO[@]}" apt-get update -q >&2; then
            (cd "$dl" && apt-get download -q opencv-doc >&2) || die "apt-get download opencv-doc failed"
        else
            die "apt-get download opencv-doc failed"
        fi
    }
    dpkg -x "$dl"/opencv-doc_*.deb "$dl/x"
    mkdir -p "$SRC.tmp"
    cp "$dl"/x/usr/share/doc/opencv-doc/examples/data/*.jpg "$SRC.tmp/"
    rm -rf "$dl" "$SRC"
    mv "$SRC.tmp" "$SRC"
fi

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strip-bench.XXXXXX")
cleanup() {
    if [ "$KEEP" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Time a snapshot of the program, so that a rebuild while the benchmark runs changes nothing.
mkdir -p "$WORK/bin"
cp "$MEDIASCAN" "$WORK/bin/mediascan"
MS=$WORK/bin/mediascan
MS_SHA=$(sha256sum "$MS" | cut -c1-12)
MS_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
MS_DIRTY=$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ", with uncommitted changes" || true)

CORPUS=$WORK/corpus            # the folder: $CORPUS/Photos/*.jpg
ZIP=$WORK/corpus.zip           # the same files, stored (not compressed), as photo exports are
mkdir -p "$CORPUS/Photos" "$WORK/thumbs"

cat >"$WORK/gen.py" <<'PYEOF'
# Generate COUNT JPEGs from the opencv-doc samples: every file is a different crop, scale, flip,
# colour balance and sensor-noise pattern, 60% at 4000x3000 and the rest at 1600x1200, with full
# EXIF (IFD0, Exif IFD with body serial, GPS IFD) written by PIL. Writes an exiftool argument
# file that adds an EXIF thumbnail and XMP location to each (run once, by the caller).
import glob, os, random, sys
from multiprocessing import Pool
from PIL import Image, ImageChops, ImageEnhance, ImageOps, TiffImagePlugin

R = TiffImagePlugin.IFDRational
src_dir, out_dir, thumb_dir, argfile, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
SKIP = {"LinuxLogo.jpg", "WindowsLogo.jpg", "HappyFish.jpg", "blox.jpg", "ellipses.jpg"}  # logos, tiny, drawings
sources = sorted(f for f in glob.glob(os.path.join(src_dir, "*.jpg")) if os.path.basename(f) not in SKIP)
if not sources:
    sys.exit("no source photos in " + src_dir)
PLACES = [("Paris", "Ile-de-France", "France", 48.8584, 2.2945, 35),
          ("Berlin", "Berlin", "Germany", 52.5163, 13.3777, 34),
          ("New York", "NY", "USA", 40.7580, -73.9855, 10),
          ("Sydney", "NSW", "Australia", -33.8568, 151.2153, 5),
          ("Rio de Janeiro", "RJ", "Brazil", -22.9519, -43.2105, 700),
          ("Cape Town", "Western Cape", "South Africa", -33.9628, 18.4098, 1085),
          ("Tokyo", "Tokyo", "Japan", 35.6586, 139.7454, 40),
          ("Reykjavik", "Capital Region", "Iceland", 64.1417, -21.9266, 75)]
CAMERAS = [("Apple", "iPhone 13", "iOS 16.5"), ("samsung", "SM-G991B", "G991BXXU5CWA1"),
           ("Google", "Pixel 7", "HDR+ 1.0.525"), ("Canon", "Canon EOS 90D", "Firmware Version 1.1.1"),
           ("NIKON CORPORATION", "NIKON Z 6_2", "Ver.01.40"), ("SONY", "ILCE-7M3", "ILCE-7M3 v4.01")]
n_big = round(count * 0.6)
big = [True] * n_big + [False] * (count - n_big)
random.Random(20240601).shuffle(big)

_noise = {}
def noise(size):
    # one colour sensor-noise field per size and worker, shifted differently for every photo
    if size not in _noise:
        _noise[size] = Image.merge("RGB", [Image.effect_noise(size, 9) for _ in range(3)])
    return _noise[size]

def dms(v):
    v = abs(v); d = int(v); m = int((v - d) * 60); s = (v - d - m / 60) * 3600
    return (R(d, 1), R(m, 1), R(int(round(s * 1000)), 1000))

def make(i):
    rng = random.Random(1000 + i)
    W, H = (4000, 3000) if big[i] else (1600, 1200)
    im = Image.open(sources[(i * 7) % len(sources)]).convert("RGB")
    sw, sh = im.size
    f = rng.uniform(0.6, 1.0)                      # a 4:3 crop of 60-100% of the source
    cw = min(sw, sh * 4 / 3) * f; ch = cw * 3 / 4
    x0 = rng.uniform(0, sw - cw); y0 = rng.uniform(0, sh - ch)
    im = im.resize((W, H), Image.BICUBIC, box=(x0, y0, x0 + cw, y0 + ch))
    if rng.random() < 0.5: im = ImageOps.mirror(im)
    if rng.random() < 0.15: im = ImageOps.flip(im)
    gains = [rng.uniform(0.85, 1.15) for _ in range(3)]
    im = Image.merge("RGB", [c.point(lambda v, g=g: min(255, int(v * g))) for c, g in zip(im.split(), gains)])
    im = ImageEnhance.Brightness(im).enhance(rng.uniform(0.85, 1.15))
    im = ImageChops.add(im, ImageChops.offset(noise((W, H)), rng.randrange(W), rng.randrange(H)), 1.0, -128)

    make_, model, software = CAMERAS[i % len(CAMERAS)]
    city, state, country, lat, lon, alt = PLACES[rng.randrange(len(PLACES))]
    lat += rng.uniform(-0.02, 0.02); lon += rng.uniform(-0.02, 0.02); alt = max(0.0, alt + rng.uniform(-5, 5))
    day = 1 + i % 28; hh = 8 + i % 12; mm = i % 60
    stamp = f"2023:06:{day:02d} {hh:02d}:{mm:02d}:{(i * 7) % 60:02d}"
    serial = f"{rng.randrange(10**9, 10**10)}"
    ex = Image.Exif()
    ex[0x010F] = make_; ex[0x0110] = model; ex[0x0131] = software; ex[0x0132] = stamp; ex[0x0112] = 1
    ex[0x011A] = R(72, 1); ex[0x011B] = R(72, 1); ex[0x0128] = 2; ex[0x013B] = "Jane Doe"
    e = {0x9000: b"0232", 0x9003: stamp, 0x9004: stamp, 0x9010: "+02:00",
         0x829A: R(1, rng.choice([60, 125, 250, 500, 1000])), 0x829D: R(rng.choice([18, 28, 40, 56]), 10),
         0x8827: rng.choice([50, 100, 200, 400, 800]), 0x920A: R(rng.choice([26, 50, 85, 240]), 10),
         0xA001: 1, 0xA002: W, 0xA003: H, 0xA420: f"{rng.getrandbits(128):032x}",
         0xA430: "Jane Doe", 0xA431: serial, 0xA433: make_, 0xA434: f"{model} lens 4.2mm f/1.8"}
    g = {0: b"\x02\x03\x00\x00", 1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W",
         4: dms(lon), 5: b"\x00", 6: R(int(alt * 100), 100), 7: (R(hh, 1), R(mm, 1), R(0, 1)),
         16: "T", 17: R(rng.randrange(0, 36000), 100), 18: "WGS-84", 29: stamp[:10]}
    ex[0x8769] = e; ex[0x8825] = g
    name = f"IMG_{20230600 + day}_{hh:02d}{mm:02d}{i % 100:02d}_{i:05d}.jpg"
    path = os.path.join(out_dir, name)
    im.save(path, "JPEG", quality=rng.choice([88, 90, 92, 95]), subsampling=2, exif=ex.tobytes())
    thumb = os.path.join(thumb_dir, name)
    im.resize((160, 120), Image.BILINEAR).save(thumb, "JPEG", quality=80)
    return [f"-XMP-exif:GPSLatitude={abs(lat):.6f} {'N' if lat >= 0 else 'S'}",
            f"-XMP-exif:GPSLongitude={abs(lon):.6f} {'E' if lon >= 0 else 'W'}",
            f"-XMP-exif:GPSAltitude={alt:.1f}", "-XMP-exif:GPSAltitudeRef=Above Sea Level",
            f"-XMP:City={city}", f"-XMP:State={state}", f"-XMP:Country={country}",
            f"-XMP-iptcCore:Location={city} centre", f"-XMP-aux:SerialNumber={serial}",
            f"-ThumbnailImage<={thumb}", path]

if __name__ == "__main__":
    with Pool(os.cpu_count()) as p:
        blocks = p.map(make, range(count), chunksize=1)
    with open(argfile, "w") as f:
        f.write("\n-execute\n".join("\n".join(b) for b in blocks) + "\n")
    print(f"{sum(big)} {count - sum(big)}")
PYEOF

log "generating $COUNT photos in $CORPUS"
t0=$(date +%s.%N)
"$PY" "$WORK/gen.py" "$SRC" "$CORPUS/Photos" "$WORK/thumbs" "$WORK/xmp.args" "$COUNT" >"$WORK/gen.out"
read -r N_BIG N_SMALL <"$WORK/gen.out"
# One exiftool process adds the EXIF thumbnail and the XMP location to every file.
exiftool -@ "$WORK/xmp.args" -common_args -q -q -overwrite_original
rm -rf "$WORK/thumbs"
(cd "$CORPUS" && zip -0 -q -X -r "$ZIP" Photos)
t1=$(date +%s.%N)
CORPUS_MB=$(du -sm "$CORPUS" | cut -f1)
ZIP_MB=$(du -m "$ZIP" | cut -f1)
GEN_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b - a}')
log "corpus: $N_BIG x 12 MP + $N_SMALL x 2 MP, $CORPUS_MB MB, zip $ZIP_MB MB ($GEN_S s to make)"

# Sanity check of the corpus itself: every file must carry EXIF and XMP GPS, a thumbnail, a serial.
read -r c_total c_gps c_xmp c_thumb c_serial < <(exiftool -q -q -n -T -f -r -ext jpg \
    -gps:GPSLatitude -xmp:GPSLatitude -ifd1:ThumbnailLength -exififd:SerialNumber "$CORPUS" |
    awk -F'\t' '{n++; if($1!="-")g++; if($2!="-")x++; if($3!="-")t++; if($4!="-")s++}
                END{print n+0, g+0, x+0, t+0, s+0}')
[ "$c_total" = "$COUNT" ] && [ "$c_gps" = "$COUNT" ] && [ "$c_xmp" = "$COUNT" ] &&
    [ "$c_thumb" = "$COUNT" ] && [ "$c_serial" = "$COUNT" ] ||
    die "corpus incomplete: files $c_total, EXIF GPS $c_gps, XMP GPS $c_xmp, thumbnails $c_thumb, serials $c_serial"

# ---------------------------------------------------------------------------------------------
# 3. Timing
# ---------------------------------------------------------------------------------------------
mapfile -t FILES < <(cd "$CORPUS/Photos" && ls -1 -- *.jpg)
HALF=$(( ${#FILES[@]} / 2 ))
MAT2_FLAGS=(--lightweight)
MAT2_OUT=dir
# Without --inplace (older mat2), mat2 writes NAME.cleaned.jpg beside each file: only those count.
if mat2 --help 2>&1 | grep -q -- '--inplace'; then MAT2_FLAGS+=(--inplace); else MAT2_OUT=cleaned; fi

RUN_DIR=$WORK/run                       # fresh copy of the folder for each run of a folder tool
OUT_ZIP=$WORK/out.zip                   # mediascan's cleaned export
OUT_DIR=$WORK/out                       # mediascan's cleaned export, unpacked for the check

# CPU used by other processes (lib.sh's cpu_busy, own_ticks), summed over the timed runs only
# (the copies between runs make the kernel busy writing back).
OTHER_TICKS=0
TIMED_S=0
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)

fresh_copy() { rm -rf "$RUN_DIR" "$OUT_ZIP" "$OUT_DIR"; cp -r "$CORPUS" "$RUN_DIR"; sync; }
fresh_zip() { rm -rf "$RUN_DIR" "$OUT_ZIP" "$OUT_DIR"; sync; }

# Commands, as shown in the results. D stands for the folder (a fresh copy each run).
ROW_RUNS=() ROW_NAME=() ROW_SHOW=() ROW_WALL=() ROW_RSS=() ROW_GPS=() ROW_CITY=() ROW_FILES=() ROW_NOTE=() ROW_OK=()
CMDS_MD=()

# check DIR: prints "files gps_left city_left" (lib.sh's gps_left).
check() { gps_left "$1"; }

# bench NAME PREPARE OUTPUT SHOW -- CMD...   (CMD may use the RUN_DIR/OUT_ZIP paths)
# RSS_PARTS: when set, the command writes each process's peak RSS (KiB) into files
# $WORK/rss.* and the row's peak RSS is their sum (processes that run at the same time).
bench() {
    local name=$1 prepare=$2 output=$3 show=$4; shift 5
    local walls=() rsss=() r ok=1 tf=$WORK/time.out
    log "timing: $name"
    for ((r = 1; r <= RUNS; r++)); do
        $prepare
        rm -f "$WORK"/rss.*
        local b0 o0 t0 b1 o1 t1
        b0=$(cpu_busy); o0=$(own_ticks); t0=$(date +%s.%N)
        if ! /usr/bin/time -f "%e %M" -o "$tf" "$@" >"$WORK/cmd.log" 2>&1; then
            ok=0; log "  run $r of '$name' failed:"; tail -5 "$WORK/cmd.log" >&2
        fi
        b1=$(cpu_busy); o1=$(own_ticks); t1=$(date +%s.%N)
        OTHER_TICKS=$(( OTHER_TICKS + (b1 - b0) - (o1 - o0) ))
        TIMED_S=$(awk -v s="$TIMED_S" -v a="$t0" -v b="$t1" 'BEGIN{print s + b - a}')
        local other
        other=$(awk -v o=$(( (b1 - b0) - (o1 - o0) )) -v a="$t0" -v b="$t1" -v hz="$HZ" -v n="$NCPU" \
            'BEGIN{ p = 0; if (b > a) p = 100 * o / ((b - a) * hz * n); printf "%.0f", p < 0 ? 0 : p }')
        local w m
        read -r w m < <(tail -1 "$tf")
        if [ -n "${RSS_PARTS:-}" ]; then
            m=$(cat "$WORK"/rss.* 2>/dev/null | awk '{s+=$NF} END{print s+0}')
        fi
        walls+=("$w"); rsss+=("$m")
        log "  run $r: ${w} s, $((m / 1024)) MiB; other processes' CPU share: ${other}%"
        if [ "$r" = 1 ] && [ "$RUNS" -gt 1 ] && [ "$SLOW_LIMIT" -gt 0 ] &&
            awk -v w="$w" -v l="$SLOW_LIMIT" 'BEGIN{exit !(w > l)}'; then
            log "  slower than --slow-limit $SLOW_LIMIT s: one run only"
            break
        fi
    done
    local files gps city
    if [ "$output" = zip ]; then
        mkdir -p "$OUT_DIR"
        if [ -f "$OUT_ZIP" ]; then (cd "$OUT_DIR" && unzip -q "$OUT_ZIP"); fi
        read -r files gps city < <(check "$OUT_DIR")
    elif [ "$output" = cleaned ]; then
        find "$RUN_DIR" -type f ! -name '*.cleaned.*' -delete
        read -r files gps city < <(check "$RUN_DIR")
    else
        read -r files gps city < <(check "$RUN_DIR")
    fi
    local i=${#ROW_NAME[@]}
    ROW_NAME[i]=$name
    ROW_RUNS[i]=${#walls[@]}
    ROW_SHOW[i]=$show
    ROW_WALL[i]=$(printf '%s\n' "${walls[@]}" | median)
    ROW_RSS[i]=$(printf '%s\n' "${rsss[@]}" | median)
    ROW_FILES[i]=$files
    ROW_GPS[i]=$gps
    ROW_CITY[i]=$city
    ROW_OK[i]=$ok
    ROW_NOTE[i]=""
    [ "$ok" = 1 ] || ROW_NOTE[i]="exit status not 0"
    [ "$files" = "$COUNT" ] || ROW_NOTE[i]="${ROW_NOTE[i]:+${ROW_NOTE[i]}; }$files of $COUNT JPEGs in the output"
    CMDS_MD+=("$show")
    rm -rf "$RUN_DIR" "$OUT_ZIP" "$OUT_DIR"
    log "  median ${ROW_WALL[i]} s; output: $files JPEGs, $gps with GPS, $city with XMP City"
}

exiftool_halves() {
    /usr/bin/time -f "%M" -o "$WORK/rss.1" exiftool -q -overwrite_original -gps:all= -xmp:geotag= \
        "${FILES[@]:0:HALF}" &
    /usr/bin/time -f "%M" -o "$WORK/rss.2" exiftool -q -overwrite_original -gps:all= -xmp:geotag= \
        "${FILES[@]:HALF}" &
    wait
}

bench "mediascan (zip → zip)" fresh_zip zip \
    "mediascan scan corpus.zip --checks location --clean out.zip --no-progress --quiet" -- \
    "$MS" scan "$ZIP" --checks location --clean "$OUT_ZIP" --no-progress --quiet
bench "mediascan --jobs 1 (zip → zip)" fresh_zip zip \
    "mediascan scan corpus.zip --checks location --clean out.zip --no-progress --quiet --jobs 1" -- \
    "$MS" scan "$ZIP" --checks location --clean "$OUT_ZIP" --no-progress --quiet --jobs 1
bench "exiftool, 1 process (folder, in place)" fresh_copy dir \
    "exiftool -q -overwrite_original -gps:all= -xmp:geotag= D/Photos" -- \
    exiftool -q -overwrite_original -gps:all= -xmp:geotag= "$RUN_DIR/Photos"
RSS_PARTS=1 bench "exiftool, 2 processes (half each)" fresh_copy dir \
    "exiftool -q -overwrite_original -gps:all= -xmp:geotag= <first half of D/Photos/*.jpg> & (the same on the second half) & wait" -- \
    bash -c "cd '$RUN_DIR/Photos' && $(declare -p FILES HALF WORK); $(declare -f exiftool_halves); exiftool_halves"
bench "exiv2 (folder, in place)" fresh_copy dir \
    "exiv2 -q -k -M'del Exif.GPSInfo.<tag>' … (all 32 GPS IFD tags) -M'del Xmp.exif.<tag>' … (24 XMP GPS tags) D/Photos/*.jpg" -- \
    bash -c "cd '$RUN_DIR/Photos' && exec exiv2 -q -k \"\$@\" -- *.jpg" exiv2 "${GPS_DEL_EXIV2[@]}"
bench "mat2 ${MAT2_FLAGS[*]} (folder)" fresh_copy "$MAT2_OUT" \
    "mat2 ${MAT2_FLAGS[*]} D/Photos" -- \
    mat2 "${MAT2_FLAGS[@]}" "$RUN_DIR/Photos"

# ---------------------------------------------------------------------------------------------
# 4. Results
# ---------------------------------------------------------------------------------------------
EXIF1=2   # row index of "exiftool, 1 process"
table() {
    echo "| tool | runs | wall s (median) | images/s | peak RSS MiB | files with GPS after | files with XMP City after | speed-up vs exiftool (1 process) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    local i base=${ROW_WALL[EXIF1]}
    for i in "${!ROW_NAME[@]}"; do
        local w=${ROW_WALL[i]} ips speed gps=${ROW_GPS[i]} note=${ROW_NOTE[i]}
        ips=$(awk -v n="$COUNT" -v w="$w" 'BEGIN{ if (w > 0) printf "%.1f", n / w; else print "-" }')
        speed=$(awk -v b="$base" -v w="$w" 'BEGIN{ if (w > 0) printf "%.2f×", b / w; else print "-" }')
        if [ "$gps" != 0 ] || [ "${ROW_OK[i]}" != 1 ] || [ "${ROW_FILES[i]}" != "$COUNT" ]; then
            # did not (fully) strip: no credit
            ips="($ips)"; speed="no credit"
        fi
        printf '| %s | %s | %.2f | %s | %.0f | %s of %s | %s | %s |\n' \
            "${ROW_NAME[i]}${note:+ (**$note**)}" "${ROW_RUNS[i]}" "$w" "$ips" "$(awk -v k="${ROW_RSS[i]}" 'BEGIN{print k/1024}')" \
            "$gps" "$COUNT" "${ROW_CITY[i]}" "$speed"
    done
}
TABLE=$(table)
echo "$TABLE"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
OTHER_PCT=$(awk -v o="$OTHER_TICKS" -v t="$TIMED_S" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" \
    'BEGIN{ if (o < 0) o = 0; p = 0; if (t > 0) p = 100 * o / (t * hz * n); printf "%.0f", p }')
WARN=()
if [ "$OTHER_PCT" -ge 10 ]; then
    WARN+=("Other processes used $OTHER_PCT% of the machine's CPU time while the tools were timed: the figures are noisy; run again on a quiet machine.")
fi
for w in "${WARN[@]}"; do log "warning: $w"; done

v_ms=$("$MS" --version 2>&1 | sed -n 1p)
v_et=$(exiftool -ver)
v_ex=$(exiv2 --version 2>&1 | sed -n 1p)
v_mat=$(mat2 --version 2>&1 | sed -n 1p)
v_pil=$("$PY" -c 'import PIL; print(PIL.__version__)')

mkdir -p "$(dirname "$RESULTS")"
{
    echo "# Stripping location from photos: mediascan vs exiftool, exiv2, mat2"
    echo
    echo "Written by \`bench/strip_bench.sh --count $COUNT --runs $RUNS --slow-limit $SLOW_LIMIT\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "## Machine"
    echo
    machine_md
    echo "- Load average (1, 5, 15 min): $LOAD_START at the start, $LOAD_END at the end; other"
    echo "  processes used $OTHER_PCT% of the CPU time while the tools were timed"
    echo
    echo "## Tools"
    echo
    echo "- $v_ms, \`$MEDIASCAN\` (commit $MS_COMMIT$MS_DIRTY; sha256 $MS_SHA…, timed as a copy)"
    echo "- exiftool $v_et"
    echo "- $v_ex"
    echo "- $v_mat"
    echo "- Pillow $v_pil (corpus generation only)"
    echo
    echo "## Corpus"
    echo
    echo "$COUNT JPEGs ($N_BIG at 4000x3000, $N_SMALL at 1600x1200; $CORPUS_MB MB as a folder, a $ZIP_MB MB"
    echo "stored zip), each a different crop, scale, flip, colour balance and noise pattern of the"
    echo "photos in Debian's opencv-doc package, with EXIF (make, model, body serial, owner, dates),"
    echo "a GPS IFD (latitude, longitude, altitude, direction, date), an EXIF thumbnail, and XMP"
    echo "location (GPS latitude/longitude/altitude, City, State, Country, Location)."
    echo
    echo "## Commands"
    echo
    echo "Each command ran up to $RUNS times, each time on a fresh copy of the corpus (the copy is not timed); the"
    echo "table gives the median. A tool whose first run took longer than $SLOW_LIMIT s ran only once"
    echo "(\`--slow-limit\`; see the runs column). D is the folder, which holds"
    echo "\`Photos/*.jpg\`; mediascan reads the same files from a stored zip of D."
    echo
    local_i=0
    for c in "${CMDS_MD[@]}"; do
        echo "- ${ROW_NAME[local_i]}: \`$c\`"
        local_i=$((local_i + 1))
    done
    echo
    echo "Wall time and peak RSS are from GNU \`/usr/bin/time -f \"%e %M\"\`. Peak RSS is that of the"
    echo "largest single process, except for \"exiftool, 2 processes\", where it is the sum of the two"
    echo "(they run at the same time); mat2 runs one Python worker per core, each starting an"
    echo "exiftool per file. After the last run the output was checked with"
    echo "\`exiftool -q -n -T -f -r -ext jpg -gps:GPSLatitude -xmp:GPSLatitude -xmp:City\`: \"files"
    echo "with GPS after\" counts files where either latitude is still there; a tool that leaves any"
    echo "gets no credit (images/s in brackets, no speed-up)."
    echo
    echo "## Results"
    echo
    for w in "${WARN[@]}"; do echo "**Warning:** $w"; echo; done
    echo "$TABLE"
    echo
    echo "Not like for like: mediascan reads the zip and writes a new cleaned zip (it never modifies"
    echo "its input) and removes location only (\`--strip location\`, the default); exiftool and exiv2"
    echo "rewrite the files in place and remove the GPS tags only; mat2 \`--lightweight\` removes all"
    echo "metadata (exiftool \`-all=\`, one exiftool process per file). The XMP City column shows which"
    echo "tools also remove the named place."
} >"$RESULTS"
log "wrote $RESULTS"
