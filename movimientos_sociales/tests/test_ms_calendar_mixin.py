from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import MsCase


@tagged("post_install", "-at_install", "ms_calendar")
class TestMsCalendarMixin(MsCase, MockEmail):
    """The events of conferences, sessions and actions write to nobody: Odoo's
    calendar mails (invitation, "date updated") are off for them, whatever is
    edited, for future events (Odoo only mails about future ones)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.people = cls.env["res.partner"].create(
            [
                {"name": f"Invitada {n}", "email": f"invitada{n}@example.mx"}
                for n in range(4)
            ]
        )

    def _future(self, hours=0):
        return self.start + timedelta(hours=hours)

    def test_conference_lifecycle_sends_no_mail(self):
        """Adding, removing participants, editing name, place and date,
        convening and cancelling a future conference: 0 mails created, 0 sent,
        and the attendees still follow the participants."""
        env = self.env(user=self.user_operator)
        with self.mock_mail_gateway():
            conference = self._create_conference(
                "Conferencia Futura",
                env=env,
                date_start=self._future(),
                date_end=self._future(3),
            )
            participants = self._add_participants(conference, self.people[:3], env=env)
            conference.write({"location": "Auditorio", "name": "Conferencia Nueva"})
            conference.write(
                {"date_start": self._future(24), "date_end": self._future(27)}
            )
            conference.action_convene()
            self._add_participants(conference, self.people[3], env=env)
            participants[0].unlink()
            conference.action_cancel(reason="Se pospone")
        self.assertEqual(len(self._new_mails), 0)
        self.assertEqual(len(self._mails), 0)
        event = conference.calendar_event_id.sudo()
        self.assertEqual(
            event.with_context(active_test=False).partner_ids
            - conference.organizer_id.partner_id,
            self.people[1:],
        )
        self.assertEqual(event.name, "Conferencia Nueva")
        self.assertEqual(event.location, "Auditorio")
        self.assertEqual(event.start, self._future(24))

    def test_session_writes_to_nobody_and_keeps_its_organizer(self):
        """A future session convened to members gets no Odoo mail either, and
        its event keeps the organizer who created it, whoever edits it."""
        env = self.env(user=self.user_operator)
        with self.mock_mail_gateway():
            session = self._create_session(
                env=env,
                date_start=self._future(),
                date_end=self._future(2),
                member_ids=[Command.set(self.people[:2].ids)],
            )
            session.with_user(self.user_coordinator).write(
                {
                    "location": "Sala 2",
                    "member_ids": [Command.link(self.people[2].id)],
                    "date_start": self._future(1),
                    "date_end": self._future(3),
                }
            )
        self.assertEqual(len(self._new_mails), 0)
        event = session.calendar_event_id.sudo()
        self.assertEqual(event.user_id, self.user_operator)
        self.assertEqual(event.partner_ids, self.people[:3])

    def test_blocked_person_never_an_attendee(self):
        """A person blocked by ARCO is not an attendee of the event, however
        often the conference is edited (no extra attendee per edit)."""
        blocked = self.people[0]
        request = self._create_arco(blocked, "cancellation")
        request.with_user(self.user_coordinator).action_block()
        conference = self._create_conference(
            "Con una persona bloqueada",
            date_start=self._future(),
            date_end=self._future(2),
        )
        self.env["ms.conference.participant"].sudo().create(
            [
                {"conference_id": conference.id, "partner_id": partner.id}
                for partner in self.people[:2]
            ]
        )
        for place in ("Sala A", "Sala B"):
            conference.location = place
        attendees = (
            conference.calendar_event_id.sudo()
            .with_context(active_test=False)
            .attendee_ids
        )
        self.assertNotIn(blocked, attendees.partner_id)
        self.assertEqual(
            len(attendees.filtered(lambda a: a.partner_id == self.people[1])), 1
        )
