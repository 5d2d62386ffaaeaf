#!/usr/bin/env bash
# make reset: stop Odoo and PostgreSQL, drop the project's cluster, databases and filestore.
source "$(dirname "$0")/lib.sh"
"$(dirname "$0")/stop.sh"
if [ -f "$PGDATA/PG_VERSION" ]; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
fi
rm -rf "$PGDIR" "$LOCAL/data" "$LOCAL"/*.addon-hash "$CONF"
say "The project's cluster, databases and filestore are gone (the virtualenv is kept)"
