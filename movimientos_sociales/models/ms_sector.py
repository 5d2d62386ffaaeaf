from odoo import api, fields, models

from .ms_tools import check_unique, set_counts


class MsSector(models.Model):
    _name = "ms.sector"
    _description = "Social Sector"
    _inherit = ["ms.mailing.mixin"]
    _parent_store = True
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    # Not stored: a stored path would be written in one language (the
    # install's, English) and read so in every other.
    complete_name = fields.Char(
        compute="_compute_complete_name", search="_search_complete_name"
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

    @api.constrains("code")
    def _check_code_uniq(self):
        check_unique(self, ["code"], "code_uniq")

    @api.depends_context("lang")
    @api.depends("name", "parent_id")
    def _compute_complete_name(self):
        # "Youth / Rural Youth", from the names in the reader's language
        for sector in self:
            names, current = [], sector
            while current:
                names.append(current.name or "")
                current = current.parent_id
            sector.complete_name = " / ".join(reversed(names))

    def _search_complete_name(self, operator, value):
        # the sector's own name, or its parent's (its path then matches)
        if operator in ("ilike", "=ilike", "like", "=like", "="):
            return ["|", ("name", operator, value), ("parent_id.name", operator, value)]
        return [("name", operator, value)]

    @api.depends_context("lang")
    @api.depends("complete_name")
    def _compute_display_name(self):
        for sector in self:
            sector.display_name = sector.complete_name

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
