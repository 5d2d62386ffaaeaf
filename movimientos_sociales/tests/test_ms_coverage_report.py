from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MsCase

MEASURES = ["known:sum", "linked:sum", "with_insertion:sum", "with_leader:sum"]


@tagged("post_install", "-at_install", "ms_coverage")
class TestMsCoverageReport(MsCase):
    """Structure coverage by sector and state: fixtures counted by hand.

    Two sectors of the tests' own (S1, S2), in Oaxaca and Chiapas:

    ======  =======  =====================================================
    org     state    sectors, stage, insertion, leader
    ======  =======  =====================================================
    A       Oaxaca   S1 S2, linked, active insertion, a leader
    B       Oaxaca   S1, identified, none, none
    C       Chiapas  S1, consolidated, insertion concluded, a leader
    D       Chiapas  S2, first contact, active insertion, none
    E       Chiapas  S2, linked, insertion proposed, an archived leader
    F       Chiapas  S2 (archived: not counted)
    ======  =======  =====================================================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.s1 = cls._create_sector("Cobertura Uno", "T_COV_S1")
        cls.s2 = cls._create_sector("Cobertura Dos", "T_COV_S2")
        linked = cls.env.ref("movimientos_sociales.ms_link_stage_linked")
        consolidated = cls.env.ref("movimientos_sociales.ms_link_stage_consolidated")

        def org(name, state, sectors, stage):
            return cls._create_movement(
                name,
                state_id=state.id,
                ms_sector_ids=[Command.set(sectors.ids)],
                stage_id=stage.id,
            )

        oax, chis = cls.state_oax, cls.state_chis
        cls.org_a = org("Cobertura A", oax, cls.s1 | cls.s2, linked)
        cls.org_b = org("Cobertura B", oax, cls.s1, cls.stage_identified)
        cls.org_c = org("Cobertura C", chis, cls.s1, consolidated)
        cls.org_d = org("Cobertura D", chis, cls.s2, cls.stage_first_contact)
        cls.org_e = org("Cobertura E", chis, cls.s2, linked)
        cls.org_f = org("Cobertura F", chis, cls.s2, linked)
        cls.org_f.active = False

        cadre = cls._create_cadre("Cuadro Cobertura")
        cls._create_insertion(cadre, cls.org_a, "active")
        cls._create_insertion(cadre, cls.org_c, "done")
        cls._create_insertion(cadre, cls.org_d, "active")
        cls._create_insertion(cadre, cls.org_e, "proposed")
        cls._create_insertion(cadre, cls.org_f, "active")

        for movement, active in (
            (cls.org_a, True),
            (cls.org_c, True),
            (cls.org_e, False),
        ):
            leader = cls.env["res.partner"].create(
                {
                    "name": f"Dirigente de {movement.name}",
                    "parent_id": movement.partner_id.id,
                    "function": "Secretaria general",
                }
            )
            movement.leader_ids = [Command.set(leader.ids)]
            leader.active = active
        # a contact person who is not a leader
        cls.member_a = cls.env["res.partner"].create(
            {"name": "Integrante de Cobertura A", "parent_id": cls.org_a.partner_id.id}
        )
        cls.user_oax = cls._create_scoped_user(
            "ms_cov_oax",
            "movimientos_sociales.group_ms_user",
            "Operador de Oaxaca",
            states=cls.state_oax,
        )
        cls.user_s2 = cls._create_scoped_user(
            "ms_cov_s2",
            "movimientos_sociales.group_ms_user",
            "Operador del sector Dos",
            sectors=cls.s2,
        )

    def _cells(self, user=None, domain=None):
        """{(sector code, state code): (known, linked, insertion, leader)} of
        the test sectors, read as `user`."""
        Report = self.env["ms.coverage.report"].with_user(user or self.env.user)
        self.env.flush_all()
        rows = Report._read_group(
            [("sector_id", "in", (self.s1 | self.s2).ids), *(domain or [])],
            ["sector_id", "state_id"],
            MEASURES,
        )
        return {
            (sector.code, state.code): tuple(values) for sector, state, *values in rows
        }

    def test_figures_counted_by_hand(self):
        """Known, linked or consolidated, with an active insertion, with an
        (active) identified leader, per sector and state; archived
        organizations, concluded or proposed insertions and archived leaders
        don't count."""
        self.assertEqual(
            self._cells(),
            {
                ("T_COV_S1", "OAX"): (2, 1, 1, 1),
                ("T_COV_S1", "CHP"): (1, 1, 0, 1),
                ("T_COV_S2", "OAX"): (1, 1, 1, 1),
                ("T_COV_S2", "CHP"): (2, 1, 1, 0),
            },
        )

    def test_shares_are_averages(self):
        """The "%" measures are the share of the cell's organizations."""
        Report = self.env["ms.coverage.report"]
        self.env.flush_all()
        [(linked, insertion, leader)] = Report._read_group(
            [("sector_id", "=", self.s1.id), ("state_id", "=", self.state_oax.id)],
            [],
            ["linked_share:avg", "insertion_share:avg", "leader_share:avg"],
        )
        self.assertEqual((linked, insertion, leader), (50.0, 50.0, 50.0))
        for field in ("linked_share", "insertion_share", "leader_share"):
            self.assertEqual(Report._fields[field].aggregator, "avg")

    def test_municipality_and_row_per_sector(self):
        """One row per organization and sector, with the organization's
        municipality; an organization without sectors has one row without."""
        city = self._municipality("OAX", "Oaxaca de Juárez")
        self.org_b.municipality_id = city
        loose = self._create_movement("Cobertura sin sector")
        self.env.flush_all()
        Report = self.env["ms.coverage.report"]
        rows = Report.search([("movement_id", "=", self.org_a.id)])
        self.assertEqual(rows.sector_id, self.s1 | self.s2)
        self.assertEqual(
            Report.search([("movement_id", "=", self.org_b.id)]).municipality_id, city
        )
        self.assertEqual(
            self._cells(domain=[("municipality_id", "=", city.id)]),
            {("T_COV_S1", "OAX"): (1, 0, 0, 0)},
        )
        row = Report.search([("movement_id", "=", loose.id)])
        self.assertEqual((len(row), row.sector_id.id, row.known), (1, False, 1))

    def test_state_scoped_operator_sees_own_part(self):
        """An Operador scoped to Oaxaca counts Oaxaca's organizations only;
        one scoped to sector S2 counts its organizations (with all their
        sectors, as the list of organizations shows them)."""
        self.assertEqual(
            self._cells(self.user_oax),
            {
                ("T_COV_S1", "OAX"): (2, 1, 1, 1),
                ("T_COV_S2", "OAX"): (1, 1, 1, 1),
            },
        )
        self.assertEqual(
            self._cells(self.user_s2),
            {
                ("T_COV_S1", "OAX"): (1, 1, 1, 1),
                ("T_COV_S2", "OAX"): (1, 1, 1, 1),
                ("T_COV_S2", "CHP"): (2, 1, 1, 0),
            },
        )
        for user in (self.user_oax, self.user_s2):
            with self.subTest(user=user.login):
                rows = (
                    self.env["ms.coverage.report"]
                    .with_user(user)
                    .search([("sector_id", "in", (self.s1 | self.s2).ids)])
                )
                visible = (
                    self.env["ms.movement"]
                    .with_user(user)
                    .search([("ms_sector_ids", "in", (self.s1 | self.s2).ids)])
                )
                self.assertEqual(rows.movement_id, visible)

    def test_employee_cannot_read(self):
        """An internal user outside the commission cannot read it."""
        Report = self.env["ms.coverage.report"].with_user(self.user_employee)
        with self.assertRaises(AccessError):
            Report.search([("sector_id", "=", self.s1.id)])
        with self.assertRaises(AccessError):
            Report._read_group([], ["sector_id"], ["known:sum"])

    def test_cell_opens_its_organizations(self):
        """A cell's rows open their organizations: one row, its organization's
        form; the list's button, the organizations of the search (or of the
        rows selected), once each."""
        Report = self.env["ms.coverage.report"].with_user(self.user_reader)
        self.env.flush_all()
        cell = [("sector_id", "=", self.s2.id), ("state_id", "=", self.state_chis.id)]
        rows = Report.search(cell)
        self.assertEqual(len(rows), 2)
        action = rows[0].action_open_movement()
        self.assertEqual(action["res_model"], "ms.movement")
        self.assertIn(action["res_id"], (self.org_d | self.org_e).ids)
        action = Report.with_context(active_domain=cell).action_open_movements()
        movements = self.env["ms.movement"].with_user(self.user_reader)
        self.assertEqual(movements.search(action["domain"]), self.org_d | self.org_e)
        action = Report.search(
            [("movement_id", "=", self.org_a.id)]
        ).action_open_movements()
        self.assertEqual(movements.search(action["domain"]), self.org_a)

    def test_views_and_menu(self):
        """Pivot, graph and list from the Oversight menu; the pivot opens its
        cells (rows), the list opens organizations."""
        action = self.env.ref("movimientos_sociales.ms_coverage_report_action")
        self.assertEqual(action.view_mode, "pivot,graph,list")
        menu = self.env.ref("movimientos_sociales.menu_coverage")
        self.assertEqual(menu.action, action)
        self.assertEqual(
            menu.parent_id, self.env.ref("movimientos_sociales.menu_oversight")
        )
        views = (
            self.env["ms.coverage.report"]
            .with_user(self.user_reader)
            .get_views([(False, "pivot"), (False, "list")])["views"]
        )
        pivot = etree.fromstring(views["pivot"]["arch"])
        self.assertEqual(pivot.get("disable_linking"), "0")
        listing = etree.fromstring(views["list"]["arch"])
        self.assertEqual(listing.get("action"), "action_open_movement")

    # Board ---------------------------------------------------------------------

    def _coverage(self, user, **filters):
        board = self.env["ms.dashboard"].with_user(user).get_board_data(filters)
        return board["coverage"]

    def _assert_figures_equal_lists(self, coverage, user):
        figures = [
            figure
            for row in coverage["rows"]
            for figure in (*row["figures"], row["no_insertion"], row["no_organization"])
        ]
        self.assertTrue(figures)
        for figure in figures:
            with self.subTest(figure=figure["label"], model=figure["model"]):
                self.assertEqual(
                    self.env[figure["model"]]
                    .with_user(user)
                    .search_count(figure["domain"]),
                    figure["value"],
                )

    def test_board_block_figures_equal_lists(self):
        """Each figure of the coverage block equals the count of the list it
        opens, with and without filters, national and scoped."""
        for user, filters in (
            (self.user_reader, {}),
            (self.user_oax, {}),
            (self.user_s2, {}),
            (self.user_reader, {"state_id": self.state_chis.id}),
            (self.user_reader, {"sector_id": self.s2.id}),
            (self.user_oax, {"period": "year", "sector_id": self.s1.id}),
        ):
            with self.subTest(user=user.login, filters=filters):
                self._assert_figures_equal_lists(self._coverage(user, **filters), user)

    def test_board_block_gaps(self):
        """In Chiapas, sector S1 has an organization but no active insertion;
        in Oaxaca, every test sector has both."""
        coverage = self._coverage(self.user_reader, state_id=self.state_chis.id)
        rows = {row["label"]: row for row in coverage["rows"]}
        s1, s2 = rows[self.s1.display_name], rows[self.s2.display_name]
        self.assertEqual([f["value"] for f in s1["figures"]], [1, 1, 0])
        self.assertEqual([f["value"] for f in s2["figures"]], [2, 1, 1])
        self.assertEqual(
            (s1["no_insertion"]["label"], s1["no_insertion"]["value"]),
            (self.state_chis.name, 1),
        )
        self.assertEqual(s2["no_insertion"]["value"], 0)
        self.assertEqual(s1["no_organization"]["value"], 0)
        coverage = self._coverage(self.user_oax, sector_id=self.s2.id)
        [row] = coverage["rows"]
        self.assertEqual([f["value"] for f in row["figures"]], [1, 1, 1])
        self.assertEqual(row["no_insertion"]["value"], 0)
        # Oaxaca is the scoped Operador's only state: no gap of organizations
        self.assertEqual(row["no_organization"]["value"], 0)
        # an empty sector: no organization in any state of the board
        empty = self._create_sector("Cobertura Vacía", "T_COV_S3")
        coverage = self._coverage(self.user_oax)
        row = next(r for r in coverage["rows"] if r["label"] == empty.display_name)
        self.assertEqual([f["value"] for f in row["figures"]], [0, 0, 0])
        self.assertEqual(row["no_organization"]["label"], self.state_oax.name)

    # Leadership -----------------------------------------------------------------

    def test_leadership_hierarchy(self):
        """The organization's form opens its leadership: a hierarchy of its
        contact and contact people, its leaders marked."""
        form = etree.fromstring(
            self.env["ms.movement"]
            .with_user(self.user_operator)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        action = self.env.ref("movimientos_sociales.res_partner_action_ms_leadership")
        [button] = form.xpath(f"//button[@name='{action.id}']")
        self.assertIn("hierarchy_res_id", button.get("context"))
        self.assertEqual(action.view_mode, "hierarchy,form")
        Partner = self.env["res.partner"].with_user(self.user_operator)
        arch = Partner.get_views([(action.view_id.id, "hierarchy")])["views"][
            "hierarchy"
        ]["arch"]
        self.assertIn("ms_leader_movement_ids", arch)
        result = Partner.hierarchy_read(
            [("id", "=", self.org_a.partner_id.id)],
            {"name": {}, "ms_leader_movement_ids": {}},
            "parent_id",
            "child_ids",
        )
        self.assertEqual(
            {record["id"]: record["ms_leader_movement_ids"] for record in result},
            {
                self.org_a.partner_id.id: [],
                self.org_a.leader_ids.id: self.org_a.ids,
                self.member_a.id: [],
            },
        )
