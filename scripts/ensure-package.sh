#!/usr/bin/env bash
# ensure-package.sh COMMAND PACKAGE WHY: install Debian's PACKAGE when
# COMMAND is missing (as root, from Debian's archive; CI runs so), else say
# what to install and fail.
set -euo pipefail
command=$1 package=$2 why=$3
if command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-package: installing Debian's $package ($why)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null 2>&1 || {
    apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null
  }
else
  echo "ensure-package: $why needs $package: sudo apt-get install $package" >&2
  exit 1
fi
