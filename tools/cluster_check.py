"""The smoke check of make cluster, through the balancer only.

Usage: tools/cluster_check.py LB_URL DB PGPORT REPLICA_PORT PGUSER PGPASSWORD

- the replica streams from the primary (pg_stat_replication);
- reads are served by the replica: the transactions of DB counted on the replica
  (pg_stat_database) before and after 20 XML-RPC search_read and 20 JSON-RPC
  web_search_read (what the web client's lists call) through the balancer (at
  least 20 for the 40: a read may also go to the primary, e.g. the first of a
  new session);
- a write through the balancer lands in the primary and reaches the replica;
- a websocket through the balancer (to a node's gevent process).
Exits non-zero when one of them fails."""

import http.cookiejar
import json
import sys
import time
import urllib.request
import xmlrpc.client

import psycopg2
import websocket

URL, DB, PGPORT, REPLICA_PORT, USER, PASSWORD = sys.argv[1:7]


def query(port, sql, params=(), db="postgres"):
    with (
        psycopg2.connect(
            host="127.0.0.1", port=port, user=USER, password=PASSWORD, dbname=db
        ) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)
        return cursor.fetchall()


def replica_transactions():
    return query(
        REPLICA_PORT,
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
        (DB,),
    )[0][0]


def main():
    ok = True
    streaming = query(PGPORT, "SELECT state FROM pg_stat_replication")
    print(f"replication: {[row[0] for row in streaming]}")
    ok &= ("streaming",) in streaming

    uid = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common").authenticate(
        DB, "admin", "admin", {}
    )
    models = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/object")
    before = replica_transactions()
    for _ in range(20):
        models.execute_kw(
            DB, uid, "admin", "res.partner", "search_read", [[]], {"limit": 50}
        )
    after_xmlrpc = replica_transactions()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )

    def call(path, params):
        request = urllib.request.Request(
            f"{URL}{path}",
            data=json.dumps({"jsonrpc": "2.0", "params": params}).encode(),
            headers={"Content-Type": "application/json"},
        )
        return json.load(opener.open(request, timeout=60))

    call("/web/session/authenticate", {"db": DB, "login": "admin", "password": "admin"})
    for _ in range(20):
        answer = call(
            "/web/dataset/call_kw/ms.movement/web_search_read",
            {
                "model": "ms.movement",
                "method": "web_search_read",
                "args": [[]],
                "kwargs": {"specification": {"name": {}}, "limit": 80},
            },
        )
    if "error" in answer:
        print(f"web_search_read: {answer['error'].get('message')}")
        ok = False
    after_json = replica_transactions()
    print(
        f"transactions of {DB} on the replica: +{after_xmlrpc - before} for 20 "
        f"XML-RPC search_read, +{after_json - after_xmlrpc} for 20 JSON-RPC "
        "web_search_read"
    )
    # at least one transaction per two reads: the reads go to the replica
    ok &= after_json - before >= 20

    name = f"Cluster check {time.time():.0f}"
    partner = models.execute_kw(
        DB, uid, "admin", "res.partner", "create", [{"name": name}]
    )
    for _ in range(50):
        if query(
            REPLICA_PORT, "SELECT 1 FROM res_partner WHERE id = %s", (partner,), DB
        ):
            break
        time.sleep(0.1)
    else:
        ok = False
    print(f"a write through the balancer reached the replica: {ok}")
    models.execute_kw(DB, uid, "admin", "res.partner", "unlink", [[partner]])

    ws = websocket.create_connection(
        f"{URL.replace('http', 'ws')}/websocket", origin=URL, timeout=10
    )
    print(f"websocket through the balancer: {ws.connected}")
    ok &= ws.connected
    ws.close()
    sys.exit(0 if ok else 1)


main()
