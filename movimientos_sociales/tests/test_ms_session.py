from datetime import datetime, timedelta

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

        # the quorum counts the members convened to the session: a later change
        # of the commission doesn't change it; a session convened to nobody
        # never has quorum
        self._set_commission()
        session.attendee_ids = self.members
        self.assertEqual(session.commission_member_count, 3)
        self.assertTrue(session.has_quorum)
        empty = self._create_session("Sin integrantes")
        empty.attendee_ids = self.members
        self.assertEqual(empty.commission_member_count, 0)
        self.assertEqual(empty.present_member_count, 0)
        self.assertFalse(empty.has_quorum)

    # Lifecycle -----------------------------------------------------------------

    def test_lifecycle(self):
        """Convened, held, and its minutes approved by a coordinator."""
        session = self._create_session(
            env=self.env(user=self.user_operator),
            attendee_ids=[Command.set(self.members.ids)],
        )
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
        session = self._create_session(
            minutes="<p>Minutes</p>", attendee_ids=[Command.set(self.members.ids)]
        )
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

    # Final minutes -------------------------------------------------------------

    def _approved(self, **vals):
        """A held session with quorum, one agreement, its minutes approved."""
        session = self._create_session(
            **{
                "minutes": "<p>Se aprobó el plan.</p>",
                "location": "Sala de la Comisión",
                "attendee_ids": [Command.set(self.members.ids)],
                **vals,
            }
        )
        agreement = self.env["ms.agreement"].create(
            {
                "text": "<p>Convocar la marcha</p>",
                "session_id": session.id,
                "owner_ids": [Command.set(self.user_operator.ids)],
                "votes_for": 3,
                "votes_abstain": 1,
            }
        )
        session.action_mark_held()
        session.with_user(self.user_coordinator).action_approve_minutes()
        return session, agreement

    def test_approved_minutes_are_final(self):
        """After approval, what the acta records can't change: attendance (which
        decides the quorum), place, dates, agenda, minutes, and the agreements'
        text, owners, deadline and votes; no agreement is added or removed.
        Their follow-up (status) goes on."""
        session, agreement = self._approved()
        as_operator = session.with_user(self.user_operator)
        for vals in (
            {"attendee_ids": [Command.unlink(self.members[0].id)]},
            {"member_ids": [Command.link(self.guest.id)]},
            {"location": "Otra sede"},
            {"minutes": "<p>Otra cosa</p>"},
            {"agenda": "<p>Otro orden</p>"},
            {"date_start": session.date_start - timedelta(hours=1)},
            {"agreement_ids": [Command.create({"text": "<p>Nuevo</p>"})]},
        ):
            with (
                self.subTest(vals=list(vals)),
                self.assertRaisesRegex(UserError, "approved and final"),
            ):
                as_operator.write(vals)
        own = agreement.with_user(self.user_coordinator)
        for vals in (
            {"text": "<p>Otra</p>"},
            {"owner_ids": [Command.set(self.user_coordinator.ids)]},
            {"deadline": "2030-01-01"},
            {"votes_against": 1},
            {"session_id": False},
        ):
            with (
                self.subTest(vals=list(vals)),
                self.assertRaisesRegex(UserError, "approved and final"),
            ):
                own.write(vals)
        with self.assertRaisesRegex(UserError, "approved and final"):
            own.unlink()
        with self.assertRaisesRegex(UserError, "approved and final"):
            own.name = "ACU/HACK"
        with self.assertRaisesRegex(UserError, "quorum is computed"):
            as_operator.write({"has_quorum": False, "quorum_required": 99})

        with self.assertRaisesRegex(UserError, "approved and final"):
            self.env["ms.agreement"].with_user(self.user_coordinator).create(
                {"text": "<p>Colado</p>", "session_id": session.id}
            )
        other = self.env["ms.agreement"].create({"text": "<p>Suelto</p>"})
        with self.assertRaisesRegex(UserError, "approved and final"):
            other.with_user(self.user_coordinator).session_id = session
        own.action_start()
        self.assertEqual(agreement.state, "in_progress")
        self.assertEqual(session.location, "Sala de la Comisión")
        self.assertEqual(len(session.attendee_ids), 4)

    def test_reopen_minutes(self):
        """Reopening approved minutes takes a Coordinador and a reason, kept
        (tracked); then they can be corrected and approved again."""
        session, _agreement = self._approved()
        session = session.with_context(tracking_disable=False)
        with self.assertRaises(AccessError):
            session.with_user(self.user_operator).action_reopen_minutes(
                reason="Error de dedo"
            )
        as_coordinator = session.with_user(self.user_coordinator)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            as_coordinator.action_reopen_minutes(reason=" ")
        self.assertEqual(session.state, "approved")
        as_coordinator.action_reopen_minutes(reason="Faltó un acuerdo")
        self.assertRecordValues(
            session, [{"state": "held", "state_reason": "Faltó un acuerdo"}]
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit
        tracked = session.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state_reason"
        )
        self.assertEqual(tracked[:1].new_value_text, "Faltó un acuerdo")
        session.with_user(self.user_operator).location = "Sede corregida"
        as_coordinator.action_approve_minutes()
        self.assertEqual(session.state, "approved")

    def test_no_held_before_it_starts_no_approval_without_quorum(self):
        """A session in the future can't be marked held, and minutes of a
        session without quorum can't be approved."""
        future = self._create_session(
            "Futura",
            date_start=self.now_plus(days=3),
            date_end=self.now_plus(days=3, hours=2),
            minutes="<p>Acta</p>",
        )
        with self.assertRaisesRegex(UserError, "has not started yet"):
            future.action_mark_held()
        self.assertEqual(future.state, "convened")
        past = self._create_session(
            minutes="<p>Acta</p>", attendee_ids=[Command.set(self.members[:2].ids)]
        )
        past.action_mark_held()
        with self.assertRaisesRegex(
            UserError, r"no quorum \(2 of 4 members present, 3"
        ):
            past.with_user(self.user_coordinator).action_approve_minutes()
        self.assertEqual(past.state, "held")

    def test_quorum_rule_is_configurable(self):
        """Half of the members plus one by default; two thirds; a fixed
        number (at least one)."""
        company = self.env.company
        session = self._create_session(attendee_ids=[Command.set(self.members[:3].ids)])
        self.assertRecordValues(session, [{"quorum_required": 3, "has_quorum": True}])
        company.ms_quorum_rule = "two_thirds"
        session.attendee_ids = self.members[:2]
        self.assertRecordValues(session, [{"quorum_required": 3, "has_quorum": False}])
        company.write({"ms_quorum_rule": "fixed", "ms_quorum_fixed": 2})
        session.attendee_ids = self.members[:2] | self.guest
        self.assertRecordValues(
            session,
            [{"quorum_required": 2, "present_member_count": 2, "has_quorum": True}],
        )
        with self.assertRaises(ValidationError):
            company.ms_quorum_fixed = 0

    def test_votes(self):
        """Votes are non-negative and no more than the people present; the
        result reads as unanimity or as the count."""
        session = self._create_session(attendee_ids=[Command.set(self.members.ids)])
        Agreement = self.env["ms.agreement"]
        unanimous = Agreement.create(
            {"text": "<p>A</p>", "session_id": session.id, "votes_for": 4}
        )
        self.assertEqual(unanimous.vote_result, "Unanimous (4 for)")
        split = Agreement.create(
            {
                "text": "<p>B</p>",
                "session_id": session.id,
                "votes_for": 2,
                "votes_against": 1,
                "votes_abstain": 1,
            }
        )
        self.assertEqual(split.vote_result, "2 for, 1 against, 1 abstentions")
        self.assertFalse(Agreement.create({"text": "<p>C</p>"}).vote_result)
        with self.assertRaisesRegex(ValidationError, "can't be negative"):
            with self.env.cr.savepoint():
                split.votes_against = -1
        with self.assertRaisesRegex(ValidationError, "5 votes recorded"):
            with self.env.cr.savepoint():
                split.votes_for = 3

    def test_approved_minutes_are_not_deleted(self):
        """Approved minutes are not deleted either (a Coordinador reopens them
        first), even without agreements."""
        session = self._create_session(
            minutes="<p>Acta</p>", attendee_ids=[Command.set(self.members.ids)]
        )
        session.action_mark_held()
        session.with_user(self.user_coordinator).action_approve_minutes()
        with self.assertRaisesRegex(UserError, "approved and final"):
            session.with_user(self.user_coordinator).unlink()
        self.assertTrue(session.exists())

    def test_people_of_approved_minutes_are_not_deleted(self):
        """Deleting a contact would erase them from approved minutes: it is
        refused (archiving keeps them)."""
        guest = self._create_contact("Invitado Registrado", "inv@example.mx")
        self._approved(attendee_ids=[Command.set((self.members | guest).ids)])
        with self.assertRaisesRegex(UserError, "approved minutes"):
            guest.with_user(self.user_operator).unlink()
        guest.with_user(self.user_operator).active = False
        self.assertTrue(guest.exists())
