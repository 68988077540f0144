#!/usr/bin/env bash
# full_bench.sh: the whole scan against the machine's floors and against what people use
# instead (issue 6). Prints Markdown tables, medians of RUNS runs, images per second.
#
# Usage: bench/full_bench.sh [--results FILE] [--keep] [STAGE...]
#   STAGE   floors strip full accuracy memory (default: all, in that order)
#     floors    reading the zip (bsdtar -xOf, cp), JPEG decode at full size and 1/2, 1/4, 1/8,
#               the face detector at mediascan's size (build/bench/vision_bench, one thread)
#     strip     mediascan --checks location --clean vs exiftool (1 and 2 processes), exiv2, mat2
#     full      mediascan --clean --report --json vs bench/python_baseline.py (full and
#               reduced decode) on the unpacked export
#     accuracy  recall, precision, F1 of "this photo shows a person" on the labelled corpus
#     memory    peak RSS and user+sys vs wall of a full scan of ~100 MB, ~1 GB (and, with
#               BENCH_BIG=1, BENCH_BIG_GB) exports, and of exports of BENCH_MANY small photos
#               (160 x 120, full EXIF and XMP, captions and places): memory against the number
#               of items rather than their size
#   --results FILE  also write the tables, the machine and the tool versions to FILE
#   --keep          keep the work folder (the corpus, every output) instead of deleting it
#
# Environment:
#   RUNS=3              timed runs per command, the median is reported (mat2 and memory: one)
#   COUNT=400           photos in the corpus (half show people; 60 % are 12 MP)
#   BENCH_BIG=1         the memory stage also scans a streamed big export of BENCH_BIG_GB (default 5)
#   BENCH_MANY="5000 50000"  the memory stage's exports of many small photos ("" for none)
#   BENCH_VIDEO_MB=400  the memory stage's Takeout of 4 phone videos of this many MB ("" for none)
#   BENCH_CORPUS_DIR    generate the corpus there and reuse it next time (default: in the work folder)
#   MEDIASCAN           the program under test (default build/mediascan; timed as a copy, with
#                       the mediascan-vision.so beside it)
#   TMPDIR              where the work folder goes (default /tmp)
#
# Needs Debian 12 packages libarchive-tools, libimage-exiftool-perl, exiv2, time, python3-pil,
# python3-opencv, opencv-data; mat2 is optional. The corpus comes from bench/make_corpus.py
# (photos of Debian's opencv-doc, fetched by scripts/fetch-test-images.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bench/lib.sh"
PY=/usr/bin/python3          # Debian's python: python3-pil and python3-opencv belong to it
RUNS=${RUNS:-3}
COUNT=${COUNT:-400}
BENCH_BIG=${BENCH_BIG:-0}
BENCH_BIG_GB=${BENCH_BIG_GB:-5}
BENCH_VIDEO_MB=${BENCH_VIDEO_MB-400}
BENCH_MANY=${BENCH_MANY-5000 50000}
MEDIASCAN=${MEDIASCAN:-$ROOT/build/mediascan}
ALL_STAGES=(floors strip full accuracy memory)
STAGES=()
RESULTS=""
KEEP=0

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "full_bench: $*" >&2; exit 1; }
log() { echo "[full_bench] $*" >&2; }

parse_args() {
    while [ $# -gt 0 ]; do
        case $1 in
            --results) [ $# -ge 2 ] || die "--results needs a file"; RESULTS=$2; shift 2 ;;
            --results=*) RESULTS=${1#*=}; shift ;;
            --keep) KEEP=1; shift ;;
            -h|--help) usage; exit 0 ;;
            floors|strip|full|accuracy|memory) STAGES+=("$1"); shift ;;
            *) usage >&2; die "unknown argument: $1" ;;
        esac
    done
    [ ${#STAGES[@]} -gt 0 ] || STAGES=("${ALL_STAGES[@]}")
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a number >= 1"
    [[ $COUNT =~ ^[0-9]+$ ]] && [ "$COUNT" -ge 10 ] || die "COUNT must be a number >= 10"
    [[ $BENCH_BIG_GB =~ ^[0-9]+([.][0-9]+)?$ ]] || die "BENCH_BIG_GB must be a number of GB"
    case $RESULTS in ""|/*) ;; *) RESULTS=$PWD/$RESULTS ;; esac
}

# ---------------------------------------------------------------------------------------------
# Prerequisites: fail early, naming the Debian package to install
# ---------------------------------------------------------------------------------------------
check_prerequisites() {
    local missing=()
    command -v bsdtar >/dev/null || missing+=(libarchive-tools)
    command -v exiftool >/dev/null || missing+=(libimage-exiftool-perl)
    command -v exiv2 >/dev/null || missing+=(exiv2)
    [ -x /usr/bin/time ] || missing+=(time)
    "$PY" -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
    "$PY" -c 'import cv2' 2>/dev/null || missing+=(python3-opencv)
    [ -f /usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml ] || missing+=(opencv-data)
    [ ${#missing[@]} -eq 0 ] || die "missing programs: apt-get install ${missing[*]}"
    command -v mat2 >/dev/null || log "mat2 not installed (apt-get install mat2): its strip row is skipped"
}

# wait_for FILE TARGET: the build output FILE, built with `cmake --build` when it is missing.
# Another build may be relinking it right now: wait a minute for it before building.
wait_for() {
    local file=$1 target=$2 i=0
    while [ ! -x "$file" ] && [ $i -lt 12 ]; do
        i=$((i + 1)); log "$file missing, waiting for a build in progress ($i/12)"; sleep 5
    done
    if [ ! -x "$file" ]; then
        [ -f "$ROOT/build/CMakeCache.txt" ] || die "$file not found and build/ not configured: run scripts/setup.sh"
        log "building $target"
        cmake --build "$ROOT/build" --target "$target" >&2 || die "cmake --build build --target $target failed"
    fi
}

# Time snapshots of the programs, so that a rebuild while the benchmark runs changes nothing.
# mediascan looks for models/ beside itself or one folder up: point the copy at the real one.
snapshot_programs() {
    mkdir -p "$WORK/bin"
    if [ "$MEDIASCAN" = "$ROOT/build/mediascan" ]; then wait_for "$MEDIASCAN" mediascan; fi
    [ -x "$MEDIASCAN" ] || die "$MEDIASCAN is not an executable"
    cp "$MEDIASCAN" "$WORK/bin/mediascan"
    local module
    module="$(dirname "$MEDIASCAN")/mediascan-vision.so"
    [ -f "$module" ] || die "$module is missing: mediascan loads it to decode pixels"
    cp "$module" "$WORK/bin/mediascan-vision.so"
    MS_ABOUT="$("$MEDIASCAN" --version 2>&1 | sed -n 1p), \`${MEDIASCAN#"$ROOT"/}\` built $(date -u -r "$MEDIASCAN" '+%H:%M UTC'),"
    MS_ABOUT+=" sha256 $(sha256sum "$MEDIASCAN" | cut -c1-12)… (mediascan-vision.so $(sha256sum "$module" | cut -c1-12)…); HEAD was $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if git -C "$ROOT" status --porcelain -- scanner 2>/dev/null | grep -q .; then MS_ABOUT+=" with uncommitted changes in scanner/"; fi
    if [ -d "$ROOT/models" ]; then ln -s "$ROOT/models" "$WORK/bin/models"; fi
    MS=$WORK/bin/mediascan
    if [[ " ${STAGES[*]} " == *" floors "* ]]; then
        local vb=$ROOT/build/bench/vision_bench
        # An older vision_bench would time an older face detector than the mediascan under test.
        if [ -x "$vb" ] && [ "$vb" -ot "$MEDIASCAN" ]; then
            log "build/bench/vision_bench is older than mediascan: rebuilding it"
            cmake --build "$ROOT/build" --target vision_bench >&2 || die "cmake --build build --target vision_bench failed"
        fi
        wait_for "$vb" vision_bench
        cp "$ROOT/build/bench/vision_bench" "$WORK/bin/vision_bench"
    fi
}

# ---------------------------------------------------------------------------------------------
# Corpus: the labelled Facebook export and split Takeout, unpacked once for the folder tools
# ---------------------------------------------------------------------------------------------
# ensure_corpus: generates the corpus unless CORPUS holds one of COUNT photos made by this
# version of make_corpus.py (its SHA-256 is stamped beside the corpus).
ensure_corpus() {
    local stamp=$CORPUS/generator.sha256 want
    want=$(sha256sum "$ROOT/bench/make_corpus.py" | cut -c1-64)-$COUNT
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        log "reusing the corpus in $CORPUS"
        return
    fi
    if [ -d "$CORPUS" ] && [ -n "$(ls -A "$CORPUS")" ] && [ ! -f "$CORPUS/labels.json" ]; then
        die "$CORPUS is not empty and holds no corpus (labels.json): give an empty or new folder"
    fi
    log "generating the corpus ($COUNT photos) in $CORPUS"
    rm -rf "$CORPUS"
    "$PY" "$ROOT/bench/make_corpus.py" export "$CORPUS" --count "$COUNT" || die "make_corpus.py failed"
    echo "$want" >"$stamp"
}

# prepare_corpus: the corpus, its sizes (N12, N2) and the Facebook export unpacked once for the
# tools that work on a folder (JPEGS: its photos, relative to UNPACKED).
prepare_corpus() {
    CORPUS=${BENCH_CORPUS_DIR:-$WORK/corpus}
    FB_ZIP=$CORPUS/facebook-jdoe.zip
    LABELS=$CORPUS/labels.json
    TAKEOUT=("$CORPUS"/takeout-20240501T101010Z-00{1,2}.zip)
    ensure_corpus
    FB_MB=$(du -m "$FB_ZIP" | cut -f1)
    read -r N12 N2 < <("$PY" -c '
import json, sys
p = json.load(open(sys.argv[1]))["photos"]
big = sum(1 for r in p if r["size"] in ("4000x3000", "3000x4000"))
print(big, len(p) - big)' "$LABELS")
    UNPACKED=$WORK/unpacked
    mkdir -p "$UNPACKED"
    bsdtar -xf "$FB_ZIP" -C "$UNPACKED"
    mapfile -t JPEGS < <(cd "$UNPACKED" && find . -name '*.jpg' | sed 's|^\./||' | sort)
    [ ${#JPEGS[@]} = "$COUNT" ] || die "the Facebook export holds ${#JPEGS[@]} JPEGs, not $COUNT"
}

# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------
OTHER_TICKS_ALL=0
TIMED_S_ALL=0

# time_fields FILE: "wall_s user+sys_s maxrss_kib" from GNU time -v's report.
time_fields() {
    awk '/User time/{u=$NF} /System time/{s=$NF} /Maximum resident/{m=$NF}
         /Elapsed \(wall clock\)/{ n = split($NF, a, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + a[i] }
         END{ printf "%.2f %.2f %d\n", w, u + s, m }' "$1"
}

# measure NAME -- CMD...: runs CMD RUNS times (MEASURE_RUNS overrides) under /usr/bin/time -v,
# calling the function named by PREPARE (untimed) before each run. Sets the medians M_WALL (s),
# M_CPU (user+sys s), M_RSS (KiB, the largest process), plus M_RUNS, M_FAIL (failed runs) and
# M_OTHER (% of the machine's CPU that other processes used while CMD ran).
measure() {
    local name=$1; shift; [ "$1" = -- ] && shift
    local runs=${MEASURE_RUNS:-$RUNS} r
    log "timing: $name"
    for ((r = 1; r <= runs; r++)); do time_run "$name" "$r" -- "$@"; done
    summarise "$name"
}

# Runs of each command so far, by NAME: space-separated walls, CPU times and peak RSS, failed
# runs, other processes' CPU ticks and the seconds timed.
declare -A T_WALLS T_CPUS T_RSSS T_FAIL T_OTHER T_SECS

# time_run NAME R -- CMD...: run R of CMD (PREPARE first, untimed), added to NAME's runs.
time_run() {
    local name=$1 r=$2; shift 2; [ "$1" = -- ] && shift
    local b0 o0 t0 b1 o1 t1 w c m
    ${PREPARE:-true}
    b0=$(cpu_busy); o0=$(own_ticks); t0=$(date +%s.%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/cmd.log" 2>&1; then
        T_FAIL[$name]=$(( ${T_FAIL[$name]:-0} + 1 )); log "  $name, run $r failed:"; tail -5 "$WORK/cmd.log" >&2
    fi
    b1=$(cpu_busy); o1=$(own_ticks); t1=$(date +%s.%N)
    T_OTHER[$name]=$(( ${T_OTHER[$name]:-0} + (b1 - b0) - (o1 - o0) ))
    T_SECS[$name]=$(awk -v s="${T_SECS[$name]:-0}" -v a="$t0" -v b="$t1" 'BEGIN{print s + b - a}')
    read -r w c m < <(time_fields "$WORK/time.txt")
    T_WALLS[$name]+=" $w"; T_CPUS[$name]+=" $c"; T_RSSS[$name]+=" $m"
    log "  $name, run $r: $w s wall, $c s user+sys, $((m / 1024)) MiB"
}

# summarise NAME: sets the M_* of measure() from NAME's runs so far.
summarise() {
    local name=$1
    M_WALL=$(printf '%s\n' ${T_WALLS[$name]} | median)
    M_CPU=$(printf '%s\n' ${T_CPUS[$name]} | median)
    M_RSS=$(printf '%s\n' ${T_RSSS[$name]} | median)
    M_RUNS=$(printf '%s\n' ${T_WALLS[$name]} | wc -l)
    M_FAIL=${T_FAIL[$name]:-0}
    M_OTHER=$(other_share "${T_OTHER[$name]:-0}" "${T_SECS[$name]:-0}")
    OTHER_TICKS_ALL=$((OTHER_TICKS_ALL + ${T_OTHER[$name]:-0}))
    TIMED_S_ALL=$(awk -v s="$TIMED_S_ALL" -v t="${T_SECS[$name]:-0}" 'BEGIN{print s + t}')
    unset "T_WALLS[$name]" "T_CPUS[$name]" "T_RSSS[$name]" "T_FAIL[$name]" "T_OTHER[$name]" "T_SECS[$name]"
    log "  $name: median $M_WALL s; other processes used $M_OTHER% of the CPU"
}

# Arithmetic helpers (bash has integers only).
calc() { awk "BEGIN{ printf \"$1\", $2 }"; }
ips() { calc "%.1f" "$COUNT / $1"; }              # images per second for a wall time
mib() { calc "%.0f" "$1 / 1024"; }

# ---------------------------------------------------------------------------------------------
# Stage: floors
# ---------------------------------------------------------------------------------------------
# vision_sample DIR N: copies N 12 MP and N 2 MP photos of the corpus (people and not, in turn).
vision_sample() {
    mkdir -p "$1"
    "$PY" - "$LABELS" "$UNPACKED" "$1" "$2" <<'PY'
import json, os, shutil, sys
labels, src, dst, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
photos = json.load(open(labels))["photos"]
for big in (True, False):
    pool = [p for p in photos if (p["size"] in ("4000x3000", "3000x4000")) == big]
    pick = [p for p in pool if p["has_person"]][: (n + 1) // 2] + [p for p in pool if not p["has_person"]][: n // 2]
    for p in pick:
        shutil.copy(os.path.join(src, p["facebook"]), os.path.join(dst, os.path.basename(p["facebook"])))
PY
}

# vision_medians DIR RUNS: runs vision_bench RUNS times; prints "size<TAB>step<TAB>median ms".
vision_medians() {
    local r
    for ((r = 1; r <= $2; r++)); do
        log "vision_bench run $r of $2"
        "$WORK/bin/vision_bench" "$1" | awk -F'|' 'NR > 2 && NF >= 4 {
            gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); split($4, v, " ")
            sub(/^[0-9]+ x /, "", $2); print $2 "\t" $3 "\t" v[1] }'
    done | sort -t$'\t' -k1,1 -k2,2 -k3,3g | awk -F'\t' '
        # rows arrive grouped by (size, step) and sorted by time: print the median of each group
        function flush() { if (n) print key "\t" (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) }
        $1 "\t" $2 != key { flush(); key = $1 "\t" $2; n = 0 }
        { a[++n] = $3 }
        END { flush() }'
}

# vt_ms FILE SIZE STEP: the median ms of STEP ("decode 1/2", …) for SIZE ("12 MP", "2 MP").
vt_ms() { awk -F'\t' -v z="$2" -v s="$3" '$1 == z && $2 == s {print $3}' "$1"; }

# vt_steps FILE: the steps vision_bench timed: decodes from full to 1/8, then the rest by size.
vt_steps() {
    local d
    for d in "decode full" "decode 1/2" "decode 1/4" "decode 1/8"; do
        if cut -f2 "$1" | grep -qxF "$d"; then echo "$d"; fi
    done
    cut -f2 "$1" | grep -v '^decode ' | sort -u | awk '{ n = $0; sub(/ px$/, "", n); sub(/.* /, "", n); print n "\t" $0 }' |
        sort -n | cut -f2
}

# vt_detector FILE SIDE: what vision_bench calls its face detector row at SIDE px.
vt_detector() { awk -F'\t' -v p=" at $2 px" 'index($2, p) {print $2; exit}' "$1"; }

# analysis_side: the long side mediascan decodes and analyses photos at, read from
# scanner/vision/vision.h (VisionConfig::analysis_side) so the floor follows the program;
# ANALYSIS_SIDE overrides it.
analysis_side() {
    local a=${ANALYSIS_SIDE:-}
    [ -n "$a" ] || a=$(sed -n 's/.*int analysis_side = \([0-9]*\);.*/\1/p' "$ROOT/scanner/vision/vision.h")
    [[ $a =~ ^[0-9]+$ ]] || die "cannot read analysis_side from scanner/vision/vision.h: set ANALYSIS_SIDE"
    echo "$a"
}

# decode_step_for W H: the decode mediascan does (scanner/vision/vision.cc): the smallest libjpeg
# DCT scale that keeps the analysis side on the long side and 3/4 of it on the short side.
decode_step_for() {
    local long=$1 short=$2 a s
    a=$(analysis_side)
    for s in 8 4 2; do
        if [ $((long / s)) -ge "$a" ] && [ $((short / s)) -ge $((a * 3 / 4)) ]; then echo "decode 1/$s"; return; fi
    done
    echo "decode full"
}

stage_floors() {
    local n=${VISION_SAMPLE:-8}
    PREPARE=true measure "bsdtar -xOf (read and inflate)" -- bash -c 'bsdtar -xOf "$1" >/dev/null' _ "$FB_ZIP"
    READ_MS=$(calc %.1f "1000 * $M_WALL / $COUNT") READ_OTHER=$M_OTHER
    PREPARE=rm_copy measure "cp (read and write the zip)" -- cp "$FB_ZIP" "$WORK/copy.zip"
    CP_MS=$(calc %.1f "1000 * $M_WALL / $COUNT") CP_OTHER=$M_OTHER
    rm -f "$WORK/copy.zip"
    vision_sample "$WORK/vision" "$n"
    vision_medians "$WORK/vision" "$RUNS" >"$WORK/vision.tsv"
    rm -rf "$WORK/vision"
    floors_md "$WORK/vision.tsv" "$n" >"$WORK/section.floors.md"
}

# floors_md VISION_TSV N: the floors table (READ_MS, CP_MS: the zip rows); sets FLOOR_IPS.
floors_md() {
    local vt=$1 step d12 d2 f12 f2 fmix det a
    a=$(analysis_side)
    det=$(vt_detector "$vt" "$a")
    [ -n "$det" ] || die "vision_bench measured no face detector at $a px"
    echo "### Floors"
    echo
    echo "Per image, on this corpus ($N12 × 12 MP, $N2 × 2 MP). The zip rows are one thread over the"
    echo "whole $FB_MB MiB Facebook zip (median of $RUNS); decode and detector rows are build/bench/vision_bench"
    echo "(one thread, OpenCV 1 thread; the detector rows are mediascan's FaceDetector::detect on a full"
    echo "decode) on $2 photos of each size, median per image, median of $RUNS runs. mediascan analyses"
    echo "photos at $a px (scanner/vision/vision.h). The detector rows include scaling a full decode down"
    echo "to that size, which mediascan does from a reduced decode: for 12 MP the floor is an upper bound."
    echo "\"All cores\" multiplies by $(nproc): what the step allows when every core does it."
    echo
    echo "| floor | 12 MP ms | 2 MP ms | mix ms | images/s, one thread | images/s, all cores | other CPU % |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    floor_row "read and inflate the zip: \`bsdtar -xOf facebook.zip > /dev/null\`" - - "$READ_MS" "$READ_OTHER"
    floor_row "read and write the zip: \`cp facebook.zip copy.zip\`" - - "$CP_MS" "$CP_OTHER"
    while IFS= read -r step; do
        f12=$(vt_ms "$vt" "12 MP" "$step"); f2=$(vt_ms "$vt" "2 MP" "$step")
        floor_row "$step" "$f12" "$f2" "$(mix "$f12" "$f2")" -
    done < <(vt_steps "$vt")
    # What a full scan cannot beat: inflate + the decode mediascan does + its detector, at the
    # analysis side.
    d12=$(decode_step_for 4000 3000); d2=$(decode_step_for 1600 1200)
    f12=$(calc %.1f "$READ_MS + $(vt_ms "$vt" "12 MP" "$d12") + $(vt_ms "$vt" "12 MP" "$det")")
    f2=$(calc %.1f "$READ_MS + $(vt_ms "$vt" "2 MP" "$d2") + $(vt_ms "$vt" "2 MP" "$det")")
    fmix=$(mix "$f12" "$f2")
    floor_row "**floor of a full scan**: inflate + $d12 (12 MP) or $d2 (2 MP) + $det" "$f12" "$f2" "$fmix" -
    echo
    FLOOR_IPS=$(calc %.1f "$(nproc) * 1000 / $fmix")
}

rm_copy() { rm -f "$WORK/copy.zip"; }

# mix MS12 MS2: the corpus's mean ms per image (inputs may be "-": the zip rows are per image).
mix() {
    if [ "$1" = - ] || [ "$2" = - ]; then echo "-"; return; fi
    calc %.1f "($N12 * $1 + $N2 * $2) / ($N12 + $N2)"
}

# floor_row NAME MS12 MS2 MIX OTHER
floor_row() {
    local one="-" all="-"
    if awk -v m="$4" 'BEGIN{exit !(m > 0)}'; then  # GNU time has 10 ms steps: a tiny zip reads in 0
        one=$(calc %.1f "1000 / $4"); all=$(calc %.1f "$(nproc) * 1000 / $4")
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$one" "$all" "$5"
}

# ---------------------------------------------------------------------------------------------
# Stage: strip only
# ---------------------------------------------------------------------------------------------
RUN_DIR=""     # set in main: a fresh copy of the unpacked export, for the tools that work in place
fresh_copy() { rm -rf "$RUN_DIR"; cp -r "$UNPACKED" "$RUN_DIR"; sync; }
fresh_out() { rm -rf "$WORK/out.zip" "$WORK/out" "$WORK/r.html" "$WORK/r.json"; sync; }

# strip_row NAME SHOW CHECKED_DIR: a row of the strip table from the last measure.
strip_row() {
    local files gps city speed note=""
    read -r files gps city < <(gps_left "$3")
    [ "$M_FAIL" = 0 ] || note=" (**$M_FAIL runs failed**)"
    [ "$files" = "$COUNT" ] || note="$note (**$files of $COUNT JPEGs in the output**)"
    speed=$(calc %.2f "${EXIF1_WALL:-$M_WALL} / $M_WALL")×
    if [ "$gps" != 0 ]; then speed="no credit"; fi
    STRIP_ROWS+=("| $1$note | $M_RUNS | $M_WALL | $(ips "$M_WALL") | $M_CPU | $(mib "$M_RSS") | $gps | $city | $speed | $M_OTHER |")
    STRIP_CMDS+=("- $1: \`$2\`")
}

# paired_ratios "A WALLS" "B WALLS": each round's A / B, then their lowest, median and highest.
paired_ratios() {
    local ratios
    ratios=$(paste <(printf '%s\n' $1) <(printf '%s\n' $2) | awk '{ print $1 / $2 }' | sort -g)
    printf '%.2f× to %.2f×, median %.2f× over %d rounds' "$(head -1 <<<"$ratios")" "$(tail -1 <<<"$ratios")" \
        "$(median <<<"$ratios")" "$(wc -l <<<"$ratios")"
}

exiftool_halves() {
    local dir=$1 half=$(( ${#JPEGS[@]} / 2 ))
    printf '%s\n' "${JPEGS[@]:0:half}" >"$WORK/half1.args"
    printf '%s\n' "${JPEGS[@]:half}" >"$WORK/half2.args"
    (cd "$dir" && exiftool -q -q -overwrite_original -gps:all= -xmp:geotag= -@ "$WORK/half1.args") &
    (cd "$dir" && exiftool -q -q -overwrite_original -gps:all= -xmp:geotag= -@ "$WORK/half2.args") &
    wait
}

stage_strip() {
    STRIP_ROWS=() STRIP_CMDS=()
    local run_files=("${JPEGS[@]/#/$RUN_DIR/}")
    unset EXIF1_WALL
    # The tools take turns, one run of each per round, so that a machine whose speed drifts
    # (other guests of its host: run 13's exiftool went from 2.5 to 3.5 s over five runs in a
    # row) drifts for all of them alike. Each output is checked right after the last round's run.
    local r last exif1_walls
    for ((r = 1; r <= RUNS; r++)); do
        last=$(( r == RUNS ))
        log "strip, round $r of $RUNS"
        PREPARE=fresh_copy time_run "exiftool, 1 process" "$r" -- \
            exiftool -q -q -r -overwrite_original -gps:all= -xmp:geotag= -ext jpg "$RUN_DIR"
        if [ $last = 1 ]; then
            exif1_walls=${T_WALLS["exiftool, 1 process"]}
            summarise "exiftool, 1 process"
            EXIF1_WALL=$M_WALL
            strip_row "exiftool, 1 process (folder, in place)" "exiftool -r -overwrite_original -gps:all= -xmp:geotag= -ext jpg D" "$RUN_DIR"
        fi

        PREPARE=fresh_out time_run "mediascan --checks location" "$r" -- \
            "$MS" scan "$FB_ZIP" --checks location --clean "$WORK/out.zip" --quiet --no-progress
        if [ $last = 1 ]; then
            PAIRED=$(paired_ratios "$exif1_walls" "${T_WALLS["mediascan --checks location"]}")
            summarise "mediascan --checks location"
            mkdir -p "$WORK/out" && bsdtar -xf "$WORK/out.zip" -C "$WORK/out"
            strip_row "mediascan (zip → cleaned zip)" "mediascan scan facebook.zip --checks location --clean out.zip --quiet --no-progress" "$WORK/out"
        fi
        fresh_out

        PREPARE=fresh_copy time_run "exiftool, 2 processes" "$r" -- bash -c "$(declare -p JPEGS WORK); $(declare -f exiftool_halves); exiftool_halves '$RUN_DIR'"
        if [ $last = 1 ]; then
            summarise "exiftool, 2 processes"
            strip_row "exiftool, 2 processes (half the files each)" "exiftool -overwrite_original -gps:all= -xmp:geotag= -@ half1 & (the same on half2) & wait" "$RUN_DIR"
        fi

        PREPARE=fresh_copy time_run "exiv2" "$r" -- exiv2 -q -k "${GPS_DEL_EXIV2[@]}" -- "${run_files[@]}"
        if [ $last = 1 ]; then
            summarise "exiv2"
            strip_row "exiv2 (folder, in place)" "exiv2 -q -k -M'del Exif.GPSInfo.<tag>' … (32 GPS tags) -M'del Xmp.exif.<tag>' … (24) D/…/*.jpg" "$RUN_DIR"
        fi
    done

    if command -v mat2 >/dev/null && mat2 --help 2>&1 | grep -q -- --inplace; then
        PREPARE=fresh_copy MEASURE_RUNS=1 measure "mat2 --lightweight" -- mat2 --lightweight --inplace "${run_files[@]}"
        strip_row "mat2 --lightweight (folder, in place, one run)" "mat2 --lightweight --inplace D/…/*.jpg" "$RUN_DIR"
    else
        STRIP_ROWS+=("| mat2: skipped (not installed, or without --inplace: apt-get install mat2) | | | | | | | | | |")
    fi
    rm -rf "$RUN_DIR"
    {
        echo "### Strip location only"
        echo
        echo "$COUNT photos. mediascan reads the Facebook zip and writes a cleaned zip (input untouched,"
        echo "output re-read and verified); the other tools rewrite a fresh copy D of the unpacked export in"
        echo "place (the copy is not timed). The tools take turns, one run of each per round (mat2: one run"
        echo "after the rounds). After the last run exiftool counts the JPEGs that still carry"
        echo "a GPS latitude (EXIF or XMP; a tool that leaves any gets no credit) or an XMP City."
        echo
        echo "| tool | runs | wall s | images/s | user+sys s | peak RSS MiB | GPS left | XMP City left | vs exiftool, 1 process | other CPU % |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        printf '%s\n' "${STRIP_ROWS[@]}"
        echo
        echo "Round by round, mediascan against exiftool in one process (exiftool's time / mediascan's): $PAIRED."
        echo
        printf '%s\n' "${STRIP_CMDS[@]}"
        echo
    } >"$WORK/section.strip.md"
}

# ---------------------------------------------------------------------------------------------
# Stage: full scan
# ---------------------------------------------------------------------------------------------
RESULTS_DIR=""   # set in main: the JSON of the last run of each tool, for the accuracy stage
fresh_clean() { rm -rf "$WORK/baseline-clean"; sync; }

# The full-scan commands; SOURCES... (mediascan) or --json FILE [--reduced] (baseline) follow.
# Set in main, once WORK and UNPACKED are known.
MS_FULL=() BASELINE=()
full_args() {
    MS_FULL=(--clean "$WORK/out.zip" --report "$WORK/r.html" --json "$WORK/r.json" --quiet --no-progress)
    BASELINE=("$PY" "$ROOT/bench/python_baseline.py" "$UNPACKED" --clean "$WORK/baseline-clean")
}

# baseline_steps JSON: where the baseline's last run spent its time.
baseline_steps() {
    "$PY" -c 'import json, sys
s = json.load(open(sys.argv[1]))["steps"]
print("exiftool read %.1f s, decode + faces %.1f s, copy + exiftool clean %.1f s" % (
    s["exiftool_read_s"], s["faces_s"], s.get("clean_s", 0)))' "$1"
}

# full_row NAME INPUT CHECKED_DIR BASE_WALL
full_row() {
    local files gps city note="" speed floor="-"
    read -r files gps city < <(gps_left "$3")
    [ "$M_FAIL" = 0 ] || note=" (**$M_FAIL runs failed**)"
    speed=$(calc %.1f "$4 / $M_WALL")×
    if [ -n "${FLOOR_IPS:-}" ]; then floor=$(calc %.2f "$FLOOR_IPS / ($COUNT / $M_WALL)")×; fi
    FULL_ROWS+=("| $1$note | $2 | $M_RUNS | $M_WALL | $(ips "$M_WALL") | $M_CPU | $(calc %.2f "$M_CPU / $M_WALL") | $(mib "$M_RSS") | $gps of $files | $speed | $floor | $M_OTHER |")
}

stage_full() {
    FULL_ROWS=()
    local base_wall
    PREPARE=fresh_clean measure "python baseline" -- "${BASELINE[@]}" --json "$RESULTS_DIR/baseline.json"
    base_wall=$M_WALL
    full_row "Python baseline (imread full, Haar frontal at 1280 px, exiftool)" "unpacked folder" "$WORK/baseline-clean" "$base_wall"
    BASELINE_STEPS=$(baseline_steps "$RESULTS_DIR/baseline.json")
    PREPARE=fresh_clean measure "python baseline --reduced" -- "${BASELINE[@]}" --json "$RESULTS_DIR/baseline-reduced.json" --reduced
    full_row "Python baseline --reduced (IMREAD_REDUCED_COLOR_2)" "unpacked folder" "$WORK/baseline-clean" "$base_wall"
    rm -rf "$WORK/baseline-clean"

    PREPARE=fresh_out measure "mediascan full, Facebook" -- "$MS" scan "$FB_ZIP" "${MS_FULL[@]}"
    cp "$WORK/r.json" "$RESULTS_DIR/mediascan-facebook.json"
    mkdir -p "$WORK/out" && bsdtar -xf "$WORK/out.zip" -C "$WORK/out"
    full_row "mediascan (faces on, --clean --report --json)" "Facebook zip" "$WORK/out" "$base_wall"
    fresh_out
    PREPARE=fresh_out measure "mediascan full, Takeout" -- "$MS" scan "${TAKEOUT[@]}" "${MS_FULL[@]}"
    cp "$WORK/r.json" "$RESULTS_DIR/mediascan-takeout.json"
    mkdir -p "$WORK/out" && bsdtar -xf "$WORK/out.zip" -C "$WORK/out"
    full_row "mediascan (the same)" "split Takeout, 2 zips" "$WORK/out" "$base_wall"
    fresh_out
    {
        echo "### Full scan"
        echo
        echo "$COUNT photos. mediascan: \`mediascan scan SOURCES --clean out.zip --report r.html --json r.json"
        echo "--quiet --no-progress\` (faces: $FACES_KIND). Baseline: \`bench/python_baseline.py D --json b.json"
        echo "--clean C\` on the unpacked Facebook export D: one \`exiftool -j -n -r -gps:all -xmp:all\`, a"
        echo "pool of $(nproc) workers running cv2.imread + Haar frontal at 1280 px, then a copy C of D cleaned"
        echo "by one \`exiftool -r -overwrite_original -gps:all= -xmp:geotag=\`. \"CPU use\" is (user+sys)/wall:"
        echo "$(nproc) means every core busy. \"Floor ×\" is how far from the floor of a full scan (floors stage)."
        echo
        echo "| tool | input | runs | wall s | images/s | user+sys s | CPU use | peak RSS MiB | GPS left in output | vs baseline | floor × | other CPU % |"
        echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        printf '%s\n' "${FULL_ROWS[@]}"
        echo
        echo "The baseline's last run (full decode): $BASELINE_STEPS."
        echo
    } >"$WORK/section.full.md"
}

# ---------------------------------------------------------------------------------------------
# Stage: accuracy (uses the full stage's JSON; runs each tool once when that stage did not run)
# ---------------------------------------------------------------------------------------------
stage_accuracy() {
    local r=$RESULTS_DIR
    if [ ! -f "$r/mediascan-facebook.json" ]; then
        log "accuracy: one untimed run of each tool"
        "$MS" scan "$FB_ZIP" "${MS_FULL[@]}" || die "mediascan failed on the Facebook export"
        cp "$WORK/r.json" "$r/mediascan-facebook.json"
        "$MS" scan "${TAKEOUT[@]}" "${MS_FULL[@]}" || die "mediascan failed on the Takeout"
        cp "$WORK/r.json" "$r/mediascan-takeout.json"
        "${BASELINE[@]}" --json "$r/baseline.json" || die "the Python baseline failed"
        "${BASELINE[@]}" --json "$r/baseline-reduced.json" --reduced || die "the Python baseline failed"
        fresh_out; rm -rf "$WORK/baseline-clean"
    fi
    {
        echo "### Accuracy: does the photo show a person?"
        echo
        echo "mediascan flags a photo when its item in r.json has a finding of category \`people\` (signals"
        echo "\`face\`, \`face:…\`); the baseline when Haar found at least one face. Facebook export:"
        echo
        "$PY" "$ROOT/bench/accuracy.py" "$LABELS" "mediascan=mediascan:$r/mediascan-facebook.json" \
            "Python baseline=baseline:$r/baseline.json" "Python baseline --reduced=baseline:$r/baseline-reduced.json"
        echo
        echo "The same photos in the split Takeout (paths differ, pixels are the same):"
        echo
        "$PY" "$ROOT/bench/accuracy.py" --brief "$LABELS" "mediascan=mediascan:$r/mediascan-takeout.json" | tail -n +3
        echo
    } >"$WORK/section.accuracy.md"
}

# ---------------------------------------------------------------------------------------------
# Stage: memory
# ---------------------------------------------------------------------------------------------
# memory_row LABEL ZIP PHOTOS: one full scan of ZIP under /usr/bin/time -v.
memory_row() {
    local label=$1 zip=$2 photos=$3 mb
    mb=$(du -m "$zip" | cut -f1)
    PREPARE=fresh_out MEASURE_RUNS=1 measure "memory: $label" -- "$MS" scan "$zip" "${MS_FULL[@]}"
    MEM_ROWS+=("| $label$([ "$M_FAIL" = 0 ] || echo " (**failed**)") | $mb | $photos | $M_WALL | $(calc %.1f "$photos / $M_WALL") | $M_CPU | $(calc %.2f "$M_CPU / $M_WALL") | $(mib "$M_RSS") | $M_OTHER |")
    fresh_out
}

stage_memory() {
    MEM_ROWS=()
    local small=$WORK/mem-small
    "$PY" "$ROOT/bench/make_corpus.py" export "$small" --count 40 || die "make_corpus.py failed"
    memory_row "~100 MB export" "$small/facebook-jdoe.zip" 40
    rm -rf "$small"
    memory_row "the corpus (Facebook zip)" "$FB_ZIP" "$COUNT"
    if [ "$BENCH_BIG" = 1 ]; then
        local big=$WORK/big/facebook-big.zip n
        mkdir -p "$WORK/big"
        log "generating a ${BENCH_BIG_GB} GB export (streamed)"
        "$PY" "$ROOT/bench/make_corpus.py" big "$big" --size-gb "$BENCH_BIG_GB" || die "make_corpus.py big failed"
        n=$(bsdtar -tf "$big" | grep -c '\.jpg$')
        memory_row "${BENCH_BIG_GB} GB export (streamed; $n photos from a pool of 16)" "$big" "$n"
        rm -rf "$WORK/big"
    fi
    if [ -n "$BENCH_VIDEO_MB" ]; then
        local videos=$WORK/videos/takeout-videos.zip
        mkdir -p "$WORK/videos"
        log "generating a Takeout of 4 videos of $BENCH_VIDEO_MB MB"
        "$PY" "$ROOT/bench/make_corpus.py" videos "$videos" --count 4 --mb "$BENCH_VIDEO_MB" || die "make_corpus.py videos failed"
        memory_row "4 phone videos of $BENCH_VIDEO_MB MB (Takeout zip, location in moov)" "$videos" 4
        rm -rf "$WORK/videos"
    fi
    local many
    for many in $BENCH_MANY; do
        local zip=$WORK/many/facebook-$many.zip
        mkdir -p "$WORK/many"
        log "generating an export of $many small photos"
        "$PY" "$ROOT/bench/make_corpus.py" big "$zip" --photos "$many" --px 160 || die "make_corpus.py big --photos failed"
        memory_row "$many small photos (160 px, with captions, albums and posts)" "$zip" "$many"
        rm -rf "$WORK/many"
    done
    {
        echo "### Memory and cores"
        echo
        echo "One full scan each (\`--clean out.zip --report r.html --json r.json\`), GNU \`/usr/bin/time -v\`."
        echo "Target: peak RSS flat and under 512 MiB whatever the size, user+sys ≈ $(nproc) × wall."
        echo "The small-photo rows show what memory still grows with: the number of items (see NOTES.md)."
        [ "$BENCH_BIG" = 1 ] || echo "The 5–20 GB export runs with \`BENCH_BIG=1\` (size: \`BENCH_BIG_GB\`)."
        echo
        echo "| export | zip MiB | photos | wall s | images/s | user+sys s | (user+sys)/wall | peak RSS MiB | other CPU % |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        printf '%s\n' "${MEM_ROWS[@]}"
        echo
    } >"$WORK/section.memory.md"
}

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
versions_md() {
    echo "- $MS_ABOUT (timed as a copy); faces: $FACES_KIND"
    echo "- exiftool $(exiftool -ver); $(exiv2 --version 2>&1 | sed -n 1p); $(bsdtar --version | sed -n 1p)"
    echo "- $(command -v mat2 >/dev/null && mat2 --version 2>&1 | sed -n 1p || echo "mat2 not installed")"
    echo "- Python $("$PY" -c 'import sys; print(sys.version.split()[0])'), OpenCV $("$PY" -c 'import cv2; print(cv2.__version__)'), Pillow $("$PY" -c 'import PIL; print(PIL.__version__)')"
}

report() {
    local load_end other
    load_end=$(cut -d' ' -f1-3 /proc/loadavg)
    other=$(other_share "$OTHER_TICKS_ALL" "$TIMED_S_ALL")
    echo "# mediascan benchmark: floors, strip, full scan, accuracy, memory"
    echo
    echo "\`bench/full_bench.sh ${STAGES[*]}\` (RUNS=$RUNS, COUNT=$COUNT, BENCH_BIG=$BENCH_BIG) on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "## Machine"
    echo
    machine_md
    echo "- Load average (1, 5, 15 min): $LOAD_START at the start, $load_end at the end; other processes"
    echo "  used $other% of the machine's CPU while commands were timed (per row: \"other CPU %\")"
    versions_md
    echo
    echo "## Corpus"
    echo
    echo "\`bench/make_corpus.py export --count $COUNT\`: $N12 photos at 12 MP (4000x3000 or 3000x4000) and $N2 at"
    echo "2 MP, half showing people; crops, scales, mirrors, colour and noise variants of opencv-doc's"
    echo "photos, each with EXIF (GPS, serial, owner, unique id), an EXIF thumbnail and XMP location."
    echo "The same photos as a Facebook export ($FB_MB MiB zip, deflated, with album and post JSON) and a"
    echo "split Google Takeout (two zips, .supplemental-metadata.json sidecars)."
    echo
    echo "## Results"
    echo
    if [ "$other" -ge 10 ]; then
        echo "**Noisy:** other processes used $other% of the CPU while commands were timed."
        echo
    fi
    local s
    for s in "${STAGES[@]}"; do cat "$WORK/section.$s.md"; done
}

main() {
    parse_args "$@"
    check_prerequisites
    LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/full-bench.XXXXXX")
    trap 'if [ "$KEEP" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi' EXIT
    RUN_DIR=$WORK/run
    RESULTS_DIR=$WORK/results
    mkdir -p "$RESULTS_DIR"
    log "work folder $WORK; stages: ${STAGES[*]}"
    snapshot_programs
    FACES_KIND=$("$MS" models 2>/dev/null | sed -n 's/^faces: //p')
    prepare_corpus
    full_args
    local s
    for s in "${STAGES[@]}"; do "stage_$s"; done
    report >"$WORK/report.md"
    cat "$WORK/report.md"
    if [ -n "$RESULTS" ]; then cp "$WORK/report.md" "$RESULTS"; log "wrote $RESULTS"; fi
}

main "$@"
