#!/usr/bin/env bash
# Checks the exports with the tools people open them in: networkx reads the
# GraphML and GEXF (same node and edge counts and attributes as the
# Cytoscape JSON), Graphviz renders the DOT, cytoscape in Node loads the
# Cytoscape.js JSON. Installs Debian's graphviz and
# python3-networkx when missing (CI runs as root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v dot >/dev/null || ! /usr/bin/python3 -c 'import networkx' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends graphviz python3-networkx >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends graphviz python3-networkx >/dev/null; }
fi
cd "$root"
go test ./graph/export/ -count=1 -run TestWriteSeedExports -export.dir "$tmp" >/dev/null
/usr/bin/python3 graph/export/testdata/check_tools.py "$tmp"
# Cytoscape.js in Node loads the cyjs exports.
cd "$here"
source "$here/npm.sh"
npm_install
node cyjs.mjs "$tmp" mpac whole
