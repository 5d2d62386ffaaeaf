#!/usr/bin/env bash
# make load [CLIENTS=16 OPS=500]: multi-worker Odoo, concurrent RPC clients, one
# worker killed mid-run; checks that every acknowledged write is there.
source "$(dirname "$0")/lib.sh"
setup_all
LOAD_DB=ms_load
say "Fresh database $LOAD_DB with the addon"
odoo_db drop "$LOAD_DB" >/dev/null 2>&1 || true
odoo_db init "$LOAD_DB" --country MX --username admin --password admin >/dev/null 2>&1
odoo -d "$LOAD_DB" -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
say "Load: ${CLIENTS:-16} clients x ${OPS:-500} operations, one worker killed"
rm -f "$LOCAL/load-server.log"
MS_LOAD_LOG="$LOCAL/load-server.log" "$PY" "$ROOT/tools/load.py" "$CONF" "$LOAD_DB" "${MS_LOAD_PORT:-8079}" "${CLIENTS:-16}" "${OPS:-500}"
