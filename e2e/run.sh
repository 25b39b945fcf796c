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
name=e2e
source "$(dirname "$0")/lib.sh"

require_tools
start_server
url="http://$addr/graphql"
say "server pid $server_pid at $url"
npm_ci

run_node audit audit.mjs "$url"
run_node clients clients.mjs "$url"

say "server still healthy"
if curl -fsS -o /dev/null "http://$addr/healthz" && curl -fsS -o /dev/null "http://$addr/readyz"; then
  passed=$((passed + 1))
else
  echo "e2e: /healthz or /readyz failed after the runs"; failed=$((failed + 1))
fi
graceful_stop
close
