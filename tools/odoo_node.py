"""odoo-bin for make cluster's nodes: Odoo itself, the replica tried again
MS_REPLICA_RETRY seconds after it failed (Odoo's own wait is 20 minutes,
`_REPLICA_RETRY_TIME` in odoo/orm/registry.py, a constant with no option).
A deployment that wants the same sets it the same way, in the script that
starts Odoo; the addon leaves Odoo's constant alone."""

import os
import sys

sys.path.insert(0, os.environ.get("ODOO_PATH", "/opt/odoo"))

import odoo.cli
from odoo.orm import registry

registry._REPLICA_RETRY_TIME = int(os.environ.get("MS_REPLICA_RETRY", "30"))

if __name__ == "__main__":
    odoo.cli.main()
