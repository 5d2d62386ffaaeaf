from odoo import fields, models


class MsTopic(models.Model):
    """A topic or tag (land, water, labour rights...), shared by international
    relations, experiences and proposals."""

    _name = "ms.topic"
    _description = "Topic"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
