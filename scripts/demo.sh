#!/usr/bin/env bash
# README command 1: set up, then scan the sample export: the HTML report a person reads, the JSON
# report for scripts, and a cleaned copy of the export without location.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/mediascan list sample_data/demo_export.zip
build/mediascan scan sample_data/demo_export.zip --report report.html --json report.json \
  --clean cleaned_export.zip --no-progress
echo "demo: open $(pwd)/report.html in a browser (cleaned copy: $(pwd)/cleaned_export.zip)"
