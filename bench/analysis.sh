#!/usr/bin/env bash
# analysis.sh — time the analysis queries and the main GraphQL queries on a
# synthetic graph the size of the seed (1×) and one 100 times larger
# (bench/synth), and print per query the p50 and p99 latency at each scale
# and how p50 grows from 1× to 100×, then what building each graph costs.
#
# Usage: bench/analysis.sh
#
# Environment:
#   BENCHTIME_X1    -benchtime of the 1× queries (default 1s)
#   BENCHTIME_X100  -benchtime of the 100× queries (default 5s: a query of
#                   half a second gets ten samples, so its p99 is their max)
#   OUT             file for the raw `go test -bench` output (default: a
#                   temporary file, named at the end)
#
# The whole run takes about three minutes on two cores.
set -euo pipefail

cd "$(dirname "$0")/.."
x1=${BENCHTIME_X1:-1s}
x100=${BENCHTIME_X100:-5s}
raw=${OUT:-$(mktemp "${TMPDIR:-/tmp}/plangraph-analysis.XXXXXX")}
bin=$(mktemp "${TMPDIR:-/tmp}/plangraph-synth-bench.XXXXXX")
trap 'rm -f "$bin"' EXIT

go test -c -o "$bin" ./bench/synth
: >"$raw"
run() { "$bin" -test.v -test.run '^$' -test.bench "$1" -test.benchtime "$2" -test.timeout 30m | tee -a "$raw" >&2; }
echo "== 1× queries (benchtime $x1)" >&2
run '^BenchmarkQuery$/^x1$/' "$x1"
echo "== 100× queries (benchtime $x100)" >&2
run '^BenchmarkQuery$/^x100$/' "$x100"
echo "== building the graphs" >&2
run '^BenchmarkBuild$' 1x

LC_ALL=C awk '
# pad: s and spaces to w display columns (a CJK character is 3 bytes, 2 columns).
function pad(s, w,   t, n) {
	t = s
	n = gsub(/[\200-\377]/, "", t)
	w -= length(s) - n / 3
	while (w-- > 0) s = s " "
	return s
}
function num(x) { return x == "" ? "-" : sprintf("%d", x) }
function dur(ns) {
	if (ns == "") return "-"
	if (ns < 1e3) return sprintf("%d ns", ns)
	if (ns < 1e6) return sprintf("%.1f us", ns / 1e3)
	if (ns < 1e9) return sprintf("%.1f ms", ns / 1e6)
	return sprintf("%.2f s", ns / 1e9)
}
# name-GOMAXPROCS  iterations  value unit  value unit …
/^Benchmark(Query|Build)\// && NF >= 4 {
	name = $1
	sub(/-[0-9]+$/, "", name)
	split(name, part, "/")
	scale = part[2]
	sub(/^Benchmark(Query|Build)\/x[0-9]+\/?/, "", name)
	kind = ($1 ~ /^BenchmarkQuery/) ? "q" : "b"
	for (i = 3; i < NF; i += 2) v[kind, name, scale, $(i + 1)] = $i
	v[kind, name, scale, "n"] = $2
	if (kind == "q" && !(name in seen)) { seen[name] = 1; order[++nq] = name }
	if (kind == "b") builds[scale] = 1
}
# -test.v prints why a benchmark skipped before its SKIP line.
/^    [a-z_]+\.go:[0-9]+: / { why = $0; sub(/^ +[a-z_]+\.go:[0-9]+: /, "", why) }
/^--- SKIP: BenchmarkQuery\// { skipped = $3; sub(/^BenchmarkQuery\//, "", skipped); skips[skipped] = why }
END {
	printf "\n%s %6s %10s %10s %6s %10s %10s %7s  %s\n", pad("query", 30), "n 1x", "p50 1x", "p99 1x", "n 100x", "p50 100x", "p99 100x", "p50 x", "results 1x -> 100x"
	for (k = 1; k <= nq; k++) {
		q = order[k]
		a = v["q", q, "x1", "p50-ns"]; b = v["q", q, "x100", "p50-ns"]
		ratio = (a != "" && b != "" && a > 0) ? sprintf("%.1f", b / a) : "-"
		printf "%s %6s %10s %10s %6s %10s %10s %7s  %s -> %s\n", pad(q, 30),
			num(v["q", q, "x1", "n"]), dur(a), dur(v["q", q, "x1", "p99-ns"]),
			num(v["q", q, "x100", "n"]), dur(b), dur(v["q", q, "x100", "p99-ns"]), ratio,
			num(v["q", q, "x1", "results"]), num(v["q", q, "x100", "results"])
	}
	for (s in skips) printf "skipped %s: %s\n", s, skips[s]
	printf "\n%-6s %8s %10s %10s %10s %10s\n", "scale", "quads", "generate", "load", "store", "total"
	for (s = 1; s <= 1000; s++) {
		sc = "x" s
		if (!(sc in builds)) continue
		printf "%-6s %8s %10s %10s %10s %10s\n", s "x", num(v["b", "", sc, "quads"]), dur(v["b", "", sc, "generate-ns"]),
			dur(v["b", "", sc, "load-ns"]), dur(v["b", "", sc, "replace-ns"]), dur(v["b", "", sc, "ns/op"])
	}
}' "$raw"
echo
echo "raw output: $raw"
