from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .ms_tools import in_writer_lang

# Fields that stay editable on a validated evaluation (chatter, activities, state).
_EDITABLE_WHEN_VALIDATED = {
    "state",
    "state_reason",
    "activity_ids",
    "message_main_attachment_id",
}


class MsMovementEvaluation(models.Model):
    """Oversight of how an organization functions: one scored line per indicator,
    a weighted score out of 100, findings and recommendations."""

    _name = "ms.movement.evaluation"
    _description = "Organization Evaluation"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.workflow.mixin",
        "ms.scope.mixin",
    ]
    _order = "date desc, id desc"

    def _default_line_ids(self):
        return [
            Command.create({"indicator_id": indicator.id, "weight": indicator.weight})
            for indicator in self.env["ms.evaluation.indicator"].search([])
        ]

    name = fields.Char(compute="_compute_name", store=True)
    movement_id = fields.Many2one(
        "ms.movement",
        string="Organization",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    evaluator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    line_ids = fields.One2many(
        "ms.movement.evaluation.line",
        "evaluation_id",
        string="Indicators",
        default=lambda self: self._default_line_ids(),
        copy=True,
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        tracking=True,
        help="Weighted score out of 100: each indicator's 0-5 score times its weight.",
    )
    findings = fields.Html()
    recommendations = fields.Html()
    state = fields.Selection(
        [("draft", "Draft"), ("validated", "Validated")],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("movement_id.name", "date")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = self.env._(
                "%(movement)s, %(date)s",
                movement=evaluation.movement_id.name or "",
                date=evaluation.date or "",
            )

    @api.depends("line_ids.score", "line_ids.weight")
    def _compute_score(self):
        for evaluation in self:
            total_weight = sum(evaluation.line_ids.mapped("weight"))
            # a score typed out of range (refused on saving) can't make it pass 100
            weighted = sum(
                min(max(line.score, 0), 5) * line.weight for line in evaluation.line_ids
            )
            evaluation.score = (
                100 * weighted / (5 * total_weight) if total_weight else 0
            )

    def write(self, vals):
        if set(vals) - _EDITABLE_WHEN_VALIDATED and "validated" in self.mapped("state"):
            raise UserError(
                self.env._(
                    "A validated evaluation can't be changed: reset it to draft."
                )
            )
        return super().write(vals)

    def action_validate(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("validate an evaluation"),
        )
        self._ms_check_state(("draft",), self.env._("Validating"))
        if not self.line_ids:
            raise UserError(
                self.env._("Score at least one indicator before validating.")
            )
        return self._ms_decide({"state": "validated"})

    def action_reset_draft(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("reset an evaluation to draft"),
        )
        return self._ms_move(("validated",), "draft", self.env._("Resetting to draft"))

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Evaluation created")
