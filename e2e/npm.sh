# npm.sh — npm_install installs this folder's packages from
# package-lock.json when node_modules is missing or was installed from
# another lockfile. Source it.
npm_install() {
  (
    cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
    local sum stamp=node_modules/.plangraph-e2e-lock.sha256
    sum=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
      echo "==> npm ci"
      npm ci --no-audit --no-fund --loglevel=error && echo "$sum" >"$stamp"
    fi
  )
}
