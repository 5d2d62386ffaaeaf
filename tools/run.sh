#!/usr/bin/env bash
# make run: set everything up, create the demo database once, serve Odoo in the background.
source "$(dirname "$0")/lib.sh"
setup_all

stamp="$LOCAL/$DEV_DB.addon-hash"
if ! db_exists "$DEV_DB"; then
  say "Creating database '$DEV_DB' with demo data (Spanish, Mexico) and installing $ADDON"
  odoo_db init "$DEV_DB" --with-demo --language es_MX --country MX --username admin --password admin \
    >"$LOCAL/run-init.log" 2>&1 || { tail -30 "$LOCAL/run-init.log" >&2; die "Creating $DEV_DB failed"; }
  odoo -d "$DEV_DB" -i "$ADDON" --stop-after-init --log-level=warn
  addon_hash >"$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$(addon_hash)" ]; then
  say "The addon changed since the last run: updating it in '$DEV_DB'"
  "$(dirname "$0")/stop.sh" >/dev/null
  odoo -d "$DEV_DB" -u "$ADDON" --stop-after-init --log-level=warn
  addon_hash >"$stamp"
fi

pidfile="$LOCAL/odoo.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  say "Odoo is already running (pid $(cat "$pidfile"))"
else
  say "Starting Odoo (log: $LOCAL/odoo.log)"
  nohup "$PY" "$ODOO_PATH/odoo-bin" -c "$CONF" -d "$DEV_DB" --db-filter="^$DEV_DB\$" \
    --logfile="$LOCAL/odoo.log" >/dev/null 2>&1 &
  echo $! >"$pidfile"
fi
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -30 "$LOCAL/odoo.log" >&2; die "Odoo stopped"; }
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" || die "Odoo does not answer on port $HTTP_PORT"
say "Odoo is serving http://127.0.0.1:$HTTP_PORT/odoo  (login admin / admin; make stop to stop it)"
