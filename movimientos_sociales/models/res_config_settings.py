from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ms_commission_member_ids = fields.Many2many(
        related="company_id.ms_commission_member_ids", readonly=False
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
