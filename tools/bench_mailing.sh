#!/usr/bin/env bash
# make bench-mailing (P8): a 10,000-recipient sector mailing sent by Odoo's mailing
# and mail queue crons to a loopback SMTP sink, against the same recipients in a
# plain contacts mailing, then the cron worker killed mid-send; writes the figures
# into docs/BENCHMARKS.md (P8). Not part of CI. MS_P8_N=1000 for a short run.
source "$(dirname "$0")/lib.sh"
# A configuration of its own (.local may be shared by several clones: worktrees),
# with this clone's addons and the bench's HTTP port
CONF="$LOCAL/odoo-bench-mailing.conf"
HTTP_PORT=8300
setup_all
BENCH_DB="${MS_P8_DB:-ms_bench_mailing}"
case "$BENCH_DB" in ms_bench_mailing*) ;; *) die "MS_P8_DB must start with ms_bench_mailing" ;; esac
SMTP_PORT="${MS_P8_SMTP_PORT:-8301}"
drop_stale_bench_db "$BENCH_DB"
if ! db_exists "$BENCH_DB"; then
  say "Fresh database $BENCH_DB with the addon (no demo data)"
  odoo_db init "$BENCH_DB" --country MX --username admin --password admin >/dev/null 2>&1
  odoo -d "$BENCH_DB" -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
  stamp_bench_db "$BENCH_DB"
elif bench_db_changed "$BENCH_DB"; then
  upgrade_bench_db "$BENCH_DB"
fi
say "P8: ${MS_P8_N:-10000} recipients, sector vs plain mailing, then the kill test (SMTP sink 127.0.0.1:$SMTP_PORT)"
timeout "${MS_P8_TIMEOUT:-3000}" "$PY" "$ROOT/tools/bench/mailing_10k.py" "$CONF" "$BENCH_DB" "$SMTP_PORT" \
  2>&1 | tee "$LOCAL/bench-mailing.log"
exit "${PIPESTATUS[0]}"
