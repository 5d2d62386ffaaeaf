#!/usr/bin/env bash
# make stop: stop the Odoo server started by make run.
source "$(dirname "$0")/lib.sh"
pidfile="$LOCAL/odoo.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  kill "$(cat "$pidfile")"
  for _ in $(seq 1 30); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.5; done
  say "Odoo stopped"
else
  say "Odoo is not running"
fi
rm -f "$pidfile"
