from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase

FIGURES = ["invited_count", "confirmed_count", "attended_count", "live_attendance_rate"]
DATES_MESSAGE = "“%s” must end after it starts."


@tagged("post_install", "-at_install", "ms_conference")
class TestMsConference(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector_laborers = cls._create_sector("Jornaleros", "TJOR")
        cls.sector_fishers = cls._create_sector("Pescadores", "TPES")
        cls.ana = cls._create_contact("Ana Jornalera", "ana@example.mx")
        cls.beto = cls._create_contact("Beto Pescador", "beto@example.mx")
        cls.carla = cls._create_contact("Carla Maestra", "carla@example.mx")
        cls.organizer_partner = cls.user_coordinator.partner_id

    def _events_of(self, record):
        """Every calendar event, archived or not, pointing at `record`."""
        return (
            self.env["calendar.event"]
            .with_context(active_test=False)
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )

    # Calendar ------------------------------------------------------------------

    def test_create_makes_one_event(self):
        """Creating a conference creates exactly one calendar event with its
        name, dates, place and videocall, pointing back at it, whose attendees
        are the participants and the organizer."""
        conference = self._create_conference(
            "Conferencia de Jornaleros",
            location="Casa del Pueblo, Oaxaca",
            videocall_location="https://meet.example.mx/jornaleros",
            participant_ids=[
                Command.create({"partner_id": self.ana.id}),
                Command.create({"partner_id": self.beto.id}),
            ],
        )
        event = conference.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(self._events_of(conference), event)
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Conferencia de Jornaleros",
                    "start": datetime(2025, 3, 10, 16, 0),
                    "stop": datetime(2025, 3, 10, 19, 0),
                    "location": "Casa del Pueblo, Oaxaca",
                    "videocall_location": "https://meet.example.mx/jornaleros",
                    "res_model": "ms.conference",
                    "res_id": conference.id,
                    "user_id": self.user_coordinator.id,
                    "active": True,
                }
            ],
        )
        expected = self.ana | self.beto | self.organizer_partner
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.attendee_ids.partner_id, expected)
        self.assertEqual(len(event.attendee_ids), 3)

    def test_write_updates_the_same_event(self):
        """Changing the name, dates, place or videocall updates the event of the
        conference; no other event is created."""
        conference = self._create_conference(location="Oaxaca")
        event = conference.calendar_event_id
        conference.write(
            {
                "name": "Conferencia Campesina del Sur",
                "date_start": datetime(2025, 4, 2, 15, 0),
                "date_end": datetime(2025, 4, 3, 1, 0),
                "location": "Tuxtla Gutiérrez",
                "videocall_location": "https://meet.example.mx/sur",
            }
        )
        self.assertEqual(conference.calendar_event_id, event)
        self.assertEqual(self._events_of(conference), event)
        self.assertRecordValues(
            event,
            [
                {
                    "name": "Conferencia Campesina del Sur",
                    "start": datetime(2025, 4, 2, 15, 0),
                    "stop": datetime(2025, 4, 3, 1, 0),
                    "location": "Tuxtla Gutiérrez",
                    "videocall_location": "https://meet.example.mx/sur",
                }
            ],
        )
        conference.location = False
        self.assertFalse(event.location)
        self.assertEqual(self._events_of(conference), event)

    def test_organizer_change_updates_event(self):
        """The event's organizer and the organizer's attendance follow the
        conference's organizer."""
        conference = self._create_conference(
            participant_ids=[Command.create({"partner_id": self.ana.id})]
        )
        event = conference.calendar_event_id
        conference.organizer_id = self.user_operator
        self.assertEqual(conference.calendar_event_id, event)
        self.assertEqual(event.user_id, self.user_operator)
        self.assertEqual(event.partner_ids, self.ana | self.user_operator.partner_id)

    def test_participants_are_event_attendees(self):
        """Adding a participant adds them to the event's attendees; removing the
        participant removes the attendee."""
        conference = self._create_conference()
        event = conference.calendar_event_id
        self.assertEqual(event.partner_ids, self.organizer_partner)

        ana, beto = self._add_participants(conference, self.ana | self.beto)
        self.assertEqual(conference.calendar_event_id, event)
        self.assertEqual(
            event.attendee_ids.partner_id, self.ana | self.beto | self.organizer_partner
        )

        conference.participant_ids = [Command.create({"partner_id": self.carla.id})]
        self.assertIn(self.carla, event.attendee_ids.partner_id)

        ana.unlink()
        self.assertEqual(
            event.attendee_ids.partner_id,
            self.beto | self.carla | self.organizer_partner,
        )
        conference.participant_ids = [Command.delete(beto.id)]
        self.assertEqual(
            event.attendee_ids.partner_id, self.carla | self.organizer_partner
        )
        self.assertEqual(self._events_of(conference), event)

    def test_end_before_start_refused_on_create(self):
        """A conference that does not end after it starts is refused at
        creation, naming it."""
        for end in (datetime(2025, 3, 10, 15, 0), datetime(2025, 3, 10, 16, 0)):
            with self.subTest(end=end):
                with self.assertRaises(ValidationError) as caught:
                    with self.env.cr.savepoint():
                        self._create_conference("Conferencia Imposible", date_end=end)
                self.assertEqual(
                    caught.exception.args[0], DATES_MESSAGE % "Conferencia Imposible"
                )
        self.assertFalse(
            self.env["ms.conference"].search([("name", "=", "Conferencia Imposible")])
        )
        self.assertFalse(
            self.env["calendar.event"].search([("name", "=", "Conferencia Imposible")])
        )

    def test_end_before_start_refused_on_write(self):
        """Moving the end before the start is refused and the event keeps its
        dates; moving both dates at once to a valid range is accepted."""
        conference = self._create_conference()
        event = conference.calendar_event_id
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            conference.write({"date_end": datetime(2025, 3, 10, 12, 0)})
        self.assertEqual(
            caught.exception.args[0], DATES_MESSAGE % "Conferencia Campesina"
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            conference.write({"date_start": datetime(2025, 3, 11, 16, 0)})
        self.env.invalidate_all()
        self.assertEqual(conference.date_end, datetime(2025, 3, 10, 19, 0))
        self.assertEqual(event.stop, datetime(2025, 3, 10, 19, 0))

        # both dates after the current end, written together
        conference.write(
            {
                "date_start": datetime(2025, 3, 20, 16, 0),
                "date_end": datetime(2025, 3, 20, 18, 0),
            }
        )
        self.assertEqual(event.start, datetime(2025, 3, 20, 16, 0))
        self.assertEqual(event.stop, datetime(2025, 3, 20, 18, 0))

    def test_dates_message_is_translated(self):
        """The message of the dates check is in the user's language."""
        spanish = "«%s» debe terminar después de empezar."
        with self._patch_translations("es_MX", {DATES_MESSAGE: spanish}):
            Conference = self.env["ms.conference"].with_context(lang="es_MX")
            with self.assertRaises(ValidationError) as caught:
                with self.env.cr.savepoint():
                    self._create_conference(
                        "Conferencia Imposible",
                        env=Conference.env,
                        date_end=datetime(2025, 3, 10, 10, 0),
                    )
            self.assertEqual(
                caught.exception.args[0], spanish % "Conferencia Imposible"
            )
            conference = self._create_conference(env=Conference.env)
            with self.assertRaises(ValidationError) as caught:
                with self.env.cr.savepoint():
                    conference.write({"date_end": datetime(2025, 3, 9, 10, 0)})
            self.assertEqual(
                caught.exception.args[0], spanish % "Conferencia Campesina"
            )

    def test_unlink_deletes_event(self):
        """Deleting a conference deletes its calendar event."""
        conference = self._create_conference()
        self._add_participants(conference, self.ana)
        event = conference.calendar_event_id
        conference.unlink()
        self.assertFalse(event.exists())

    def test_cancel_archives_event(self):
        """Cancelling a conference archives its event, which is kept."""
        conference = self._create_conference()
        event = conference.calendar_event_id
        conference.action_cancel(reason="The community asked to postpone it.")
        self.assertTrue(event.exists())
        self.assertFalse(event.active)
        self.assertEqual(self._events_of(conference), event)

    def test_event_adds_no_meeting_activity(self):
        """The calendar event does not schedule a meeting activity on the
        conference, neither at creation nor when it is updated."""
        conference = self._create_conference()
        self._add_participants(conference, self.ana)
        conference.write({"name": "Conferencia Renombrada", "location": "Oaxaca"})
        self.assertFalse(conference.activity_ids)
        self.assertFalse(conference.calendar_event_id.activity_ids)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "ms.conference"), ("res_id", "=", conference.id)]
            )
        )

    # Lifecycle -----------------------------------------------------------------

    def test_lifecycle(self):
        """Convened by an operator, held, and closed by a coordinator once the
        minutes are written."""
        conference = self._create_conference(env=self.env(user=self.user_operator))
        self.assertEqual(conference.state, "draft")
        conference.action_convene()
        self.assertEqual(conference.state, "convened")
        conference.action_mark_held()
        self.assertEqual(conference.state, "held")
        conference.minutes = "<p>Twelve resolutions were adopted.</p>"
        conference.with_user(self.user_coordinator).action_close()
        self.assertEqual(conference.state, "closed")

    def test_close_requires_minutes(self):
        """A conference without minutes, or with blank minutes, cannot be
        closed."""
        conference = self._create_conference()
        conference.action_convene()
        conference.action_mark_held()
        coordinator_conference = conference.with_user(self.user_coordinator)
        for minutes in (False, "", "<p><br></p>", "<p> </p>"):
            with self.subTest(minutes=minutes):
                conference.minutes = minutes
                with self.assertRaisesRegex(UserError, "Write the minutes"):
                    coordinator_conference.action_close()
                self.assertEqual(conference.state, "held")
        conference.minutes = "<p>Resolutions adopted.</p>"
        coordinator_conference.action_close()
        self.assertEqual(conference.state, "closed")

    def test_close_only_by_coordinator(self):
        """An operator cannot close a conference, even with minutes."""
        conference = self._create_conference(minutes="<p>Minutes</p>")
        conference.action_convene()
        conference.action_mark_held()
        with self.assertRaises(AccessError):
            conference.with_user(self.user_operator).action_close()
        self.assertEqual(conference.state, "held")

    def test_cancel_needs_reason(self):
        """Cancelling needs a reason, which is kept stripped; it is possible
        from draft and convened only."""
        draft = self._create_conference("Borrador")
        for reason in (None, "", "   "):
            with self.subTest(reason=reason), self.assertRaises(UserError):
                draft.action_cancel(reason=reason)
        self.assertEqual(draft.state, "draft")
        draft.action_cancel(reason="  No venue available.  ")
        self.assertRecordValues(
            draft, [{"state": "cancelled", "state_reason": "No venue available."}]
        )

        convened = self._create_conference("Convocada")
        convened.action_convene()
        convened.action_cancel(reason="Storm warning.")
        self.assertEqual(convened.state, "cancelled")

        held = self._create_conference("Realizada")
        held.action_convene()
        held.action_mark_held()
        with self.assertRaises(UserError):
            held.action_cancel(reason="Too late.")
        self.assertEqual(held.state, "held")
        self.assertTrue(held.calendar_event_id.active)

    def test_forbidden_transitions(self):
        """Each step is only possible from the previous state."""
        conference = self._create_conference(minutes="<p>Minutes</p>")
        coordinator_conference = conference.with_user(self.user_coordinator)
        with self.assertRaises(UserError):
            conference.action_mark_held()
        with self.assertRaises(UserError):
            coordinator_conference.action_close()
        conference.action_convene()
        with self.assertRaises(UserError):
            conference.action_convene()
        with self.assertRaises(UserError):
            coordinator_conference.action_close()
        conference.action_mark_held()
        with self.assertRaises(UserError):
            conference.action_mark_held()
        coordinator_conference.action_close()
        for action in ("action_convene", "action_mark_held", "action_close"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(coordinator_conference, action)()
        with self.assertRaises(UserError):
            conference.action_cancel(reason="Closed already.")
        self.assertEqual(conference.state, "closed")

        cancelled = self._create_conference("Cancelada")
        cancelled.action_cancel(reason="No quorum.")
        with self.assertRaises(UserError):
            cancelled.action_convene()
        with self.assertRaises(UserError):
            cancelled.action_cancel(reason="Again.")

    def test_invite_sectors(self):
        """Inviting adds the people of the conference's sectors, the invited
        organizations and their contact people, once; people of other sectors
        and companies of the sectors that are not invited stay out."""
        ana = self._create_contact("Ana", "ana.j@example.mx", self.sector_laborers)
        no_email = self._create_contact("Sin Correo", sectors=self.sector_laborers)
        fisher = self._create_contact("Pesca", "pesca@example.mx", self.sector_fishers)
        company = self._create_contact(
            "Empacadora", "empacadora@example.mx", self.sector_laborers, is_company=True
        )
        movement = self._create_movement("Unión de Jornaleros", email="uj@example.mx")
        member = self._create_contact(
            "Eva Socia", "eva@example.mx", parent_id=movement.partner_id.id
        )
        conference = self._create_conference(
            sector_ids=[Command.set(self.sector_laborers.ids)],
            movement_ids=[Command.set(movement.ids)],
        )
        conference.action_invite_sectors()
        expected = ana | no_email | movement.partner_id | member
        self.assertEqual(conference.participant_ids.partner_id, expected)
        self.assertNotIn(fisher, conference.participant_ids.partner_id)
        self.assertNotIn(company, conference.participant_ids.partner_id)
        self.assertEqual(
            conference.calendar_event_id.partner_ids, expected | self.organizer_partner
        )

        conference.action_invite_sectors()
        self.assertEqual(len(conference.participant_ids), len(expected))

        # a new person of the sector is added by a later call, alone
        late = self._create_contact("Tardío", "tardio@example.mx", self.sector_laborers)
        conference.action_invite_sectors()
        self.assertEqual(conference.participant_ids.partner_id, expected | late)

    @users("ms_operator")
    def test_invite_sectors_reports_what_it_did(self):
        """ "Add sector contacts" says how many it added, how many have no
        email, are blocked or lack consent, and why when it added nobody."""
        self.env.company.sudo().ms_require_consent = True
        youth = self._create_sector("Jóvenes", "TJOV")
        conference = self._create_conference(
            "Conferencia de Jóvenes",
            env=self.env,
            sector_ids=[Command.set(youth.ids)],
        )
        result = conference.action_invite_sectors()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("no contact is recorded in Jóvenes", result["params"]["message"])
        self.assertFalse(conference.participant_ids)

        Partner = self.env["res.partner"].sudo()
        consenting = self._create_contact("Con Consentimiento", "cc@example.mx", youth)
        self._create_consent(consenting)
        self._create_contact("Sin Consentimiento", "sc@example.mx", youth)
        self._create_contact("Sin Correo", sectors=youth)
        blocked = self._create_contact("Bloqueada", "bl@example.mx", youth)
        Partner.browse(blocked.id).ms_blocked = True
        result = conference.action_invite_sectors()
        message = result["params"]["message"]
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn("Participants added: 3.", message)
        self.assertIn("Already participants: 0.", message)
        self.assertIn("Without email: 1 ", message)
        self.assertIn("Blocked by an ARCO request, not added: 1.", message)
        # the one without email and the one without address both lack consent
        self.assertIn("Without consent for mass communications: 2 ", message)
        self.assertEqual(len(conference.participant_ids), 3)
        self.assertNotIn(blocked, conference.sudo().participant_ids.partner_id)

        result = conference.action_invite_sectors()
        self.assertIn("already participants", result["params"]["message"])
        self.assertEqual(len(conference.participant_ids), 3)

    def test_reader_without_email_marketing_opens_conferences(self):
        """A Lectura user without email-marketing rights opens a conference
        (its form and every field they may read): the mailings are not shown
        to them rather than failing."""
        conference = self._create_conference(
            sector_ids=[Command.set(self.sector_laborers.ids)]
        )
        self._add_participants(conference, self.ana)
        reader = self.user_reader
        self.assertFalse(reader.has_group("mass_mailing.group_mass_mailing_user"))
        Conference = self.env["ms.conference"].with_user(reader)
        views = Conference.get_views([(False, "form")])
        arch = views["views"]["form"]["arch"]
        self.assertNotIn("mailing_count", arch)
        self.assertNotIn("action_view_mailings", arch)
        fields = views["models"]["ms.conference"]["fields"]
        spec = {
            name: {}
            for name in fields
            if fields[name]["type"] not in ("one2many", "many2many")
        }
        values = Conference.browse(conference.id).web_read(spec)
        self.assertEqual(values[0]["invited_count"], 1)
        self.assertNotIn("mailing_ids", fields)

    # Figures -------------------------------------------------------------------

    def test_figures(self):
        """Invited, confirmed (RSVP accepted), attended and the live attendance
        rate follow the participants; the recorded attendance rate exists once
        the conference is held (and is refreshed when it closes)."""
        conference = self._create_conference()
        self.assertRecordValues(
            conference,
            [
                {
                    "invited_count": 0,
                    "confirmed_count": 0,
                    "attended_count": 0,
                    "live_attendance_rate": 0.0,
                    "attendance_rate": 0.0,
                }
            ],
        )
        partners = self.env["res.partner"].create(
            [{"name": f"Persona {i}", "email": f"p{i}@example.mx"} for i in range(8)]
        )
        participants = self._add_participants(conference, partners)
        participants[:3].attendee_id.write({"state": "accepted"})
        participants[3].attendee_id.state = "declined"
        participants[4].attendee_id.state = "tentative"
        participants[0].attended = True
        participants[1].attended = True
        participants[5].attended = True  # came without answering
        self.assertRecordValues(
            conference,
            [
                {
                    "invited_count": 8,
                    "confirmed_count": 3,
                    "attended_count": 3,
                    "live_attendance_rate": 37.5,
                    "attendance_rate": 0.0,
                }
            ],
        )
        participants[3].attendee_id.state = "accepted"
        participants[7].unlink()
        conference.action_convene()
        conference.action_mark_held()
        self.assertRecordValues(
            conference,
            [
                {
                    "invited_count": 7,
                    "confirmed_count": 4,
                    "attended_count": 3,
                    "live_attendance_rate": 300 / 7,
                    "attendance_rate": 300 / 7,
                }
            ],
        )
        participants[2].attended = True
        conference.minutes = "<p>Acta</p>"
        conference.with_user(self.user_coordinator).action_close()
        self.assertAlmostEqual(conference.attendance_rate, 400 / 7, places=1)

    def test_attendance_rate_averages_held_conferences(self):
        """Grouped (list groups, pivot, graph, any RPC), the average attendance
        rate counts only conferences that were held: a planned one has no
        attendance yet, not 0 %."""
        partners = self.env["res.partner"].create(
            [{"name": f"Persona {i}", "email": f"h{i}@example.mx"} for i in range(4)]
        )
        held = self._create_conference("Celebrada", conference_type="national")
        participants = self._add_participants(held, partners)
        participants[:3].attended = True
        held.action_convene()
        held.action_mark_held()
        planned = self._create_conference("Prevista", conference_type="national")
        self._add_participants(planned, partners)
        groups = self.env["ms.conference"].formatted_read_group(
            [("id", "in", (held | planned).ids)],
            ["conference_type"],
            ["attendance_rate:avg", "__count"],
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["__count"], 2)
        self.assertAlmostEqual(groups[0]["attendance_rate:avg"], 75.0)

    def test_attendance_in_the_form_onchange(self):
        """Ticking "Attended" in the conference form (an onchange on the
        conference being edited) updates its figures instead of failing."""
        conference = self._create_conference()
        participants = self._add_participants(conference, self.ana)
        result = conference.onchange(
            {
                "participant_ids": [
                    Command.update(participants.id, {"attended": True})
                ],
            },
            ["participant_ids"],
            {
                "participant_ids": {"fields": {"attended": {}, "rsvp": {}}},
                "invited_count": {},
                "attended_count": {},
                "live_attendance_rate": {},
            },
        )
        self.assertEqual(result["value"]["attended_count"], 1)
        self.assertEqual(result["value"]["live_attendance_rate"], 100.0)

    def _figures_query_count(self, conferences):
        """Queries to compute and read the figures of `conferences` from an
        empty cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        values = [[conference[name] for name in FIGURES] for conference in conferences]
        self.env.flush_all()
        count = self.env.cr.sql_log_count - before
        self.assertEqual(values[0], [4, 2, 1, 25.0])
        self.assertEqual(len(values), len(conferences))
        return count

    def test_figures_query_count_is_constant(self):
        """Computing the figures costs the same number of queries for 3
        conferences as for 12."""
        partners = self.env["res.partner"].create(
            [{"name": f"Persona {i}", "email": f"q{i}@example.mx"} for i in range(4)]
        )
        conferences = self.env["ms.conference"]
        for index in range(12):
            conference = self._create_conference(f"Conferencia {index:02d}")
            participants = self._add_participants(conference, partners)
            participants[:2].attendee_id.write({"state": "accepted"})
            participants[0].attended = True
            conferences |= conference
        small, large = conferences[:3], conferences
        self._figures_query_count(small)  # warm up
        count_small = self._figures_query_count(small)
        count_large = self._figures_query_count(large)
        self.assertEqual(
            count_small,
            count_large,
            f"{count_small} queries for 3 conferences, {count_large} for 12",
        )

    # Access rights -------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads conferences but cannot create, write or delete them."""
        conference = self._create_conference().with_user(self.env.user)
        self.assertEqual(conference.read(["name"])[0]["name"], "Conferencia Campesina")
        with self.assertRaises(AccessError):
            self._create_conference(env=self.env)
        with self.assertRaises(AccessError):
            conference.write({"location": "Oaxaca"})
        with self.assertRaises(AccessError):
            conference.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits conferences, with their event, but
        cannot delete them."""
        conference = self._create_conference(
            env=self.env, participant_ids=[Command.create({"partner_id": self.ana.id})]
        )
        conference.write({"location": "Juchitán", "name": "Conferencia del Istmo"})
        self.assertEqual(conference.calendar_event_id.location, "Juchitán")
        self.assertEqual(conference.calendar_event_id.name, "Conferencia del Istmo")
        conference.action_convene()
        with self.assertRaises(AccessError):
            conference.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes conferences, and their event goes with them."""
        conference = self._create_conference().with_user(self.env.user)
        event = conference.calendar_event_id
        conference.unlink()
        self.assertFalse(conference.exists())
        self.assertFalse(event.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read conferences."""
        conference = self._create_conference()
        with self.assertRaises(AccessError):
            conference.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ms.conference"].search([])
        with self.assertRaises(AccessError):
            self._create_conference(env=self.env)
