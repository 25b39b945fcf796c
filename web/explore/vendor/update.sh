#!/bin/sh
# update.sh refreshes the front-end libraries vendored for the explorer page
# that plangraph serves at /explore.
#
# It fetches the npm packages named below with `npm pack` into a temporary
# directory (no node_modules, no install scripts run) and copies their
# browser builds and licenses next to this script. Change a version here, run
#
#	sh web/explore/vendor/update.sh
#
# then check the page (go run ./cmd/plangraph serve, open
# http://127.0.0.1:8080/explore, or run bash e2e/explore.sh) and update the
# versions listed in README.md.
set -eu

CYTOSCAPE_VERSION=3.35.0
FCOSE_VERSION=2.2.0       # cytoscape-fcose: needs cose-base ^2.2.0
COSE_BASE_VERSION=2.2.0   # cose-base: needs layout-base ^2.0.0
LAYOUT_BASE_VERSION=2.0.1

dest=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() { # fetch NAME VERSION: unpack the npm tarball into $tmp/NAME
	tarball=$(cd "$tmp" && npm pack --silent "$1@$2")
	mkdir -p "$tmp/$1"
	tar -xzf "$tmp/$tarball" -C "$tmp/$1" --strip-components=1
}

fetch cytoscape "$CYTOSCAPE_VERSION"
fetch cytoscape-fcose "$FCOSE_VERSION"
fetch cose-base "$COSE_BASE_VERSION"
fetch layout-base "$LAYOUT_BASE_VERSION"

# The UMD builds: loaded by plain <script> tags, each sets a global
# (cytoscape, layoutBase, coseBase, cytoscapeFcose) that the next one uses.
cp "$tmp/cytoscape/dist/cytoscape.min.js" "$dest/"
cp "$tmp/cytoscape/LICENSE" "$dest/LICENSE.cytoscape"
cp "$tmp/layout-base/layout-base.js" "$dest/"
cp "$tmp/layout-base/LICENSE" "$dest/LICENSE.layout-base"
cp "$tmp/cose-base/cose-base.js" "$dest/"
cp "$tmp/cose-base/LICENSE" "$dest/LICENSE.cose-base"
cp "$tmp/cytoscape-fcose/cytoscape-fcose.js" "$dest/"
cp "$tmp/cytoscape-fcose/LICENSE" "$dest/LICENSE.cytoscape-fcose"

# Source maps are not vendored; drop any comment that points at one so
# browsers do not ask the server for files it does not have.
for f in cytoscape.min.js layout-base.js cose-base.js cytoscape-fcose.js; do
	grep -v '^//# sourceMappingURL=' "$dest/$f" >"$tmp/$f" || true
	mv "$tmp/$f" "$dest/$f"
done

# The page runs under a Content-Security-Policy without 'unsafe-eval':
# refuse a build that evaluates strings.
if grep -l -E '(^|[^A-Za-z0-9_$.])eval\(|new Function\(' "$dest"/*.js; then
	echo "update.sh: a vendored file above calls eval or new Function" >&2
	exit 1
fi

# Every vendored file must stay under 4 MB, all of them together under 2 MB.
total=0
for f in "$dest"/*.js; do
	size=$(wc -c <"$f")
	if [ "$size" -ge 4000000 ]; then
		echo "update.sh: $f is $size bytes, over the 4 MB limit" >&2
		exit 1
	fi
	total=$((total + size))
done
if [ "$total" -ge 2000000 ]; then
	echo "update.sh: the vendored files are $total bytes in all, over 2 MB" >&2
	exit 1
fi
echo "update.sh: cytoscape $CYTOSCAPE_VERSION, cytoscape-fcose $FCOSE_VERSION, cose-base $COSE_BASE_VERSION, layout-base $LAYOUT_BASE_VERSION copied to $dest ($total bytes)"
