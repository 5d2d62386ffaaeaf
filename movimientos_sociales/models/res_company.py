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
    ms_require_consent = fields.Boolean(
        string="Require Consent for Mass Communications",
        help="Mailings of the addon reach only people with a valid consent for "
        "mass communications.",
    )
    ms_arco_days = fields.Integer(
        string="ARCO Response Days",
        default=20,
        help="Business days to answer an ARCO request (20 in the LFPDPPP).",
    )
    ms_retention_days = fields.Integer(
        string="Retention Days before Anonymization",
        default=180,
        help="Days a cancelled (blocked) record is kept before it is anonymized.",
    )
    ms_coordinator_id = fields.Many2one(
        "res.users",
        string="Commission Coordinator",
        help="Receives the follow-up of overdue agreements.",
    )
    # Response deadline of citizen demands, per level of government. The right of
    # petition (Constitution, art. 8) asks for a "breve término" without a number.
    ms_demand_days_municipal = fields.Integer(
        string="Days for Municipal Authorities", default=30
    )
    ms_demand_days_state = fields.Integer(
        string="Days for State Authorities", default=30
    )
    ms_demand_days_federal = fields.Integer(
        string="Days for Federal Authorities", default=30
    )
