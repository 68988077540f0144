#!/usr/bin/env bash
# Downloads the models the manifests in models/ describe, checks each against its sha256 (or its
# size where no hash is published) and installs it next to the manifest. Fails clearly when the
# network does not reach the model hosts: the files can then be copied into models/ by hand.
#   scripts/fetch-models.sh [MODELS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-models}
command -v curl >/dev/null || { echo "fetch-models: needs curl (apt-get install curl)" >&2; exit 2; }
failed=0
for manifest in "$dir"/*.json; do
  # name, then url/file pairs for the model, its config and its labels, and the expected hash/size
  mapfile -t f < <(python3 - "$manifest" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(m["name"]); print(m.get("sha256", "")); print(m.get("size", 0))
for url, name in ((m.get("url"), m.get("file")), (m.get("config_url"), m.get("config")), (m.get("labels_url"), m.get("labels"))):
    if url and name:
        print(url); print(name)
PY
)
  name=${f[0]} sha=${f[1]} size=${f[2]}
  for ((i = 3; i < ${#f[@]}; i += 2)); do
    url=${f[i]} file=${f[i+1]}
    target="$dir/$file"
    if [ -f "$target" ] && [ $i -gt 3 ]; then continue; fi
    tmp=$(mktemp "$dir/.download-XXXXXX")
    if ! curl -fsSL --connect-timeout 20 --retry 2 -o "$tmp" "$url"; then
      rm -f "$tmp"
      echo "fetch-models: cannot download $file for $name from $url (offline, or the host is not reachable from here)" >&2
      failed=1
      continue 2
    fi
    if [ $i -eq 3 ]; then
      got=$(sha256sum "$tmp" | cut -d' ' -f1)
      if [ -n "$sha" ] && [ "$got" != "$sha" ]; then
        rm -f "$tmp"; echo "fetch-models: $file does not match its sha256 ($got): not installed" >&2; failed=1; continue 2
      fi
      if [ "$size" != 0 ] && [ "$(stat -c %s "$tmp")" != "$size" ]; then
        rm -f "$tmp"; echo "fetch-models: $file has the wrong size: not installed" >&2; failed=1; continue 2
      fi
      [ -z "$sha" ] && echo "fetch-models: $name publishes no checksum; downloaded sha256 $got"
    fi
    mv "$tmp" "$target"
  done
  echo "fetch-models: $name ready"
done
exit $failed
