#!/usr/bin/env bash
# make load [CLIENTS=16 OPS=500]: multi-worker Odoo, concurrent RPC clients, one
# worker killed mid-run; checks that every acknowledged write is there.
# make load TARGET=cluster: the same clients through make cluster's balancer; node
# 1 killed whole (and restarted), the replica stopped for 5 s; also checks that the
# replica served reads. Starts the cluster if it isn't up, and then stops it.
source "$(dirname "$0")/lib.sh"
setup_all
if [ "${TARGET:-}" = cluster ]; then
  CLUSTER="$LOCAL/cluster"
  started=""
  if [ ! -f "$CLUSTER/haproxy.pid" ]; then
    "$ROOT/tools/cluster.sh"
    started=1
  fi
  say "Load through the balancer: ${CLIENTS:-16} clients x ${OPS:-500} operations, node 1 killed, replica paused"
  rc=0
  MS_LOAD_CLUSTER="$CLUSTER" MS_REPLICA_PORT="${MS_REPLICA_PORT:-$((PGPORT + 10))}" \
    MS_PGUSER="$PGUSER_ODOO" MS_PGPASSWORD="$(pg_password)" MS_PGBIN="$PGBIN" \
    "$PY" "$ROOT/tools/load.py" "$CONF" "${MS_CLUSTER_DB:-ms_cluster}" "${MS_LB_PORT:-8090}" \
    "${CLIENTS:-16}" "${OPS:-500}" || rc=$?
  if [ -n "$started" ]; then "$ROOT/tools/cluster_stop.sh"; fi
  exit "$rc"
fi
LOAD_DB=ms_load
say "Fresh database $LOAD_DB with the addon"
odoo_db drop "$LOAD_DB" >/dev/null 2>&1 || true
odoo_db init "$LOAD_DB" --country MX --username admin --password admin >/dev/null 2>&1
odoo -d "$LOAD_DB" -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
say "Load: ${CLIENTS:-16} clients x ${OPS:-500} operations, one worker killed"
rm -f "$LOCAL/load-server.log"
MS_LOAD_LOG="$LOCAL/load-server.log" "$PY" "$ROOT/tools/load.py" "$CONF" "$LOAD_DB" "${MS_LOAD_PORT:-8079}" "${CLIENTS:-16}" "${OPS:-500}"
