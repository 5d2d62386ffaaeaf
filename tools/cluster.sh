#!/usr/bin/env bash
# make cluster: on this one machine, loopback only, the deployment Odoo documents
# for more than one server (see README, "Past one machine"):
#   - PostgreSQL primary: the project's cluster (port $PGPORT);
#   - a streaming hot-standby replica of it (pg_basebackup, port $REPLICA_PORT);
#   - two Odoo nodes with workers (HTTP + gevent each), the same database and the
#     same filestore, each reading through the replica where Odoo does
#     (--db_replica_host/--db_replica_port: read-only requests);
#   - HAProxy (Debian's) in front: HTTP round robin to the nodes' workers,
#     /websocket to their gevent processes, health checks on /web/health.
# Everything it starts is recorded in $CLUSTER/*.pid and stopped by
# make cluster-stop (tools/cluster_stop.sh).
source "$(dirname "$0")/lib.sh"
DEB_PACKAGES+=(haproxy)
setup_all

CLUSTER="$LOCAL/cluster"
REPLICA_DIR="$CLUSTER/pg"  # the postgres user's: the replica's data and log
REPLICA_DATA="$REPLICA_DIR/replica"
REPLICA_PORT="${MS_REPLICA_PORT:-$((PGPORT + 10))}"
LB_PORT="${MS_LB_PORT:-8090}"
NODE_PORTS=("${MS_NODE1_PORT:-8091}" "${MS_NODE2_PORT:-8093}")  # gevent: port + 1
CLUSTER_DB="${MS_CLUSTER_DB:-ms_cluster}"
REPLICATOR=ms_replicator
mkdir -p "$CLUSTER"

# One Odoo node, in its own session (make load TARGET=cluster kills it whole:
# master, workers, cron and gevent) and restarts it.
start_node() {
  local port="${NODE_PORTS[$(($1 - 1))]}"
  setsid "$PY" "$ROOT/tools/odoo_node.py" -c "$CONF" -d "$CLUSTER_DB" --db-filter="^$CLUSTER_DB\$" \
    --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$((port + 1))" \
    --workers=2 --max-cron-threads=1 --proxy-mode \
    --db_replica_host=127.0.0.1 --db_replica_port="$REPLICA_PORT" \
    --pidfile="$CLUSTER/node$1.pid" --logfile="$CLUSTER/node$1.log" \
    --log-handler=odoo.service.model:INFO --log-level=warn >/dev/null 2>&1 &
}
wait_node() {
  local port="${NODE_PORTS[$(($1 - 1))]}"
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$port/web/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "node $1 did not start (see $CLUSTER/node$1.log)"
}
if [ "${1:-}" = node ]; then  # tools/cluster.sh node N: (re)start node N
  start_node "$2"
  wait_node "$2"
  exit 0
fi

for pidfile in "$CLUSTER"/*.pid; do
  [ -f "$pidfile" ] && die "A cluster is running, or was not stopped ($pidfile): make cluster-stop first."
done

# The primary: the project's cluster, which may have been running already
# (then make cluster-stop leaves it running).
if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  rm -f "$CLUSTER/primary.started"
else
  ensure_cluster
  touch "$CLUSTER/primary.started"
fi

say "Primary: a replication role and its loopback-only pg_hba line"
if ! grep -q "^host replication $REPLICATOR 127.0.0.1/32" "$PGDATA/pg_hba.conf"; then
  echo "host replication $REPLICATOR 127.0.0.1/32 scram-sha-256" | as_pg tee -a "$PGDATA/pg_hba.conf" >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" reload >/dev/null
fi
psql_q -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$REPLICATOR') THEN
    CREATE ROLE $REPLICATOR WITH REPLICATION LOGIN PASSWORD '$(pg_password)';
  END IF; END \$\$"

say "Database $CLUSTER_DB with the addon (made once, kept)"
if ! db_exists "$CLUSTER_DB"; then
  odoo_db init "$CLUSTER_DB" --country MX --username admin --password admin >/dev/null 2>&1
  odoo -d "$CLUSTER_DB" -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
fi

say "Replica: pg_basebackup of the primary, hot standby on 127.0.0.1:$REPLICA_PORT"
if [ -d "$REPLICA_DIR" ]; then rm -rf "$REPLICA_DIR"; fi
mkdir -p "$REPLICA_DATA"
if is_root; then chown -R postgres: "$REPLICA_DIR"; fi
chmod 700 "$REPLICA_DATA"
as_pg env PGPASSWORD="$(pg_password)" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" \
  -U "$REPLICATOR" -D "$REPLICA_DATA" -X stream -R --checkpoint=fast >/dev/null
as_pg tee -a "$REPLICA_DATA/postgresql.auto.conf" >/dev/null <<CONF
port = $REPLICA_PORT
hot_standby = on
hot_standby_feedback = on
CONF
as_pg "$PGBIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_DIR/replica.log" -w -t 60 start >/dev/null \
  || { tail -20 "$REPLICA_DIR/replica.log" >&2; die "the replica did not start"; }
head -1 "$REPLICA_DATA/postmaster.pid" >"$CLUSTER/replica.pid"
[ "$(PGPASSWORD="$(pg_password)" psql -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PGUSER_ODOO" \
  -d postgres -tAqc 'SELECT pg_is_in_recovery()')" = t ] || die "the replica is not in recovery"

say "Two Odoo nodes (2 HTTP workers + cron + gevent each), same database and filestore"
for i in 1 2; do start_node "$i"; done
for i in 1 2; do wait_node "$i"; done

say "HAProxy on 127.0.0.1:$LB_PORT"
cat >"$CLUSTER/haproxy.cfg" <<CFG
# Written by tools/cluster.sh: Odoo's deployment guide, with HAProxy
global
    maxconn 2000
    log stdout format raw local0 warning

defaults
    mode http
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    # a websocket stays open
    timeout tunnel 3600s
    option forwardfor
    # a request refused by a node that died is sent to the other
    retries 3
    option redispatch

frontend odoo
    bind 127.0.0.1:$LB_PORT
    http-request set-header X-Forwarded-Proto http
    http-request set-header X-Forwarded-Host %[req.hdr(host)]
    acl websocket path_beg /websocket
    use_backend odoo_gevent if websocket
    default_backend odoo_http

backend odoo_http
    balance roundrobin
    # with --proxy-mode, Odoo needs the Host header
    option httpchk
    http-check send meth GET uri /web/health ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    server node1 127.0.0.1:${NODE_PORTS[0]} check inter 2s fall 2 rise 2
    server node2 127.0.0.1:${NODE_PORTS[1]} check inter 2s fall 2 rise 2

backend odoo_gevent
    balance leastconn
    option httpchk
    http-check send meth GET uri /web/health ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    server node1 127.0.0.1:$((NODE_PORTS[0] + 1)) check port ${NODE_PORTS[0]} inter 2s fall 2 rise 2
    server node2 127.0.0.1:$((NODE_PORTS[1] + 1)) check port ${NODE_PORTS[1]} inter 2s fall 2 rise 2
CFG
haproxy -c -q -f "$CLUSTER/haproxy.cfg" || die "invalid $CLUSTER/haproxy.cfg"
haproxy -D -f "$CLUSTER/haproxy.cfg" -p "$CLUSTER/haproxy.pid"
for _ in $(seq 40); do
  curl -fs "http://127.0.0.1:$LB_PORT/web/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$LB_PORT/web/health" >/dev/null || die "the balancer does not answer"

say "Smoke check through the balancer"
"$PY" "$ROOT/tools/cluster_check.py" "http://127.0.0.1:$LB_PORT" "$CLUSTER_DB" "$PGPORT" \
  "$REPLICA_PORT" "$PGUSER_ODOO" "$(pg_password)" \
  || die "the cluster's smoke check failed (make cluster-stop stops what started)"

cat <<EOF
Cluster up (make cluster-stop stops it):
  balancer   http://127.0.0.1:$LB_PORT  (HTTP -> nodes, /websocket -> gevent)
  node 1     127.0.0.1:${NODE_PORTS[0]} (gevent $((NODE_PORTS[0] + 1)))  pid $(cat "$CLUSTER/node1.pid")
  node 2     127.0.0.1:${NODE_PORTS[1]} (gevent $((NODE_PORTS[1] + 1)))  pid $(cat "$CLUSTER/node2.pid")
  primary    127.0.0.1:$PGPORT  ($PGDATA)
  replica    127.0.0.1:$REPLICA_PORT  hot standby, pid $(cat "$CLUSTER/replica.pid")
  database   $CLUSTER_DB (admin/admin), filestore $LOCAL/data
EOF
