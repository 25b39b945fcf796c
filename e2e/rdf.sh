#!/usr/bin/env bash
# Checks that plangraph's dumps are standard RDF: loads the embedded plan
# into a temporary bolt store, dumps it as N-Quads and JSON-LD, and reads
# both with N3.js and jsonld.js (rdf.mjs). Needs go, node and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
go build -o "$tmp/plangraph" ./cmd/plangraph
"$tmp/plangraph" load --store "bolt:$tmp/g.db" >/dev/null
"$tmp/plangraph" dump --store "bolt:$tmp/g.db" --format nquads >"$tmp/g.nq"
"$tmp/plangraph" dump --store "bolt:$tmp/g.db" --format jsonld >"$tmp/g.jsonld"
cd "$here"
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.plangraph-e2e-lock.sha256   # shared with run.sh
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi
node rdf.mjs "$tmp/g.nq" "$tmp/g.jsonld"
