from odoo import api, fields, models

from .ms_tools import check_unique


class MsAssessmentLevel(models.Model):
    """A step of the assessment scale applied to organizations and people:
    seeded 1 (committed ally) to 5 (opposed); the Administrador may rename,
    recolour, add or archive levels. `value` orders and charts them."""

    _name = "ms.assessment.level"
    _description = "Assessment Level"
    _order = "sequence, value, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    value = fields.Integer(
        required=True,
        help="Position on the scale (1: committed ally ... 5: opposed), charted "
        "by the history of assessments.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _value_uniq = models.Constraint(
        "UNIQUE(value)", "Another level of the scale already has this value."
    )

    @api.constrains("value")
    def _check_value_uniq(self):
        check_unique(self, ["value"], "value_uniq")
