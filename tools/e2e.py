"""make e2e: a sector mailing sent for real by Odoo's own mail queue cron to a
local SMTP sink (aiosmtpd on loopback), then checks what arrived.

Usage: tools/e2e.py CONF DB PORT
DB must have the addon installed. Starts Odoo (not in test mode) with its
outgoing mail pointed at the sink, and through XML-RPC: 300 contacts in a
sector, one blacklisted, one who revoked consent (the "require consent" setting
is on); emails the sector; lets the queue cron send it. Then: the sink got
exactly the expected recipients, each message carries a one-click unsubscribe
link, following one really blacklists that person, and the mailing's statistics
match. Loopback only, bounded in time; exits non-zero on any mismatch."""

import email
import email.policy
import os
import sys
import time
import urllib.request
import xmlrpc.client

from aiosmtpd.controller import Controller
from odoo_server import odoo_server

CONF, DB, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])
SMTP_PORT = PORT + 1
ODOO = os.environ.get("ODOO_PATH", "/opt/odoo")
URL = f"http://127.0.0.1:{PORT}"
N = 300


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def wait(condition, seconds, step=1.0):
    end = time.time() + seconds
    while time.time() < end:
        if condition():
            return True
        time.sleep(step)
    return False


def main():  # noqa: PLR0915 (one scenario, read top to bottom)
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    try:
        with odoo_server(
            CONF,
            DB,
            PORT,
            "--smtp=127.0.0.1",
            f"--smtp-port={SMTP_PORT}",
            "--max-cron-threads=0",
            logfile=os.environ.get("MS_E2E_LOG", "/tmp/ms-e2e-server.log"),
        ) as (_server, uid):
            models = xmlrpc.client.ServerProxy(
                f"{URL}/xmlrpc/2/object", allow_none=True
            )

            def call(model, method, *args, **kwargs):
                return models.execute_kw(
                    DB, uid, "admin", model, method, list(args), kwargs
                )

            call("ir.config_parameter", "set_param", "web.base.url", URL)
            call("ir.config_parameter", "set_param", "web.base.url.freeze", "True")
            call(
                "res.company",
                "write",
                [1],
                {"ms_require_consent": True, "email": "comision@example.mx"},
            )
            call("res.users", "write", [uid], {"email": "comision@example.mx"})
            sector = call("ms.sector", "create", {"name": "E2E", "code": "E2E"})
            partners = call(
                "res.partner",
                "create",
                [
                    {
                        "name": f"Persona {i}",
                        "email": f"persona{i}@example.mx",
                        "ms_sector_ids": [(6, 0, [sector])],
                    }
                    for i in range(N)
                ],
            )
            call(
                "ms.consent",
                "create",
                [
                    {
                        "partner_id": p,
                        "purpose": "mass_communications",
                        "date_given": "2026-01-01",
                    }
                    for p in partners
                ],
            )
            blacklisted = "persona0@example.mx"  # persona1 revokes consent below
            call("mail.blacklist", "create", {"email": blacklisted})
            consent = call("ms.consent", "search", [("partner_id", "=", partners[1])])
            call("ms.consent", "action_revoke", consent)
            expected = {f"persona{i}@example.mx" for i in range(2, N)}

            action = call("ms.sector", "action_ms_send_mailing", [sector])
            mailing = action["res_id"]
            audience = call(
                "mailing.mailing", "read", [mailing], ["ms_audience_count"]
            )[0]["ms_audience_count"]
            call("mailing.mailing", "action_send_mail", [mailing])
            cron = call(
                "ir.model.data",
                "check_object_reference",
                "mail",
                "ir_cron_mail_scheduler_action",
            )[1]
            call("ir.cron", "method_direct_trigger", [cron])
            wait(lambda: len(sink.messages) >= len(expected), 120)
            time.sleep(3)

            received = {rcpt for rcpts, _msg in sink.messages for rcpt in rcpts}
            links = [
                msg.get("List-Unsubscribe", "").strip("<>") for _r, msg in sink.messages
            ]
            problems = []
            if audience != len(expected):
                problems.append(f"audience shown {audience}, expected {len(expected)}")
            if received != expected or len(sink.messages) != len(expected):
                problems.append(
                    f"sink got {len(sink.messages)} messages; missing "
                    f"{sorted(expected - received)[:5]}, unexpected "
                    f"{sorted(received - expected)[:5]}"
                )
            if not all(
                link.startswith(f"{URL}/mailing/{mailing}/unsubscribe_oneclick")
                for link in links
            ):
                problems.append("a message lacks its one-click unsubscribe link")
            # follow one link, as a mail client does (RFC 8058)
            target_rcpt, target_msg = sink.messages[0]
            request = urllib.request.Request(
                target_msg["List-Unsubscribe"].strip("<>"),
                data=b"List-Unsubscribe=One-Click",
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
            now_blacklisted = call(
                "mail.blacklist",
                "search_count",
                [("email", "=", target_rcpt[0]), ("active", "=", True)],
            )
            if status != 200 or not now_blacklisted:
                problems.append(
                    f"unsubscribe of {target_rcpt[0]}: HTTP {status}, "
                    f"blacklisted={bool(now_blacklisted)}"
                )
            stats = call(
                "mailing.mailing",
                "read",
                [mailing],
                ["sent", "delivered", "canceled", "failed", "expected"],
            )[0]
            if stats["sent"] != len(sink.messages) or stats["failed"]:
                problems.append(f"statistics {stats} vs {len(sink.messages)} received")
            print(
                f"recipients expected {len(expected)}, received {len(sink.messages)}, "
                f"audience shown {audience}, statistics {stats}, "
                f"unsubscribed {target_rcpt[0]} -> blacklisted {bool(now_blacklisted)}"
            )
            for problem in problems:
                print("PROBLEM:", problem)
            sys.exit(1 if problems else 0)
    finally:
        controller.stop()


main()
