#!/usr/bin/env bash
# README command 2: set up with the test dependencies, build, and run every test with ctest.
# With CI=true the build treats warnings as errors and the tests run a second time under
# AddressSanitizer and UndefinedBehaviorSanitizer, then the fuzzers run 30 s each (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
if [ "${CI:-}" = true ]; then
  scripts/setup.sh --tests --werror
else
  scripts/setup.sh --tests
fi
ctest --test-dir build --output-on-failure -j "$jobs"
if [ "${CI:-}" = true ]; then
  BUILD_DIR=build-asan scripts/setup.sh --tests --werror --sanitize
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
  scripts/fuzz.sh 30
fi
