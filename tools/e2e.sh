#!/usr/bin/env bash
# make e2e: a sector mailing and a conference's invitation sent by Odoo's mail
# queue to a local SMTP sink; an invitation's answer link followed.
source "$(dirname "$0")/lib.sh"
setup_all
E2E_DB=ms_e2e
say "Fresh database $E2E_DB with the addon"
odoo_db drop "$E2E_DB" >/dev/null 2>&1 || true
odoo_db init "$E2E_DB" --country MX --username admin --password admin >/dev/null 2>&1
odoo -d "$E2E_DB" -i "$ADDON" --stop-after-init --log-level=warn >/dev/null 2>&1
say "Mailing to 300 contacts, then a conference invitation to 300, through a loopback SMTP sink"
MS_E2E_LOG="$LOCAL/e2e-server.log" timeout 600 "$PY" "$ROOT/tools/e2e.py" "$CONF" "$E2E_DB" "${MS_E2E_PORT:-8089}"
