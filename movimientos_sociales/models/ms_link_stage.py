from odoo import fields, models


class MsLinkStage(models.Model):
    """A step of the relationship between the party and an organization."""

    _name = "ms.link.stage"
    _description = "Link Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed in the kanban view.",
    )
    is_linked = fields.Boolean(
        string="Linked Stage",
        help="Organizations in this stage count as linked to the party.",
    )
    description = fields.Text(translate=True)
