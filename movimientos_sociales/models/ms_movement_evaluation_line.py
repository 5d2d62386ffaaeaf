from odoo import api, fields, models
from odoo.exceptions import UserError


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
    score = fields.Integer(help="From 0 (absent) to 5 (excellent).")
    comment = fields.Char()

    _score_range = models.Constraint(
        "CHECK(score >= 0 AND score <= 5)", "A score goes from 0 to 5."
    )
    _indicator_uniq = models.Constraint(
        "UNIQUE(evaluation_id, indicator_id)",
        "Each indicator is scored once per evaluation.",
    )

    @api.depends("indicator_id")
    def _compute_weight(self):
        for line in self:
            line.weight = line.indicator_id.weight

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
