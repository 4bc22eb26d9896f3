#!/usr/bin/env bash
# Makes sure tmux is installed: tests/tui/terminal.test.ts runs `hlbot tui` in a real terminal
# through it. Idempotent and quiet: does nothing when tmux is on PATH; otherwise installs Debian's
# package with apt-get (CI runs as root on Debian). Never fails the build on its own — the test
# says clearly that it skipped.
set -u
command -v tmux >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tmux: tmux missing and apt-get unavailable; the real-terminal TUI test will skip" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-tmux: tmux missing and not root; the real-terminal TUI test will skip" >&2
    exit 0
  fi
fi
echo "ensure-tmux: installing Debian tmux for the TUI terminal test" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq --no-install-recommends tmux >/dev/null 2>&1 ||
  { $SUDO apt-get update -qq >/dev/null 2>&1; $SUDO apt-get install -y -qq --no-install-recommends tmux >/dev/null 2>&1; } ||
  echo "ensure-tmux: apt-get install tmux failed" >&2
command -v tmux >/dev/null 2>&1 || echo "ensure-tmux: tmux still missing" >&2
exit 0
