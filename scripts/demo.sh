#!/usr/bin/env bash
# README command 1: set up, then scan the sample export and write the report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/mediascan list sample_data/demo_export.zip
build/mediascan scan sample_data/demo_export.zip --json report.json
echo "demo: report written to $(pwd)/report.json"
