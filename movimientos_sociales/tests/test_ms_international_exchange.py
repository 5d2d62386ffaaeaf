from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_international")
class TestMsInternationalExchange(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mst = cls._create_foreign_org("Movimento Sem Terra", "base.br")
        cls.relation = cls.env["ms.international.relation"].create(
            {"partner_id": cls.mst.id}
        )
        cls.cgt = cls._create_foreign_org("CGT France", "base.fr")
        cls.other_relation = cls.env["ms.international.relation"].create(
            {"partner_id": cls.cgt.id}
        )
        cls.delegate = cls._create_contact("Rosa Delegada", "rosa@example.mx")
        cls.guest = cls._create_contact(
            "Joao Pedro", "joao@example.br", parent_id=cls.mst.id
        )

    @classmethod
    def _exchange(cls, name="Delegación a Brasil", env=None, **vals):
        """An exchange with the MST on 1 April 2025, 15:00-17:00 UTC, with the
        MST and the delegate as participants."""
        env = env or cls.env
        return env["ms.international.exchange"].create(
            {
                "name": name,
                "relation_id": cls.relation.id,
                "kind": "delegation_sent",
                "date_start": datetime(2025, 4, 1, 15, 0),
                "date_end": datetime(2025, 4, 1, 17, 0),
                "participant_ids": [Command.set((cls.mst | cls.delegate).ids)],
                **vals,
            }
        )

    # Calendar -----------------------------------------------------------------------

    def test_calendar_event(self):
        """An exchange has one calendar event, its participants invited, with
        its name, dates and place, linked back to it."""
        exchange = self._exchange(
            location="Escola Nacional Florestan Fernandes",
            videocall_location="https://meet.example.org/mst",
        )
        event = exchange.calendar_event_id
        self.assertTrue(event)
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Delegación a Brasil",
                    "start": datetime(2025, 4, 1, 15, 0),
                    "stop": datetime(2025, 4, 1, 17, 0),
                    "location": "Escola Nacional Florestan Fernandes",
                    "videocall_location": "https://meet.example.org/mst",
                    "res_model": "ms.international.exchange",
                    "res_id": exchange.id,
                    "user_id": self.env.user.id,
                }
            ],
        )
        self.assertEqual(event.partner_ids, self.mst | self.delegate)
        self.assertEqual(event.attendee_ids.partner_id, self.mst | self.delegate)
        self.assertFalse(exchange.activity_ids)
        action = exchange.action_open_calendar_event()
        self.assertEqual(action["res_model"], "calendar.event")
        self.assertEqual(action["res_id"], event.id)

    def test_event_follows_changes(self):
        """Changing participants, dates or name updates the same event, never a
        second one; other changes leave it alone."""
        exchange = self._exchange()
        event = exchange.calendar_event_id
        exchange.participant_ids = [
            Command.link(self.guest.id),
            Command.unlink(self.delegate.id),
        ]
        self.assertEqual(exchange.calendar_event_id, event)
        self.assertEqual(event.partner_ids, self.mst | self.guest)
        self.assertEqual(event.attendee_ids.partner_id, self.mst | self.guest)

        exchange.write(
            {
                "name": "Delegación al Encuentro Nacional",
                "date_start": datetime(2025, 4, 2, 13, 0),
                "date_end": datetime(2025, 4, 2, 18, 30),
            }
        )
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Delegación al Encuentro Nacional",
                    "start": datetime(2025, 4, 2, 13, 0),
                    "stop": datetime(2025, 4, 2, 18, 30),
                }
            ],
        )
        exchange.participant_ids = [Command.clear()]
        self.assertFalse(event.partner_ids)
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [
                    ("res_model", "=", "ms.international.exchange"),
                    ("res_id", "=", exchange.id),
                ]
            ),
            1,
        )

    def test_unlink_deletes_event(self):
        """Deleting an exchange deletes its calendar event."""
        exchange = self._exchange()
        event = exchange.calendar_event_id
        exchange.unlink()
        self.assertFalse(event.exists())

    def test_dates_checked(self):
        """An exchange must end after it starts, at creation and when moved."""
        for end in (datetime(2025, 4, 1, 15, 0), datetime(2025, 4, 1, 14, 0)):
            with self.subTest(end=end):
                with self.assertRaisesRegex(ValidationError, "must end after"):
                    with self.env.cr.savepoint():
                        self._exchange(date_end=end)
        exchange = self._exchange()
        with self.assertRaisesRegex(ValidationError, "Delegación a Brasil"):
            with self.env.cr.savepoint():
                exchange.date_start = datetime(2025, 4, 1, 18, 0)
        self.assertEqual(exchange.date_start, datetime(2025, 4, 1, 15, 0))
        self.assertEqual(exchange.calendar_event_id.start, datetime(2025, 4, 1, 15, 0))

    # Form ---------------------------------------------------------------------------

    def test_form_prefills_participants(self):
        """Choosing the relation in the form invites its organization, and
        shows its country; the end defaults to two hours after the start."""
        with Form(self.env["ms.international.exchange"]) as form:
            form.name = "Videollamada con el MST"
            form.relation_id = self.relation
            self.assertEqual(form.participant_ids[:], self.mst)
            self.assertEqual(form.country_id, self.env.ref("base.br"))
            form.date_start = datetime(2025, 5, 1, 16, 0)
            self.assertEqual(form.date_end, datetime(2025, 5, 1, 18, 0))
        exchange = form.record
        self.assertEqual(exchange.participant_ids, self.mst)
        self.assertEqual(exchange.calendar_event_id.partner_ids, self.mst)

    def test_form_keeps_chosen_participants(self):
        """Participants already chosen are not replaced by the relation's
        organization."""
        with Form(self.env["ms.international.exchange"]) as form:
            form.name = "Foro Social"
            form.participant_ids.add(self.delegate)
            form.relation_id = self.other_relation
            form.date_start = datetime(2025, 5, 1, 16, 0)
            self.assertEqual(form.participant_ids[:], self.delegate)
        self.assertEqual(form.record.participant_ids, self.delegate)

    # Country and region -----------------------------------------------------------

    def test_country_and_region_from_relation(self):
        """An exchange takes its country and region from its relation, stored
        for searching and grouping."""
        brazil = self._exchange()
        france = self._exchange("Foro en París", relation_id=self.other_relation.id)
        self.assertRecordValues(
            brazil | france,
            [
                {"country_id": self.env.ref("base.br").id, "region": "latin_america"},
                {"country_id": self.env.ref("base.fr").id, "region": "europe"},
            ],
        )
        brazil.relation_id = self.other_relation
        self.env.flush_all()
        Exchange = self.env["ms.international.exchange"]
        groups = dict(
            Exchange._read_group(
                [("id", "in", (brazil | france).ids)], ["region"], ["__count"]
            )
        )
        self.assertEqual(groups, {"europe": 2})
        self.assertEqual(
            Exchange.search([("country_id", "=", self.env.ref("base.fr").id)]).filtered(
                lambda e: e in brazil | france
            ),
            brazil | france,
        )

    # Access rights --------------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads exchanges but cannot create, write or delete them."""
        exchange = self._exchange().with_user(self.env.user)
        self.assertEqual(exchange.region, "latin_america")
        with self.assertRaises(AccessError):
            self._exchange("Otra", env=self.env)
        with self.assertRaises(AccessError):
            exchange.write({"kind": "forum"})
        with self.assertRaises(AccessError):
            exchange.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator records exchanges, on the calendar, and edits them, but
        cannot delete them."""
        exchange = self._exchange(env=self.env)
        self.assertEqual(exchange.calendar_event_id.user_id, self.env.user)
        exchange.write({"kind": "forum", "date_end": datetime(2025, 4, 1, 19, 0)})
        self.assertEqual(exchange.calendar_event_id.stop, datetime(2025, 4, 1, 19, 0))
        with self.assertRaises(AccessError):
            exchange.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes an exchange recorded by someone else, and its
        event with it."""
        exchange = self._exchange()
        event = exchange.calendar_event_id
        exchange.with_user(self.env.user).unlink()
        self.assertFalse(exchange.exists())
        self.assertFalse(event.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read exchanges."""
        exchange = self._exchange()
        with self.assertRaises(AccessError):
            exchange.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._exchange("Otra", env=self.env)
