from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ms_tools import check_unique

SCORE_MIN, SCORE_MAX = 0, 5


class MsMovementEvaluationLine(models.Model):
    _name = "ms.movement.evaluation.line"
    _description = "Organization Evaluation Line"
    _inherit = ["ms.scope.mixin"]
    _order = "sequence, id"

    evaluation_id = fields.Many2one(
        "ms.movement.evaluation", required=True, index=True, ondelete="cascade"
    )
    indicator_id = fields.Many2one("ms.evaluation.indicator", required=True)
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    weight = fields.Float(
        compute="_compute_weight",
        store=True,
        readonly=False,
        digits=(4, 2),
        help="Copied from the indicator, so that later changes to the indicator "
        "don't rewrite past evaluations.",
    )
    score = fields.Integer(
        string="Score (0-5)", help="From 0 (absent) to 5 (excellent)."
    )
    comment = fields.Char()

    _score_range = models.Constraint(
        "CHECK(score >= 0 AND score <= 5)", "A score goes from 0 to 5."
    )
    _indicator_uniq = models.Constraint(
        "UNIQUE(evaluation_id, indicator_id)",
        "Each indicator is scored once per evaluation.",
    )

    # _check_score refuses a score out of range; under this name it also runs
    # before the INSERT (see ms_tools)
    @api.constrains("score", "indicator_id")
    def _check_score_range(self):
        self._check_score()

    @api.constrains("evaluation_id", "indicator_id")
    def _check_indicator_uniq(self):
        check_unique(self, ["evaluation_id", "indicator_id"], "indicator_uniq")

    @api.depends("indicator_id")
    def _compute_weight(self):
        for line in self:
            line.weight = line.indicator_id.weight

    def _check_score(self):
        # refuse a score out of 0-5, saying which indicator and the scale
        for line in self:
            if not SCORE_MIN <= line.score <= SCORE_MAX:
                raise ValidationError(line._ms_score_error())

    @api.onchange("score")
    def _onchange_score(self):
        # refused as typed: the form would show a score over 100 % until saved
        if not SCORE_MIN <= self.score <= SCORE_MAX:
            message = self._ms_score_error()
            self.score = self._origin.score
            return {
                "warning": {
                    "title": self.env._("Score out of range"),
                    "message": message,
                }
            }

    def _ms_score_error(self):
        if not self.indicator_id:
            return self.env._(
                "A score goes from 0 (absent) to 5 (excellent), not %s.", self.score
            )
        return self.env._(
            "“%(indicator)s” is scored from 0 (absent) to 5 (excellent), not "
            "%(score)s.",
            indicator=self.indicator_id.name,
            score=self.score,
        )

    def _check_draft(self):
        if "validated" in self.evaluation_id.mapped("state"):
            raise UserError(
                self.env._(
                    "A validated evaluation can't be changed: reset it to draft."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_draft()
        return lines

    def write(self, vals):
        self._check_draft()
        return super().write(vals)

    def unlink(self):
        self._check_draft()
        return super().unlink()
