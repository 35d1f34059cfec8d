#!/usr/bin/env bash
# Installs the system packages Venzory uses beyond Node: redis-server (queues, rate limits, live
# sync) and chromium (end-to-end tests). Idempotent: installs only what is missing.
#
#   scripts/setup-system.sh [--strict] [redis-server] [chromium]
#
# With no package names, checks both. As root on Debian/Ubuntu it runs `apt-get update` once and
# installs what is missing; anywhere else it prints what to install. Without --strict a failure is
# only a warning (the app runs without Redis in degraded mode; only e2e tests need Chromium).
set -uo pipefail

strict=0
wanted=()
for arg in "$@"; do
  case "$arg" in
    --strict) strict=1 ;;
    redis-server|chromium) wanted+=("$arg") ;;
    *) echo "setup-system: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
[ ${#wanted[@]} -eq 0 ] && wanted=(redis-server chromium)

have() {
  case "$1" in
    redis-server) command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] ;;
    # The e2e tests honour CHROMIUM_PATH (CI points it at the runner's Chrome).
    chromium) { [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; } || command -v chromium >/dev/null 2>&1 ;;
  esac
}

missing=()
for pkg in "${wanted[@]}"; do have "$pkg" || missing+=("$pkg"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: ${wanted[*]} already installed"
  exit 0
fi

give_up() {
  if [ "$strict" = 1 ]; then
    echo "setup-system: ERROR: $1. Install: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup-system: WARNING: $1. Please install: ${missing[*]} (continuing without them)" >&2
  exit 0
}

[ "$(id -u)" = 0 ] || give_up "not root, so not installing system packages (Debian/Ubuntu: sudo apt-get install -y ${missing[*]})"
command -v apt-get >/dev/null 2>&1 || give_up "apt-get not found (not Debian/Ubuntu); use your system's package manager"

echo "setup-system: installing ${missing[*]} with apt-get (about a minute)…"
export DEBIAN_FRONTEND=noninteractive
# --no-install-recommends keeps chromium from pulling in a desktop's worth of extras.
if ! apt-get update -qq </dev/null; then
  give_up "apt-get update failed (offline or no package mirror?)"
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null; then
  give_up "apt-get install failed"
fi

# The Debian package may also start a system redis-server on 6379; harmless (the tests can use it)
# and the app's own local Redis picks a separate port.
still=()
for pkg in "${missing[@]}"; do have "$pkg" || still+=("$pkg"); done
[ ${#still[@]} -eq 0 ] || { missing=("${still[@]}"); give_up "still missing after apt-get install"; }
echo "setup-system: installed ${missing[*]}"
