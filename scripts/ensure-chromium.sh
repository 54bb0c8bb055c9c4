#!/usr/bin/env bash
# The browser tests and figure 3 of the benchmark drive Debian's Chromium (Playwright's own browser download
# does not work on our machines). Installs it when missing and we can.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $browser: install it (e.g. 'sudo apt-get install chromium')" >&2
echo "or point CHROMIUM_PATH at a Chromium or Chrome binary." >&2
exit 1
