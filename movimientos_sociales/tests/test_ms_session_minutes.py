from odoo import Command
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import MsCase

REPORT = "movimientos_sociales.ms_session_minutes_report"


@tagged("post_install", "-at_install", "ms_reports")
class TestMsSessionMinutes(MsCase):
    """The acta of a session, as QWeb (HTML here; PDF needs wkhtmltopdf)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls.env["ms.session"].create(
            {
                "name": "Sesión <b>ordinaria</b>",
                "date_start": "2026-06-01 17:00:00",
                "date_end": "2026-06-01 19:00:00",
                "location": "Sede nacional",
                "member_ids": [Command.set(cls.user_reader.partner_id.ids)],
                "attendee_ids": [Command.set(cls.user_reader.partner_id.ids)],
                "agenda": "<ol><li>Informe</li></ol>",
                "minutes": "<p>Se aprobó el plan.</p><script>alert(1)</script>",
            }
        )
        cls.agreement = cls.env["ms.agreement"].create(
            {
                "text": "<p>Convocar la conferencia campesina</p>",
                "session_id": cls.session.id,
                "owner_ids": [Command.set(cls.user_coordinator.ids)],
                "deadline": "2026-07-01",
            }
        )

    def _render(self, user):
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(REPORT, self.session.ids)
        )
        return html.decode()

    def test_minutes_content(self):
        html = self._render(self.user_reader)
        for text in (
            "Se aprobó el plan.",
            "Informe",
            self.agreement.name,
            "Convocar la conferencia campesina",
            self.user_coordinator.name,
            self.user_reader.partner_id.name,
        ):
            self.assertIn(text, html)
        # user data is escaped, and the minutes were sanitized when stored
        self.assertIn("Sesión &lt;b&gt;ordinaria&lt;/b&gt;", html)
        self.assertNotIn("<script>alert(1)", html)

    def test_time_in_the_sessions_timezone(self):
        """The acta states the time in the session's timezone (Mexico City by
        default), whatever the reader's: 17:00 UTC is 11:00 there."""
        self.user_reader.tz = "UTC"
        self.assertEqual(self.session.date_tz, "America/Mexico_City")
        html = self._render(self.user_reader)
        self.assertIn("11:00", html)
        self.assertNotIn("17:00", html)
        self.session.date_tz = "America/Cancun"  # UTC-5
        self.assertIn("12:00", self._render(self.user_reader))

    def test_scoped_reader_can_print(self):
        scoped = mail_new_test_user(
            self.env,
            login="ms_minutes_scoped",
            groups="movimientos_sociales.group_ms_reader",
            ms_scope="restricted",
            ms_scope_state_ids=[Command.set(self.state_oax.ids)],
        )
        self.assertIn(self.agreement.name, self._render(scoped))

    def test_acta_records_attendance_quorum_votes_and_signatures(self):
        """The acta has the commission's heading, date without seconds, place,
        members present and absent, the quorum, each agreement with owners,
        deadline and vote, and a signature line per member present; not the
        company's address."""
        session = self.session
        session.write(
            {
                "member_ids": [
                    Command.set((self.user_reader | self.user_operator).partner_id.ids)
                ]
            }
        )
        self.agreement.votes_for = 1
        self.env.company.street = "Calle de la Empresa 123"
        html = self._render(self.user_reader)
        for text in (
            "Comisión de Movimientos Sociales",
            "Minutes",
            "Sede nacional",
            "Members present",
            "Members absent",
            self.user_operator.partner_id.name,
            "There is no quorum: 1 of 2 members present, 2 required.",
            "Unanimous (1 for)",
            "Signatures",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Calle de la Empresa 123", html)
        self.assertNotIn(":00:00", html)
        self.assertNotIn("Minutes of the session Sesión", html)
        # one signature line: the member present
        self.assertEqual(html.count("border-top: 1px solid #000"), 1)
