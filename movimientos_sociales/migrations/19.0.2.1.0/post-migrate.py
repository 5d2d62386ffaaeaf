"""19.0.2.1.0: a conference's invited/confirmed/attended figures are no longer
stored (adding a participant must not rewrite the conference's row); its
attendance rate is recorded only for conferences that were held. The
description Odoo wrote into the addon's calendar events (the organizer's and
the first attendee's name, email and phone, readable by whoever reads the
event) is removed: the addon's events describe nothing, and their email
reminders are removed too."""

from odoo import SUPERUSER_ID, api

MS_EVENT_MODELS = (
    "ms.conference",
    "ms.session",
    "ms.action",
    "ms.international.exchange",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE ms_conference
            DROP COLUMN IF EXISTS invited_count,
            DROP COLUMN IF EXISTS confirmed_count,
            DROP COLUMN IF EXISTS attended_count
        """
    )
    cr.execute(
        "UPDATE calendar_event SET description = NULL WHERE res_model IN %s",
        (MS_EVENT_MODELS,),
    )
    cr.execute(
        """
        DELETE FROM calendar_alarm_calendar_event_rel
         WHERE calendar_event_id IN (
            SELECT id FROM calendar_event WHERE res_model IN %s)
        """,
        (MS_EVENT_MODELS,),
    )
    # their attendees answer through the addon's link, not Odoo's token pages
    cr.execute(
        """
        UPDATE calendar_attendee SET access_token = NULL
         WHERE event_id IN (SELECT id FROM calendar_event WHERE res_model IN %s)
        """,
        (MS_EVENT_MODELS,),
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    conferences = env["ms.conference"].with_context(active_test=False).search([])
    env.add_to_compute(conferences._fields["attendance_rate"], conferences)
    conferences.flush_recordset(["attendance_rate"])
    _keep_approved_quorum(env)


def _keep_approved_quorum(env):
    """Approved minutes keep the quorum they were approved with: until this
    release it counted the company's commission members (now the members
    convened to the session, stored); recompute those sessions by the old
    rule (more than half of the commission's members present)."""
    members = env.company.ms_commission_member_ids.partner_id
    for session in env["ms.session"].search([("state", "=", "approved")]):
        present = len(session.attendee_ids & members)
        required = len(members) // 2 + 1 if members else 0
        env.cr.execute(
            """
            UPDATE ms_session
               SET commission_member_count = %s, present_member_count = %s,
                   quorum_required = %s, has_quorum = %s
             WHERE id = %s
            """,
            (
                len(members),
                present,
                required,
                bool(members) and present >= required,
                session.id,
            ),
        )
    env["ms.session"].invalidate_model()
