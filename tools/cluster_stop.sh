#!/usr/bin/env bash
# make cluster-stop: stop what make cluster started, each process by its own pid
# (HAProxy, the two Odoo nodes with their workers, the replica; the primary only
# if make cluster started it), and wait until each is gone.
source "$(dirname "$0")/lib.sh"
CLUSTER="$LOCAL/cluster"

# running, and not a zombie (a process whose parent, here PID 1 of a container,
# may never reap it)
alive() { kill -0 "$1" 2>/dev/null && [[ "$(ps -o stat= -p "$1")" != Z* ]]; }

stop_pid() {  # name, pidfile[, group]: SIGTERM (an Odoo master: twice, the
  # second forcing its shutdown), then SIGKILL (of its whole session for a node)
  local name="$1" file="$2" group="${3:-}" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if [ -n "$pid" ] && alive "$pid"; then
    say "Stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 60); do
      alive "$pid" || break
      if [ -n "$group" ] && [ "$i" = 10 ]; then kill -TERM "$pid" 2>/dev/null || true; fi
      sleep 0.5
    done
    if alive "$pid"; then
      say "$name did not stop: SIGKILL"
      if [ -n "$group" ]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

stop_pid HAProxy "$CLUSTER/haproxy.pid"
# an Odoo master stops its workers, cron and gevent processes on SIGTERM
stop_pid "Odoo node 1" "$CLUSTER/node1.pid" group
stop_pid "Odoo node 2" "$CLUSTER/node2.pid" group
if [ -f "$CLUSTER/pg/replica/postmaster.pid" ]; then
  say "Stopping the replica"
  as_pg "$PGBIN/pg_ctl" -D "$CLUSTER/pg/replica" -w -t 60 stop -m fast >/dev/null || true
fi
stop_pid "the replica" "$CLUSTER/replica.pid"
if [ -f "$CLUSTER/primary.started" ]; then
  say "Stopping the primary (make cluster started it)"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -w -t 60 stop -m fast >/dev/null || true
  rm -f "$CLUSTER/primary.started"
fi
say "Cluster stopped"
