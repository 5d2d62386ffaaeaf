"""The cron worker of make bench-mailing: a dedicated Odoo process (not in test
mode) that runs the two mailing crons the way Odoo's cron thread does
(ir.cron._process_jobs_loop: acquire the job, run its server action, commit,
reschedule), with outgoing mail pointed at the loopback SMTP sink.

Usage: tools/bench/mailing_cron.py CONF DB SMTP_PORT STATUS_FILE LOG_FILE

It polls every 0.2 s for one of the two crons being due (a trigger or its
nextcall: the same condition as Odoo's cron thread, read on a raw connection
that Odoo's query counter doesn't see) and runs it. After each run it writes
to STATUS_FILE the SQL queries Odoo's cursors executed in this process while a
job ran (odoo.sql_db.sql_counter), by cron. The process runs until SIGTERM
(it stops between jobs) or SIGKILL (the kill test)."""

import json
import os
import signal
import sys
import threading
import time

import psycopg2

CONF, DB, SMTP_PORT, STATUS, LOG = sys.argv[1:6]
CRONS = (
    "mass_mailing.ir_cron_mass_mailing_queue",
    "mail.ir_cron_mail_scheduler_action",
)

import odoo  # noqa: E402
from odoo import sql_db  # noqa: E402
from odoo.tools import config  # noqa: E402

config.parse_config(
    [
        "-c",
        CONF,
        "-d",
        DB,
        "--smtp=127.0.0.1",
        f"--smtp-port={SMTP_PORT}",
        f"--log-level={os.environ.get('MS_P8_LOG_LEVEL', 'warn')}",
        f"--logfile={LOG}",
        "--max-cron-threads=0",
    ]
)
odoo.netsvc.init_logger()
from odoo.modules.registry import Registry  # noqa: E402

stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_a: stop.set())

registry = Registry(DB)
IrCron = registry["ir.cron"]
raw = psycopg2.connect(
    host=config["db_host"],
    port=config["db_port"],
    user=config["db_user"],
    password=config["db_password"],
    dbname=DB,
)
raw.autocommit = True
cur = raw.cursor()
cur.execute(
    "SELECT res_id, module || '.' || name FROM ir_model_data"
    " WHERE model = 'ir.cron' AND module || '.' || name = ANY(%s)",
    [list(CRONS)],
)
cron_ids = dict(cur.fetchall())
queries = {name: 0 for name in CRONS}
runs = {name: 0 for name in CRONS}
with open(STATUS, "w") as f:
    json.dump({"pid": os.getpid(), "queries": queries, "runs": runs}, f)
threading.current_thread().dbname = DB
while not stop.is_set():
    cur.execute(
        """SELECT id FROM ir_cron WHERE active AND id = ANY(%s)
             AND (nextcall <= now() AT TIME ZONE 'UTC' OR id IN (
                  SELECT cron_id FROM ir_cron_trigger
                   WHERE call_at <= now() AT TIME ZONE 'UTC'))
           ORDER BY priority, id""",
        [list(cron_ids)],
    )
    ready = [row[0] for row in cur.fetchall()]
    if not ready:
        time.sleep(0.2)
        continue
    for job_id in ready:
        before = sql_db.sql_counter
        with sql_db.db_connect(DB).cursor() as cron_cr:
            IrCron._process_jobs_loop(cron_cr, job_ids=[job_id])
        queries[cron_ids[job_id]] += sql_db.sql_counter - before
        runs[cron_ids[job_id]] += 1
    with open(STATUS + ".tmp", "w") as f:
        json.dump({"pid": os.getpid(), "queries": queries, "runs": runs}, f)
    os.replace(STATUS + ".tmp", STATUS)
raw.close()
