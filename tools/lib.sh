#!/usr/bin/env bash
# Shared settings and helpers for the project's make targets.
# Sourced by tools/*.sh; every path lives under the clone, except Odoo's tree.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PATH="${ODOO_PATH:-/opt/odoo}"
LOCAL="$ROOT/.local"                 # git-ignored: cluster, config, filestore, logs
VENV="$ROOT/.venv"                   # git-ignored
PY="$VENV/bin/python"
PGDIR="$LOCAL/pg"
PGDATA="$PGDIR/data"
PGPORT="${MS_PGPORT:-54329}"
PGUSER_ODOO="${MS_PGUSER:-ms_odoo}"
PGBIN="${MS_PGBIN:-/usr/lib/postgresql/15/bin}"
HTTP_PORT="${MS_HTTP_PORT:-8069}"
DEV_DB="${MS_DB:-movimientos_sociales}"
TEST_DB="${MS_TEST_DB:-movimientos_sociales_test}"
CONF="${MS_CONF:-$LOCAL/odoo.conf}"  # MS_CONF: another checkout sharing .local
ADDON=movimientos_sociales

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

require_odoo() {
  if [ ! -f "$ODOO_PATH/odoo-bin" ] || [ ! -d "$ODOO_PATH/odoo/addons/base" ]; then
    die "Odoo 19.0 Community source tree not found at '$ODOO_PATH'.
       Expected '$ODOO_PATH/odoo-bin' and '$ODOO_PATH/odoo/addons/base'.
       Get Odoo's official 19.0 source (https://github.com/odoo/odoo, branch 19.0,
       or a 19.0 nightly from https://nightly.odoo.com) and put it at /opt/odoo,
       or point ODOO_PATH at it. This project runs Odoo from that tree; it never copies it."
  fi
  grep -q "version_info = (19, 0" "$ODOO_PATH/odoo/release.py" \
    || die "The tree at '$ODOO_PATH' is not Odoo 19.0 (see odoo/release.py)."
}

# --- system packages -------------------------------------------------------
DEB_PACKAGES=(postgresql chromium libldap2-dev libsasl2-dev libpq-dev build-essential curl)

ensure_debs() {
  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  local sudo=""
  is_root || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- python virtualenv -----------------------------------------------------
# pip, quiet, without this machine's notes about absent local index folders.
pip_q() { "$PY" -m pip -q "$@" 2>&1 | { grep -v "is ignored: it is neither" || true; }; }

ensure_venv() {
  local stamp="$VENV/.ms-requirements" want
  want="$(cat "$ODOO_PATH/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-oca.txt" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "Building the virtualenv in $VENV (Odoo's requirements + the project's)"
  local python="${MS_PYTHON:-$(command -v python3.11 || command -v python3)}"
  [ -x "$PY" ] || "$python" -m venv "$VENV"
  pip_q install --upgrade pip wheel
  pip_q install -r "$ODOO_PATH/requirements.txt" -r "$ROOT/requirements.txt"
  # OCA wheels require odoo==19.0.*, which no registry has: install them without deps;
  # their own Python needs are in requirements.txt.
  pip_q install --no-deps -r "$ROOT/requirements-oca.txt"
  echo "$want" >"$stamp"
}

LINT_VENV="$ROOT/.venv-lint"
ensure_lint_venv() {
  local stamp="$LINT_VENV/.ms-requirements" want
  want="$(sha256sum "$ROOT/requirements-lint.txt" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "Building the lint virtualenv in $LINT_VENV"
  local python="${MS_PYTHON:-$(command -v python3.11 || command -v python3)}"
  [ -x "$LINT_VENV/bin/python" ] || "$python" -m venv "$LINT_VENV"
  PY="$LINT_VENV/bin/python" pip_q install -r "$ROOT/requirements-lint.txt"
  echo "$want" >"$stamp"
}

link_odoo() {
  # Make 'import odoo' work in the venv (pytest-odoo, tools), pointing at the tree.
  local site
  site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "$ODOO_PATH" >"$site/odoo-tree.pth"
}

# --- PostgreSQL: a project-local cluster -----------------------------------
# As root, PostgreSQL must run as the 'postgres' system user.
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

make_reachable() {
  # The postgres user must be able to traverse every directory down to $PGDIR.
  is_root || return 0
  local d="$PGDIR"
  while [ "$d" != "/" ]; do
    d="$(dirname "$d")"
    if ! runuser -u postgres -- test -x "$d"; then
      say "Granting traverse (o+x) on $d so that the postgres user reaches the cluster"
      chmod o+x "$d"
    fi
  done
}

pg_password() { cat "$LOCAL/pgpass"; }

ensure_cluster() {
  mkdir -p "$LOCAL"
  if [ ! -f "$LOCAL/pgpass" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$LOCAL/pgpass")
  fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    say "Creating the project's PostgreSQL cluster in $PGDATA (port $PGPORT, role $PGUSER_ODOO)"
    mkdir -p "$PGDIR"
    is_root && chown postgres: "$PGDIR"
    make_reachable
    local pwfile="$PGDIR/.pw"
    cp "$LOCAL/pgpass" "$pwfile"
    is_root && chown postgres: "$pwfile"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U "$PGUSER_ODOO" --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=reject -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >>"$PGDATA/postgresql.conf" <<CONF
# movimientos_sociales: loopback only, own port, no unix socket
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  make_reachable
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    if (echo >"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; then
      die "Port $PGPORT is taken by another server (another clone's cluster?).
       Stop it, or choose another port: MS_PGPORT=54330 make ..."
    fi
    say "Starting PostgreSQL on 127.0.0.1:$PGPORT"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDIR/postgresql.log" -w -t 60 start >/dev/null \
      || { tail -20 "$PGDIR/postgresql.log" >&2; die "PostgreSQL did not start"; }
  fi
}

psql_q() {
  PGPASSWORD="$(pg_password)" psql -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER_ODOO" -d postgres -tAq "$@"
}

db_exists() { [ "$(psql_q -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# --- Odoo configuration -----------------------------------------------------
ensure_conf() {
  local addons="$ODOO_PATH/odoo/addons,$ROOT"
  (umask 077; cat >"$CONF" <<CONF
[options]
addons_path = $addons
data_dir = $LOCAL/data
db_host = 127.0.0.1
db_port = $PGPORT
db_user = $PGUSER_ODOO
db_password = $(pg_password)
http_interface = 127.0.0.1
http_port = $HTTP_PORT
admin_passwd = $(pg_password)
list_db = False
CONF
)
}

odoo() { "$PY" "$ODOO_PATH/odoo-bin" -c "$CONF" "$@"; }
odoo_db() { "$PY" "$ODOO_PATH/odoo-bin" db -c "$CONF" "$@"; }

setup_all() {
  require_odoo
  ensure_debs
  ensure_venv
  link_odoo
  ensure_cluster
  ensure_conf
}

# --- Bench databases ---------------------------------------------------------
# Built once by a version of the addon and kept: dropped when another version (or
# an interrupted build) made it, upgraded (-u) when the addon's code changed since.
addon_version() { sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$ROOT/$ADDON/__manifest__.py"; }
bench_stamp() {  # DB KEY
  psql_q -d "$1" -c "SELECT value FROM ir_config_parameter WHERE key = 'ms_bench.$2'" 2>/dev/null || true
}
set_bench_stamp() {  # DB KEY VALUE
  psql_q -d "$1" -c "INSERT INTO ir_config_parameter (key, value) VALUES ('ms_bench.$2', '$3')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value" >/dev/null
}
drop_stale_bench_db() {  # DB
  if db_exists "$1" && [ "$(bench_stamp "$1" built_version)" != "$(addon_version)" ]; then
    say "$1 was not built (completely) by version $(addon_version) of the addon: dropping it"
    odoo_db drop "$1" >/dev/null 2>&1 || die "could not drop $1"
  fi
}
stamp_bench_db() {  # DB: built by this version and this code
  set_bench_stamp "$1" built_version "$(addon_version)"
  set_bench_stamp "$1" addon_hash "$(addon_hash)"
}
bench_db_changed() { [ "$(bench_stamp "$1" addon_hash)" != "$(addon_hash)" ]; }
upgrade_bench_db() {  # DB: -u the addon (log in .local/DB-upgrade.log)
  local log="$LOCAL/$1-upgrade.log"
  say "The addon changed since $1 was built: upgrading it (-u $ADDON)"
  odoo -d "$1" -u "$ADDON" --stop-after-init --log-level=warn >"$log" 2>&1 \
    && ! grep -q " ERROR \| CRITICAL " "$log" \
    || { tail -20 "$log" >&2; die "upgrade failed: drop $1 to build it again"; }
  set_bench_stamp "$1" addon_hash "$(addon_hash)"
}

addon_hash() {
  (cd "$ROOT" && find "$ADDON" -type f ! -path '*/__pycache__/*' ! -path '*/tests/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}
