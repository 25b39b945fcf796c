#!/bin/sh
# update.sh refreshes the vendored GraphiQL build served at / by plangraph.
#
# It fetches the npm packages named below with `npm pack` into a temporary
# directory (no node_modules, no install scripts run) and copies the UMD
# builds and their licenses next to this script. Change a version here, run
#
#	sh web/graphiql/update.sh
#
# then check the page (go run ./cmd/plangraph serve, open http://127.0.0.1:8080/)
# and update the versions listed in README.md.
set -eu

GRAPHIQL_VERSION=3.9.0
REACT_VERSION=18.3.1

dest=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() { # fetch NAME VERSION: unpack the npm tarball into $tmp/NAME
	tarball=$(cd "$tmp" && npm pack --silent "$1@$2")
	mkdir -p "$tmp/$1"
	tar -xzf "$tmp/$tarball" -C "$tmp/$1" --strip-components=1
}

fetch graphiql "$GRAPHIQL_VERSION"
fetch react "$REACT_VERSION"
fetch react-dom "$REACT_VERSION"

cp "$tmp/graphiql/graphiql.min.js" "$tmp/graphiql/graphiql.min.css" "$dest/"
cp "$tmp/graphiql/LICENSE" "$dest/LICENSE.graphiql"
cp "$tmp/react/umd/react.production.min.js" "$dest/"
cp "$tmp/react/LICENSE" "$dest/LICENSE.react"
cp "$tmp/react-dom/umd/react-dom.production.min.js" "$dest/"
cp "$tmp/react-dom/LICENSE" "$dest/LICENSE.react-dom"

# Source maps are not vendored; drop the comments that point at them so
# browsers do not ask the server for files it does not have.
for f in graphiql.min.js react.production.min.js react-dom.production.min.js; do
	grep -v '^//# sourceMappingURL=' "$dest/$f" >"$tmp/$f" || true
	mv "$tmp/$f" "$dest/$f"
done

# Every vendored file must stay under 4 MB.
for f in "$dest"/*.js "$dest"/*.css; do
	size=$(wc -c <"$f")
	if [ "$size" -ge 4000000 ]; then
		echo "update.sh: $f is $size bytes, over the 4 MB limit" >&2
		exit 1
	fi
done
echo "update.sh: graphiql $GRAPHIQL_VERSION, react and react-dom $REACT_VERSION copied to $dest"
