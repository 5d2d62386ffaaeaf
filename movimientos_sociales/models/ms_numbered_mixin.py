from odoo import api, fields, models


class MsNumberedMixin(models.AbstractModel):
    """Documents numbered from an ir.sequence on creation (ACU/2026/0001...)."""

    _name = "ms.numbered.mixin"
    _description = "Social Movements Numbered Document"
    _ms_sequence_code = None

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    self._ms_sequence_code
                )
        return super().create(vals_list)
