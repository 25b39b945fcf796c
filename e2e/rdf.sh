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
source "$here/npm.sh"
npm_install
node rdf.mjs "$tmp/g.nq" "$tmp/g.jsonld"
