from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MsCadreReport(models.Model):
    """A periodic report of a cadre on their insertion."""

    _name = "ms.cadre.report"
    _description = "Cadre Insertion Report"
    _inherit = ["ms.read.audit.mixin", "ms.scope.mixin"]
    _order = "date desc, id desc"
    _rec_name = "date"

    insertion_id = fields.Many2one(
        "ms.cadre.insertion",
        required=True,
        index=True,
        ondelete="cascade",
    )
    cadre_id = fields.Many2one(related="insertion_id.cadre_id", store=True)
    movement_id = fields.Many2one(related="insertion_id.movement_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    summary = fields.Text(required=True)
    achievements = fields.Text()
    difficulties = fields.Text()
    next_steps = fields.Text()

    @api.constrains("date", "insertion_id")
    def _check_insertion(self):
        for report in self:
            insertion = report.insertion_id
            if insertion.state not in ("active", "done"):
                raise ValidationError(
                    self.env._("Reports are filed on active or concluded insertions.")
                )
            if report.date < insertion.start_date:
                raise ValidationError(
                    self.env._("A report cannot be dated before its insertion starts.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        # A filed report closes the "report overdue" to-do of its insertion.
        reports.insertion_id.activity_feedback(
            ["movimientos_sociales.mail_activity_type_cadre_report"],
            feedback=self.env._("Report filed."),
        )
        return reports
