import io
import re
from datetime import date, datetime
from unittest.mock import patch

import lxml.html
import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import MsCase, po_catalog

# Rows of a sheet: title, filters, date, user, blank, header, then the data.
HEADER_ROW = 6
FIRST_ROW = 7
OAXACA_ORG = "Colectivo Tejedoras de Oaxaca"
CHIAPAS_ORG = "Unión Tejedora de Chiapas"
SUBSECTOR = "Tejedoras / Tejedoras de Telar"


@tagged("post_install", "-at_install", "ms_reports")
class TestMsReportsXlsx(MsCase):
    """The six spreadsheets of the lists: layout, typed cells, and the scope of
    the user who prints them (a national Lectura user, one of Oaxaca)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.ms_demand_days_state = 30
        cls.reader_oax = mail_new_test_user(
            cls.env,
            login="ms_xlsx_reader_oax",
            groups="movimientos_sociales.group_ms_reader",
            name="Lorena Lectura Oaxaca",
            email="ms_xlsx_reader_oax@example.mx",
            tz="America/Mexico_City",
            ms_scope="restricted",
            ms_scope_state_ids=[Command.set(cls.state_oax.ids)],
        )
        cls.sector = cls._create_sector("Tejedoras", "T_XLSX_TEJ")
        cls.subsector = cls._create_sector(
            "Tejedoras de Telar", "T_XLSX_TEL", parent_id=cls.sector.id
        )
        # Oaxaca: in the sub-sector, with a contact person; Chiapas: none.
        cls.org_oax = cls._create_movement(
            OAXACA_ORG,
            code="T-CTO",
            municipality_id=cls._municipality("OAX", "Teotitlán del Valle").id,
            email="colectivo.oax@example.mx",
            phone="+52 951 000 0001",
            ms_sector_ids=[Command.set(cls.subsector.ids)],
        )
        cls.person = cls._create_contact(
            "Marta Tejedora",
            "marta@example.mx",
            sectors=cls.subsector,
            parent_id=cls.org_oax.partner_id.id,
            phone="+52 951 000 0002",
        )
        cls.org_chis = cls._create_movement(
            CHIAPAS_ORG,
            code="T-UTC",
            state_id=cls.state_chis.id,
            email="union.chis@example.mx",
            ms_sector_ids=[Command.set(cls.sector.ids)],
        )
        cls.orgs = cls.org_oax | cls.org_chis

        cls.cadre = cls._create_cadre("Rosa Cuadro Textil")
        cls.insertions = cls.env["ms.cadre.insertion"]
        for org, role in (
            (cls.org_oax, "Secretaría de Organización"),
            (cls.org_chis, ""),
        ):
            cls.insertions |= cls._create_insertion(
                cls.cadre, org, state="active", start_date=date(2025, 1, 1), role=role
            )
        cls.env["ms.cadre.report"].create(
            {
                "insertion_id": cls.insertions[0].id,
                "date": date(2025, 2, 1),
                "summary": "Dos asambleas realizadas.",
            }
        )

        cls.conference = cls._create_conference(
            "Encuentro de Tejedoras", sector_ids=[Command.set(cls.sector.ids)]
        )
        participants = cls._add_participants(
            cls.conference, cls.person | cls.org_chis.partner_id
        )
        participants[0].attended = True

        cls.agreement = cls._create_agreement(
            text="<p>Realizar la feria de tejedoras en mayo.</p>",
            conference_id=cls.conference.id,
            movement_ids=[Command.set(cls.orgs.ids)],
            owner_ids=[Command.set(cls.user_coordinator.ids)],
            deadline=date(2025, 4, 1),
        )

        authority = cls._create_authority("Secretaría de Economía de Oaxaca")
        cls.demand_oax = cls._create_demand(
            cls.org_oax.partner_id,
            sector_id=cls.subsector.id,
            municipality_id=cls._municipality("OAX", "Teotitlán del Valle").id,
            authority_id=authority.id,
            government_level="state",
            filing_date=date(2025, 3, 1),
            response_date=date(2025, 3, 21),
        )
        cls.demand_chis = cls._create_demand(
            cls.org_chis.partner_id,
            state_id=cls.state_chis.id,
            sector_id=cls.sector.id,
        )

        cls.alliance = cls._create_alliance(
            "Frente Textil del Sur", state="negotiation", alliance_type="sectoral"
        )
        cls.env["ms.alliance.member"].create(
            [
                {
                    "alliance_id": cls.alliance.id,
                    "movement_id": cls.org_oax.id,
                    "role": "convener",
                    "date_joined": date(2025, 1, 10),
                },
                {
                    "alliance_id": cls.alliance.id,
                    "movement_id": cls.org_chis.id,
                    "date_joined": date(2025, 2, 1),
                    "date_left": date(2025, 5, 1),
                },
            ]
        )

    # Helpers ---------------------------------------------------------------------

    def _render(self, report, records, user, data=None, **context):
        """The first sheet of `report` printed by `user` on `records`."""
        content, report_format = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(**context)
            ._render_xlsx(f"movimientos_sociales.{report}", records.ids, data)
        )
        self.assertEqual(report_format, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def _rows(self, sheet):
        return list(sheet.iter_rows(min_row=FIRST_ROW, values_only=True))

    def _row(self, sheet, column, value):
        """The cells of the only data row whose `column` (0-based) is `value`."""
        rows = [
            cells
            for cells in sheet.iter_rows(min_row=FIRST_ROW)
            if cells[column].value == value
        ]
        self.assertEqual(len(rows), 1, f"one row with {value!r}")
        return rows[0]

    def _values(self, sheet):
        return {value for row in self._rows(sheet) for value in row}

    def _assert_layout(self, sheet, title, header, rows):
        self.assertEqual(sheet["A1"].value, title)
        self.assertTrue(sheet["A1"].font.b)
        self.assertEqual(
            list(next(sheet.iter_rows(HEADER_ROW, HEADER_ROW, values_only=True))),
            header,
        )
        self.assertTrue(sheet["A6"].font.b)
        self.assertEqual(sheet.freeze_panes, f"A{FIRST_ROW}")
        last_column = openpyxl.utils.get_column_letter(len(header))
        self.assertEqual(
            sheet.auto_filter.ref, f"A{HEADER_ROW}:{last_column}{HEADER_ROW + rows}"
        )
        self.assertEqual(len(self._rows(sheet)), rows)
        self.assertEqual(sheet.title, title[:31])

    def _assert_cells(self, cells, expected):
        """Values and types of a row: dates are datetimes, numbers int/float."""
        self.assertEqual(tuple(cell.value for cell in cells), expected)
        for cell, value in zip(cells, expected, strict=True):
            if isinstance(value, datetime):
                self.assertTrue(cell.is_date, cell.coordinate)
            elif isinstance(value, (int, float)):
                self.assertEqual(cell.data_type, "n", cell.coordinate)
            elif value is not None:
                self.assertEqual(cell.data_type, "s", cell.coordinate)

    # Common layout -----------------------------------------------------------------

    def test_heading_lines(self):
        """Under the title: the filters (the list's domain, or the number of
        selected records), the date in the user's time zone and the user."""
        with freeze_time("2025-06-30 18:00:00"):
            sheet = self._render(
                "ms_xlsx_cadre_insertions", self.insertions, self.user_reader
            )
        self.assertEqual(sheet["A2"].value, "Selected records: 2")
        self.assertEqual(sheet["A3"].value, "Date: 06/30/2025 12:00:00 PM")
        self.assertEqual(sheet["A4"].value, "User: Lucía Lectura")
        domain = [("state", "=", "active"), ("movement_id", "in", self.org_oax.ids)]
        readable = f"Filters: Status = Current; Organization is one of {OAXACA_ORG}"
        sheet = self._render(
            "ms_xlsx_cadre_insertions",
            self.insertions,
            self.user_reader,
            data={"context": {"active_domain": domain}},
        )
        self.assertEqual(sheet["A2"].value, readable)
        sheet = self._render(
            "ms_xlsx_cadre_insertions",
            self.insertions,
            self.user_reader,
            active_domain=domain,
        )
        self.assertEqual(sheet["A2"].value, readable)
        sheet = self._render(
            "ms_xlsx_cadre_insertions", self.insertions, self.reader_oax
        )
        self.assertEqual(sheet["A2"].value, "Selected records: 1")
        # what isn't a plain condition is only counted; an id list is a selection
        sheet = self._render(
            "ms_xlsx_cadre_insertions",
            self.insertions,
            self.user_reader,
            active_domain=["|", ("state", "=", "active"), ("role", "ilike", "x")],
        )
        self.assertEqual(sheet["A2"].value, "Filters: those of the list (2)")
        sheet = self._render(
            "ms_xlsx_cadre_insertions",
            self.insertions,
            self.user_reader,
            active_domain=[("id", "in", self.insertions.ids)],
        )
        self.assertEqual(sheet["A2"].value, "Filters: selected records (2)")

    def test_spanish_titles(self):
        """The titles are in the user's language."""
        titles = {
            "ms_xlsx_sector_register": ("Register by Sector", "Padrón por sector"),
            "ms_xlsx_cadre_insertions": ("Cadre Insertions", "Inserción de cuadros"),
            "ms_xlsx_conference_attendance": (
                "Conference Attendance",
                "Asistencia a conferencias",
            ),
            "ms_xlsx_agreements": ("Agreements Follow-up", "Seguimiento de acuerdos"),
            "ms_xlsx_demands": ("Citizen Demands", "Gestiones"),
            "ms_xlsx_alliances": ("Alliances", "Alianzas"),
        }
        with self._patch_translations("es_MX", dict(titles.values())):
            for report, (_english, spanish) in titles.items():
                with self.subTest(report=report):
                    sheet = self._render(
                        report, self.env["ms.sector"], self.user_reader, lang="es_MX"
                    )
                    self.assertEqual(sheet["A1"].value, spanish)
                    self.assertEqual(sheet.title, spanish)

    def test_actions(self):
        """The six reports are printed from the list and the form of their
        model, by the commission's readers."""
        reader = self.env.ref("movimientos_sociales.group_ms_reader")
        for report, model in (
            ("ms_xlsx_sector_register", "ms.sector"),
            ("ms_xlsx_cadre_insertions", "ms.cadre.insertion"),
            ("ms_xlsx_conference_attendance", "ms.conference"),
            ("ms_xlsx_agreements", "ms.agreement"),
            ("ms_xlsx_demands", "ms.demand"),
            ("ms_xlsx_alliances", "ms.alliance"),
        ):
            with self.subTest(report=report):
                action = self.env.ref(f"movimientos_sociales.{report}")
                self.assertEqual(action.report_type, "xlsx")
                self.assertEqual(action.model, model)
                self.assertEqual(action.binding_model_id.model, model)
                self.assertEqual(action.binding_type, "report")
                self.assertEqual(action.group_ids, reader)

    def test_batches(self):
        """The records are read in batches, their rows written in order."""
        cadres = [self._create_cadre(f"Cuadro {n}") for n in range(1, 6)]
        insertions = self.env["ms.cadre.insertion"]
        for day, cadre in enumerate(cadres, start=1):
            insertions |= self._create_insertion(
                cadre, self.org_oax, start_date=date(2025, 1, day)
            )
        Report = type(self.env["report.movimientos_sociales.ms_xlsx_cadre_insertions"])
        read_rows = Report._ms_rows
        batches = []

        def spy(report, records):
            batches.append(len(records))
            return read_rows(report, records)

        with (
            patch.object(Report, "_ms_batch_size", 2),
            patch.object(Report, "_ms_rows", spy),
        ):
            sheet = self._render(
                "ms_xlsx_cadre_insertions", insertions, self.user_reader
            )
        self.assertEqual(batches, [2, 2, 1])
        self.assertEqual(
            [row[0] for row in self._rows(sheet)],
            ["Cuadro 5", "Cuadro 4", "Cuadro 3", "Cuadro 2", "Cuadro 1"],
        )

    # The six reports ---------------------------------------------------------------

    def test_sector_register(self):
        """One row per organization of the sector or its sub-sectors and contact
        person; an organization without people still has its row."""
        header = [
            "Sector",
            "Organization",
            "Acronym",
            "State (federal entity)",
            "Municipality",
            "Organization Email",
            "Organization Phone",
            "Contact Person",
            "Contact Email",
            "Contact Phone",
        ]
        report = "ms_xlsx_sector_register"
        sheet = self._render(report, self.sector, self.user_reader)
        self._assert_layout(sheet, "Register by Sector", header, rows=2)
        self._assert_cells(
            self._row(sheet, 1, OAXACA_ORG),
            (
                "Tejedoras",
                OAXACA_ORG,
                "T-CTO",
                "Oaxaca",
                "Teotitlán del Valle",
                "colectivo.oax@example.mx",
                "+52 951 000 0001",
                "Marta Tejedora",
                "marta@example.mx",
                "+52 951 000 0002",
            ),
        )
        self._assert_cells(
            self._row(sheet, 1, CHIAPAS_ORG),
            (
                "Tejedoras",
                CHIAPAS_ORG,
                "T-UTC",
                "Chiapas",
                None,
                "union.chis@example.mx",
                None,
                None,
                None,
                None,
            ),
        )
        sheet = self._render(report, self.sector, self.reader_oax)
        self._assert_layout(sheet, "Register by Sector", header, rows=1)
        self.assertEqual(self._rows(sheet)[0][1], OAXACA_ORG)
        self.assertFalse({CHIAPAS_ORG, "T-UTC", "Chiapas"} & self._values(sheet))

    def test_cadre_insertions(self):
        header = [
            "Cadre",
            "Organization",
            "Role",
            "Start",
            "End",
            "Status",
            "Coordinator",
            "Report Frequency",
            "Last Report",
            "Next Report",
            "Report Overdue",
            "Reports",
        ]
        report = "ms_xlsx_cadre_insertions"
        sheet = self._render(report, self.insertions, self.user_reader)
        self._assert_layout(sheet, "Cadre Insertions", header, rows=2)
        self._assert_cells(
            self._row(sheet, 1, OAXACA_ORG),
            (
                "Rosa Cuadro Textil",
                OAXACA_ORG,
                "Secretaría de Organización",
                datetime(2025, 1, 1),
                None,
                "Current",
                "Carmen Coordinadora",
                "Monthly",
                datetime(2025, 2, 1),
                datetime(2025, 3, 1),
                "Yes",
                1,
            ),
        )
        self.assertEqual(self._row(sheet, 1, CHIAPAS_ORG)[11].value, 0)
        sheet = self._render(report, self.insertions, self.reader_oax)
        self._assert_layout(sheet, "Cadre Insertions", header, rows=1)
        self.assertEqual(self._rows(sheet)[0][1], OAXACA_ORG)
        self.assertNotIn(CHIAPAS_ORG, self._values(sheet))

    def test_conference_attendance(self):
        """One row per participant, with the conference's figures; the date is
        in the user's time zone."""
        header = [
            "Conference",
            "Date",
            "Type",
            "Participant",
            "Organization",
            "Sector",
            "RSVP",
            "Attended",
            "Invited",
            "Confirmed",
            "Total Attended",
            "Attendance Rate",
        ]
        report = "ms_xlsx_conference_attendance"
        sheet = self._render(report, self.conference, self.user_reader)
        self._assert_layout(sheet, "Conference Attendance", header, rows=2)
        head = ("Encuentro de Tejedoras", datetime(2025, 3, 10, 10, 0), "Sectoral")
        figures = (2, 0, 1, 0.5)
        row = self._row(sheet, 3, "Marta Tejedora")
        self._assert_cells(
            row,
            (
                *head,
                "Marta Tejedora",
                OAXACA_ORG,
                SUBSECTOR,
                "Needs Action",
                "Yes",
                *figures,
            ),
        )
        self.assertEqual(row[1].number_format, "dd/mm/yyyy hh:mm")
        self.assertEqual(row[11].number_format, "0.0%")
        self._assert_cells(
            self._row(sheet, 3, CHIAPAS_ORG),
            (
                *head,
                CHIAPAS_ORG,
                CHIAPAS_ORG,
                "Tejedoras",
                "Needs Action",
                "No",
                *figures,
            ),
        )
        sheet = self._render(report, self.conference, self.reader_oax)
        self._assert_layout(sheet, "Conference Attendance", header, rows=1)
        self.assertEqual(self._rows(sheet)[0][3], "Marta Tejedora")
        self.assertNotIn(CHIAPAS_ORG, self._values(sheet))

    def test_conference_without_participants(self):
        conference = self._create_conference("Conferencia Vacía")
        sheet = self._render(
            "ms_xlsx_conference_attendance", conference, self.user_reader
        )
        self.assertEqual(
            self._rows(sheet),
            [
                (
                    "Conferencia Vacía",
                    datetime(2025, 3, 10, 10, 0),
                    "Sectoral",
                    *[None] * 5,
                    0,
                    0,
                    0,
                    0,
                )
            ],
        )

    @freeze_time("2025-06-30 18:00:00")
    def test_agreements(self):
        """The text in plain text, the origin, the organizations the user may
        see, and the days overdue."""
        header = [
            "Number",
            "Agreement",
            "Origin",
            "Organizations",
            "Owners",
            "Deadline",
            "Status",
            "Overdue",
            "Days Overdue",
        ]
        report = "ms_xlsx_agreements"
        sheet = self._render(report, self.agreement, self.user_reader)
        self._assert_layout(sheet, "Agreements Follow-up", header, rows=1)
        expected = (
            self.agreement.name,
            "Realizar la feria de tejedoras en mayo.",
            "Encuentro de Tejedoras",
            f"{OAXACA_ORG}, {CHIAPAS_ORG}",
            "Carmen Coordinadora",
            datetime(2025, 4, 1),
            "Pending",
            "Yes",
            90,
        )
        self._assert_cells(self._row(sheet, 0, self.agreement.name), expected)
        sheet = self._render(report, self.agreement, self.reader_oax)
        self._assert_layout(sheet, "Agreements Follow-up", header, rows=1)
        self._assert_cells(
            self._row(sheet, 0, self.agreement.name),
            (*expected[:3], OAXACA_ORG, *expected[4:]),
        )

    @freeze_time("2025-06-30 18:00:00")
    def test_demands(self):
        """Days elapsed from the filing to the response (or today)."""
        header = [
            "Folio",
            "Subject",
            "Requester",
            "Category",
            "State (federal entity)",
            "Municipality",
            "Authority",
            "Level",
            "Filing Date",
            "Deadline",
            "Status",
            "Days Elapsed",
            "Overdue",
        ]
        report = "ms_xlsx_demands"
        demands = self.demand_oax | self.demand_chis
        sheet = self._render(report, demands, self.user_reader)
        self._assert_layout(sheet, "Citizen Demands", header, rows=2)
        self._assert_cells(
            self._row(sheet, 0, self.demand_oax.name),
            (
                self.demand_oax.name,
                self.demand_oax.subject or None,
                OAXACA_ORG,
                self.demand_oax.category_id.name,
                "Oaxaca",
                "Teotitlán del Valle",
                "Secretaría de Economía de Oaxaca",
                "State-level",
                datetime(2025, 3, 1),
                datetime(2025, 3, 31),
                "Received",
                20,
                "Yes",
            ),
        )
        chiapas = self._row(sheet, 0, self.demand_chis.name)
        self.assertEqual(chiapas[2].value, CHIAPAS_ORG)
        self.assertIsNone(chiapas[11].value)  # never filed
        self.assertEqual(chiapas[12].value, "No")
        sheet = self._render(report, demands, self.reader_oax)
        self._assert_layout(sheet, "Citizen Demands", header, rows=1)
        self.assertEqual(self._rows(sheet)[0][0], self.demand_oax.name)
        self.assertFalse({CHIAPAS_ORG, self.demand_chis.name} & self._values(sheet))

    def test_alliances(self):
        """One row per member, with the sectors covered by the alliance."""
        header = [
            "Alliance",
            "Type",
            "Status",
            "Organization",
            "Role",
            "Joined",
            "Left",
            "Member Status",
            "Organization Sectors",
            "Sectors Covered",
        ]
        report = "ms_xlsx_alliances"
        sheet = self._render(report, self.alliance, self.user_reader)
        self._assert_layout(sheet, "Alliances", header, rows=2)
        head = ("Frente Textil del Sur", "Sectoral", "Negotiation")
        self._assert_cells(
            self._row(sheet, 3, OAXACA_ORG),
            (
                *head,
                OAXACA_ORG,
                "Convener",
                datetime(2025, 1, 10),
                None,
                "Current",
                SUBSECTOR,
                SUBSECTOR,
            ),
        )
        self._assert_cells(
            self._row(sheet, 3, CHIAPAS_ORG),
            (
                *head,
                CHIAPAS_ORG,
                "Member",
                datetime(2025, 2, 1),
                datetime(2025, 5, 1),
                "Left",
                "Tejedoras",
                SUBSECTOR,
            ),
        )
        sheet = self._render(report, self.alliance, self.reader_oax)
        self._assert_layout(sheet, "Alliances", header, rows=1)
        self.assertEqual(self._rows(sheet)[0][3], OAXACA_ORG)
        self.assertNotIn(CHIAPAS_ORG, self._values(sheet))


# Words of the addon's English that are Spanish too, or names
NOT_ENGLISH = {"general", "total", "local", "federal", "municipal", "social"}


@tagged("post_install", "-at_install", "ms_reports")
class TestMsReportsSpanish(TestMsReportsXlsx):
    """Every spreadsheet, and the acta, printed in es_MX read in Spanish: no
    word of the addon's English source strings in them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls._create_session(
            "Sesión de Tejedoras",
            member_ids=[Command.set(cls.person.ids)],
        )
        cls.english = cls._english_words()

    @staticmethod
    def _english_words():
        """Words of the addon's English source strings that no Spanish
        translation uses (so a Spanish word like "total" is not one)."""
        words = re.compile(r"[^\W\d_]{4,}")
        english, spanish = set(), set()
        for source, translation in po_catalog("es").items():
            if translation and translation != source:
                english |= {w.lower() for w in words.findall(source)}
                spanish |= {w.lower() for w in words.findall(translation)}
        return english - spanish - NOT_ENGLISH

    def _english_in(self, texts):
        words = re.compile(r"[^\W\d_]{4,}")
        return sorted(
            {
                word
                for text in texts
                for word in words.findall(re.sub(r"\S+@\S+", "", str(text)))
                if word.lower() in self.english
            }
        )

    def test_spreadsheets_in_spanish(self):
        self.assertGreater(len(self.english), 300)
        for report, records in (
            ("ms_xlsx_sector_register", self.sector | self.subsector),
            ("ms_xlsx_cadre_insertions", self.insertions),
            ("ms_xlsx_conference_attendance", self.conference),
            ("ms_xlsx_agreements", self.agreement),
            ("ms_xlsx_demands", self.demand_oax | self.demand_chis),
            ("ms_xlsx_alliances", self.alliance),
        ):
            with self.subTest(report=report):
                sheet = self._render(
                    report,
                    records,
                    self.user_reader,
                    lang="es_MX",
                    active_domain=[("id", "in", records.ids)],
                )
                texts = [
                    value
                    for row in sheet.iter_rows(values_only=True)
                    for value in row
                    if isinstance(value, str)
                ]
                self.assertGreater(len(texts), 8)
                self.assertEqual(self._english_in(texts), [], texts)

    def test_minutes_in_spanish(self):
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.user_reader)
            .with_context(lang="es_MX")
            ._render_qweb_html(
                "movimientos_sociales.ms_session_minutes_report", self.session.ids
            )
        )
        body = lxml.html.fromstring(html).find("body")
        # what prints: not the scripts, styles, nor the browser tab title
        for element in body.xpath(".//script | .//style | .//title"):
            element.drop_tree()
        text = body.text_content()
        self.assertIn("Acta", text)
        self.assertEqual(self._english_in([text]), [], text)
