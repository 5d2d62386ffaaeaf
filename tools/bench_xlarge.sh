#!/usr/bin/env bash
# make bench SIZE=xlarge: the national size. The large bench database (built or
# upgraded first, as make bench SIZE=large does) is copied and grown in SQL to
# about 1,000,000 contacts and 100,000 organizations (tools/bench/amplify.py);
# then P1, P2, P4, P11 and P12 run on the large database and on the national one,
# one after the other in the same run, each against its native baseline. Writes
# docs/BENCHMARKS-xlarge.md and the national section of docs/BENCHMARKS.md.
source "$(dirname "$0")/lib.sh"
setup_all
BASE_DB=ms_bench_large
BENCH_DB=ms_bench_xlarge
OUT="$LOCAL/bench-xlarge.log"
CASES=p1_audience,p2_board,p4_views,p4_native,p11_scoped_contacts,p12_map

say "The large database first (built, or upgraded to this code)"
SIZE=large MS_BENCH_BUILD_ONLY=1 "$ROOT/tools/bench.sh" | grep -v '^SIZE' || die "the large database could not be made"

: >"$OUT"
echo "LOAD start $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"
# One grown by another version of the addon is made again; one whose code changed
# since is upgraded (-u), as make bench does
drop_stale_bench_db "$BENCH_DB"
if db_exists "$BENCH_DB" && bench_db_changed "$BENCH_DB"; then
  upgrade_bench_db "$BENCH_DB"
  psql_q -d "$BENCH_DB" -c "VACUUM (ANALYZE)"
fi
if ! db_exists "$BENCH_DB"; then
  say "Building $BENCH_DB: a copy of $BASE_DB grown in SQL"
  b0=$(date +%s)
  psql_q -c "CREATE DATABASE $BENCH_DB TEMPLATE $BASE_DB" || die "could not copy $BASE_DB"
  rm -rf "$LOCAL/data/filestore/$BENCH_DB"
  if [ -d "$LOCAL/data/filestore/$BASE_DB" ]; then
    cp -al "$LOCAL/data/filestore/$BASE_DB" "$LOCAL/data/filestore/$BENCH_DB"
  fi
  amplified="$("$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" --log-level=warn \
    <"$ROOT/tools/bench/amplify.py" 2>&1 | grep '^AMPLIFIED')" \
    || die "growing $BENCH_DB failed (see: odoo-bin shell < tools/bench/amplify.py)"
  echo "$amplified" | tee -a "$OUT"
  a1=$(date +%s)
  psql_q -d "$BENCH_DB" -c "VACUUM (ANALYZE)"
  stamp_bench_db "$BENCH_DB"
  set_bench_stamp "$BENCH_DB" build "seconds=$(($(date +%s) - b0)) grow_seconds=$((a1 - b0)) vacuum_seconds=$(($(date +%s) - a1)) ($amplified)"
  echo "BUILD built $(bench_stamp "$BENCH_DB" build)" | tee -a "$OUT"
else
  echo "BUILD kept (when it was grown: $(bench_stamp "$BENCH_DB" build))" | tee -a "$OUT"
fi
for db in "$BASE_DB" "$BENCH_DB"; do
  counts="$(psql_q -d "$db" -F ' ' -c "SELECT 'partners=' || (SELECT count(*) FROM res_partner),
    'organizations=' || (SELECT count(*) FROM ms_movement)")"
  echo "SIZE ${db#ms_bench_} $counts" | tee -a "$OUT"
done

say "P1, P2, P4, P11, P12 on $BASE_DB, then on $BENCH_DB (5 warm runs each)"
for db in "$BASE_DB" "$BENCH_DB"; do
  MS_BENCH_CASES="$CASES" "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$db" \
    --log-level=warn <"$ROOT/tools/bench/run.py" 2>&1 | grep '^CASE' \
    | sed "s/^CASE /CASE[${db#ms_bench_}] /" | tee -a "$OUT"
done
say "Name search of contacts, the addon's against Odoo's plain search, on $BENCH_DB"
"$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" --log-level=warn \
  <"$ROOT/tools/bench/name_search.py" 2>&1 | grep '^NAME_SEARCH' | tee -a "$OUT"
echo "LOAD end $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"
"$PY" "$ROOT/tools/bench/report_xlarge.py" "$OUT" "$ROOT/docs"
