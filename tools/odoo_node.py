"""odoo-bin for make cluster's nodes: Odoo itself, with two settings for its
replica that Odoo 19 has no option for. A deployment that wants them sets them
the same way, in the script that starts Odoo; the addon leaves Odoo alone.

- The replica is tried again MS_REPLICA_RETRY seconds (default 30) after it
  failed, instead of Odoo's 20 minutes (`_REPLICA_RETRY_TIME` in
  odoo/orm/registry.py).
- The registry check that starts every request (`check_signaling`, on a
  replica's connection) is done again on the primary when the replica goes
  away under it, instead of failing the request (seen under make load: an
  XML-RPC write failed when the replica stopped).
Connections a worker kept to the replica before it restarted need nothing:
Odoo's pool resets a connection before lending it and drops a dead one (no
request failed on one after the outage). A read-only request whose own query
is cut by the replica's stop still fails: Odoo does not serve it again on the
primary."""

import os
import sys
import time

sys.path.insert(0, os.environ.get("ODOO_PATH", "/opt/odoo"))

import psycopg2

import odoo.cli
from odoo.orm import registry

registry._REPLICA_RETRY_TIME = int(os.environ.get("MS_REPLICA_RETRY", "30"))
check_signaling = registry.Registry.check_signaling


def check_signaling_anywhere(self, cr=None):
    try:
        return check_signaling(self, cr)
    except psycopg2.OperationalError:
        if cr is not None or self._db_readonly is None:
            raise
        self._db_readonly_failed_time = time.monotonic()  # the primary, for now
        return check_signaling(self, cr)


registry.Registry.check_signaling = check_signaling_anywhere

if __name__ == "__main__":
    odoo.cli.main()
