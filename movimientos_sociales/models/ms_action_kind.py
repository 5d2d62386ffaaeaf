from odoo import fields, models


class MsActionKind(models.Model):
    _name = "ms.action.kind"
    _description = "Kind of Action"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
