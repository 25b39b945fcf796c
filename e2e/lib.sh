# lib.sh — shared by the e2e scripts (source it): counting checks, building
# and starting `plangraph serve --store memory` on a free port, stopping it
# by its PID (also on failure or a signal), and installing this folder's npm
# packages when needed. The sourcing script sets `name` first; the closing
# line is `$name: N passed, M failed`.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
server_pid=
addr=
passed=0
failed=0
closed=

say() { printf '==> %s\n' "$*"; }
die() { echo "$name: $*" >&2; failed=$((failed + 1)); exit 1; }

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "$name: the server did not stop within 10s of SIGTERM; killing it" >&2
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
    echo "$name: $passed passed, $((failed > 0 ? failed : 1)) failed"
    [ "$rc" -eq 0 ] && rc=1
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# require_tools checks the tools every e2e script needs.
require_tools() {
  for tool in go node npm curl; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
  done
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "node $(node --version) is too old: need 20 or newer"
}

# start_server builds plangraph and serves the embedded plan from memory.
# Port 0 lets the kernel pick a free port with no race; the server logs the
# address it got ("msg=serving addr=127.0.0.1:PORT"), which sets $addr.
start_server() {
  say "building plangraph"
  (cd "$root" && go build -o "$tmp/plangraph" ./cmd/plangraph) || die "go build failed"
  say "starting plangraph serve --store memory"
  "$tmp/plangraph" serve --store memory --addr 127.0.0.1:0 >"$tmp/server.log" 2>&1 &
  server_pid=$!
  addr=
  for _ in $(seq 300); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$tmp/server.log" >&2; server_pid=; die "the server exited before it served"
    fi
    addr=$(sed -n 's/.*msg=serving addr=\(127\.0\.0\.1:[0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
    if [ -n "$addr" ] && curl -fsS -o /dev/null "http://$addr/readyz" 2>/dev/null; then return; fi
    addr=; sleep 0.1
  done
  cat "$tmp/server.log" >&2; die "the server was not ready within 30s"
}

# graceful_stop stops the server with SIGTERM and counts a clean exit as a
# passed check; it shows the server log's warnings and errors.
graceful_stop() {
  say "graceful stop"
  if stop_server; then
    passed=$((passed + 1))
  else
    echo "$name: the server exited non-zero on SIGTERM:"; tail -20 "$tmp/server.log"
    failed=$((failed + 1))
  fi
  if grep -qE 'level=(ERROR|WARN)' "$tmp/server.log"; then
    echo "$name: server log warnings and errors:"; grep -E 'level=(ERROR|WARN)' "$tmp/server.log" | head -20
  fi
}

# npm_ci installs this folder's npm packages when needed (npm.sh).
source "$here/npm.sh"
npm_ci() { npm_install || die "npm ci failed"; }

# run_node runs a node script that closes with `RESULT-result passed=N
# failed=M` and adds its counts; one that dies without that line counts as
# one failure. Usage: run_node RESULT SCRIPT ARGS…
run_node() {
  local result=$1; shift
  say "$result"
  (cd "$here" && node "$@") | tee "$tmp/$result.out"
  local rc=${PIPESTATUS[0]} line p f
  line=$(grep -E "^$result-result " "$tmp/$result.out" | tail -1)
  if [ -z "$line" ]; then
    echo "$name: $result printed no result line (exit $rc)"
    failed=$((failed + 1))
    return
  fi
  p=$(sed -n 's/.* passed=\([0-9]*\).*/\1/p' <<<"$line")
  f=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$line")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$name: $result exited $rc with no failed check"
    failed=$((failed + 1))
  fi
}

# close prints the closing line and exits 1 when a check failed.
close() {
  closed=1
  echo "$name: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
