#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; install it when it is missing.
exec "$(dirname "$0")/ensure-package.sh" chromium chromium "the browser tests"
