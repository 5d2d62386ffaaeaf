from odoo import api, fields, models

from .ms_tools import set_counts


class MsSector(models.Model):
    _name = "ms.sector"
    _description = "Social Sector"
    _inherit = ["ms.mailing.mixin"]
    _parent_store = True
    _order = "sequence, complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    code = fields.Char(
        required=True, help="Short unique code, used in reports and imports."
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    # Hierarchy
    parent_id = fields.Many2one("ms.sector", string="Parent Sector", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ms.sector", "parent_id", string="Sub-sectors")

    coordinator_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Commission member who coordinates the work with this sector.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "ms_sector_res_partner_rel",
        "sector_id",
        "partner_id",
        string="Contacts",
    )
    partner_count = fields.Integer(
        compute="_compute_partner_count", string="Contact Count"
    )

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "The code of a sector must be unique."
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for sector in self:
            if sector.parent_id:
                sector.complete_name = (
                    f"{sector.parent_id.complete_name} / {sector.name}"
                )
            else:
                sector.complete_name = sector.name

    @api.depends_context("lang")
    @api.depends("name", "parent_id")
    def _compute_display_name(self):
        # From the translated names (complete_name is stored in one language).
        for sector in self:
            names, current = [], sector
            while current:
                names.append(current.name or "")
                current = current.parent_id
            sector.display_name = " / ".join(reversed(names))

    def _compute_partner_count(self):
        set_counts(self, "partner_count", "res.partner", "ms_sector_ids")

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "contacts.action_contacts"
        )
        action.update(
            {
                "name": self.env._("Contacts of %s", self.display_name),
                "domain": [("ms_sector_ids", "in", self.ids)],
                "context": {"default_ms_sector_ids": [self.id]},
            }
        )
        return action

    def _ms_mailing_partner_domain(self):
        return [("ms_sector_ids", "child_of", self.ids)]

    def _ms_mailing_values(self):
        return {
            "subject": self.env._("To the %s sector", ", ".join(self.mapped("name")))
        }
