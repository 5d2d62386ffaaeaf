from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ms_commission_member_ids = fields.Many2many(
        related="company_id.ms_commission_member_ids", readonly=False
    )
    ms_quorum_rule = fields.Selection(
        related="company_id.ms_quorum_rule", readonly=False
    )
    ms_quorum_fixed = fields.Integer(
        related="company_id.ms_quorum_fixed", readonly=False
    )
    ms_require_consent = fields.Boolean(
        related="company_id.ms_require_consent", readonly=False
    )
    ms_arco_days = fields.Integer(related="company_id.ms_arco_days", readonly=False)
    ms_retention_days = fields.Integer(
        related="company_id.ms_retention_days", readonly=False
    )
    ms_coordinator_id = fields.Many2one(
        related="company_id.ms_coordinator_id", readonly=False
    )
    ms_demand_days_municipal = fields.Integer(
        related="company_id.ms_demand_days_municipal", readonly=False
    )
    ms_demand_days_state = fields.Integer(
        related="company_id.ms_demand_days_state", readonly=False
    )
    ms_demand_days_federal = fields.Integer(
        related="company_id.ms_demand_days_federal", readonly=False
    )
