"""make load: a multi-worker Odoo under concurrent RPC clients, with one worker
killed mid-run; then check that nothing acknowledged was lost.

Usage: tools/load.py CONF DB PORT [CLIENTS] [OPS]
Starts `odoo-bin --workers=4` (plus cron) on 127.0.0.1:PORT against DB (which
must have the addon installed), runs CLIENTS threads of OPS operations each
over XML-RPC, kills one worker after a third of the operations, stops the
server, verifies the database, prints the figures and exits non-zero on loss.
Participants go to two conferences in the future (their calendar events are
upcoming), half of the clients adding to each at once; the concurrency errors
Odoo retried (serialization failures, deadlocks) are counted from its log."""

import ast
import contextlib
import http.cookiejar
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import xmlrpc.client
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.client import HTTPException
from pathlib import Path

import psutil
import websocket
from odoo_server import odoo_server

CONF, DB, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 16
OPS = int(sys.argv[5]) if len(sys.argv) > 5 else 500
ODOO = os.environ.get("ODOO_PATH", "/opt/odoo")
PGBIN = os.environ.get("MS_PGBIN", "/usr/lib/postgresql/15/bin")
TOOLS = Path(__file__).resolve().parent
START = [time.perf_counter()]
# this run's organizations (a database may be loaded again: make cluster's)
RUN = f"{int(time.time()) % 1000000:06d}"
URL = f"http://127.0.0.1:{PORT}"
# TARGET=cluster (make cluster): PORT is the balancer's; the nodes, the replica
# and their logs are make cluster's
CLUSTER = os.environ.get("MS_LOAD_CLUSTER")  # its folder, .local/cluster
# the multi-worker server's gevent process (websocket, bus) listens here; in the
# cluster, behind the balancer
GEVENT_PORT = PORT if CLUSTER else PORT + 1
DEADLINE = time.time() + float(os.environ.get("MS_LOAD_SECONDS", "600"))
LOG = os.environ.get("MS_LOAD_LOG", "/tmp/ms-load-server.log")
# what adding participants writes: never the conference's nor its event's row
SHARED = {
    "ms_conference",
    "calendar_event",
    "ms_conference_participant",
    "calendar_attendee",
    "calendar_event_res_partner_rel",
}

# a broken call is tried again, for up to about 15 s (a node killed whole
# takes the balancer's health checks a few seconds to notice)
ATTEMPTS = 12
lock = threading.Lock()
latencies, server_errors, retried = [], [], []
acked = {
    "movements": {},
    "stages": {},
    "participants": set(),
    "agreements": {},
    # audited reads of a cadre: (cadre id, UTC before the call, UTC after)
    "cadre_reads": [],
}
# latencies of the audited reads alone (their audit line is written on the way)
audited_latencies = []
done_ops = [0]
crashed = []  # the clients that stopped on an error
THREADS = []


class SendOnce(xmlrpc.client.Transport):
    """xmlrpc.client silently sends a request again when the connection drops
    (the killed worker may have committed it): `call` decides instead."""

    def request(self, host, handler, request_body, verbose=False):
        return self.single_request(host, handler, request_body, verbose)


def rpc():
    return xmlrpc.client.ServerProxy(
        f"{URL}/xmlrpc/2/object", allow_none=True, transport=SendOnce()
    )


def attempts(label, send, reconnect, recover=None):
    """`send()` until it answers: a connection broken by a killed worker or node
    is opened again (`reconnect()`) and the call retried; an error Odoo answered
    (a fault, an HTTP 500) counts as a server error. A write the worker may have
    committed before it died is first looked for with `recover()`: its result,
    or None if the write is not there."""
    for attempt in range(ATTEMPTS):
        if attempt and recover and (found := recover()) is not None:
            return found
        start = time.perf_counter()
        try:
            result = send()
            with lock:
                latencies.append(time.perf_counter() - start)
            return result
        except (xmlrpc.client.Fault, WebFault) as fault:
            with lock:
                server_errors.append(f"{label}: {str(fault)[-300:]}")
            raise
        except (OSError, HTTPException, xmlrpc.client.ProtocolError) as exc:
            if 500 in (getattr(exc, "errcode", None), getattr(exc, "code", None)):
                with lock:
                    server_errors.append(f"{label}: HTTP 500")
                raise
            with lock:
                retried.append(f"{label}: {type(exc).__name__} {exc}")
            time.sleep(min(2.0, 0.2 * (attempt + 1)))
            with contextlib.suppress(OSError, HTTPException, WebFault):
                reconnect()
    raise RuntimeError(f"{label} failed {ATTEMPTS} times: {retried[-1]}")


def call(proxy_holder, uid, model, method, *args, recover=None, **kwargs):
    """One XML-RPC call (see `attempts`)."""

    def reconnect():
        proxy_holder[0] = rpc()

    return attempts(
        f"{model}.{method}",
        lambda: proxy_holder[0].execute_kw(
            DB, uid, "admin", model, method, list(args), kwargs
        ),
        reconnect,
        recover,
    )


class WebSession:
    """The web client's way: a session cookie, then /web/dataset/call_kw, whose
    read methods Odoo 19 serves read-only (by the replica when there is one;
    XML-RPC calls are always served read/write). The session lives in the
    filestore, which the cluster's nodes share."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.post(
            "/web/session/authenticate",
            {"db": DB, "login": "admin", "password": "admin"},
        )

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            f"{URL}{path}",
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            raise WebFault(answer["error"]["data"].get("message", "?"))
        return answer["result"]


class WebFault(Exception):
    """An error answered by Odoo to a web client's call."""


def web_call(session_holder, model, method, *args, **kwargs):
    """One call_kw as the web client sends it (see `attempts`); reads only:
    nothing to recover, a new session after a broken connection."""

    def reconnect():
        session_holder[0] = WebSession()

    return attempts(
        f"{model}.{method} (web)",
        lambda: session_holder[0].post(
            f"/web/dataset/call_kw/{model}.{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        ),
        reconnect,
    )


def create_once(proxy, uid, model, domain, values):
    """The id of the record matching `domain`, created if there is none; a
    create retried after a broken connection looks first for the record."""

    def find():
        found = call(proxy, uid, model, "search", domain, limit=1)
        return found[0] if found else None

    return find() or call(proxy, uid, model, "create", values, recover=find)


def client(*args):
    """A client's operations; one that stops on an error is counted."""
    try:
        operations(*args)
    except Exception as exc:
        with lock:
            crashed.append(f"{type(exc).__name__}: {str(exc)[-300:]}")
        raise


def operations(n, uid, stages, conference_id, state_id, cadre_ids):
    proxy = [rpc()]
    web = [WebSession()]
    rng = random.Random(n)
    mine = []
    for i in range(OPS):
        if time.time() > DEADLINE:
            break
        op = i % 5
        if op == 0 or not mine:
            code = f"L{RUN}-{n}-{i}"
            movement_id = create_once(
                proxy,
                uid,
                "ms.movement",
                [("code", "=", code)],
                {"name": f"Carga {n}-{i}", "code": code, "state_id": state_id},
            )
            with lock:
                acked["movements"][code] = movement_id
            mine.append(movement_id)
        elif op == 1:
            movement_id, stage = rng.choice(mine), rng.choice(stages)
            call(proxy, uid, "ms.movement", "write", [movement_id], {"stage_id": stage})
            with lock:
                acked["stages"][movement_id] = stage
        elif op == 2:
            partner = call(
                proxy, uid, "ms.movement", "read", [rng.choice(mine)], ["partner_id"]
            )[0]["partner_id"][0]
            create_once(
                proxy,
                uid,
                "ms.conference.participant",
                [("conference_id", "=", conference_id), ("partner_id", "=", partner)],
                {"conference_id": conference_id, "partner_id": partner},
            )
            with lock:
                acked["participants"].add((conference_id, partner))
        elif op == 3:
            token = f"AG{n}-{i}"
            agreement_id = create_once(
                proxy,
                uid,
                "ms.agreement",
                [("text", "ilike", token)],
                {
                    "text": f"<p>{token}</p>",
                    "owner_ids": [(6, 0, [uid])],
                    "deadline": "2020-01-01",
                },
            )
            close = i % 10 == 3  # half are closed, half stay open and overdue

            def state(agreement_id=agreement_id):
                rows = call(
                    proxy, uid, "ms.agreement", "read", [agreement_id], ["state"]
                )
                return rows[0]["state"]

            if close and state() == "pending":
                call(
                    proxy,
                    uid,
                    "ms.agreement",
                    "action_done",
                    [agreement_id],
                    recover=lambda: None if state() == "pending" else True,
                )
            with lock:
                acked["agreements"][token] = (agreement_id, close)
        elif i % 10 == 4:  # a cadre's file: an audited read
            cadre_id = rng.choice(cadre_ids)
            before = datetime.now(UTC).replace(tzinfo=None)
            start = time.perf_counter()
            rows = web_call(
                web,
                "ms.cadre",
                "search_read",
                [("id", "=", cadre_id)],
                fields=["name", "committee", "training_level"],
            )
            with lock:
                audited_latencies.append(time.perf_counter() - start)
            if rows:  # a replica behind by a moment may not have it yet
                after = datetime.now(UTC).replace(tzinfo=None)
                with lock:
                    acked["cadre_reads"].append((cadre_id, before, after))
        else:
            web_call(
                web,
                "ms.movement",
                "search_read",
                [],
                fields=["name", "stage_id"],
                limit=80,
            )
        with lock:
            done_ops[0] += 1


def gevent_up(wait=0):
    """The gevent process answers a websocket handshake (live updates, the
    bus) and the first message Odoo's client sends; it starts after the HTTP
    workers: `wait` seconds for it."""
    until = time.time() + wait
    while True:
        try:
            ws = websocket.create_connection(
                f"ws://127.0.0.1:{GEVENT_PORT}/websocket",
                origin=f"http://127.0.0.1:{GEVENT_PORT}",
                timeout=10,
            )
            break
        except (OSError, websocket.WebSocketException) as error:
            if time.time() >= until:
                print(f"gevent process: no websocket ({error})")
                return False
            time.sleep(0.5)
    try:
        ws.send('{"event_name": "subscribe", "data": {"channels": [], "last": 0}}')
        return ws.connected
    finally:
        ws.close()


def verify(proxy, uid, conference_ids):
    """Every acknowledged write is in the database, nothing twice."""
    # verification, through RPC on the surviving server
    ok = True
    codes = call(
        proxy,
        uid,
        "ms.movement",
        "search_read",
        [("code", "=like", f"L{RUN}-%")],
        fields=["code", "stage_id"],
    )
    by_code = {r["code"]: r for r in codes}
    lost = set(acked["movements"]) - set(by_code)
    duplicated = len(codes) - len(by_code)
    by_id = {r["id"]: r for r in codes}
    wrong_stage = [
        m
        for m, s in acked["stages"].items()
        if by_id.get(m, {}).get("stage_id", [None])[0] != s
    ]
    participants = [
        (r["conference_id"][0], r["partner_id"][0], r["attendee_id"])
        for r in call(
            proxy,
            uid,
            "ms.conference.participant",
            "search_read",
            [("conference_id", "in", conference_ids)],
            fields=["conference_id", "partner_id", "attendee_id"],
        )
    ]
    keys = [(conference, partner) for conference, partner, _a in participants]
    lost_participants = acked["participants"] - set(keys)
    duplicated_participants = len(keys) - len(set(keys))
    without_attendee = [p for p in participants if not p[2]]
    print(f"participants per conference: {dict(Counter(c for c, _p in keys))}")
    expected = dict(acked["agreements"].values())
    agreements = call(
        proxy,
        uid,
        "ms.agreement",
        "search_read",
        [("id", "in", list(expected))],
        fields=["state"],
    )
    not_done = [a for a in agreements if expected[a["id"]] and a["state"] != "done"]
    lost_agreements = len(expected) - len(agreements)
    activities = call(
        proxy,
        uid,
        "mail.activity",
        "search_read",
        [
            ("res_model", "=", "ms.agreement"),
            ("activity_type_id.name", "=", "Agreement Overdue"),
        ],
        fields=["res_id"],
    )
    per_agreement = Counter(a["res_id"] for a in activities)
    duplicates = [k for k, v in per_agreement.items() if v > 1]
    open_ids = {k for k, closed in expected.items() if not closed}
    print(
        f"overdue activities: {len(per_agreement & Counter(open_ids))} "
        f"for {len(open_ids)} open overdue agreements"
    )
    unaudited = unaudited_reads(proxy, uid)
    print(
        f"audited cadre reads answered: {len(acked['cadre_reads'])}, each covered "
        f"by a read entry of the audit log (written then, or the same read "
        f"within the minute before): {len(acked['cadre_reads']) - len(unaudited)}"
    )
    for label, problem in (
        ("lost organizations", lost),
        ("duplicated organizations", duplicated),
        ("stage not the last acknowledged", wrong_stage),
        ("lost participants", lost_participants),
        ("duplicated participants", duplicated_participants),
        ("participants without their attendee", without_attendee),
        ("lost agreements", lost_agreements),
        ("agreements not closed", not_done),
        ("duplicate overdue activities", duplicates),
        ("cadre reads without their audit entry", unaudited),
        ("HTTP 500s", server_errors),
        ("clients stopped by an error", crashed),
        ("gevent process down (no websocket)", int(not gevent_up())),
    ):
        count = problem if isinstance(problem, int) else len(problem)
        print(f"{label}: {count}")
        ok = ok and not count
    return ok


def unaudited_reads(proxy, uid):
    """The answered cadre reads that no read entry of the audit log covers: an
    entry by the reader naming the cadre, created while the read was served
    or in the minute before (the same fields read again within a minute are
    logged once)."""
    if not acked["cadre_reads"]:
        return []
    first = min(before for _c, before, _a in acked["cadre_reads"])
    entries = call(
        proxy,
        uid,
        "auditlog.log",
        "search_read",
        [
            ("model_id.model", "=", "ms.cadre"),
            ("method", "=", "read"),
            ("user_id", "=", uid),
            ("create_date", ">=", f"{first - timedelta(seconds=61)}"),
        ],
        fields=["res_ids", "create_date"],
    )
    by_cadre = {}
    for entry in entries:
        when = datetime.fromisoformat(entry["create_date"])
        for cadre_id in ast.literal_eval(entry["res_ids"] or "[]"):
            by_cadre.setdefault(cadre_id, []).append(when)
    # create_date is the transaction's start, to the second: a second's margin
    margin = timedelta(seconds=1)
    return [
        (cadre_id, before)
        for cadre_id, before, after in acked["cadre_reads"]
        if not any(
            before - timedelta(seconds=61) <= when <= after + margin
            for when in by_cadre.get(cadre_id, ())
        )
    ]


@contextlib.contextmanager
def single_server():
    with odoo_server(
        CONF,
        DB,
        PORT,
        "--workers=4",
        f"--gevent-port={GEVENT_PORT}",
        "--max-cron-threads=1",
        "--limit-time-real=120",
        # the concurrency errors Odoo retries are logged at INFO
        "--log-handler=odoo.service.model:INFO",
        logfile=LOG,
    ) as (server, uid):
        yield uid, Faults(server=server)


@contextlib.contextmanager
def cluster():
    uid = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common").authenticate(
        DB, "admin", "admin", {}
    )
    yield uid, Faults()


class Faults:
    """What is broken mid-run: one HTTP worker of the single server (a third of
    the way); in the cluster, node 1 whole (a third of the way, restarted 5 s
    later) and the replica (stopped for 5 s half of the way)."""

    def __init__(self, server=None):
        self.server = server
        self.done = set()
        self.log = []
        self.replica_back = None  # replica transactions once the nodes use it again

    def tick(self):
        ops = done_ops[0]
        if "kill" not in self.done and ops >= CLIENTS * OPS / 3:
            self.done.add("kill")
            if self.server:
                # HTTP workers are forked first (then cron, then gevent)
                victim = sorted(
                    psutil.Process(self.server.pid).children(),
                    key=lambda p: p.create_time(),
                )[0].pid
                os.kill(victim, signal.SIGKILL)
                self.note(f"killed worker {victim} after {ops} operations")
            else:
                with open(f"{CLUSTER}/node1.pid", encoding="utf-8") as pidfile:
                    master = int(pidfile.read())
                os.killpg(master, signal.SIGKILL)  # its own session: the node
                self.note(
                    f"killed node 1 (pid {master}, all its processes) after {ops} "
                    "operations"
                )
                threading.Thread(target=self.restart_node, daemon=True).start()
        if CLUSTER and "replica" not in self.done and ops >= CLIENTS * OPS / 2:
            self.done.add("replica")
            threading.Thread(target=self.pause_replica, daemon=True).start()

    def note(self, text):
        stamp = f"{time.perf_counter() - START[0]:.1f} s"
        self.log.append(f"{stamp}: {text}")
        print(f"[{stamp}] {text}", flush=True)

    def restart_node(self):
        time.sleep(5)
        subprocess.run([TOOLS / "cluster.sh", "node", "1"], check=True)
        self.note("node 1 restarted (healthy)")

    def pause_replica(self):
        data = f"{CLUSTER}/pg/replica"
        pg_ctl = ["runuser", "-u", "postgres", "--", f"{PGBIN}/pg_ctl", "-D", data]
        subprocess.run(
            [*pg_ctl, "-w", "stop", "-m", "fast"], check=True, stdout=subprocess.DEVNULL
        )
        self.note(f"replica stopped after {done_ops[0]} operations")
        time.sleep(5)
        subprocess.run(
            [*pg_ctl, "-w", "-l", f"{CLUSTER}/pg/replica.log", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.note("replica started again")
        # the nodes try it again after MS_REPLICA_RETRY seconds (tools/odoo_node.py)
        time.sleep(int(os.environ.get("MS_REPLICA_RETRY", "30")) + 5)
        if any(t.is_alive() for t in THREADS):
            self.replica_back = replica_transactions()
            self.note(
                "replica retried by the nodes: reads served by it counted from here"
            )


def replica_scans():
    """Scans of the cadres' and organizations' tables counted on the replica
    (reads of them it served)."""
    import psycopg2

    with (
        psycopg2.connect(
            host="127.0.0.1",
            port=os.environ["MS_REPLICA_PORT"],
            user=os.environ["MS_PGUSER"],
            password=os.environ["MS_PGPASSWORD"],
            dbname=DB,
        ) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
            " FROM pg_stat_user_tables WHERE relname IN ('ms_cadre', 'ms_movement')"
        )
        return Counter(dict(cursor.fetchall()))


def replica_transactions():
    """Transactions of DB counted on the replica (reads it served)."""
    import psycopg2

    with (
        psycopg2.connect(
            host="127.0.0.1",
            port=os.environ["MS_REPLICA_PORT"],
            user=os.environ["MS_PGUSER"],
            password=os.environ["MS_PGPASSWORD"],
            dbname="postgres",
        ) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database"
            " WHERE datname = %s",
            (DB,),
        )
        return cursor.fetchone()[0]


def report_reads(faults, replica_before, scans_before):
    """The audited reads' latency; in the cluster, what the replica served
    (transactions, scans of the cadres and organizations, and after its
    outage). False when the replica served none."""
    ok = True
    audited = sorted(audited_latencies) or [0]
    print(
        f"audited cadre reads: {len(audited_latencies)} "
        f"p50={statistics.median(audited) * 1000:.0f} ms "
        f"p95={audited[int(len(audited) * 0.95)] * 1000:.0f} ms"
    )
    print("faults: " + "; ".join(faults.log))
    if CLUSTER:
        served = replica_transactions() - replica_before
        print(f"transactions of {DB} on the replica during the run: {served}")
        scans = replica_scans()
        scans.subtract(scans_before)
        print(
            "scans served by the replica during the run: "
            f"ms_cadre {scans['ms_cadre']}, ms_movement {scans['ms_movement']}"
        )
        ok = ok and served > 0 and scans["ms_cadre"] > 0
        if faults.replica_back is not None:
            after = replica_transactions() - faults.replica_back
            print(f"of which after the replica's outage: {after}")
            ok = ok and after > 0
    return ok


def make_cadres(proxy, uid):
    """20 cadres whose files the clients read (audited reads)."""
    return call(
        proxy,
        uid,
        "ms.cadre",
        "create",
        [
            {
                "partner_id": call(
                    proxy,
                    uid,
                    "res.partner",
                    "create",
                    {"name": f"Cuadro {RUN}-{k}"},
                ),
                "committee": "CEE",
                "training_level": "basic",
            }
            for k in range(20)
        ],
    )


def main():
    target = cluster if CLUSTER else single_server
    with target() as (uid, faults):
        print(f"gevent process up at start: {gevent_up(wait=30)}")
        proxy = [rpc()]
        stages = call(proxy, uid, "ms.link.stage", "search", [])
        state_id = call(
            proxy,
            uid,
            "res.country.state",
            "search",
            [("code", "=", "OAX"), ("country_id.code", "=", "MX")],
        )[0]
        # two upcoming conferences, each shared by half of the clients
        soon = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        conference_ids = [
            call(
                proxy,
                uid,
                "ms.conference",
                "create",
                {
                    "name": f"Conferencia de carga {days}",
                    "date_start": f"{soon + timedelta(days=days)}",
                    "date_end": f"{soon + timedelta(days=days, hours=2)}",
                },
            )
            for days in (10, 11)
        ]
        call(proxy, uid, "res.company", "write", [1], {"ms_coordinator_id": uid})
        # the overdue-agreements cron runs during the load, every minute
        cron = call(
            proxy,
            uid,
            "ir.model.data",
            "check_object_reference",
            "movimientos_sociales",
            "ir_cron_agreement_overdue",
        )[1]
        call(
            proxy,
            uid,
            "ir.cron",
            "write",
            [cron],
            {
                "interval_type": "minutes",
                "interval_number": 1,
                "nextcall": "2000-01-01 00:00:00",
            },
        )

        cadre_ids = make_cadres(proxy, uid)
        time.sleep(1)  # on the replica too
        threads = THREADS[:] = [
            threading.Thread(
                target=client,
                args=(n, uid, stages, conference_ids[n % 2], state_id, cadre_ids),
            )
            for n in range(CLIENTS)
        ]
        replica_before = replica_transactions() if CLUSTER else 0
        scans_before = replica_scans() if CLUSTER else Counter()
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        START[0] = start
        while any(t.is_alive() for t in threads):
            faults.tick()
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        time.sleep(65)  # let the cron run at least once more after the load

        ok = verify(proxy, uid, conference_ids)
        lat = sorted(latencies)
        print(
            f"clients={CLIENTS} operations={done_ops[0]} rpc_calls={len(lat)} "
            f"seconds={elapsed:.1f} throughput={len(lat) / elapsed:.1f} calls/s "
            f"p50={statistics.median(lat) * 1000:.0f} ms "
            f"p95={lat[int(len(lat) * 0.95)] * 1000:.0f} ms "
            f"retried_after_faults={len(retried)}"
        )
        ok = report_reads(faults, replica_before, scans_before) and ok
        if server_errors:
            print("\n".join(server_errors[:5]))
    # after the server stopped, from its whole log: the queries PostgreSQL
    # refused for concurrency (statement and table), and how many Odoo retried
    logs = [f"{CLUSTER}/node1.log", f"{CLUSTER}/node2.log"] if CLUSTER else [LOG]
    text = ""
    for path in logs:
        with open(path, encoding="utf-8") as log:
            text += log.read()
    conflicts = Counter(
        re.findall(
            r"bad query: b.\s*(\w+)\D*?\"(\w+)\".*\nERROR:\s+"
            r"(could not serialize access due to concurrent \w+|deadlock detected)",
            text,
        )
    )
    on_conferences = sum(
        n for (_v, table, _e), n in conflicts.items() if table in SHARED
    )
    retried_by_odoo = len(
        re.findall(r"odoo\.service\.model: \w+, \d+ tries left", text)
    )
    found = {
        f"{verb} {table}: {error}": n for (verb, table, error), n in conflicts.items()
    }
    print(
        f"serialization failures in the server log: {found or 0} (retried by "
        f"Odoo: {retried_by_odoo}); on the shared conferences' rows: {on_conferences}"
    )
    sys.exit(0 if ok and not on_conferences else 1)


main()
