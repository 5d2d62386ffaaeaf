#!/usr/bin/env bash
# make bench [SIZE=small|medium|large|xlarge]: build a benchmark database at that size
# (Odoo's populate, duplicating the demo data), run each case 5 times warm against
# Odoo's own equivalent (P3 and P9 3 times, each run in its own process), print the
# table and write docs/BENCHMARKS-<size>.md.
source "$(dirname "$0")/lib.sh"
setup_all
SIZE="${SIZE:-small}"
case "$SIZE" in
  small) FACTOR=10 ;; medium) FACTOR=100 ;; large) FACTOR=1000 ;;
  xlarge) exec "$ROOT/tools/bench_xlarge.sh" ;;  # the large database grown in SQL
  *) die "SIZE is small, medium, large or xlarge" ;;
esac
BENCH_DB="ms_bench_$SIZE"
OUT="$LOCAL/bench-$SIZE.log"
DEPS=mail,contacts,base_address_extended,base_location,calendar,mass_mailing,report_xlsx,auditlog,privacy_partner_to_be_forgotten,web_hierarchy,partner_multi_relation
# Order matters: populate remaps a many2one to the copies of its comodel only if that
# comodel was populated before. res.partner comes first, so copy k of an organization
# (ms.movement) or of a cadre (ms.cadre) gets copy k of its own contact and their
# UNIQUE(partner_id) holds; ms.cadre before ms.cadre.insertion and ms.cadre.report, so
# copied insertions point at copied cadres. tools/bench/populate_fixup.py then fills
# what populate doesn't copy (the sectors of copied organizations) and checks the result.
MODELS=res.partner,ms.movement,ms.cadre,ms.cadre.insertion,ms.cadre.report,ms.movement.evaluation,ms.conference,ms.conference.participant,ms.session,ms.agreement,ms.demand,ms.alliance,ms.alliance.member
# A database built by another version of the addon is rebuilt; one built by the same
# version whose code changed since is upgraded (-u), so the cases run on its schema.
: >"$OUT"
# The machine is shared: the load around the run goes with its figures
echo "LOAD start $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"

if [ -z "${MS_BENCH_BUILD_ONLY:-}" ]; then
say "P6: install time of the addon over its dependencies (fresh database, no demo)"
odoo_db drop ms_bench_install >/dev/null 2>&1 || true
odoo_db init ms_bench_install --country MX >/dev/null 2>&1
t0=$(date +%s.%N)
odoo -d ms_bench_install -i "$DEPS" --stop-after-init --log-level=warn >/dev/null 2>&1
t1=$(date +%s.%N)
odoo -d ms_bench_install -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
t2=$(date +%s.%N)
odoo_db drop ms_bench_install >/dev/null 2>&1 || true
echo "P6 deps_s=$(echo "$t1 - $t0" | bc) addon_s=$(echo "$t2 - $t1" | bc)" | tee -a "$OUT"
fi

drop_stale_bench_db "$BENCH_DB"
b0=$(date +%s)
if ! db_exists "$BENCH_DB"; then
  say "Building $BENCH_DB: demo data × $FACTOR (odoo-bin populate)"
  odoo_db init "$BENCH_DB" --with-demo --country MX >/dev/null 2>&1
  odoo -d "$BENCH_DB" -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
  "$PY" "$ODOO_PATH/odoo-bin" populate -c "$CONF" -d "$BENCH_DB" --models "$MODELS" \
    --factors "$FACTOR" --log-level=warn 2>&1 | grep -v "my_default\|variation branch" || true
  "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" --log-level=warn \
    <"$ROOT/tools/bench/populate_fixup.py" 2>&1 | grep '^POPULATED' \
    || die "populate left $BENCH_DB inconsistent (see: odoo-bin shell < tools/bench/populate_fixup.py)"
  MS_BENCH_ROWS=50000 "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" \
    --log-level=warn <"$ROOT/tools/bench/populate_demands.py" >/dev/null 2>&1
  stamp_bench_db "$BENCH_DB"
  psql_q -d "$BENCH_DB" -c "VACUUM (ANALYZE)"  # fresh statistics for the planner
  echo "BUILD built seconds=$(($(date +%s) - b0))" | tee -a "$OUT"
elif bench_db_changed "$BENCH_DB"; then
  upgrade_bench_db "$BENCH_DB"
  psql_q -d "$BENCH_DB" -c "VACUUM (ANALYZE)"  # fresh statistics for the planner
  echo "BUILD upgraded seconds=$(($(date +%s) - b0))" | tee -a "$OUT"
fi
# P10's network: relations between contacts and joint actions (populate copies neither)
MS_BENCH_RELATIONS=$((FACTOR * 20)) "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" \
  --log-level=warn <"$ROOT/tools/bench/populate_network.py" 2>&1 | grep '^NETWORK' | tee -a "$OUT" \
  || die "the network could not be populated (see: odoo-bin shell < tools/bench/populate_network.py)"
# P9's 5,000 invitees, created once and kept archived (tools/bench/invite_5k.py)
say "P9 fixture: a sector of 5,000 contacts (created once, archived between runs)"
MS_BENCH_MODE=fixture "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" \
  --log-level=warn <"$ROOT/tools/bench/invite_5k.py" 2>&1 | grep '^FIXTURE' | tee -a "$OUT" \
  || die "the P9 fixture could not be made (see: MS_BENCH_MODE=fixture odoo-bin shell < tools/bench/invite_5k.py)"
# The contacts populate made (the bench users of P11 and P9's invitees left out)
counts="$(psql_q -d "$BENCH_DB" -F ' ' -c "SELECT 'partners=' || (SELECT count(*) FROM res_partner
    WHERE id NOT IN (SELECT partner_id FROM res_users WHERE login LIKE 'ms_bench_%')
      AND ref IS DISTINCT FROM 'ms_bench_p9'),
  'organizations=' || (SELECT count(*) FROM ms_movement), 'cadres=' || (SELECT count(*) FROM ms_cadre),
  'insertions=' || (SELECT count(*) FROM ms_cadre_insertion)")"
echo "SIZE $SIZE $counts" | tee -a "$OUT"
# make bench SIZE=xlarge starts from the large database: built (or upgraded), no case run
[ -n "${MS_BENCH_BUILD_ONLY:-}" ] && exit 0

say "P1, P2, P4, P5, P10, P11, P12 (5 warm runs each)"
"$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" --log-level=warn \
  <"$ROOT/tools/bench/run.py" 2>&1 | grep '^CASE' | tee -a "$OUT"

say "P3: XLSX export of 50,000 citizen demands, each way in its own process"
for run in 1 2 3; do
  for mode in floor odoo ours; do
    MS_BENCH_MODE=$mode "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" \
      --log-level=warn <"$ROOT/tools/bench/export_50k.py" 2>&1 | grep '^RESULT' | tee -a "$OUT"
  done
done

say "P9: inviting a 5,000-contact sector to a conference, each way in its own process"
for run in 1 2 3; do
  for mode in odoo ours odoo_1k ours_1k; do
    MS_BENCH_MODE=$mode "$PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$BENCH_DB" \
      --log-level=warn <"$ROOT/tools/bench/invite_5k.py" 2>&1 | grep '^INVITE' | tee -a "$OUT"
  done
done

say "P10: drawing the network in headless Chromium (2,000 nodes / 5,000 edges; 500 / 1,200)"
"$PY" "$ROOT/tools/bench/network_draw.py" --log | grep '^DRAW' | tee -a "$OUT" \
  || echo "DRAW failed" | tee -a "$OUT"

echo "LOAD end $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"
"$PY" "$ROOT/tools/bench/report.py" "$OUT" "$SIZE" "make bench SIZE=$SIZE" >"$ROOT/docs/BENCHMARKS-$SIZE.md"
cat "$ROOT/docs/BENCHMARKS-$SIZE.md"
