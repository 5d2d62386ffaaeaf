import re

from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import MsCase


@tagged("post_install", "-at_install", "ms_conference")
class TestMsConferenceRsvp(HttpCase, MsCase, MockEmail):
    """The personal link of an invitation: a participant answers without an
    account; any other token gets a 404, and nothing is mailed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ana = cls._create_contact("Ana Invitada", "ana@example.mx", lang="es_MX")
        cls.beto = cls._create_contact("Beto Invitado", "beto@example.mx")
        # 17:00 UTC is 11:00 in Mexico City (UTC-6, no daylight saving time)
        start = cls.now_plus(days=15).replace(hour=17, minute=0, second=0)
        cls.conference = cls._create_conference(
            "Conferencia de Mujeres Rurales",
            date_start=start,
            date_end=start.replace(hour=20),
            location="Casa del Pueblo, Tlaxcala",
        )
        cls.participant_ana, cls.participant_beto = cls._add_participants(
            cls.conference, cls.ana | cls.beto
        )
        cls.conference.action_convene()

    def _url(self, participant, token=None):
        return f"/ms/rsvp/{participant.id}/{token or participant._ms_token()}"

    def _answer(self, participant, answer, token=None):
        """Open the link as an anonymous visitor, then press the answer."""
        page = self.url_open(self._url(participant, token))
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'csrf_token: "([^"]+)"', page.text).group(1)
        return self.url_open(
            self._url(participant, token),
            data={"csrf_token": csrf, "answer": answer},
        )

    def test_page_shows_the_conference_in_its_timezone(self):
        """The page is Spanish, for phones, and shows the date and time in the
        conference's timezone, without seconds, and the participant's code."""
        page = self.url_open(self._url(self.participant_ana))
        self.assertEqual(page.status_code, 200)
        self.assertIn('lang="es-MX"', page.text)
        self.assertIn('name="viewport"', page.text)
        self.assertIn("Conferencia de Mujeres Rurales", page.text)
        self.assertIn("Casa del Pueblo, Tlaxcala", page.text)
        self.assertIn("11:00 (", page.text)
        self.assertNotIn("11:00:00", page.text)
        self.assertNotIn("UTC", page.text)
        self.assertIn(self.participant_ana.checkin_code, page.text)
        # nobody else's name on it
        self.assertNotIn("Beto", page.text)

    def test_confirm_then_change_the_answer(self):
        """Confirming sets the RSVP (on the event's attendee) and logs it on the
        participant; the same link changes the answer later; no mail."""
        with self.mock_mail_gateway():
            response = self._answer(self.participant_ana, "accept")
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_ms_rsvp_done", response.text)
            self.participant_ana.invalidate_recordset()
            self.assertEqual(self.participant_ana.rsvp, "accepted")
            self.assertEqual(self.participant_ana.attendee_id.state, "accepted")
            self.assertEqual(self.conference.confirmed_count, 1)
            response = self._answer(self.participant_ana, "decline")
            self.participant_ana.invalidate_recordset()
            self.assertEqual(self.participant_ana.rsvp, "declined")
        self.assertEqual(len(self._new_mails), 0)
        self.assertEqual(len(self._mails), 0)
        bodies = self.participant_ana.message_ids.mapped("body")
        self.assertEqual(len(bodies), 2)
        self.assertEqual(self.participant_beto.rsvp, "needsAction")

    def test_wrong_or_foreign_token(self):
        """A wrong token, another participant's token, a token for a removed
        participant: 404, and nothing changes."""
        ana, beto = self.participant_ana, self.participant_beto
        cases = {
            "wrong": self._url(ana, "x" * 64),
            "foreign": f"/ms/rsvp/{ana.id}/{beto._ms_token()}",
            "unknown participant": f"/ms/rsvp/{ana.id + 100000}/{ana._ms_token()}",
        }
        for case, url in cases.items():
            with self.subTest(case=case):
                self.assertEqual(self.url_open(url).status_code, 404)
        # a person blocked by an ARCO request: their link is dead
        self.ana.sudo().ms_blocked = True
        self.assertEqual(self.url_open(self._url(ana)).status_code, 404)
        self.ana.sudo().ms_blocked = False
        token = beto._ms_token()
        beto_id = beto.id
        beto.unlink()
        self.assertEqual(self.url_open(f"/ms/rsvp/{beto_id}/{token}").status_code, 404)
        self.assertEqual(ana.rsvp, "needsAction")

    def test_no_answer_once_held(self):
        """Once the conference is held, the link says it takes no more answers
        and a posted answer changes nothing."""
        self.conference.action_mark_held()
        page = self.url_open(self._url(self.participant_ana))
        self.assertIn("o_ms_rsvp_closed", page.text)
        self.assertNotIn("o_ms_rsvp_accept", page.text)
        response = self._answer(self.participant_ana, "accept")
        self.assertIn("o_ms_rsvp_closed", response.text)
        self.participant_ana.invalidate_recordset()
        self.assertEqual(self.participant_ana.rsvp, "needsAction")

    def test_answer_needs_the_page(self):
        """An answer posted without the page's CSRF token is refused (a link
        scanner or another site can't answer for the participant)."""
        response = self.url_open(
            self._url(self.participant_ana), data={"answer": "accept"}
        )
        self.assertEqual(response.status_code, 400)
        self.participant_ana.invalidate_recordset()
        self.assertEqual(self.participant_ana.rsvp, "needsAction")
