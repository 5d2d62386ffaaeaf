from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MsCase

SEEDED_WEIGHTS = {
    "ms_indicator_internal_democracy": 2.0,
    "ms_indicator_participation": 1.5,
    "ms_indicator_autonomy": 1.5,
    "ms_indicator_agreements": 1.0,
    "ms_indicator_transparency": 1.5,
    "ms_indicator_mobilization": 1.0,
}


@tagged("post_install", "-at_install", "ms_evaluation")
class TestMsMovementEvaluation(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement("Unión Campesina")
        cls.indicators = {
            xmlid: cls.env.ref(f"movimientos_sociales.{xmlid}")
            for xmlid in SEEDED_WEIGHTS
        }
        cls.operator_env = cls.env(user=cls.user_operator)
        cls.coordinator_env = cls.env(user=cls.user_coordinator)

    def _line(self, evaluation, xmlid):
        return evaluation.line_ids.filtered(
            lambda line: line.indicator_id == self.indicators[xmlid]
        )

    # Lines and score ---------------------------------------------------------

    def test_default_lines(self):
        """A new evaluation has one line per active indicator, with the
        indicator's weight; archived indicators are left out."""
        active_indicators = self.env["ms.evaluation.indicator"].search([])
        self.assertLessEqual(
            set(self.indicators.values()), set(active_indicators), "seeded indicators"
        )
        evaluation = self._create_evaluation(self.movement, env=self.operator_env)
        self.assertEqual(evaluation.line_ids.indicator_id, active_indicators)
        self.assertEqual(len(evaluation.line_ids), len(active_indicators))
        for line in evaluation.line_ids:
            self.assertEqual(line.weight, line.indicator_id.weight)
            self.assertEqual(line.score, 0)
        for xmlid, weight in SEEDED_WEIGHTS.items():
            self.assertEqual(self._line(evaluation, xmlid).weight, weight, xmlid)
        self.assertEqual(evaluation.evaluator_id, self.user_operator)
        self.assertEqual(evaluation.state, "draft")

        self.indicators["ms_indicator_mobilization"].active = False
        evaluation = self._create_evaluation(self.movement)
        self.assertEqual(
            evaluation.line_ids.indicator_id,
            active_indicators - self.indicators["ms_indicator_mobilization"],
        )

    def test_score_bounds(self):
        """All indicators at 5 score 100; all at 0 score 0."""
        evaluation = self._create_evaluation(self.movement, score=5)
        self.assertEqual(evaluation.score, 100.0)
        evaluation.line_ids.score = 0
        self.assertEqual(evaluation.score, 0.0)
        empty = self._create_evaluation(self.movement, line_ids=[])
        self.assertFalse(empty.line_ids)
        self.assertEqual(empty.score, 0.0)

    def test_score_weighted(self):
        """The score is 100 * sum(score * weight) / (5 * sum(weight))."""
        scores = {
            "ms_indicator_internal_democracy": 5,  # 2.0 * 5 = 10
            "ms_indicator_participation": 5,  # 1.5 * 5 = 7.5
            "ms_indicator_autonomy": 3,  # 1.5 * 3 = 4.5
            "ms_indicator_agreements": 2,  # 1.0 * 2 = 2
            "ms_indicator_transparency": 1,  # 1.5 * 1 = 1.5
            "ms_indicator_mobilization": 0,  # 1.0 * 0 = 0
        }
        # 100 * 25.5 / (5 * 8.5) = 60.0
        evaluation = self._create_evaluation(
            self.movement,
            env=self.operator_env,
            line_ids=[
                Command.create(
                    {"indicator_id": self.indicators[xmlid].id, "score": score}
                )
                for xmlid, score in scores.items()
            ],
        )
        self.assertEqual(len(evaluation.line_ids), 6)
        self.assertEqual(evaluation.score, 60.0)

        # weights set on the lines themselves: 100 * (3*4 + 1*1) / (5 * 4) = 65.0
        evaluation = self._create_evaluation(
            self.movement,
            line_ids=[
                Command.create(
                    {
                        "indicator_id": self.indicators["ms_indicator_autonomy"].id,
                        "weight": 3.0,
                        "score": 4,
                    }
                ),
                Command.create(
                    {
                        "indicator_id": self.indicators["ms_indicator_agreements"].id,
                        "weight": 1.0,
                        "score": 1,
                    }
                ),
            ],
        )
        self.assertEqual(evaluation.score, 65.0)
        self._line(evaluation, "ms_indicator_agreements").score = 5
        # 100 * (12 + 5) / 20 = 85.0
        self.assertEqual(evaluation.score, 85.0)
        evaluation.flush_recordset()
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.score, 85.0)

    def test_score_range(self):
        """A score below 0 or above 5 is refused, saying the scale."""
        evaluation = self._create_evaluation(self.movement, score=3)
        line = evaluation.line_ids[0]
        for bad in (-1, 6):
            with self.subTest(score=bad):
                with self.assertRaisesRegex(ValidationError, "from 0 .* to 5"):
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        line.score = bad
                        line.flush_recordset()
        self.env.invalidate_all()
        self.assertEqual(line.score, 3)
        with self.assertRaisesRegex(ValidationError, "from 0 .* to 5"):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._create_evaluation(
                    self.movement,
                    line_ids=[
                        Command.create(
                            {
                                "indicator_id": self.indicators[
                                    "ms_indicator_autonomy"
                                ].id,
                                "score": 7,
                            }
                        )
                    ],
                )

    def test_form_refuses_score_as_typed(self):
        """In the form, a score out of 0-5 is refused as it is typed: a warning
        says the scale, the line keeps its previous score and the evaluation's
        score never passes 100 %."""
        evaluation = self._create_evaluation(
            self.movement, score=3, env=self.operator_env
        )
        self.assertIn("0-5", evaluation.line_ids._fields["score"].string)
        with Form(evaluation) as form:
            for bad in (8, -2):
                with self.subTest(score=bad):
                    with self.assertLogs("odoo.tests.form.onchange", "WARNING") as log:
                        with form.line_ids.edit(0) as line:
                            line.score = bad
                            self.assertEqual(line.score, 3)
                    self.assertIn("0 (absent) to 5 (excellent)", log.output[0])
                    self.assertIn(str(bad), log.output[0])
            self.assertAlmostEqual(form.score, 60.0)
            with form.line_ids.edit(0) as line:
                line.score = 5
        self.assertEqual(evaluation.line_ids[0].score, 5)

    def test_score_never_over_100(self):
        """Whatever a line holds before it is refused, the evaluation's score
        stays within 0-100."""
        lines = [
            Command.create(
                {"indicator_id": indicator.id, "weight": 1.0, "score": score}
            )
            for indicator, score in zip(
                self.indicators.values(), (8, 5, -3), strict=False
            )
        ]
        evaluation = self.env["ms.movement.evaluation"].new(
            {"movement_id": self.movement.id, "line_ids": lines}
        )
        self.assertAlmostEqual(evaluation.score, 100 * (5 + 5 + 0) / 15, places=1)

    def test_indicator_once_per_evaluation(self):
        """The database refuses scoring the same indicator twice."""
        evaluation = self._create_evaluation(self.movement)
        democracy = self.indicators["ms_indicator_internal_democracy"]
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.env["ms.movement.evaluation.line"].create(
                    {"evaluation_id": evaluation.id, "indicator_id": democracy.id}
                )
        # another evaluation scores it again
        other = self._create_evaluation(self.movement)
        self.assertIn(democracy, other.line_ids.indicator_id)

    # Validation ---------------------------------------------------------------

    def test_validate_by_coordinator_only(self):
        """Only a coordinator validates; an operator gets an access error."""
        evaluation = self._create_evaluation(
            self.movement, score=4, env=self.operator_env
        )
        with self.assertRaises(AccessError):
            evaluation.action_validate()
        self.assertEqual(evaluation.state, "draft")
        evaluation.with_env(self.coordinator_env).action_validate()
        self.assertEqual(evaluation.state, "validated")
        with self.assertRaises(UserError):
            evaluation.with_env(self.coordinator_env).action_validate()
        with self.assertRaises(AccessError):
            evaluation.action_reset_draft()
        self.assertEqual(evaluation.state, "validated")

    def test_validate_needs_lines(self):
        """An evaluation without lines cannot be validated."""
        evaluation = self._create_evaluation(self.movement, line_ids=[])
        with self.assertRaises(UserError):
            evaluation.with_env(self.coordinator_env).action_validate()
        self.assertEqual(evaluation.state, "draft")

    def test_validated_is_locked(self):
        """A validated evaluation and its lines can't be changed until a
        coordinator resets it to draft."""
        evaluation = self._create_evaluation(
            self.movement, score=4, env=self.coordinator_env
        )
        evaluation.findings = "<p>Regular assemblies.</p>"
        evaluation.action_validate()
        line = evaluation.line_ids[0]
        locked = [
            lambda: evaluation.write({"findings": "<p>Rewritten</p>"}),
            lambda: evaluation.write({"date": date(2020, 1, 1)}),
            lambda: evaluation.write(
                {"line_ids": [Command.update(line.id, {"score": 1})]}
            ),
            lambda: line.write({"score": 1}),
            lambda: line.write({"weight": 10.0}),
            lambda: line.unlink(),
            lambda: self.env["ms.movement.evaluation.line"]
            .with_env(self.coordinator_env)
            .create(
                {
                    "evaluation_id": evaluation.id,
                    "indicator_id": self.env["ms.evaluation.indicator"]
                    .create({"name": "New Indicator"})
                    .id,
                }
            ),
        ]
        for index, change in enumerate(locked):
            with self.subTest(change=index):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    change()
        self.env.invalidate_all()
        self.assertEqual(evaluation.score, 80.0)
        self.assertEqual(line.score, 4)
        self.assertEqual(evaluation.state, "validated")
        # the chatter stays usable
        evaluation.message_post(body="Shared with the organization.")

        evaluation.action_reset_draft()
        self.assertEqual(evaluation.state, "draft")
        line.score = 1
        evaluation.findings = "<p>Rewritten</p>"
        self.assertLess(evaluation.score, 80.0)

    def test_past_weights_are_kept(self):
        """Changing an indicator's weight affects new evaluations only."""
        democracy = self.indicators["ms_indicator_internal_democracy"]
        evaluation = self._create_evaluation(self.movement)
        self._line(evaluation, "ms_indicator_internal_democracy").score = 5
        score = evaluation.score
        evaluation.with_env(self.coordinator_env).action_validate()

        democracy.with_user(self.user_manager).weight = 4.0
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            self._line(evaluation, "ms_indicator_internal_democracy").weight, 2.0
        )
        self.assertEqual(evaluation.score, score)
        new = self._create_evaluation(self.movement)
        self.assertEqual(self._line(new, "ms_indicator_internal_democracy").weight, 4.0)

    def test_movement_last_score_follows(self):
        """The organization shows the score of its last validated evaluation."""
        evaluation = self._create_evaluation(
            self.movement, score=3, date=date(2025, 5, 1)
        )
        self.assertEqual(self.movement.last_score, 0.0)
        evaluation.with_env(self.coordinator_env).action_validate()
        self.assertEqual(self.movement.last_score, 60.0)
        self.assertEqual(self.movement.last_evaluation_date, date(2025, 5, 1))
        evaluation.with_env(self.coordinator_env).action_reset_draft()
        evaluation.line_ids.score = 5
        evaluation.with_env(self.coordinator_env).action_validate()
        self.assertEqual(self.movement.last_score, 100.0)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.movement.last_score, 100.0)
        self.assertEqual(self.movement.score_trend, False)

    def test_name(self):
        """The name shows organization and date, and follows a renaming of the
        organization even once validated."""
        evaluation = self._create_evaluation(self.movement, date=date(2025, 5, 1))
        self.assertEqual(evaluation.name, "Unión Campesina, 2025-05-01")
        evaluation.action_validate()
        self.movement.name = "Unión Campesina Emiliano Zapata"
        self.env.flush_all()
        self.assertEqual(evaluation.name, "Unión Campesina Emiliano Zapata, 2025-05-01")

    # Access rights --------------------------------------------------------------

    def test_access(self):
        """Readers read evaluations; operators create and edit them without
        deleting; coordinators delete; other employees see nothing."""
        evaluation = self._create_evaluation(self.movement, score=2)
        as_reader = evaluation.with_user(self.user_reader)
        self.assertEqual(as_reader.score, 40.0)
        self.assertEqual(len(as_reader.line_ids), len(evaluation.line_ids))
        with self.assertRaises(AccessError):
            self._create_evaluation(self.movement, env=self.env(user=self.user_reader))
        with self.assertRaises(AccessError):
            as_reader.write({"findings": "<p>x</p>"})
        with self.assertRaises(AccessError):
            as_reader.line_ids[0].write({"score": 5})

        as_operator = evaluation.with_env(self.operator_env)
        as_operator.line_ids[0].score = 5
        as_operator.recommendations = "<p>Hold more assemblies.</p>"
        with self.assertRaises(AccessError):
            as_operator.unlink()

        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_employee).read(["score"])

        evaluation.with_env(self.coordinator_env).unlink()
        self.assertFalse(evaluation.exists())
