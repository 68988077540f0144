#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang, ASan and UBSan into build-fuzz/, writes
# their seed corpora and runs each target for SECONDS (default 60), as many at once as there are
# cores. Fails on any crash, leak, timeout, out-of-memory or sanitizer report, and says where the
# input that caused it was saved. CI runs `scripts/fuzz.sh 30` (scripts/test.sh).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
#   FUZZ_TARGETS="archive metadata" scripts/fuzz.sh 600     some targets only
#
# Inputs that found new coverage are kept in build-fuzz/fuzz-run/corpus/<target>/ and reused by
# the next run. A crash found becomes a regression test: minimise it (fuzz_<target>
# -minimize_crash=1 -runs=10000 INPUT), save it under tests/fuzz/regressions/<target>/, and
# tests/unit/fuzz_regression_test.cc runs it with the unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
case "$seconds" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac
targets=(${FUZZ_TARGETS:-archive sidecar metadata text})
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=$(nproc)

# Only the fuzzers and the stage libraries they link are built (not vision, report, the program).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DMEDIASCAN_FUZZ=ON -DMEDIASCAN_TESTS=OFF -DMEDIASCAN_SANITIZE=ON >/dev/null
cmake --build "$build_dir" --target fuzzers -j "$jobs"

run=$build_dir/fuzz-run
rm -rf "$run/logs" "$run/artifacts"
mkdir -p "$run/logs"
/usr/bin/python3 tests/fuzz/make_seeds.py "$run/seeds"

symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1${symbolizer:+:external_symbolizer_path=$symbolizer}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
declare -A max_len=([archive]=131072 [sidecar]=32768 [metadata]=65536 [text]=4096)

fuzz() {
  local target=$1
  local corpus=$run/corpus/$target artifacts=$run/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  local args=(-max_total_time="$seconds" -max_len="${max_len[$target]:-65536}" -rss_limit_mb=2048
              -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts")
  [ -f "tests/fuzz/dict/$target.dict" ] && args+=(-dict="tests/fuzz/dict/$target.dict")
  local dirs=("$corpus" "$run/seeds/$target")  # new inputs go to the first
  [ -d "tests/fuzz/regressions/$target" ] && dirs+=("tests/fuzz/regressions/$target")
  "$build_dir/fuzz/fuzz_$target" "${args[@]}" "${dirs[@]}" >"$run/logs/$target.log" 2>&1
}

declare -A pids
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  echo "fuzz.sh: fuzz_$target for ${seconds}s"
  fuzz "$target" &
  pids[$target]=$!
done

failed=0
for target in "${targets[@]}"; do
  log=$run/logs/$target.log
  if wait "${pids[$target]}"; then
    # The last status line: executions, coverage, corpus, speed.
    echo "fuzz.sh: fuzz_$target ok: $(grep -E '^#[0-9]+' "$log" | tail -1)"
  else
    failed=1
    echo "fuzz.sh: fuzz_$target FAILED; its log ($log) ends:" >&2
    grep -v -E '^#[0-9]+|^INFO:|NEW_FUNC' "$log" | tail -60 >&2
    grep -h 'Test unit written to' "$log" | sort -u | sed 's/^.*Test unit written to /fuzz.sh: the input is saved as /' >&2 || true
  fi
done
exit $failed
