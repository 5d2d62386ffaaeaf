from odoo import api, fields, models

from .ms_tools import check_unique


class MsStrategy(models.Model):
    """The three strategies of the work plan: autogestión, cogestión, gestión social.

    A model rather than a selection so that organizations, actions, experiences and
    demands can all point to the same records."""

    _name = "ms.strategy"
    _description = "Strategy"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "The code of a strategy must be unique."
    )

    @api.constrains("code")
    def _check_code_uniq(self):
        check_unique(self, ["code"], "code_uniq")
