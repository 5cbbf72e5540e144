#!/usr/bin/env bash
# Varnish on loopback in front of the hub, with deploy/varnish/almenhub.vcl
# pointed at BACKEND_PORT. Runs in the foreground (exec), so whoever started
# it stops it with one signal. Used by prod-stack.sh, the proxy tests and
# bench/load.py.
#
# Environment: BACKEND_PORT (required), VARNISH_PORT (default 6081),
# VARNISH_MEMORY (default 256m), VARNISH_WORKDIR (default under $TMPDIR).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BACKEND_PORT:?the port the hub listens on}"
VARNISH_PORT=${VARNISH_PORT:-6081}
scripts/ensure-varnish.sh
varnishd=$(command -v varnishd || echo /usr/sbin/varnishd)
work=${VARNISH_WORKDIR:-${TMPDIR:-/tmp}/almenhub-varnish-$VARNISH_PORT}
rm -rf "$work"
mkdir -p "$work"
sed "s/^\(    \.port = \)\"8000\";/\1\"$BACKEND_PORT\";/" deploy/varnish/almenhub.vcl >"$work/almenhub.vcl"
grep -q "\.port = \"$BACKEND_PORT\";" "$work/almenhub.vcl"
# -j none: no jail (a non-root user may run it); -T none: no management
# port; http_gzip_support off: the hub's brotli and gzip pass as they are.
exec "$varnishd" -F -j none -T none -n "$work" \
  -a "127.0.0.1:$VARNISH_PORT" -f "$work/almenhub.vcl" \
  -s "malloc,${VARNISH_MEMORY:-256m}" \
  -p http_gzip_support=off -p default_grace=0 -p ban_lurker_sleep=0.01
