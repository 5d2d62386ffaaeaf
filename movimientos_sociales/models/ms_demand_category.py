from odoo import fields, models


class MsDemandCategory(models.Model):
    _name = "ms.demand.category"
    _description = "Category of Need"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
