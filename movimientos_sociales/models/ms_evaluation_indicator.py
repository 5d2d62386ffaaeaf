from odoo import api, fields, models

from .ms_tools import constraint_error


class MsEvaluationIndicator(models.Model):
    """A criterion on which the commission evaluates how an organization works."""

    _name = "ms.evaluation.indicator"
    _description = "Evaluation Indicator"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    weight = fields.Float(default=1.0, required=True, digits=(4, 2))
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _weight_positive = models.Constraint(
        "CHECK(weight > 0)", "The weight of an indicator must be positive."
    )

    @api.constrains("weight")
    def _check_weight_positive(self):
        if any(indicator.weight <= 0 for indicator in self):
            raise constraint_error(self, "weight_positive")
