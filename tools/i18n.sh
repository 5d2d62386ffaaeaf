#!/usr/bin/env bash
# make i18n: update the addon in the test database, export the .pot, and merge it
# into i18n/es.po (existing translations are kept). Lists what is left to translate:
# write it by hand, in context (docs/GLOSSARY.md). Nothing is filled from other
# modules' catalogs: the same English word means other things there.
source "$(dirname "$0")/lib.sh"
setup_all
db_exists "$TEST_DB" || die "Run make test once: it builds the '$TEST_DB' database."
odoo -d "$TEST_DB" -u "$ADDON" --stop-after-init --log-level=warn
"$PY" "$ODOO_PATH/odoo-bin" i18n export -c "$CONF" -d "$TEST_DB" "$ADDON" 2>/dev/null
"$PY" "$ROOT/tools/po_merge.py" "$ROOT/$ADDON/i18n" | tail -1
