#!/usr/bin/env bash
# make test: set everything up, build a fresh test database with the addon installed
# once, then run the whole suite with pytest-odoo (HttpCase and tours included).
# Extra pytest arguments: make test ARGS="-k sector"
source "$(dirname "$0")/lib.sh"
setup_all

say "Fresh test database '$TEST_DB'"
odoo_db drop "$TEST_DB" >/dev/null 2>&1 || true
rm -rf "$LOCAL/data/filestore/$TEST_DB"
start=$(date +%s)
odoo_db init "$TEST_DB" --with-demo --language en_US --country MX --username admin --password admin \
  >"$LOCAL/test-init.log" 2>&1 || { tail -30 "$LOCAL/test-init.log" >&2; die "Creating $TEST_DB failed"; }
odoo -d "$TEST_DB" -i "$ADDON" --load-language=es_MX --stop-after-init --log-level=warn \
  2>&1 | tee "$LOCAL/test-install.log"
if grep -qE " (WARNING|ERROR|CRITICAL) " "$LOCAL/test-install.log"; then
  die "Installing $ADDON logged warnings or errors (see above): fix them, they fail the build."
fi
say "Installed in $(( $(date +%s) - start )) s"

cd "$ROOT"
# --strict-markers and the conftest's skip guard make a missing prerequisite a failure.
exec "$PY" -m pytest "$ADDON/tests" \
  --odoo-config="$CONF" --odoo-database="$TEST_DB" --odoo-http --odoo-log-level=warn \
  -p no:cacheprovider ${ARGS:-}
