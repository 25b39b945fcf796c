#!/usr/bin/env bash
# End-to-end checks of plangraph's /graphql with real clients: builds the
# binary, starts `plangraph serve --store memory` on a free port of
# 127.0.0.1, installs this folder's npm packages from package-lock.json
# (npm ci, only when node_modules is missing or the lockfile changed; nothing
# global), runs audit.mjs (graphql-http's GraphQL-over-HTTP audit suite) and
# clients.mjs (Apollo Client, graphql-request, APQ), stops the server (also
# on failure) and closes with `e2e: N passed, M failed`.
#
# Needs go, node (>= 20), npm and curl. Exits non-zero when a check fails.
# KEEP_LOG=FILE copies the server log there.
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
      echo "e2e: the server did not stop within 10s of SIGTERM; killing it" >&2
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
    echo "e2e: $passed passed, $((failed > 0 ? failed : 1)) failed"
    [ "$rc" -eq 0 ] && rc=1
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '==> %s\n' "$*"; }
die() { echo "e2e: $*" >&2; failed=$((failed + 1)); exit 1; }

for tool in go node npm curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node $(node --version) is too old: need 20 or newer"

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
url="http://$addr/graphql"
say "server pid $server_pid at $url"

# npm ci only when node_modules is missing or was installed from another
# lockfile.
cd "$here"
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.plangraph-e2e-lock.sha256
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  echo "$lock_sum" >"$stamp"
else
  say "node_modules is up to date with package-lock.json"
fi

# Runs one script and adds up the `NAME-result passed=N failed=M` line it
# closes with; a script that dies without one counts as one failure.
run() {
  local name=$1; shift
  say "$name"
  node "$@" "$url" | tee "$tmp/$name.out"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E "^$name-result " "$tmp/$name.out" | tail -1)
  if [ -z "$line" ]; then
    echo "e2e: $name printed no result line (exit $rc)"
    failed=$((failed + 1))
    return
  fi
  local p f
  p=$(sed -n 's/.* passed=\([0-9]*\).*/\1/p' <<<"$line")
  f=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$line")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "e2e: $name exited $rc with no failed check"
    failed=$((failed + 1))
  fi
}
run audit audit.mjs
run clients clients.mjs

say "server still healthy"
if curl -fsS -o /dev/null "http://$addr/healthz" && curl -fsS -o /dev/null "http://$addr/readyz"; then
  passed=$((passed + 1))
else
  echo "e2e: /healthz or /readyz failed after the runs"; failed=$((failed + 1))
fi

say "graceful stop"
if stop_server; then
  passed=$((passed + 1))
else
  echo "e2e: the server exited non-zero on SIGTERM:"; tail -20 "$tmp/server.log"
  failed=$((failed + 1))
fi
if grep -qE 'level=(ERROR|WARN)' "$tmp/server.log"; then
  echo "e2e: server log warnings and errors:"; grep -E 'level=(ERROR|WARN)' "$tmp/server.log" | head -20
fi

closed=1
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
