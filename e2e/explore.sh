#!/usr/bin/env bash
# Browser end-to-end test of the explorer page: builds plangraph, starts
# `plangraph serve --store memory` on a free port of 127.0.0.1, drives
# /explore in Debian's headless Chromium with playwright-core (explore.mjs),
# stops the server by its PID (also on failure) and closes with
# `explore: N passed, M failed`. Screenshots and the downloaded export go to
# e2e/out/ (git-ignored).
#
# Installs what it needs: Debian's chromium and a CJK font (apt-get, as
# root) when missing, and this folder's npm packages from package-lock.json
# (npm ci, only when node_modules is missing or the lockfile changed).
# Needs go, node (>= 20), npm and curl. Exits non-zero when a check fails.
# KEEP_LOG=FILE copies the server log there; CHROMIUM=PATH picks the browser.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

tmp=$(mktemp -d)
server_pid=
passed=0
failed=0
closed=

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "explore: the server did not stop within 10s of SIGTERM; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null
    local rc=$?
    server_pid=
    return "$rc"
  fi
  server_pid=
}
finish() {
  local rc=$?
  stop_server || true
  [ -n "${KEEP_LOG:-}" ] && cp -f "$tmp/server.log" "$KEEP_LOG" 2>/dev/null
  rm -rf "$tmp"
  if [ -z "$closed" ]; then
    # Stopped early (a setup step failed or a signal came): say so.
    echo "explore: $passed passed, $((failed > 0 ? failed : 1)) failed"
    [ "$rc" -eq 0 ] && rc=1
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '==> %s\n' "$*"; }
die() { echo "explore: $*" >&2; failed=$((failed + 1)); exit 1; }

for tool in go node npm curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node $(node --version) is too old: need 20 or newer"

# The browser and a font with Chinese glyphs, from Debian.
chromium=${CHROMIUM:-/usr/bin/chromium}
apt_install() {
  [ "$(id -u)" -eq 0 ] || die "need $* installed (run as root, or: sudo apt-get install -y $*)"
  say "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; } >"$tmp/apt.log" 2>&1 ||
    { tail -20 "$tmp/apt.log" >&2; die "apt-get install $* failed"; }
}
if [ ! -x "$chromium" ]; then
  [ -n "${CHROMIUM:-}" ] && die "CHROMIUM=$chromium is not an executable"
  apt_install chromium fonts-wqy-zenhei
fi
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  apt_install fonts-wqy-zenhei
fi

say "building plangraph"
(cd "$root" && go build -o "$tmp/plangraph" ./cmd/plangraph) || die "go build failed"

# Port 0 lets the kernel pick a free port with no race; the server logs the
# address it got ("msg=serving addr=127.0.0.1:PORT").
say "starting plangraph serve --store memory"
"$tmp/plangraph" serve --store memory --addr 127.0.0.1:0 >"$tmp/server.log" 2>&1 &
server_pid=$!
addr=
for _ in $(seq 300); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$tmp/server.log" >&2; server_pid=; die "the server exited before it served"
  fi
  addr=$(sed -n 's/.*msg=serving addr=\(127\.0\.0\.1:[0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
  if [ -n "$addr" ] && curl -fsS -o /dev/null "http://$addr/readyz" 2>/dev/null; then break; fi
  addr=; sleep 0.1
done
[ -n "$addr" ] || { cat "$tmp/server.log" >&2; die "the server was not ready within 30s"; }
say "server pid $server_pid at http://$addr/explore"
curl -fsS -o /dev/null "http://$addr/explore" || die "GET /explore failed: the server does not serve the explorer page (mount web.Explore at /explore)"

# npm ci only when node_modules is missing or was installed from another
# lockfile (the stamp is shared with run.sh and rdf.sh).
cd "$here"
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.plangraph-e2e-lock.sha256
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  echo "$lock_sum" >"$stamp"
fi

mkdir -p "$here/out"
say "explore.mjs (Chromium: $chromium)"
CHROMIUM=$chromium node explore.mjs "http://$addr/explore" "$here/out" | tee "$tmp/explore.out"
rc=${PIPESTATUS[0]}
line=$(grep -E '^explore-result ' "$tmp/explore.out" | tail -1)
if [ -z "$line" ]; then
  echo "explore: explore.mjs printed no result line (exit $rc)"
  failed=$((failed + 1))
else
  passed=$((passed + $(sed -n 's/.* passed=\([0-9]*\).*/\1/p' <<<"$line")))
  f=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$line")
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "explore: explore.mjs exited $rc with no failed check"
    failed=$((failed + 1))
  fi
fi

say "graceful stop"
if stop_server; then
  passed=$((passed + 1))
else
  echo "explore: the server exited non-zero on SIGTERM:"; tail -20 "$tmp/server.log"
  failed=$((failed + 1))
fi
if grep -qE 'level=(ERROR|WARN)' "$tmp/server.log"; then
  echo "explore: server log warnings and errors:"; grep -E 'level=(ERROR|WARN)' "$tmp/server.log" | head -20
fi

closed=1
echo "explore: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
