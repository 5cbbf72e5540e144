#!/usr/bin/env bash
# The proxy test (core/tests/test_varnish.py), `make prod-demo` and
# bench/load.py run Debian's Varnish; install it when it is missing. (The
# package also starts a system-wide varnishd on port 6081; ours run on ports
# of their own, started by scripts/varnish.sh.)
exec "$(dirname "$0")/ensure-package.sh" varnishd varnish "the Varnish proxy"
