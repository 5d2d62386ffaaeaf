#!/usr/bin/env bash
# make lint: ruff (lint + format check) and pylint-odoo; any finding fails.
# make format: apply ruff's fixes and formatting.
source "$(dirname "$0")/lib.sh"
ensure_lint_venv
VENV="$LINT_VENV"
cd "$ROOT"
if [ "${1:-}" = "--fix" ]; then
  "$VENV/bin/ruff" format .
  "$VENV/bin/ruff" check --fix .
  exit 0
fi
say "ruff check"
"$VENV/bin/ruff" check .
say "ruff format --check"
"$VENV/bin/ruff" format --check .
say "pylint-odoo"
"$VENV/bin/pylint" --rcfile=.pylintrc "$ADDON"
say "oca-checks-odoo-module (XML, CSV, manifest) and oca-checks-po"
"$VENV/bin/oca-checks-odoo-module" --no-verbose "$ADDON"
# po-pretty-format is off: it blanks a msgstr equal to its msgid ("Local",
# "Sector"), which reads as untranslated; po_merge.py sorts and wraps instead.
"$VENV/bin/oca-checks-po" --no-verbose --disable po-pretty-format "$ADDON"/i18n/*.po "$ADDON"/i18n/*.pot
