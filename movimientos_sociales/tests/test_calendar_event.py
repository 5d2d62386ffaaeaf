from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail, mail_new_test_user

from .common import MsCase


@tagged("post_install", "-at_install", "ms_security")
class TestCalendarEventPrivacy(MsCase):
    """Finding 9: the commission's private meetings reveal nothing to employees
    outside the commission who are not convened: not who is convened, not a
    search oracle on their name or place."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = mail_new_test_user(
            cls.env,
            login="ms_member_employee",
            groups="base.group_user",
            name="Mario Miembro",
            email="mario@example.mx",
        )
        cls.session = cls._create_session(
            "Sesión sobre la huelga",
            location="Casa del Pueblo, Oaxaca",
            member_ids=[Command.set(cls.member.partner_id.ids)],
        )
        cls.event = cls.session.calendar_event_id
        cls.public_event = cls.env["calendar.event"].create(
            {
                "name": "Comida de fin de año",
                "start": cls.session.date_start,
                "stop": cls.session.date_end,
                "location": "Casa del Pueblo, Oaxaca",
                "privacy": "public",
                "partner_ids": [Command.set(cls.user_reader.partner_id.ids)],
            }
        )

    def test_private_meeting_is_private(self):
        self.assertEqual(self.event.privacy, "private")
        self.assertEqual(self.event.res_model, "ms.session")

    def test_outsider_cannot_list_attendees(self):
        """An employee not convened reads no attendee of the meeting, by any
        search on calendar.attendee."""
        Attendee = self.env["calendar.attendee"].with_user(self.user_employee)
        self.assertFalse(Attendee.search_read([("event_id", "=", self.event.id)]))
        self.assertFalse(
            Attendee.search_count(
                [
                    ("partner_id", "=", self.member.partner_id.id),
                    ("event_id", "=", self.event.id),
                ]
            )
        )
        groups = Attendee.formatted_read_group(
            [("event_id", "=", self.event.id)], ["partner_id"], ["__count"]
        )
        self.assertFalse(groups)

    def test_outsider_has_no_search_oracle(self):
        """Searching events by the meeting's name, place, attendees or
        description finds nothing for an employee not convened; their own and
        public events are found as before."""
        Event = self.env["calendar.event"].with_user(self.user_employee)
        for domain in (
            [("name", "ilike", "huelga")],
            [("location", "ilike", "Casa del Pueblo")],
            [("partner_ids", "in", self.member.partner_id.ids)],
            [("attendee_ids.partner_id.name", "ilike", "Mario")],
        ):
            with self.subTest(domain=domain):
                self.assertNotIn(self.event, Event.search(domain))
                self.assertFalse(
                    Event.search_count([("id", "=", self.event.id), *domain])
                )
        self.assertIn(
            self.public_event, Event.search([("location", "ilike", "Casa del Pueblo")])
        )
        self.assertFalse(Event.search([("id", "=", self.event.id)], order="name"))
        # not found by any search (not even by id, nor through who attends)
        self.assertFalse(Event.search([("id", "=", self.event.id)]))
        Partner = self.env["res.partner"].with_user(self.user_employee)
        self.assertFalse(Partner.search([("meeting_ids", "in", self.event.ids)]))
        self.assertFalse(
            Partner.search([("meeting_ids", "any", [("privacy", "=", "private")])])
            & self.member.partner_id
        )
        # nor read by its id
        with self.assertRaises(AccessError):
            self.event.with_user(self.user_employee).read(["name", "partner_ids"])

    def test_convened_and_commission_see_it(self):
        """The convened employee and the commission find it and its attendees."""
        for user in (self.member, self.user_reader):
            with self.subTest(user=user.login):
                Event = self.env["calendar.event"].with_user(user)
                self.assertIn(self.event, Event.search([("name", "ilike", "huelga")]))
                attendees = (
                    self.env["calendar.attendee"]
                    .with_user(user)
                    .search([("event_id", "=", self.event.id)])
                )
                self.assertIn(self.member.partner_id, attendees.partner_id)

    def test_conference_attendees_follow_the_contacts_boundary(self):
        """A conference's attendees (its participants: political activity) are
        read only as their contacts are: not by an employee outside the
        commission, and by a scoped Operador only within the scope."""
        operator_oax = self._create_scoped_user(
            "ms_op_oax_cal",
            "movimientos_sociales.group_ms_user",
            "Omar Oaxaca",
            states=self.state_oax,
        )
        sector = self._create_sector("Pescadores", "TCAL")
        oax = self._create_contact(
            "Paco Oaxaca", "paco@example.mx", sector, state_id=self.state_oax.id
        )
        chis = self._create_contact(
            "Chucho Chiapas", "chucho@example.mx", sector, state_id=self.state_chis.id
        )
        conference = self._create_conference("Encuentro Pesquero")
        self._add_participants(conference, oax | chis)
        event = conference.calendar_event_id
        domain = [("event_id", "=", event.id)]
        Attendee = self.env["calendar.attendee"]
        self.assertFalse(Attendee.with_user(self.user_employee).search_read(domain))
        seen = Attendee.with_user(operator_oax).search(domain).partner_id
        self.assertIn(oax, seen)
        self.assertNotIn(chis, seen)
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.user_employee)
            .search([("meeting_ids", "in", event.ids)])
        )

    def test_scoped_member_no_oracle_on_out_of_scope_actions(self):
        """A state-scoped Operador doesn't find by name the calendar event of an
        action out of their scope (the action itself is hidden from them)."""
        operator_oax = self._create_scoped_user(
            "ms_op_oax_act",
            "movimientos_sociales.group_ms_user",
            "Omar Oaxaca",
            states=self.state_oax,
        )
        chis = self._create_action("Plantón en Tuxtla", state_id=self.state_chis.id)
        oax = self._create_action("Plantón en Oaxaca", state_id=self.state_oax.id)
        Event = self.env["calendar.event"].with_user(operator_oax)
        found = Event.search([("name", "ilike", "Plantón en")])
        self.assertIn(oax.calendar_event_id, found)
        self.assertNotIn(chis.calendar_event_id, found)


@tagged("post_install", "-at_install", "ms_security")
class TestCalendarEventManaged(MsCase, MockEmail):
    """The event of a conference (session, action, exchange) follows its record
    and mails nobody: through the calendar's own methods, no commission user
    rewrites it, mails its attendees, adds a reminder or answers for them,
    and a scoped organizer or attendee reads only the attendees of their scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oaxaca = cls._create_contact(
            "Ana Oaxaqueña", "ana@example.mx", state_id=cls.state_oax.id
        )
        cls.chiapas = cls._create_contact(
            "Beto Chiapaneco", "beto@example.mx", state_id=cls.state_chis.id
        )
        for person in cls.oaxaca | cls.chiapas:
            cls._create_consent(person)
        cls.conference = cls._create_conference(
            "Conferencia Futura",
            date_start=cls.now_plus(days=10),
            date_end=cls.now_plus(days=10, hours=3),
        )
        cls._add_participants(cls.conference, cls.oaxaca | cls.chiapas)
        cls.event = cls.conference.calendar_event_id
        cls.alarm = cls.env["calendar.alarm"].create(
            {
                "name": "Correo 3 h",
                "alarm_type": "email",
                "duration": 3,
                "interval": "hours",
            }
        )
        cls.scoped_reader = cls._create_scoped_user(
            "ms_reader_oax",
            "movimientos_sociales.group_ms_reader",
            "Lectura Oaxaca",
            states=cls.state_oax,
        )

    def test_calendar_methods_refused_and_nothing_mailed(self):
        for user in (self.user_reader, self.user_operator, self.user_coordinator):
            event = self.event.with_user(user)
            calls = {
                "write date": lambda e: e.write(
                    {
                        "start": self.now_plus(days=11),
                        "stop": self.now_plus(days=11, hours=2),
                    }
                ),
                "reminder": lambda e: e.write(
                    {"alarm_ids": [Command.link(self.alarm.id)]}
                ),
                "attendee": lambda e: e.write(
                    {"partner_ids": [Command.link(self.user_employee.partner_id.id)]}
                ),
                "send invitations": lambda e: e.action_sendmail(),
                "delete": lambda e: e.unlink(),
                "answer": lambda e: e.attendee_ids[:1].do_accept(),
            }
            for name, call in calls.items():
                with (
                    self.subTest(user=user.login, call=name),
                    self.mock_mail_gateway(),
                    self.assertRaisesRegex(UserError, "calendar entry of a record"),
                ):
                    call(event)
                self.assertEqual(len(self._new_mails), 0)
        with self.assertRaisesRegex(UserError, "created by their records"):
            self.env["calendar.event"].with_user(self.user_operator).create(
                {
                    "name": "Falsa",
                    "start": self.now_plus(days=2),
                    "stop": self.now_plus(days=2, hours=1),
                    "res_model_id": self.env["ir.model"]._get_id("ms.conference"),
                    "res_id": self.conference.id,
                }
            )
        self.assertFalse(self.event.alarm_ids)
        self.assertFalse(
            self.event.attendee_ids.filtered(lambda a: a.state != "needsAction")
        )

    def test_event_describes_nobody(self):
        """Odoo's calendar writes the organizer's and first attendee's name,
        email and phone into a new event's description: not on the addon's."""
        conference = self._create_conference(
            "Con participantes desde el inicio",
            participant_ids=[Command.create({"partner_id": self.oaxaca.id})],
        )
        self.assertNotIn(
            "ana@example.mx", conference.calendar_event_id.description or ""
        )
        self.assertIn(self.oaxaca, conference.calendar_event_id.partner_ids)

    def test_scoped_attendee_sees_only_their_scope(self):
        """A scoped reader convened to the conference (or its organizer) reads
        the attendees of their scope only."""
        self._add_participants(self.conference, self.scoped_reader.partner_id)
        Attendee = self.env["calendar.attendee"].with_user(self.scoped_reader)
        seen = Attendee.search([("event_id", "=", self.event.id)]).partner_id
        self.assertIn(self.oaxaca, seen)
        self.assertNotIn(self.chiapas, seen)
        self.assertEqual(
            Attendee.search_count(
                [("event_id", "=", self.event.id), ("partner_id", "=", self.chiapas.id)]
            ),
            0,
        )

    def test_not_through_the_contacts_meetings(self):
        """A contact's meetings don't reach the commission's events either."""
        outsider = self._create_contact("Carla Ajena", "carla@example.mx")
        partner = outsider.with_user(self.user_operator)
        for command in (Command.link(self.event.id), Command.set([self.event.id])):
            with (
                self.subTest(command=command[0]),
                self.assertRaisesRegex(UserError, "calendar entry of a record"),
                self.env.cr.savepoint(),
            ):
                partner.write({"meeting_ids": [command]})
        self.assertNotIn(outsider, self.event.partner_ids)
        participant = self.oaxaca.with_user(self.user_operator)
        with (
            self.assertRaisesRegex(UserError, "calendar entry of a record"),
            self.env.cr.savepoint(),
        ):
            participant.write({"meeting_ids": [Command.unlink(self.event.id)]})
        self.assertIn(self.oaxaca, self.event.partner_ids)

    def _mail_paths(self, env, event, attendees, invitation, event_model):
        """Odoo's generic ways to mail about a record, as the user of `env`."""
        return {
            "message_post": lambda: event.message_post(
                body="Hola",
                partner_ids=self.oaxaca.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            ),
            "message_subscribe": lambda: event.message_subscribe(
                partner_ids=self.oaxaca.ids
            ),
            "post from a template": lambda: event.message_post_with_source(
                "calendar.calendar_template_meeting_update",
                subtype_xmlid="mail.mt_comment",
            ),
            "copy": lambda: event.copy(
                default={"res_model_id": False, "res_id": False}
            ),
            "composer on attendees": lambda: env["mail.compose.message"]
            .create(
                {
                    "model": "calendar.attendee",
                    "res_ids": attendees.ids,
                    "composition_mode": "mass_mail",
                    "template_id": invitation.id,
                }
            )
            .action_send_mail(),
            "template": lambda: invitation.with_env(env).send_mail(
                attendees[0].id, force_send=True
            ),
            "activity": lambda: env["mail.activity"].create(
                {
                    "res_model_id": event_model,
                    "res_id": self.event.id,
                    "user_id": self.user_coordinator.id,
                    "summary": "x",
                }
            ),
        }

    def test_no_mail_through_chatter_composer_template_or_activity(self):
        """Nobody, outsider or commission, gets the event of a commission record
        (or its attendees) to mail anyone through Odoo's generic mail tools."""
        event_model = self.env["ir.model"]._get_id("calendar.event")
        invitation = self.env.ref("calendar.calendar_template_meeting_invitation")
        attendees = self.event.sudo().attendee_ids
        for user in (self.user_employee, self.user_reader, self.user_coordinator):
            env = self.env(user=user)
            event = self.event.with_env(env)
            calls = self._mail_paths(env, event, attendees, invitation, event_model)
            for name, call in calls.items():
                with (
                    self.subTest(user=user.login, call=name),
                    self.mock_mail_gateway(),
                    self.assertRaises(UserError) as refusal,
                    self.env.cr.savepoint(),
                ):
                    call()
                self.assertEqual(len(self._new_mails), 0)
                if user == self.user_employee:
                    # an outsider doesn't learn the meeting's name either
                    self.assertNotIn("Conferencia Futura", str(refusal.exception))
        self.assertFalse(self.event.sudo().message_partner_ids)

    def test_attendees_have_no_calendar_token(self):
        """Odoo's public accept/decline pages work with an attendee's token:
        the addon's attendees have none (they answer through the addon's
        link), so nobody reading a token can answer for them."""
        self.assertTrue(self.event.sudo().attendee_ids)
        self.assertFalse(any(self.event.sudo().attendee_ids.mapped("access_token")))
