#!/usr/bin/env bash
# Headless Chromium for the report's screenshot test, from Debian's packages.
# Without root (or apt) the browser tests skip with a message instead.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (Debian package) for the browser tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "chromium not installed and no root to install it: browser tests will skip"
fi
