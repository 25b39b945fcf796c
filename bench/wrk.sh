#!/usr/bin/env bash
# Drives plangraph's GraphQL endpoint with wrk for a fixed, short time per
# query and prints requests/s and latency percentiles:
#   (a) entity   an entity with its relations, their ends and evidence
#   (b) measures a page of 50 measures with sections and mentions
#   (c) typename { __typename }, the ceiling of the same server
# It builds the binary, starts `plangraph serve --store memory` on a free
# port of 127.0.0.1, runs wrk against it and stops it again (also on failure).
#
# Environment: DURATION (10s), THREADS (2), CONNECTIONS (16), WARMUP (2s per
# query, 0 for none), QUERIES ("typename entity measures"), LOG_LEVEL (info:
# the server's request log goes to a file, as in production it would go
# somewhere). OUT: a folder to keep the wrk output and server log in
# (default: a temporary folder, removed at the end).
#
# Exits 1 when a query had non-2xx responses, GraphQL errors or socket
# errors, or when the server could not be built or started.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-2s}
QUERIES=${QUERIES:-typename entity measures}
LOG_LEVEL=${LOG_LEVEL:-info}

tmp=$(mktemp -d)
server_pid=
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "${OUT:-}" ]; then
    mkdir -p "$OUT" && cp -f "$tmp"/*.log "$tmp"/*.txt "$OUT"/ 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '==> %s\n' "$*" >&2; }
# The server's CPU time so far (user + system) in clock ticks.
server_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"; }

if ! command -v wrk >/dev/null; then
  say "installing wrk (Debian package)"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
fi

say "building plangraph"
go build -o "$tmp/plangraph" ./cmd/plangraph

# Port 0 lets the kernel pick a free port with no race; the server logs the
# address it got ("msg=serving addr=127.0.0.1:PORT").
say "starting plangraph serve --store memory"
"$tmp/plangraph" serve --store memory --addr 127.0.0.1:0 --log-level "$LOG_LEVEL" >"$tmp/server.log" 2>&1 &
server_pid=$!
addr=
for _ in $(seq 300); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$tmp/server.log" >&2; echo "wrk.sh: the server exited before it served" >&2; exit 1
  fi
  addr=$(sed -n 's/.*msg=serving addr=\(127\.0\.0\.1:[0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
  if [ -n "$addr" ] && curl -fsS -o /dev/null "http://$addr/readyz" 2>/dev/null; then break; fi
  addr=; sleep 0.1
done
if [ -z "$addr" ]; then
  cat "$tmp/server.log" >&2; echo "wrk.sh: the server was not ready within 30s" >&2; exit 1
fi
url="http://$addr/graphql"
say "server pid $server_pid at $url"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results="$tmp/results.txt"
: >"$results"
failed=0
for q in $QUERIES; do
  script="bench/$q.lua"
  [ -f "$script" ] || { echo "wrk.sh: no $script" >&2; exit 2; }
  if [ "$WARMUP" != 0 ] && [ "$WARMUP" != 0s ]; then
    say "$q: warm-up $WARMUP"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$url" >/dev/null
  fi
  say "$q: $DURATION, $THREADS threads, $CONNECTIONS connections"
  t0=$(server_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$url" | tee "$tmp/wrk-$q.txt" >&2
  t1=$(server_ticks)
  line=$(grep '^wrk-result ' "$tmp/wrk-$q.txt" || true)
  if [ -z "$line" ]; then echo "wrk.sh: wrk printed no result for $q" >&2; exit 1; fi
  echo "$line server_cpu_s=$(awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')" >>"$results"
  grep '^wrk-bad-sample ' "$tmp/wrk-$q.txt" >>"$results" || true
done

if ! curl -fsS -o /dev/null "http://$addr/healthz"; then
  echo "wrk.sh: /healthz failed after the runs" >&2; failed=1
fi

# One table: req/s, p50, p90, p99 and the ratio to the __typename ceiling.
echo
echo "plangraph wrk: $DURATION per query, $THREADS threads, $CONNECTIONS connections; $(nproc) cores ($cpu), $(go env GOOS)/$(go env GOARCH), $(go env GOVERSION); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
  /^wrk-result / {
    n++
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[n, kv[1]] = kv[2] }
    if (v[n, "name"] == "typename") ceil = v[n, "rps"]
  }
  /^wrk-bad-sample / { bad[++nb] = $0 }
  END {
    printf "%-10s %10s %9s %9s %9s %8s %11s %7s %7s %7s\n", "query", "req/s", "p50 ms", "p90 ms", "p99 ms", "ceiling", "cpu ms/req", "non2xx", "gqlerr", "sockerr"
    for (i = 1; i <= n; i++) {
      ratio = ceil > 0 ? sprintf("%.3f", v[i, "rps"] / ceil) : "-"
      cpu = v[i, "requests"] > 0 ? sprintf("%.3f", 1000 * v[i, "server_cpu_s"] / v[i, "requests"]) : "-"
      printf "%-10s %10.1f %9s %9s %9s %8s %11s %7d %7d %7d\n", v[i, "name"], v[i, "rps"], v[i, "p50_ms"], v[i, "p90_ms"], v[i, "p99_ms"], ratio, cpu, v[i, "non2xx"], v[i, "gql_errors"], v[i, "socket_errors"]
    }
    for (i = 1; i <= nb; i++) print bad[i]
  }' "$results"

if awk '/^wrk-result / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if ((kv[1] == "non2xx" || kv[1] == "gql_errors" || kv[1] == "socket_errors") && kv[2] + 0 > 0) bad = 1 } } END { exit !bad }' "$results"; then
  echo "wrk.sh: some responses were not 2xx GraphQL data (see the counts above)" >&2
  failed=1
fi
exit "$failed"
