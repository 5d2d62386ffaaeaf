from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ms_sector_ids = fields.Many2many(
        "ms.sector",
        "ms_sector_res_partner_rel",
        "partner_id",
        "sector_id",
        string="Sectors",
        help="Social sectors this contact belongs to or works with.",
    )
