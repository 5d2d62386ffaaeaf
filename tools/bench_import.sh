#!/usr/bin/env bash
# make bench-import [ORGS=10000 RUNS=3]: P7, importing ORGS organizations with 2
# contact people each from one XLSX through Odoo's import (base_import, batches of
# 2,000 rows as the web client sends them), as a national Operador, against the same
# rows imported as plain contacts. Each run in its own process, in a fresh copy of
# ms_bench_import (dropped after it), plain and ours interleaved; the figures go into
# docs/BENCHMARKS.md between the p7 markers. Not part of CI.
source "$(dirname "$0")/lib.sh"
# Its own Odoo configuration (the shared one's settings, this clone's addons): the
# bench loads the addon of the clone it runs from without repointing .local/odoo.conf,
# which other clones sharing .local may be serving from.
CONF="$LOCAL/bench-import.conf"
setup_all
ORGS="${ORGS:-10000}"
RUNS="${RUNS:-3}"
BENCH_DB=ms_bench_import
RUN_DB=ms_bench_import_run
CACHE="$LOCAL/bench-import"
OUT="$LOCAL/bench-import.log"
mkdir -p "$CACHE"
: >"$OUT"
echo "LOAD start $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"

shell() {
  "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$1" --log-level=warn \
    <"$ROOT/tools/bench/import_xlsx.py" 2>"$LOCAL/bench-import-$2.err"
}
drop_run_db() {
  odoo_db drop "$RUN_DB" >/dev/null 2>&1 || true
  rm -rf "$LOCAL/data/filestore/$RUN_DB"
}

# The template: fresh, no demo, Spanish (Mexico) as the commission's users have it
b0=$(date +%s)
drop_stale_bench_db "$BENCH_DB"
if ! db_exists "$BENCH_DB"; then
  say "Building $BENCH_DB: a fresh database with the addon, no demo data"
  odoo_db init "$BENCH_DB" --language es_MX --country MX >/dev/null 2>&1
  odoo -d "$BENCH_DB" -i "$ADDON" --stop-after-init --log-level=warn >"$LOCAL/bench-import-install.log" 2>&1 \
    && ! grep -q " ERROR \| CRITICAL " "$LOCAL/bench-import-install.log" \
    || { tail -20 "$LOCAL/bench-import-install.log" >&2; die "install failed"; }
  stamp_bench_db "$BENCH_DB"
  echo "BUILD built seconds=$(($(date +%s) - b0))" | tee -a "$OUT"
elif bench_db_changed "$BENCH_DB"; then
  upgrade_bench_db "$BENCH_DB"
  echo "BUILD upgraded seconds=$(($(date +%s) - b0))" | tee -a "$OUT"
fi

say "The Operador and the XLSX ($ORGS organizations, $((ORGS * 2)) people; cached in $CACHE)"
MS_BENCH_MODE=prepare MS_BENCH_ORGS=$ORGS MS_BENCH_CACHE="$CACHE" shell "$BENCH_DB" prepare \
  | grep '^PREPARE' | tee -a "$OUT" \
  || die "prepare failed (see $LOCAL/bench-import-prepare.err)"
psql_q -d "$BENCH_DB" -c "VACUUM (ANALYZE)"  # the copies start with fresh statistics

say "P7: $RUNS runs each, plain contacts and ours interleaved, each in a fresh copy of $BENCH_DB"
trap drop_run_db EXIT
for run in $(seq "$RUNS"); do
  for mode in plain ours; do
    drop_run_db
    psql_q -c "CREATE DATABASE $RUN_DB TEMPLATE $BENCH_DB"
    MS_BENCH_MODE=$mode MS_BENCH_ORGS=$ORGS MS_BENCH_CACHE="$CACHE" shell "$RUN_DB" "$mode" \
      | grep '^IMPORT' | tee -a "$OUT" \
      || echo "IMPORT {\"mode\": \"$mode\", \"failed\": true}" | tee -a "$OUT"
  done
done
drop_run_db

echo "LOAD end $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"
"$PY" "$ROOT/tools/bench/import_report.py" "$OUT" "$ROOT/docs/BENCHMARKS.md"
