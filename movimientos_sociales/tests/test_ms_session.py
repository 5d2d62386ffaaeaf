from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_session")
class TestMsSession(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commission = (
            cls.user_operator
            | cls.user_coordinator
            | cls.user_manager
            | cls.user_reader
        )
        cls._set_commission(cls.commission, coordinator=cls.user_coordinator)
        cls.members = cls.commission.partner_id
        cls.guest = cls._create_contact("Invitada Externa", "invitada@example.mx")

    # Members and calendar ------------------------------------------------------

    def test_members_default_to_commission(self):
        """A new session convenes the commission's members of the current
        company, who are the partners of its calendar event."""
        session = self._create_session(location="Sala de juntas")
        self.assertEqual(session.member_ids, self.members)
        event = session.calendar_event_id
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Sesión Ordinaria",
                    "start": datetime(2025, 3, 12, 17, 0),
                    "stop": datetime(2025, 3, 12, 19, 0),
                    "location": "Sala de juntas",
                    "res_model": "ms.session",
                    "res_id": session.id,
                }
            ],
        )
        self.assertEqual(event.partner_ids, self.members)
        self.assertEqual(event.attendee_ids.partner_id, self.members)
        self.assertFalse(session.activity_ids)

    def test_default_members_follow_setting(self):
        """Changing the commission changes the members convened to the next
        session, not those of the existing ones."""
        before = self._create_session()
        self._set_commission(self.user_coordinator | self.user_manager)
        after = self._create_session("Sesión Extraordinaria")
        self.assertEqual(
            after.member_ids,
            (self.user_coordinator | self.user_manager).partner_id,
        )
        self.assertEqual(before.member_ids, self.members)
        self._set_commission()
        self.assertFalse(self._create_session("Sin Comisión").member_ids)

    def test_member_change_updates_event(self):
        """Convening a guest or removing a member updates the same event."""
        session = self._create_session()
        event = session.calendar_event_id
        session.member_ids = [
            Command.link(self.guest.id),
            Command.unlink(self.user_reader.partner_id.id),
        ]
        self.assertEqual(session.calendar_event_id, event)
        expected = self.members - self.user_reader.partner_id | self.guest
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.attendee_ids.partner_id, expected)
        session.write(
            {
                "name": "Sesión Ordinaria de Marzo",
                "date_start": datetime(2025, 3, 13, 17, 0),
                "date_end": datetime(2025, 3, 13, 20, 0),
            }
        )
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Sesión Ordinaria de Marzo",
                    "start": datetime(2025, 3, 13, 17, 0),
                    "stop": datetime(2025, 3, 13, 20, 0),
                }
            ],
        )
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [("res_model", "=", "ms.session"), ("res_id", "=", session.id)]
            ),
            1,
        )

    def test_dates_checked(self):
        """A session must end after it starts, at creation and when moved."""
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            with self.env.cr.savepoint():
                self._create_session(date_end=datetime(2025, 3, 12, 17, 0))
        session = self._create_session()
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            with self.env.cr.savepoint():
                session.date_start = datetime(2025, 3, 12, 20, 0)

    def test_unlink_and_cancel(self):
        """Cancelling archives the event; deleting the session deletes it."""
        session = self._create_session()
        event = session.calendar_event_id
        session.action_cancel(reason="Members are at the march.")
        self.assertFalse(event.active)
        session.unlink()
        self.assertFalse(event.exists())

    # Quorum --------------------------------------------------------------------

    def test_quorum(self):
        """There is quorum when more than half of the commission's members are
        present; present guests do not count."""
        session = self._create_session()
        operator = self.user_operator.partner_id
        coordinator = self.user_coordinator.partner_id
        manager = self.user_manager.partner_id

        def check(present, count, quorum):
            session.attendee_ids = present
            self.assertRecordValues(
                session,
                [
                    {
                        "commission_member_count": 4,
                        "present_member_count": count,
                        "has_quorum": quorum,
                    }
                ],
            )

        check(self.env["res.partner"], 0, False)
        check(operator | coordinator, 2, False)  # exactly half
        check(operator | coordinator | self.guest, 2, False)
        check(operator | coordinator | manager, 3, True)
        check(self.members | self.guest, 4, True)

    def test_quorum_odd_commission(self):
        """With three members, two make quorum; with none configured there is
        never quorum."""
        self._set_commission(
            self.user_operator | self.user_coordinator | self.user_manager
        )
        session = self._create_session()
        session.attendee_ids = (self.user_operator | self.user_coordinator).partner_id
        self.assertEqual(session.commission_member_count, 3)
        self.assertTrue(session.has_quorum)
        session.attendee_ids = self.user_operator.partner_id
        self.assertFalse(session.has_quorum)

        self._set_commission()
        session.invalidate_recordset()
        session.attendee_ids = self.members
        self.assertEqual(session.commission_member_count, 0)
        self.assertEqual(session.present_member_count, 0)
        self.assertFalse(session.has_quorum)

    # Lifecycle -----------------------------------------------------------------

    def test_lifecycle(self):
        """Convened, held, and its minutes approved by a coordinator."""
        session = self._create_session(env=self.env(user=self.user_operator))
        self.assertEqual(session.state, "convened")
        session.action_mark_held()
        self.assertEqual(session.state, "held")
        session.minutes = "<p>Agreements 1 to 4 adopted.</p>"
        with self.assertRaises(AccessError):
            session.action_approve_minutes()
        self.assertEqual(session.state, "held")
        session.with_user(self.user_coordinator).action_approve_minutes()
        self.assertEqual(session.state, "approved")

    def test_approve_requires_minutes(self):
        """Minutes cannot be approved when they are empty or blank."""
        session = self._create_session()
        session.action_mark_held()
        coordinator_session = session.with_user(self.user_coordinator)
        for minutes in (False, "", "<p><br></p>"):
            with self.subTest(minutes=minutes):
                session.minutes = minutes
                with self.assertRaisesRegex(UserError, "Write the minutes"):
                    coordinator_session.action_approve_minutes()
                self.assertEqual(session.state, "held")

    def test_cancel_needs_reason(self):
        """Cancelling needs a reason and is possible while convened only."""
        session = self._create_session()
        for reason in (None, "", "  "):
            with self.subTest(reason=reason), self.assertRaises(UserError):
                session.action_cancel(reason=reason)
        self.assertEqual(session.state, "convened")
        session.action_cancel(reason=" Lack of quorum foreseen. ")
        self.assertRecordValues(
            session,
            [{"state": "cancelled", "state_reason": "Lack of quorum foreseen."}],
        )

    def test_forbidden_transitions(self):
        """Each step is only possible from the previous state."""
        session = self._create_session(minutes="<p>Minutes</p>")
        coordinator_session = session.with_user(self.user_coordinator)
        with self.assertRaises(UserError):
            coordinator_session.action_approve_minutes()
        session.action_mark_held()
        with self.assertRaises(UserError):
            session.action_mark_held()
        with self.assertRaises(UserError):
            session.action_cancel(reason="Too late.")
        coordinator_session.action_approve_minutes()
        with self.assertRaises(UserError):
            coordinator_session.action_approve_minutes()
        with self.assertRaises(UserError):
            session.action_mark_held()
        self.assertEqual(session.state, "approved")

        cancelled = self._create_session("Cancelada")
        cancelled.action_cancel(reason="No quorum.")
        with self.assertRaises(UserError):
            cancelled.action_mark_held()

    # Access rights -------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads sessions but cannot create, write or delete them."""
        session = self._create_session().with_user(self.env.user)
        self.assertEqual(session.read(["name"])[0]["name"], "Sesión Ordinaria")
        with self.assertRaises(AccessError):
            self._create_session(env=self.env)
        with self.assertRaises(AccessError):
            session.write({"location": "Oaxaca"})
        with self.assertRaises(AccessError):
            session.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits sessions but cannot delete them."""
        session = self._create_session(env=self.env)
        session.write({"attendee_ids": [Command.set(self.members.ids)]})
        self.assertTrue(session.has_quorum)
        with self.assertRaises(AccessError):
            session.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes sessions."""
        session = self._create_session().with_user(self.env.user)
        session.unlink()
        self.assertFalse(session.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read sessions."""
        session = self._create_session()
        with self.assertRaises(AccessError):
            session.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._create_session(env=self.env)
