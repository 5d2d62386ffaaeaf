from odoo import fields, models


class MsMovementKind(models.Model):
    _name = "ms.movement.kind"
    _description = "Kind of Organization"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
