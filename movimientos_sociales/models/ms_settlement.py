from odoo import api, fields, models

from .ms_tools import check_unique


class MsSettlement(models.Model):
    """A settlement of a postal code (colonia, barrio, fraccionamiento,
    pueblo...), from SAT's c_Colonia catalog: what a Mexican address names
    after the street. Offered when a postal code is typed on a contact."""

    _name = "ms.settlement"
    _description = "Settlement (colonia)"
    _order = "name, id"

    # (no other index: settlements are only looked up by postal code, which
    # UNIQUE(zip_id, name) indexes; 144,129 rows load in half the time)
    name = fields.Char(required=True)
    zip_id = fields.Many2one(
        "res.city.zip",
        string="Postal Code",
        required=True,
        ondelete="cascade",
    )
    city_id = fields.Many2one(related="zip_id.city_id", string="Municipality")
    state_id = fields.Many2one(
        related="zip_id.city_id.state_id", string="State (federal entity)"
    )

    _zip_name_unique = models.Constraint(
        "UNIQUE(zip_id, name)",
        "This postal code already has a settlement of that name.",
    )

    @api.constrains("zip_id", "name")
    def _check_zip_name_unique(self):
        check_unique(self, ["zip_id", "name"], "zip_name_unique")
