from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users

from odoo.addons.mail.tests.common import MockEmail

from .common import MsCase


@tagged("post_install", "-at_install", "ms_conference")
class TestMsConferenceCheckin(MsCase, MockEmail):
    """Check-in at the door (the screen's server side), walk-ins, the printed
    attendance sheet and badges, and the closing report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector = cls._create_sector("Jornaleros", "TJOR")
        cls.union = cls._create_movement("Unión de Jornaleros", email="uj@example.mx")
        cls.ana = cls._create_contact(
            "Ana Jornalera",
            "ana@example.mx",
            cls.sector,
            parent_id=cls.union.partner_id.id,
        )
        cls.beto = cls._create_contact(
            "Beto Jornalero", "beto@example.mx", cls.sector, state_id=cls.state_chis.id
        )
        cls.conference = cls._create_conference(
            "Conferencia de Jornaleros",
            date_start=cls.now_plus(days=1),
            date_end=cls.now_plus(days=1, hours=4),
            state_id=cls.state_oax.id,
            sector_ids=[Command.set(cls.sector.ids)],
            movement_ids=[Command.set(cls.union.ids)],
        )
        cls.p_ana, cls.p_beto = cls._add_participants(
            cls.conference, cls.ana | cls.beto
        )
        cls.conference.action_convene()

    def _conference(self):
        return self.conference.with_user(self.env.user)

    @users("ms_operator")
    def test_mark_by_code_and_by_tap(self):
        """The QR code (typed or scanned, any case) marks the participant
        present; a tap marks or unmarks; nothing is mailed."""
        conference = self._conference()
        with self.mock_mail_gateway():
            row = conference.ms_checkin_mark(code=self.p_ana.checkin_code.lower())
            self.assertEqual(row["name"], "Unión de Jornaleros, Ana Jornalera")
            self.assertTrue(row["attended"])
            conference.ms_checkin_mark(participant_id=self.p_beto.id)
            conference.ms_checkin_mark(participant_id=self.p_beto.id, attended=False)
        self.assertEqual(len(self._new_mails), 0)
        self.assertTrue(self.p_ana.attended)
        self.assertFalse(self.p_beto.attended)
        self.assertEqual(conference.attended_count, 1)
        data = conference.ms_checkin_data(query="unión")
        self.assertEqual([p["id"] for p in data["participants"]], [self.p_ana.id])
        self.assertEqual(data["figures"], {"invited": 2, "confirmed": 0, "attended": 1})
        self.assertNotIn(":00:00", data["conference"]["when"])

    @users("ms_operator")
    def test_wrong_codes(self):
        """A made-up code, a code with a wrong signature, a participant of
        another conference: refused, nothing marked."""
        other = self._create_conference("Otra")
        foreign = self._add_participants(other, self.ana)
        conference = self._conference()
        wrong = self.p_ana.checkin_code[:-1] + (
            "0" if self.p_ana.checkin_code[-1] != "0" else "1"
        )
        for code in ("hola", f"MS-{self.p_ana.id}-00000000", wrong):
            with (
                self.subTest(code=code),
                self.assertRaisesRegex(UserError, "not a participant"),
            ):
                conference.ms_checkin_mark(code=code)
        with self.assertRaisesRegex(UserError, "not a participant"):
            conference.ms_checkin_mark(code=foreign.checkin_code)
        with self.assertRaisesRegex(UserError, "not a participant"):
            conference.ms_checkin_mark(participant_id=foreign.id)
        self.assertFalse(self.p_ana.attended or foreign.attended)

    def test_only_while_convened_or_held(self):
        """Attendance is recorded once convened, until closed."""
        draft = self._create_conference("Borrador")
        participant = self._add_participants(draft, self.ana)
        with self.assertRaisesRegex(UserError, "once “Borrador” is convened"):
            draft.with_user(self.user_operator).ms_checkin_mark(
                participant_id=participant.id
            )

    def test_scoped_operator_checks_in_their_people_only(self):
        """A state-scoped operator's code of someone outside their scope is
        refused, as the participant list is."""
        operator = self._create_scoped_user(
            "ms_op_oax",
            "movimientos_sociales.group_ms_user",
            "Op Oaxaca",
            states=self.state_oax,
        )
        conference = self.conference.with_user(operator)
        conference.ms_checkin_mark(code=self.p_ana.checkin_code)
        with self.assertRaises(AccessError):
            conference.ms_checkin_mark(code=self.p_beto.checkin_code)
        self.assertFalse(self.p_beto.attended)
        names = [p["name"] for p in conference.ms_checkin_data()["participants"]]
        self.assertNotIn("Beto Jornalero", names)

    @users("ms_operator")
    def test_walk_in(self):
        """Someone who came without an invitation is registered on the spot:
        contact in the organization and sector, consent given in person,
        participant present; the same email again is the same person."""
        self.env.company.sudo().ms_require_consent = True
        conference = self._conference()
        with self.mock_mail_gateway():
            row = conference.ms_checkin_walk_in(
                name="Carla Campesina",
                email="carla@example.mx",
                phone="+52 951 000 0000",
                movement_id=self.union.id,
                sector_id=self.sector.id,
                consent=True,
            )
        self.assertEqual(len(self._new_mails), 0)
        participant = self.env["ms.conference.participant"].browse(row["id"])
        self.assertRecordValues(
            participant,
            [
                {
                    "walk_in": True,
                    "attended": True,
                    "movement_id": self.union.id,
                    "sector_id": self.sector.id,
                }
            ],
        )
        person = participant.partner_id
        self.assertEqual(person.parent_id, self.union.partner_id)
        self.assertEqual(person.ms_sector_ids, self.sector)
        self.assertEqual(person.state_id, self.state_oax)
        consent = self.env["ms.consent"].search([("partner_id", "=", person.id)])
        self.assertEqual(consent.channel, "in_person")
        self.assertTrue(consent.is_valid)
        again = conference.ms_checkin_walk_in(name="Carla C.", email="CARLA@example.mx")
        self.assertEqual(again["id"], participant.id)
        self.assertEqual(conference.invited_count, 3)
        with self.assertRaisesRegex(UserError, "Write the person's name"):
            conference.ms_checkin_walk_in(name="  ")
        with self.assertRaisesRegex(UserError, "not a valid email"):
            conference.ms_checkin_walk_in(name="Sin Arroba", email="sin-arroba")

    def test_printed_sheet_and_badges(self):
        """The attendance sheet lists each participant with organization,
        sector and a signature column; the badges carry each QR and code."""
        Report = self.env["ir.actions.report"].with_user(self.user_operator)
        html = Report._render_qweb_html(
            "movimientos_sociales.ms_conference_attendance_sheet_report",
            self.conference.ids,
        )[0].decode()
        for text in (
            "Ana Jornalera",
            "Beto Jornalero",
            "Unión de Jornaleros",
            "Signature",
        ):
            self.assertIn(text, html)
        html = Report._render_qweb_html(
            "movimientos_sociales.ms_conference_badges_report", self.conference.ids
        )[0].decode()
        self.assertIn(self.p_ana.checkin_code, html)
        self.assertEqual(html.count("data:image/png;base64,"), 2)
        # badges hold the check-in codes: not for readers, whatever URL they use
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.user_reader)._render_qweb_html(
                "movimientos_sociales.ms_conference_badges_report", self.conference.ids
            )

    def test_closing_report(self):
        """Closing posts the figures in the chatter (no names: the whole
        commission reads it) and the printed report has the funnel, attendance
        by sector and state, organizations present, resolutions, proposals."""
        self.p_ana.sudo().attendee_id.state = "accepted"
        self.p_ana.attended = True
        self.env["ms.proposal"].create(
            {"name": "Jornada laboral de 8 horas", "conference_id": self.conference.id}
        )
        self.conference.action_mark_held()
        self.conference.minutes = "<p>Acta</p>"
        with self.mock_mail_gateway():
            self.conference.with_user(self.user_coordinator).action_close()
        note = self.conference.message_ids.filtered(
            lambda m: "o_ms_closing_summary" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Invited: 2", note.body)
        self.assertIn("Attended: 1", note.body)
        self.assertIn("Jornaleros 1/2", note.body)
        self.assertNotIn("Unión de Jornaleros", note.body)
        self.assertEqual(len(self._new_mails), 0)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_reader)
            ._render_qweb_html(
                "movimientos_sociales.ms_conference_closing_report", self.conference.ids
            )[0]
            .decode()
        )
        for text in (
            "Unión de Jornaleros",
            "Jornada laboral de 8 horas",
            "50.0 %",
            "Oaxaca",
        ):
            self.assertIn(text, html)
        self.assertEqual(self.conference.attendance_rate, 50.0)
