"""A throw-away Odoo server on loopback for make load and make e2e."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import xmlrpc.client

ODOO = os.environ.get("ODOO_PATH", "/opt/odoo")


@contextlib.contextmanager
def odoo_server(conf, db, port, *options, logfile):
    """Start odoo-bin on 127.0.0.1:port for `db` with extra `options`, wait
    until it authenticates admin/admin, yield (process, uid), stop it."""
    server = subprocess.Popen(
        [
            sys.executable,
            f"{ODOO}/odoo-bin",
            "-c",
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            "--log-level=warn",
            f"--logfile={logfile}",
            *options,
        ],
        start_new_session=True,
    )
    try:
        common = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}/xmlrpc/2/common")
        for _ in range(180):
            try:
                uid = common.authenticate(db, "admin", "admin", {})
                break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("Odoo did not start")
        yield server, uid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
