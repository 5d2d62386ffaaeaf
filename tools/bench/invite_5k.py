"""P9: inviting a 5,000-contact sector to a conference (run through `odoo-bin
shell` by tools/bench.sh, each measurement in its own process: a cold cache, and a
peak RSS that is this measurement's).

MS_BENCH_MODE:
  fixture   the sector "Bench P9" (code MS_BENCH_P9) and its sub-sector "Bench P9
            1k" (MS_BENCH_P9_1K): 4,000 + 1,000 contacts with an email (ref
            ms_bench_p9), created once and committed, then archived, so that the
            other cases never see them. Prints FIXTURE.
  ours      in a transaction rolled back at the end: the fixture woken up, a
            conference dated now + 10 days on the sector, created by the admin;
            then, from a cold cache, (a) action_invite_sectors(), (b)
            action_ms_send_mailing() and the mailing's ms_audience_count, (c) the
            mails, calendar messages and notifications created since the
            invitation started, and since before the conference was created.
  odoo      Odoo's own: the same contacts added to a plain calendar.event by
            write({'partner_ids': [Command.link(...)]}) (attendees and the event's
            partner links), Odoo's invitation mails off by context
            (no_mail_to_attendees, skip_attendee_notification).
  ours_1k, odoo_1k  the same on the 1,000-contact sub-sector: with the 5,000,
            the queries and time that grow per 1,000 people invited.

Prints one line: INVITE {json}."""

import json
import os
import resource
import sys
import time
from datetime import timedelta

from odoo import Command, fields

SECTOR, SECTOR_1K, REF = "MS_BENCH_P9", "MS_BENCH_P9_1K", "ms_bench_p9"
SIZES = {SECTOR: 4000, SECTOR_1K: 1000}  # the 1k sub-sector is in the parent's tree
BATCH = 1000


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sectors(env):
    Sector = env["ms.sector"].with_context(active_test=False)
    return {code: Sector.search([("code", "=", code)]) for code in SIZES}


def fixture(env):
    """Create the invitees once (committed; ORM creates in batches of 1,000 so
    their stored fields are computed as the addon computes them), then archive
    them in SQL (no audit log, no write hooks): the bench database keeps them."""
    start = time.perf_counter()
    found = sectors(env)
    Partner = env["res.partner"].with_context(active_test=False)
    if all(found.values()) and Partner.search_count([("ref", "=", REF)]) == sum(
        SIZES.values()
    ):
        print(
            f"FIXTURE kept contacts={sum(SIZES.values())} "
            f"seconds={time.perf_counter() - start:.1f}"
        )
        return
    # an interrupted creation: start again
    env.cr.execute("DELETE FROM res_partner WHERE ref = %s", [REF])
    env.cr.execute("DELETE FROM ms_sector WHERE code IN %s", [tuple(SIZES)])
    env.invalidate_all()
    quiet = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
        )
    )
    parent = quiet["ms.sector"].create({"name": "Bench P9", "code": SECTOR})
    child = quiet["ms.sector"].create(
        {"name": "Bench P9 1k", "code": SECTOR_1K, "parent_id": parent.id}
    )
    number = 0
    for sector, size in ((parent, SIZES[SECTOR]), (child, SIZES[SECTOR_1K])):
        for first in range(0, size, BATCH):
            quiet["res.partner"].create(
                [
                    {
                        "name": f"Invitada P9 {number + i:05d}",
                        "email": f"p9.{number + i:05d}@bench.example.com",
                        "ref": REF,
                        "ms_sector_ids": [Command.link(sector.id)],
                    }
                    for i in range(first, min(first + BATCH, size))
                ]
            )
        number += size
    env.flush_all()
    # consent is required in a new database: the invitees consent (as the
    # populated contacts, tools/bench/populate_fixup.py)
    env.cr.execute(
        """INSERT INTO ms_consent (partner_id, purpose, channel, date_given,
                                   create_uid, write_uid, create_date, write_date)
           SELECT id, 'mass_communications', 'paper', CURRENT_DATE - 30, 1, 1,
                  now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM res_partner WHERE ref = %s""",
        [REF],
    )
    env.cr.execute("UPDATE res_partner SET active = false WHERE ref = %s", [REF])
    env.cr.execute(
        "UPDATE ms_sector SET active = false WHERE code IN %s", [tuple(SIZES)]
    )
    env.cr.commit()
    # statistics that know the archived rows (the other cases' plans)
    env.cr.execute("ANALYZE res_partner, ms_sector, ms_sector_res_partner_rel")
    env.cr.commit()
    env.invalidate_all()
    print(
        f"FIXTURE created contacts={number} seconds={time.perf_counter() - start:.1f}"
    )


def wake_up(env):
    """The fixture active in this transaction only (rolled back at the end), with
    statistics that know it (ANALYZE is transactional too)."""
    env.cr.execute("UPDATE res_partner SET active = true WHERE ref = %s", [REF])
    env.cr.execute(
        "UPDATE ms_sector SET active = true WHERE code IN %s", [tuple(SIZES)]
    )
    env.cr.execute("ANALYZE res_partner, ms_sector, ms_sector_res_partner_rel")
    env.invalidate_all()


def last_ids(env):
    """The last id of the tables whose new rows are counted (mails, messages)."""
    found = {}
    for table in ("mail_mail", "mail_message", "mail_notification", "mail_followers"):
        env.cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        found[table] = env.cr.fetchone()[0]
    return found


def created_since(env, before, event, suffix=""):
    """What was created since `before` (rows of this transaction): mails,
    messages on calendar events, notifications, all messages, the event's new
    followers."""
    env.flush_all()

    def count(query, *args):
        env.cr.execute(query, args)
        return env.cr.fetchone()[0]

    found = {
        "mail_mail": count(
            "SELECT count(*) FROM mail_mail WHERE id > %s", before["mail_mail"]
        ),
        "calendar_messages": count(
            "SELECT count(*) FROM mail_message"
            " WHERE id > %s AND model = 'calendar.event'",
            before["mail_message"],
        ),
        "notifications": count(
            "SELECT count(*) FROM mail_notification WHERE id > %s",
            before["mail_notification"],
        ),
        "messages": count(
            "SELECT count(*) FROM mail_message WHERE id > %s", before["mail_message"]
        ),
        "event_followers": count(
            "SELECT count(*) FROM mail_followers WHERE id > %s"
            " AND res_model = 'calendar.event' AND res_id = %s",
            before["mail_followers"],
            event.id,
        ),
    }
    return {f"{key}{suffix}": value for key, value in found.items()}


def event_rows(env, event):
    """The event's attendees and partner links (to check the invitation)."""
    env.cr.execute(
        "SELECT (SELECT count(*) FROM calendar_attendee WHERE event_id = %s),"
        " (SELECT count(*) FROM calendar_event_res_partner_rel"
        "   WHERE calendar_event_id = %s)",
        [event.id, event.id],
    )
    return dict(zip(("attendees", "event_partners"), env.cr.fetchone(), strict=True))


def timed(env, func):
    """Run func from a cold cache, its pending writes flushed: (result, ms,
    queries, peak RSS growth in MiB)."""
    env.invalidate_all()
    base, queries = rss_mib(), env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    ms = (time.perf_counter() - start) * 1000
    return (
        result,
        round(ms, 1),
        env.cr.sql_log_count - queries,
        round(rss_mib() - base, 1),
    )


def run(env, mode):
    code = SECTOR_1K if mode.endswith("_1k") else SECTOR
    admin = env.ref("base.user_admin")
    wake_up(env)
    sector = sectors(env)[code]
    user_env = env(user=admin.id, su=False)
    start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=10)
    before = last_ids(env)
    out = {"mode": mode}
    if mode.startswith("ours"):
        conference = user_env["ms.conference"].create(
            {
                "name": "Bench P9 conference",
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "sector_ids": [Command.set(sector.ids)],
            }
        )
        env.flush_all()
        invited = last_ids(env)
        _r, out["ms"], out["queries"], out["rss_mib"] = timed(
            env, conference.action_invite_sectors
        )
        out["participants"] = len(conference.sudo().participant_ids)
        action, out["mailing_ms"], out["mailing_queries"], _m = timed(
            env, conference.action_ms_send_mailing
        )
        mailing = user_env["mailing.mailing"].browse(action["res_id"])
        out["audience"], out["audience_ms"], out["audience_queries"], _m = timed(
            env, lambda: mailing.ms_audience_count
        )
        # what Odoo's domain widget shows for the same mailing: a plain count
        Participant = user_env["ms.conference.participant"]
        out["plain_count"], out["plain_count_ms"], out["plain_count_queries"], _m = (
            timed(
                env, lambda: Participant.search_count(mailing._get_recipients_domain())
            )
        )
        event = conference.sudo().calendar_event_id
    else:
        Event = user_env["calendar.event"].with_context(
            no_mail_to_attendees=True, skip_attendee_notification=True
        )
        event = Event.create(
            {
                "name": "Bench P9 meeting",
                "start": start,
                "stop": start + timedelta(hours=3),
            }
        )
        env.flush_all()
        invited = last_ids(env)

        def invite():
            partners = user_env["res.partner"].search(
                [("is_company", "=", False), ("ms_sector_ids", "child_of", sector.ids)]
            )
            event.write({"partner_ids": [Command.link(pid) for pid in partners.ids]})
            return partners

        partners, out["ms"], out["queries"], out["rss_mib"] = timed(env, invite)
        out["participants"] = len(partners)
    # since before the conference (or the event) was created, and since the
    # invitation started
    out.update(created_since(env, before, event, "_all"))
    out.update(created_since(env, invited, event))
    out.update(event_rows(env, event))
    env.cr.rollback()
    print("INVITE " + json.dumps(out))


mode = os.environ.get("MS_BENCH_MODE", "ours")
if mode == "fixture":
    fixture(env)  # noqa: F821 (odoo shell)
else:
    run(env, mode)  # noqa: F821
sys.stdout.flush()
