from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_action")
class TestMsAction(MsCase):
    # Calendar --------------------------------------------------------------------

    def test_calendar_event_created(self):
        """An action gets its own calendar event, organized by its responsible
        and inviting them, at its dates and place, linked back to it."""
        action = self._create_action(
            responsible_id=self.user_operator.id, location="Zócalo de Oaxaca"
        )
        event = action.calendar_event_id
        self.assertTrue(event)
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Marcha por el Agua",
                    "start": datetime(2025, 3, 8, 15, 0),
                    "stop": datetime(2025, 3, 8, 18, 0),
                    "location": "Zócalo de Oaxaca",
                    "user_id": self.user_operator.id,
                    "res_model": "ms.action",
                    "res_id": action.id,
                    "active": True,
                }
            ],
        )
        self.assertEqual(event.partner_ids, self.user_operator.partner_id)
        # the event adds no "meeting" activity to the action
        self.assertFalse(action.activity_ids)

        other = self._create_action("Mitin")
        self.assertNotEqual(other.calendar_event_id, event)

    def test_calendar_event_updated(self):
        """Renaming, moving or relocating the action updates its event."""
        action = self._create_action(responsible_id=self.user_operator.id)
        event = action.calendar_event_id
        action.write(
            {
                "name": "Marcha por el Agua Limpia",
                "date_start": datetime(2025, 3, 9, 14, 0),
                "date_end": datetime(2025, 3, 9, 20, 0),
                "location": "Ciudad Administrativa",
            }
        )
        self.assertEqual(action.calendar_event_id, event)
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Marcha por el Agua Limpia",
                    "start": datetime(2025, 3, 9, 14, 0),
                    "stop": datetime(2025, 3, 9, 20, 0),
                    "location": "Ciudad Administrativa",
                }
            ],
        )

    def test_calendar_event_follows_responsible(self):
        """Changing the responsible of an action makes them the organizer and
        the attendee of its event."""
        action = self._create_action(responsible_id=self.user_operator.id)
        action.responsible_id = self.user_coordinator
        event = action.calendar_event_id
        self.assertEqual(event.user_id, self.user_coordinator)
        self.assertEqual(event.partner_ids, self.user_coordinator.partner_id)

    def test_calendar_event_deleted_with_action(self):
        """Deleting an action deletes its event."""
        action = self._create_action()
        event = action.calendar_event_id
        action.unlink()
        self.assertFalse(event.exists())

    def test_dates_check(self):
        """An action must end after it starts."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_action(date_end=datetime(2025, 3, 8, 15, 0))
        action = self._create_action()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            action.date_end = datetime(2025, 3, 8, 14, 0)

    # Lifecycle -------------------------------------------------------------------

    def test_lifecycle_done(self):
        """A planned action is marked done; its event stays in the calendar."""
        action = self._create_action()
        self.assertEqual(action.state, "planned")
        action.action_done()
        self.assertEqual(action.state, "done")
        self.assertTrue(action.calendar_event_id.active)

    def test_cancel_needs_reason(self):
        """Cancelling needs a reason, kept on the record, and archives the
        action's calendar event."""
        action = self._create_action()
        event = action.calendar_event_id
        for reason in (None, "", "  "):
            with self.assertRaises(UserError):
                action.action_cancel(reason=reason)
        self.assertEqual(action.state, "planned")
        self.assertTrue(event.active)
        action.action_cancel(reason=" Rain. ")
        self.assertRecordValues(
            action, [{"state": "cancelled", "state_reason": "Rain."}]
        )
        self.assertFalse(event.active)
        self.assertEqual(action.calendar_event_id, event)

    def test_forbidden_transitions(self):
        """Only a planned action can be marked done or cancelled."""
        done = self._create_action()
        done.action_done()
        cancelled = self._create_action("Plantón")
        cancelled.action_cancel(reason="Rain.")
        for action, state in ((done, "done"), (cancelled, "cancelled")):
            with self.subTest(state=state):
                with self.assertRaises(UserError):
                    action.action_done()
                with self.assertRaises(UserError):
                    action.action_cancel(reason="Again.")
                self.assertEqual(action.state, state)

    # Access rights ---------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads actions but cannot create, write or delete them."""
        action = self._create_action().with_user(self.env.user)
        self.assertEqual(action.read(["name"])[0]["name"], "Marcha por el Agua")
        with self.assertRaises(AccessError):
            self._create_action(env=self.env)
        with self.assertRaises(AccessError):
            action.write({"participant_estimate": 500})
        with self.assertRaises(AccessError):
            action.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits actions, with their event, but cannot
        delete them."""
        action = self._create_action(env=self.env)
        self.assertEqual(action.responsible_id, self.env.user)
        self.assertEqual(action.calendar_event_id.user_id, self.env.user)
        action.write({"participant_estimate": 500, "location": "Zócalo"})
        self.assertEqual(action.calendar_event_id.location, "Zócalo")
        with self.assertRaises(AccessError):
            action.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes actions."""
        action = self._create_action(env=self.env)
        action.unlink()
        self.assertFalse(action.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read actions."""
        action = self._create_action()
        with self.assertRaises(AccessError):
            action.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._create_action(env=self.env)


@tagged("post_install", "-at_install", "ms_action")
class TestMsActionKind(MsCase):
    """Kinds of action are configuration: read by the commission, changed by
    its administrators only."""

    def test_default_kinds(self):
        """The addon ships the usual kinds of action, in order."""
        march = self.env.ref("movimientos_sociales.ms_action_kind_march")
        other = self.env.ref("movimientos_sociales.ms_action_kind_other")
        kinds = self.env["ms.action.kind"].search([])
        self.assertIn(march, kinds)
        self.assertLess(list(kinds).index(march), list(kinds).index(other))

    def test_access(self):
        """Readers, operators and coordinators read kinds but cannot create,
        write or delete them; administrators can; employees cannot read them."""
        kind = self.env["ms.action.kind"].create({"name": "Caravana"})
        for user in (self.user_reader, self.user_operator, self.user_coordinator):
            with self.subTest(user=user.login):
                as_user = kind.with_user(user)
                self.assertEqual(as_user.read(["name"])[0]["name"], "Caravana")
                with self.assertRaises(AccessError):
                    as_user.create({"name": "Huelga"})
                with self.assertRaises(AccessError):
                    as_user.write({"name": "Caravana Nacional"})
                with self.assertRaises(AccessError):
                    as_user.unlink()
        with self.assertRaises(AccessError):
            kind.with_user(self.user_employee).read(["name"])
        as_manager = kind.with_user(self.user_manager)
        new = as_manager.create({"name": "Huelga"})
        as_manager.write({"name": "Caravana Nacional"})
        self.assertEqual(kind.name, "Caravana Nacional")
        (as_manager | new).unlink()
        self.assertFalse((kind | new).exists())
