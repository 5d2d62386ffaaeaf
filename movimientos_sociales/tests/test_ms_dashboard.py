from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError
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

    def _board(self, user):
        return self.env["ms.dashboard"].with_user(user).get_board_data()

    @staticmethod
    def _block(board, title):
        return next(b for b in board["blocks"] if b["title"] == title)

    def test_figures_open_what_they_count(self):
        """Each figure's domain finds exactly the records it counts."""
        board = self._board(self.user_reader)
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
                    .with_user(self.user_reader)
                    .search_count(figure["domain"]),
                    figure["value"],
                )

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
        """The board costs 28 queries, the same with 4 or 40 more
        organizations: grouped queries, no per-record work."""
        board = self.env["ms.dashboard"].with_user(self.user_reader)
        self._count_queries(board)  # warm-up
        before = self._count_queries(board)
        self.env["ms.movement"].create(
            [{"name": f"Más {i}", "state_id": self.state_chis.id} for i in range(36)]
        )
        self._count_queries(board)  # creating contacts clears the rule cache
        self.assertEqual(self._count_queries(board), before)
        # the contract: 9 KPIs and 8 blocks on grouped queries (two groupings
        # serve both a block and KPIs), the upcoming meetings and the trend
        self.assertEqual(before, 28)

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
