from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import MsCase


@tagged("post_install", "-at_install", "ms_dashboard")
class TestMsDashboard(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_oaxaca = mail_new_test_user(
            cls.env,
            login="ms_board_oax",
            groups="movimientos_sociales.group_ms_reader",
            ms_scope="restricted",
            ms_scope_state_ids=[(6, 0, cls.state_oax.ids)],
        )
        Movement = cls.env["ms.movement"]
        cls.oaxaca = Movement.create(
            [
                {"name": f"Tablero Oaxaca {i}", "state_id": cls.state_oax.id}
                for i in range(3)
            ]
        )
        cls.chiapas = Movement.create(
            {"name": "Tablero Chiapas", "state_id": cls.state_chis.id}
        )

    def _board(self, user, **filters):
        return self.env["ms.dashboard"].with_user(user).get_board_data(filters)

    @staticmethod
    def _block(board, title):
        return next(b for b in board["blocks"] if b["title"] == title)

    def _assert_figures_open_what_they_count(self, board, user):
        figures = board["kpis"] + [
            row for block in board["blocks"] for row in block["rows"]
        ]
        self.assertGreater(len(figures), 12)
        for figure in figures:
            if (
                figure["model"] == "ms.movement.evaluation"
                and "Score" in figure["label"]
            ):
                continue
            with self.subTest(figure=figure["label"], model=figure["model"]):
                self.assertEqual(
                    self.env[figure["model"]]
                    .with_user(user)
                    .search_count(figure["domain"]),
                    figure["value"],
                )

    def test_figures_open_what_they_count(self):
        """Each figure's domain finds exactly the records it counts, with and
        without filters, for a national and a scoped user."""
        for user, filters in (
            (self.user_reader, {}),
            (self.user_oaxaca, {}),
            (self.user_reader, {"state_id": self.state_chis.id}),
            (self.user_reader, {"sector_id": self.sector_youth.id}),
            (self.user_reader, {"period": "month"}),
            (self.user_oaxaca, {"period": "year", "sector_id": self.sector_workers.id}),
        ):
            with self.subTest(user=user.login, filters=filters):
                board = self._board(user, **filters)
                self._assert_figures_open_what_they_count(board, user)

    def test_scoped_user_sees_own_figures(self):
        """A user scoped to Oaxaca counts only Oaxaca's organizations."""
        national = self._board(self.user_reader)
        scoped = self._board(self.user_oaxaca)
        organizations = next(k for k in scoped["kpis"] if k["model"] == "ms.movement")
        self.assertEqual(
            organizations["value"],
            self.env["ms.movement"].search_count(
                [("state_id", "=", self.state_oax.id)]
            ),
        )
        by_state = self._block(scoped, "Organizations by State")
        self.assertEqual([row["label"] for row in by_state["rows"]], ["Oaxaca (MX)"])
        national_states = self._block(national, "Organizations by State")
        self.assertIn("Chiapas (MX)", [row["label"] for row in national_states["rows"]])

    def test_outsiders_refused(self):
        with self.assertRaises(AccessError):
            self._board(self.user_employee)

    def _count_queries(self, board):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        board.get_board_data()
        return self.env.cr.sql_log_count - start

    def test_query_count_does_not_grow(self):
        """The board costs the same number of queries with 4 or 40 more
        organizations: grouped queries, no per-record work."""
        board = self.env["ms.dashboard"].with_user(self.user_reader)
        counts = []
        for more in (4, 36):
            self.env["ms.movement"].create(
                [
                    {"name": f"Más {more} {i}", "state_id": self.state_chis.id}
                    for i in range(more)
                ]
            )
            self._count_queries(board)  # creating contacts clears the rule cache
            counts.append(self._count_queries(board))
        # the contract: 9 KPIs and 8 blocks on grouped queries (two groupings
        # serve both a block and KPIs), the sectors (filter and zero rows),
        # the states of the filter, the upcoming meetings and the trend; the
        # groups' names are read as superuser, as Odoo's grouping reads them;
        # the coverage block adds two groupings by sector and state (all
        # organizations by stage, those with an active insertion)
        self.assertEqual(counts, [31, 31])

    def test_board_is_the_commission_home(self):
        """A user who joins the commission opens Odoo on the board, unless
        they chose another home; employees outside it are left alone."""
        board = self.env.ref("movimientos_sociales.ms_dashboard_action").id
        self.assertEqual(self.user_reader.action_id.id, board)
        self.assertEqual(self.user_operator.action_id.id, board)
        self.assertFalse(self.user_employee.action_id)
        self.user_employee.group_ids = [
            Command.link(self.env.ref("movimientos_sociales.group_ms_reader").id)
        ]
        self.assertEqual(self.user_employee.action_id.id, board)
        chosen = self.env.ref("movimientos_sociales.ms_conference_action")
        user = self._create_user(
            "ms_own_home",
            "movimientos_sociales.group_ms_user",
            "Con Inicio Propio",
            action_id=chosen.id,
        )
        self.assertEqual(user.action_id.id, chosen.id)

    def test_trend_months_read_in_the_users_language(self):
        """The score trend names its months ("abr 2026"), not "26-04"."""
        today = fields.Date.context_today(self.env["ms.dashboard"])
        trend = self.env["ms.dashboard"].with_context(lang="en_US")._score_trend(today)
        for point in trend:
            with self.subTest(point=point["label"]):
                self.assertRegex(point["label"], r"^[A-Z][a-z]{2} \d{4}$")
        self.assertEqual(
            self.env["ms.dashboard"]._ms_month_label(date(2026, 4, 1), "en_US"),
            "Apr 2026",
        )

    def test_every_row_or_others(self):
        """A breakdown shows every row up to 12; beyond, 11 rows and "Others"
        with the rest, whose list holds exactly them. Every sector shows,
        those with nothing as zero rows."""
        states = self.env["res.country.state"].search(
            [("country_id", "=", self.mx.id)], limit=16
        )
        self.env["ms.movement"].create(
            [
                {"name": f"Tablero {state.name}", "state_id": state.id}
                for state in states
            ]
        )
        board = self._board(self.user_reader)
        by_state = self._block(board, "Organizations by State")["rows"]
        self.assertEqual(len(by_state), 12)
        others = by_state[-1]
        self.assertRegex(others["label"], r"^Others \(\d+\)$")
        total = next(k for k in board["kpis"] if k["label"] == "Organizations")
        self.assertEqual(sum(row["value"] for row in by_state), total["value"])
        self.assertEqual(
            self.env["ms.movement"].search_count(others["domain"]), others["value"]
        )
        shown = {row["label"] for row in by_state[:-1]}
        hidden = self.env["ms.movement"].search(others["domain"]).state_id
        self.assertFalse(shown & set(hidden.mapped("display_name")))

        sectors = self.env["ms.sector"].search([])
        by_sector = self._block(board, "Organizations by Sector")["rows"]
        self.assertEqual(
            sorted(row["label"] for row in by_sector if row["label"] != "None"),
            sorted(sectors.mapped("display_name")),
        )
        empty = self.env["ms.sector"].create({"name": "Sin Nadie", "code": "NADIE"})
        rows = self._block(self._board(self.user_reader), "Organizations by Sector")
        zero = next(row for row in rows["rows"] if row["label"] == "Sin Nadie")
        self.assertEqual(zero["value"], 0)
        self.assertEqual(
            self.env["ms.movement"].search_count(zero["domain"]), 0, empty.name
        )

    def test_scope_line_and_national_figures(self):
        """The board says whose figures these are: a scoped user's states and
        sectors; agreements and alliances are national for everyone."""
        self.assertIn("national", self._board(self.user_reader)["scope"])
        scoped = self._board(self.user_oaxaca)
        self.assertIn("Oaxaca", scoped["scope"])
        self.assertIn("Agreements and alliances", scoped["scope"])
        national = {k["label"] for k in scoped["kpis"] if k["national"]}
        self.assertEqual(
            national, {"Open Agreements", "Overdue Agreements", "Alliances in Force"}
        )
        agreements = self.env["ms.agreement"].search_count(
            [("state", "in", ("pending", "in_progress"))]
        )
        self.assertEqual(
            next(k for k in scoped["kpis"] if k["label"] == "Open Agreements")["value"],
            agreements,
        )
        es = (
            self.env["ms.dashboard"]
            .with_user(self.user_oaxaca)
            .with_context(lang="es_MX")
        )
        self.assertIn("Su alcance", es.get_board_data()["scope"])

    def test_filters_apply_to_every_figure(self):
        """A state filter counts that state's organizations, demands and
        conferences; a period filter counts what the period holds; both
        travel in each figure's domain (the drill-down)."""
        board = self._board(self.user_reader, state_id=self.state_chis.id)
        organizations = next(k for k in board["kpis"] if k["label"] == "Organizations")
        self.assertEqual(
            organizations["value"],
            self.env["ms.movement"].search_count(
                [("state_id", "=", self.state_chis.id)]
            ),
        )
        self.assertIn(("state_id", "=", self.state_chis.id), organizations["domain"])
        self.assertEqual(
            [
                row["label"]
                for row in self._block(board, "Organizations by State")["rows"]
            ],
            ["Chiapas (MX)"],
        )
        # an evaluation of last year is outside "this year"
        movement = self.chiapas
        last_year = fields.Date.today() - relativedelta(years=1, months=1)
        self.env["ms.movement.evaluation"].create(
            {"movement_id": movement.id, "date": last_year}
        )
        evaluations = self.env["ms.movement.evaluation"]
        everything = self._board(self.user_reader)
        this_year = self._board(self.user_reader, period="year")
        self.assertEqual(this_year["filters"]["date_from"][5:], "01-01")
        for board in (everything, this_year):
            evaluations_kpi = next(
                k for k in board["kpis"] if k["model"] == "ms.movement.evaluation"
            )
            self.assertEqual(evaluations_kpi["model"], evaluations._name)
        self.assertIn(
            ("date", ">=", this_year["filters"]["date_from"]),
            next(
                k for k in this_year["kpis"] if k["model"] == "ms.movement.evaluation"
            )["domain"],
        )
        with self.assertRaises(ValidationError):
            self._board(self.user_reader, period="siempre")
        with self.assertRaises(ValidationError):
            self._board(self.user_reader, state_id="Oaxaca")

    def test_upcoming_follows_filters(self):
        """A state filter keeps that state's conferences and leaves out the
        commission's sessions (national); the period ends the list."""
        mails = self.env["mail.mail"].search_count([])
        activities = self.env["mail.activity"].search_count([])
        conference = self.env["ms.conference"].create(
            {
                "name": "Conferencia del Tablero",
                "state_id": self.state_chis.id,
                "date_start": self.now_plus(days=3),
                "date_end": self.now_plus(days=3, hours=2),
            }
        )
        session = self.env["ms.session"].create(
            {
                "name": "Sesión del Tablero",
                "date_start": self.now_plus(days=4),
                "date_end": self.now_plus(days=4, hours=2),
            }
        )
        labels = [i["label"] for i in self._board(self.user_reader)["upcoming"]]
        self.assertIn(conference.name, labels)
        self.assertIn(session.name, labels)
        chiapas = self._board(self.user_reader, state_id=self.state_chis.id)["upcoming"]
        self.assertEqual([i["label"] for i in chiapas], [conference.name])
        oaxaca = self._board(self.user_reader, state_id=self.state_oax.id)["upcoming"]
        self.assertFalse(oaxaca)
        # scheduling them mailed nobody and planned nothing
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)

    def test_group_names_beyond_the_users_rules(self):
        """A breakdown names its groups as Odoo's grouping does: an overdue
        demand of Oaxaca whose authority is a contact recorded in Chiapas
        (outside the Oaxaca user's rules) doesn't break the board."""
        authority = self._create_contact(
            "Autoridad de Chiapas", "aut.chis@example.mx", sectors=self.sector_peasants
        )
        authority.write({"ms_is_authority": True, "state_id": self.state_chis.id})
        demand = self._create_demand(
            self.oaxaca[0].partner_id, authority_id=authority.id
        )
        demand.is_overdue = True
        with self.assertRaises(AccessError):
            authority.with_user(self.user_oaxaca).check_access("read")
        block = self._block(
            self._board(self.user_oaxaca), "Overdue Demands by Authority"
        )
        self.assertIn("Autoridad de Chiapas", [row["label"] for row in block["rows"]])

    def test_bad_filters_refused_in_words(self):
        for filters in ("abc", [1, 2], {"state_id": True}, {"sector_id": "1"}):
            with self.subTest(filters=filters), self.assertRaises(ValidationError):
                self.env["ms.dashboard"].with_user(self.user_reader).get_board_data(
                    filters
                )
        board = self.env["ms.dashboard"].with_user(self.user_reader)
        # an unknown timezone in the context falls back to the user's (or UTC)
        self.assertTrue(
            board.with_context(tz="Mars/Olympus").get_board_data({"period": "month"})
        )

    def test_national_figures_under_a_territorial_filter(self):
        """Filtered by state, agreements and alliances are counted through the
        organizations the user may see: no longer marked national."""
        board = self._board(self.user_oaxaca, state_id=self.state_oax.id)
        self.assertFalse([k for k in board["kpis"] if k["national"]])
        self.assertIn("organizations you may see", board["scope"])
