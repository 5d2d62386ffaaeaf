from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

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
        # organizations by stage, which the block by sector sums too, and
        # those with an active insertion); the goals block, one search of the
        # goals (none here: see TestMsDashboardGoals)
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


@tagged("post_install", "-at_install", "ms_dashboard", "ms_goal")
class TestMsDashboardGoals(MsCase):
    """The board's goals: those the user may read, running or ended in the
    last 30 days, counted live in the user's scope, most behind first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name, state in (
            ("Tablero Meta Uno", cls.state_oax),
            ("Tablero Meta Dos", cls.state_oax),
            ("Tablero Meta Tres", cls.state_chis),
        ):
            cls._create_movement(name, state_id=state.id)
        cls.operator_oax = cls._create_scoped_user(
            "ms_operator_board_goal_oax",
            "movimientos_sociales.group_ms_user",
            "Olga Operadora Oaxaca",
            states=cls.state_oax,
        )
        # 2 July 2026 (at noon in Mexico City, the users' timezone) is halfway
        # from 1 January to 31 December: 50 % expected
        cls.far_behind = cls._create_goal(
            "Meta muy atrasada", target=100, user_id=cls.operator_oax.id
        )
        cls.far_behind.is_behind = True  # as the daily count left it
        cls.behind = cls._create_goal("Meta atrasada", target=10)
        cls.on_track = cls._create_goal("Meta al día", target=4)
        cls.not_started = cls._create_goal(
            "Meta por empezar", target=5, date_start=date(2026, 8, 1)
        )
        cls.reached = cls._create_goal(
            "Meta cumplida", target=3, deadline=date(2026, 6, 20)
        )
        cls.ended_30_days_ago = cls._create_goal(
            "Meta terminada hace 30 días", target=6, deadline=date(2026, 6, 2)
        )
        cls._create_goal(
            "Meta terminada hace 31 días", target=6, deadline=date(2026, 6, 1)
        )
        cls._create_goal("Meta archivada", target=6, active=False)

    @classmethod
    def _create_goal(cls, name, **vals):
        """A goal set by the Coordinadora (national), counting the three
        organizations of the tests (two in Oaxaca), from 1 January to 31
        December 2026."""
        goal = (
            cls.env["ms.goal"]
            .with_user(cls.user_coordinator)
            .create(
                {
                    "name": name,
                    "model_name": "ms.movement",
                    "domain": "[('name', 'ilike', 'Tablero Meta')]",
                    "target": 10,
                    "date_start": date(2026, 1, 1),
                    "deadline": date(2026, 12, 31),
                    **vals,
                }
            )
        )
        return cls.env["ms.goal"].browse(goal.id)

    def _goals(self, user):
        return self.env["ms.dashboard"].with_user(user).get_board_data({})["goals"]

    @freeze_time("2026-07-02 18:00")
    def test_rows_and_order(self):
        """Running goals most behind first (the share reached minus the share
        expected by today), then those ended in the last 30 days; each row
        with its figures, its responsible and deadline, opening the records
        it counts."""
        goals = self._goals(self.user_reader)
        self.assertEqual(
            [row["label"] for row in goals["rows"]],
            [
                "Meta muy atrasada",  # 3 % of 50 % expected
                "Meta atrasada",  # 30 % of 50 %
                "Meta al día",  # 75 % of 50 %
                "Meta por empezar",  # 60 % of 0 %
                "Meta terminada hace 30 días",  # ended: 50 % of 100 %
                "Meta cumplida",  # ended: 100 % of 100 %
            ],
        )
        self.assertEqual(goals["total"], 6)
        self.assertEqual(
            self.env.ref(goals["action"]),
            self.env.ref("movimientos_sociales.ms_goal_action"),
        )
        rows = {row["label"]: row for row in goals["rows"]}
        behind = dict(rows["Meta atrasada"])
        records = behind.pop("records")
        self.assertEqual(
            behind,
            {
                "id": self.behind.id,
                "label": "Meta atrasada",
                "responsible": "Carmen Coordinadora",
                "value": 3,
                "target": 10,
                "progress": 30,
                "expected": 5,
                "expected_progress": 50,
                "expected_label": "Expected by today: 5 of 10",
                "is_behind": False,
                "ended": False,
                "deadline": "2026-12-31",
            },
        )
        self.assertEqual(records["model"], "ms.movement")
        self.assertEqual(
            self.env["ms.movement"]
            .with_user(self.user_reader)
            .search_count(records["domain"]),
            3,
        )
        far = rows["Meta muy atrasada"]
        self.assertEqual(
            (far["is_behind"], far["responsible"], far["progress"]),
            (True, "Olga Operadora Oaxaca", 3),
        )
        self.assertEqual(rows["Meta por empezar"]["expected_progress"], 0)
        self.assertTrue(rows["Meta cumplida"]["ended"])
        self.assertEqual(rows["Meta cumplida"]["expected_progress"], 100)
        # the board's filters don't apply: a goal has its own
        chiapas = self.env["ms.dashboard"].with_user(self.user_reader)
        filtered = chiapas.get_board_data({"state_id": self.state_chis.id})["goals"]
        self.assertEqual(filtered["rows"], goals["rows"])

    @freeze_time("2026-07-02 18:00")
    def test_first_eight_and_see_all(self):
        for i in range(5):
            self._create_goal(f"Meta extra {i}", target=3)
        goals = self._goals(self.user_reader)
        self.assertEqual(goals["total"], 11)
        self.assertEqual(len(goals["rows"]), 8)
        self.assertEqual(goals["rows"][0]["label"], "Meta muy atrasada")
        self.assertNotIn("Meta cumplida", [row["label"] for row in goals["rows"]])

    @freeze_time("2026-07-02 18:00")
    def test_scoped_operator_sees_their_goals_in_their_scope(self):
        """A scoped Operador sees only the goals they are responsible for,
        counted in their scope (Oaxaca's two organizations)."""
        goals = self._goals(self.operator_oax)
        self.assertEqual(goals["total"], 1)
        (row,) = goals["rows"]
        self.assertEqual(
            (row["label"], row["value"], row["progress"], row["is_behind"]),
            ("Meta muy atrasada", 2, 2, True),
        )
        self.assertEqual(
            self.env["ms.movement"]
            .with_user(self.operator_oax)
            .search_count(row["records"]["domain"]),
            2,
        )
        with self.assertRaises(AccessError):
            self.behind.with_user(self.operator_oax).check_access("read")

    @freeze_time("2026-07-02 18:00")
    def test_reader_sees_goals_read_only(self):
        """Lectura sees every goal of the block and opens its form, read-only."""
        goals = self._goals(self.user_reader)
        self.assertEqual(len(goals["rows"]), 6)
        goal = self.env["ms.goal"].with_user(self.user_reader).browse(self.behind.id)
        self.assertEqual(goal.name, "Meta atrasada")
        with self.assertRaises(AccessError):
            goal.write({"target": 3})

    @freeze_time("2026-07-02 18:00")
    def test_reading_mails_nobody(self):
        """Reading the board posts, mails and plans nothing."""
        counts = [
            self.env[model].search_count([])
            for model in ("mail.mail", "mail.message", "mail.activity")
        ]
        for user in (self.user_reader, self.operator_oax, self.user_coordinator):
            self.assertTrue(self._goals(user)["rows"])
        self.assertEqual(
            [
                self.env[model].search_count([])
                for model in ("mail.mail", "mail.message", "mail.activity")
            ],
            counts,
        )

    @freeze_time("2026-07-02 18:00")
    def test_a_goal_no_longer_valid_doesnt_break_the_board(self):
        """A filter the database refuses (saved before a change) shows no
        figure, after the others, and the other goals still count."""
        self.env.cr.execute(
            "UPDATE ms_goal SET domain = %s WHERE id = %s",
            ("[('id', 'in', [1, 'a'])]", self.on_track.id),
        )
        self.env.invalidate_all()
        with mute_logger("odoo.sql_db"):
            goals = self._goals(self.user_reader)
        rows = {row["label"]: row for row in goals["rows"]}
        self.assertIsNone(rows["Meta al día"]["value"])
        self.assertIsNone(rows["Meta al día"]["records"])
        self.assertEqual(rows["Meta atrasada"]["value"], 3)
        running = [row["label"] for row in goals["rows"] if not row["ended"]]
        self.assertEqual(running[-1], "Meta al día")

    def _count_queries(self, board):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        board.get_board_data()
        return self.env.cr.sql_log_count - start

    @freeze_time("2026-07-02 18:00")
    def test_one_query_per_goal(self):
        """Each goal costs the one query that counts it (which sorting by
        progress needs); the rest of the block costs the same with 6 or 26
        goals."""
        board = self.env["ms.dashboard"].with_user(self.user_reader)
        today = fields.Date.context_today(board)
        counts = []
        for more in (0, 20):
            self.env["ms.goal"].with_user(self.user_coordinator).create(
                [
                    {
                        "name": f"Meta de más {more} {i}",
                        "model_name": "ms.movement",
                        "domain": "[('name', 'ilike', 'Tablero Meta')]",
                        "target": 10,
                        "date_start": today - relativedelta(months=1),
                        "deadline": today + relativedelta(months=1),
                    }
                    for i in range(more)
                ]
            )
            self._count_queries(board)
            counts.append(self._count_queries(board))
        # the board's 31 (one of them the goals' search), the savepoint the
        # counts share and its release, the responsibles' names (users, their
        # contacts), and one count per goal: 6 goals, then 26
        self.assertEqual(counts, [31 + 4 + 6, 31 + 4 + 26])
