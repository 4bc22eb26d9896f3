#!/usr/bin/env bash
# Makes sure Debian's chromium is installed: the dashboard test drives it headless through
# playwright-core. Idempotent and quiet: does nothing when /usr/bin/chromium exists; otherwise
# installs it with apt-get (CI runs as root on Debian). Never fails the build on its own — the
# dashboard test reports a missing browser clearly.
set -u
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM missing and apt-get unavailable; install chromium manually" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: $CHROMIUM missing and not root; install chromium manually" >&2
    exit 0
  fi
fi
echo "ensure-chromium: installing Debian chromium for the dashboard test" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || echo "ensure-chromium: apt-get update failed" >&2
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
  echo "ensure-chromium: apt-get install chromium failed" >&2
[ -x "$CHROMIUM" ] || echo "ensure-chromium: $CHROMIUM still missing" >&2
exit 0
