"""make e2e: a sector mailing sent for real by Odoo's own mail queue cron to a
local SMTP sink (aiosmtpd on loopback), then checks what arrived.

Usage: tools/e2e.py CONF DB PORT
DB must have the addon installed. Starts Odoo (not in test mode) with its
outgoing mail pointed at the sink, and through XML-RPC: 300 contacts in a
sector, one blacklisted, one who revoked consent (the "require consent" setting
is on); emails the sector; lets the queue cron send it. Then: the sink got
exactly the expected recipients, each message carries a one-click unsubscribe
link, following one really blacklists that person, and the mailing's statistics
match. Then a sector conference in 10 days: its 300 contacts invited as
participants, convened and moved by an hour, one declines through their link;
the invitation mailing on the participants goes through the same queue. The
sink got one invitation per participant with an email, consent, not
blacklisted and not declined, and no calendar mail at all (invitation, date
updated, .ics); one recipient's personal link, opened anonymously, records
their acceptance. Loopback only, bounded in time; exits non-zero on any
mismatch."""

import email
import email.policy
import http.cookiejar
import os
import re
import sys
import time
import urllib.parse
import urllib.request
import xmlrpc.client
from collections import Counter
from datetime import datetime, timedelta

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


def answer(link, choice):
    """Open a personal RSVP link as an anonymous browser (its own cookies),
    then post the answer with the page's CSRF token; the HTTP status."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(link, timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'csrf_token: "([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "answer": choice}).encode()
    with opener.open(link, data=data, timeout=30) as response:
        return response.status


def is_calendar_mail(message):
    """Odoo's calendar mails: invitation, date updated (en/es), or an .ics."""
    subject = message["Subject"] or ""
    return any(
        word in subject
        for word in (
            "Invitation to",
            "Invitación a",
            "Date updated",
            "fecha actualizada",
        )
    ) or any(
        part.get_content_type() == "text/calendar"
        or (part.get_filename() or "").endswith(".ics")
        for part in message.walk()
    )


def sector_people(call, sector, name, without_email=(), without_consent=()):
    """N contacts of `sector` ("<name> i", <name>i@example.mx), all with a
    consent for mass communications given on paper, but those listed."""
    partners = call(
        "res.partner",
        "create",
        [
            {
                "name": f"{name.capitalize()} {i}",
                "email": False if i in without_email else f"{name}{i}@example.mx",
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
            for i, p in enumerate(partners)
            if i not in without_consent
        ],
    )
    return partners


def conference_invitation(call, sink, cron):
    """The conference part (see the module's docstring); the problems found."""
    sector = call("ms.sector", "create", {"name": "E2E Conf", "code": "E2EC"})
    # 300 contacts: 0-4 blacklisted, 5-14 without consent, 15-19 without
    # email, 20 declines; the 280 others get the invitation
    partners = sector_people(
        call,
        sector,
        "invitado",
        without_email=range(15, 20),
        without_consent=range(5, 15),
    )
    call(
        "mail.blacklist",
        "create",
        [{"email": f"invitado{i}@example.mx"} for i in range(5)],
    )
    expected = {f"invitado{i}@example.mx" for i in range(21, N)}
    start = datetime.now().replace(microsecond=0) + timedelta(days=10)
    conference = call(
        "ms.conference",
        "create",
        {
            "name": "Conferencia E2E",
            "sector_ids": [(6, 0, [sector])],
            "date_start": f"{start}",
            "date_end": f"{start + timedelta(hours=3)}",
            "location": "Ciudad de México",
        },
    )
    call("ms.conference", "action_invite_sectors", [conference])
    call("ms.conference", "action_convene", [conference])
    # rescheduled by an hour: Odoo's calendar would send "Date updated"
    call(
        "ms.conference",
        "write",
        [conference],
        {
            "date_start": f"{start + timedelta(hours=1)}",
            "date_end": f"{start + timedelta(hours=4)}",
        },
    )
    participant = {
        r["partner_id"][0]: r
        for r in call(
            "ms.conference.participant",
            "search_read",
            [("conference_id", "=", conference)],
            ["partner_id", "rsvp_url", "rsvp"],
        )
    }
    answer(participant[partners[20]]["rsvp_url"], "decline")
    declined = call(
        "ms.conference.participant", "read", [participant[partners[20]]["id"]], ["rsvp"]
    )[0]["rsvp"]
    figures = call(
        "ms.conference", "read", [conference], ["invited_count", "calendar_event_id"]
    )[0]
    invited = figures["invited_count"]
    attendees = call(
        "calendar.attendee",
        "search_count",
        [("event_id", "=", figures["calendar_event_id"][0])],
    )

    first = len(sink.messages)
    mailing = call("ms.conference", "action_ms_send_mailing", [conference])["res_id"]
    audience = call("mailing.mailing", "read", [mailing], ["ms_audience_count"])[0][
        "ms_audience_count"
    ]
    call("mailing.mailing", "action_send_mail", [mailing])
    call("ir.cron", "method_direct_trigger", [cron])
    wait(lambda: len(sink.messages) - first >= len(expected), 120)
    time.sleep(3)
    messages = sink.messages[first:]
    per_rcpt = Counter(rcpt for rcpts, _msg in messages for rcpt in rcpts)
    calendar_mails = [msg["Subject"] for _r, msg in messages if is_calendar_mail(msg)]
    if not messages:
        return ["no invitation reached the sink"]

    # one recipient opens their personal link and accepts
    rcpts, message = messages[0]
    body = message.get_body(("html", "plain")).get_content()
    link = re.search(rf"{re.escape(URL)}/ms/rsvp/\d+/\w+", body)
    status = answer(link.group(0), "accept") if link else None
    target = int(link.group(0).split("/")[-2]) if link else 0
    accepted = call(
        "ms.conference.participant", "read", [target], ["email", "rsvp"]
    ) or [{}]
    call("ir.cron", "method_direct_trigger", [cron])  # a mail after the answer?
    time.sleep(3)
    after_answer = len(sink.messages) - first - len(messages)

    problems = []
    if invited != N or attendees != N + 1:
        problems.append(f"{invited} participants, {attendees} attendees for {N}")
    if declined != "declined":
        problems.append(f"invitado20 declined through their link: rsvp {declined}")
    if audience != len(expected):
        problems.append(f"invitation audience {audience}, expected {len(expected)}")
    if set(per_rcpt) != expected or len(messages) != len(expected):
        problems.append(
            f"sink got {len(messages)} invitations; missing "
            f"{sorted(expected - set(per_rcpt))[:5]}, unexpected "
            f"{sorted(set(per_rcpt) - expected)[:5]}, more than one to "
            f"{[r for r, n in per_rcpt.items() if n > 1][:5]}"
        )
    if calendar_mails or after_answer:
        problems.append(
            f"calendar mails {calendar_mails[:3]}, "
            f"mails after the answer {after_answer}"
        )
    if (
        status != 200
        or accepted[0].get("rsvp") != "accepted"
        or accepted[0].get("email") != rcpts[0]
    ):
        problems.append(
            f"answer link {link and link.group(0)} of {rcpts[0]}: HTTP {status}, "
            f"{accepted[0]}"
        )
    print(
        f"conference: participants {invited}, attendees {attendees} (with the "
        f"organizer), invitations expected {len(expected)}, received "
        f"{len(messages)} to {len(per_rcpt)} addresses, audience shown {audience}, "
        f"calendar mails {len(calendar_mails)}, mails after the answer "
        f"{after_answer}; {rcpts[0]} answered through {link and link.group(0)}: "
        f"HTTP {status}, rsvp {accepted[0].get('rsvp')}"
    )
    return problems


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
            partners = sector_people(call, sector, "persona")
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
            problems += conference_invitation(call, sink, cron)
            for problem in problems:
                print("PROBLEM:", problem)
            sys.exit(1 if problems else 0)
    finally:
        controller.stop()


main()
