from odoo import api, fields, models
from odoo.fields import Domain

SCOPE_FIELDS = {"ms_scope", "ms_scope_state_ids", "ms_scope_sector_ids"}


class ResUsers(models.Model):
    _inherit = "res.users"

    ms_scope = fields.Selection(
        [("national", "National"), ("restricted", "States and Sectors")],
        string="Social Movements Scope",
        default="national",
        required=True,
        help="National: the whole country. States and sectors: Lectura, Operador "
        "and Coordinador users see only the organizations, and what hangs off "
        "them, of these states or sectors. Administrador is always national.",
    )
    ms_scope_state_ids = fields.Many2many(
        "res.country.state",
        "ms_user_scope_state_rel",
        "user_id",
        "state_id",
        string="Scope States",
        domain="[('country_id.code', '=', 'MX')]",
    )
    ms_scope_sector_ids = fields.Many2many(
        "ms.sector",
        "ms_user_scope_sector_rel",
        "user_id",
        "sector_id",
        string="Scope Sectors",
    )

    @api.private
    def ms_scope_domain(self, state_path, sector_path):
        """Record-rule domain: the records whose state (at `state_path`) or
        sectors (at `sector_path`) are in the user's scope. Used by the
        addon's ir.rule records, which are cached per user."""
        self.ensure_one()
        if self.ms_scope == "national":
            return [(1, "=", 1)]
        return list(
            Domain(state_path, "in", self.ms_scope_state_ids.ids)
            | Domain(sector_path, "in", self.ms_scope_sector_ids.ids)
        )

    def write(self, vals):
        result = super().write(vals)
        if SCOPE_FIELDS & set(vals):
            # ir.rule domains are cached per user: the scope just changed.
            self.env.registry.clear_cache()
        return result
