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
name=explore
source "$(dirname "$0")/lib.sh"

require_tools

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

start_server
say "server pid $server_pid at http://$addr/explore"
curl -fsS -o /dev/null "http://$addr/explore" || die "GET /explore failed: the server does not serve the explorer page"
npm_ci

mkdir -p "$here/out"
CHROMIUM=$chromium run_node explore explore.mjs "http://$addr/explore" "$here/out"
graceful_stop
close
