from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ms_commission_member_ids = fields.Many2many(
        "res.users",
        "ms_company_commission_member_rel",
        "company_id",
        "user_id",
        string="Commission Members",
        help="Members of the Comisión de Movimientos Sociales: they are convened "
        "to its sessions and count for the quorum.",
    )
    ms_coordinator_id = fields.Many2one(
        "res.users",
        string="Commission Coordinator",
        help="Receives the follow-up of overdue agreements.",
    )
