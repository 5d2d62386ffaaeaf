from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_goal")
class TestMsGoal(MsCase):
    """Goals: a count of the commission's records against a target by a
    deadline; live progress in the reader's scope, a daily count as the
    responsible, one to-do when it falls behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name, state in (
            ("Meta Uno Oaxaca", cls.state_oax),
            ("Meta Dos Oaxaca", cls.state_oax),
            ("Meta Tres Chiapas", cls.state_chis),
        ):
            cls._create_movement(name, state_id=state.id)

    def _create_goal(self, env=None, **vals):
        env = env or self.env(user=self.user_coordinator)
        return env["ms.goal"].create(
            {
                "name": "Organizaciones de la meta",
                "model_name": "ms.movement",
                "domain": "[('name', 'ilike', 'Meta ')]",
                "target": 10,
                "date_start": date(2026, 1, 1),
                "deadline": date(2026, 12, 31),
                **vals,
            }
        )

    @freeze_time("2026-07-02")
    def test_progress_in_the_readers_scope(self):
        reader = self._create_scoped_user(
            "ms_reader_goal_oax",
            "movimientos_sociales.group_ms_reader",
            "Lía Lectora Oaxaca",
            states=self.state_oax,
        )
        goal = self._create_goal(user_id=reader.id)
        self.assertRecordValues(
            goal,
            [{"current_value": 3, "progress": 30.0, "expected_value": 5}],
        )
        self.assertEqual(goal.with_user(reader).current_value, 2)
        action = goal.action_view_records()
        self.assertEqual(self.env["ms.movement"].search_count(action["domain"]), 3)

    def test_set_by_the_coordinator(self):
        with self.assertRaises(AccessError):
            self._create_goal(env=self.env(user=self.user_operator))
        self.assertTrue(self._create_goal())

    def test_bad_goals_refused_in_words(self):
        for vals, message in (
            ({"domain": "[('nowhere', '=', 1)]"}, "not valid"),
            ({"domain": "[('create_date', '>', context_today())]"}, "plain values"),
            ({"domain": "__import__('os')"}, "plain values"),
            ({"model_name": "res.users"}, "not one of its possible values"),
            ({"target": 0}, "greater than zero"),
            ({"deadline": date(2025, 12, 31)}, "after its start"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._create_goal(**vals)

    def test_daily_count_as_the_responsible(self):
        """The daily job counts as the responsible (a Coordinador of Chiapas
        counts one), keeps one figure a day, flags the goal behind schedule
        and gives the responsible one to-do, never twice; it sends no mail."""
        responsible = self._create_scoped_user(
            "ms_coordinator_goal_chis",
            "movimientos_sociales.group_ms_coordinator",
            "Ciro Coordinador Chiapas",
            states=self.state_chis,
        )
        goal = self._create_goal(user_id=responsible.id)
        mails = self.env["mail.mail"].search_count([])
        Goal = self.env["ms.goal"]
        with freeze_time("2026-07-02"):
            Goal._cron_snapshot()
            Goal._cron_snapshot()
        with freeze_time("2026-07-03"):
            Goal._cron_snapshot()
        self.assertEqual(
            [(s.date, s.value, s.expected) for s in goal.snapshot_ids],
            [(date(2026, 7, 2), 1, 5), (date(2026, 7, 3), 1, 5)],
        )
        self.assertTrue(goal.is_behind)
        activities = goal.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, responsible)
        self.assertEqual(
            activities.summary, "Behind schedule: 1 of 5 expected by 02/07/2026"
        )
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        # caught up: no longer behind, no new to-do
        goal.target = 2
        with freeze_time("2026-07-04"):
            Goal._cron_snapshot()
        self.assertFalse(goal.is_behind)
        self.assertEqual(len(goal.activity_ids), 1)

    @users("ms_reader")
    def test_reader_reads_goals_and_history(self):
        goal = self._create_goal(env=self.env(user=self.user_coordinator))
        self.assertEqual(self.env["ms.goal"].browse(goal.id).name, goal.name)
        with self.assertRaises(AccessError):
            self.env["ms.goal"].browse(goal.id).write({"target": 3})

    def test_scope_of_the_count(self):
        """A Coordinador of Oaxaca can't have the daily count run in a wider
        scope (a national responsible) nor filter on what they can't read; a
        responsible outside the commission is refused; a scoped reader sees
        only their own goals and history."""
        coordinator = self._create_scoped_user(
            "ms_coordinator_goal_oax",
            "movimientos_sociales.group_ms_coordinator",
            "Carla Coordinadora Oaxaca",
            states=self.state_oax,
        )
        env = self.env(user=coordinator)
        for goal_env, vals, message in (
            (env, {"user_id": self.user_manager.id}, "wider than yours"),
            (None, {"user_id": self.user_employee.id}, "member of the commission"),
            (
                env,
                {"domain": "[('leader_ids.ms_cadre_ids', '!=', False)]"},
                "not valid",
            ),
            (env, {"domain": "[('id', 'in', [1, 'a'])]"}, "not valid"),
        ):
            # (assertRaises rolls the refused goal back)
            with self.subTest(vals=vals), mute_logger("odoo.sql_db"):
                with self.assertRaises(ValidationError) as refused:
                    self._create_goal(env=goal_env, **vals)
                self.assertIn(message, str(refused.exception))
        own = self._create_goal(env=env)
        national = self._create_goal()
        with freeze_time("2026-07-02"):
            self.env["ms.goal"]._cron_snapshot()
        self.assertEqual(own.snapshot_ids.value, 2, "counted in Oaxaca")
        Goal = self.env["ms.goal"].with_user(coordinator)
        self.assertEqual(Goal.search([("id", "in", (own | national).ids)]), own)
        Snapshot = self.env["ms.goal.snapshot"].with_user(coordinator)
        self.assertEqual(Snapshot.search([]).goal_id, own.with_user(coordinator))

    def test_no_mail_to_an_email_notified_responsible(self):
        responsible = self._create_user(
            "ms_coordinator_goal_mail",
            "movimientos_sociales.group_ms_coordinator",
            "Mario Coordinador Correo",
            notification_type="email",
        )
        mails = self.env["mail.mail"].search_count([])
        goal = self._create_goal(user_id=responsible.id, target=500)
        goal.user_id = self.user_coordinator
        goal.user_id = responsible
        with freeze_time("2026-07-02"):
            self.env["ms.goal"]._cron_snapshot()
        self.assertEqual(len(goal.activity_ids), 1)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
