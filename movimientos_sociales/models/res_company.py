import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    ms_quorum_rule = fields.Selection(
        [
            ("half_plus_one", "Half of the members plus one"),
            ("two_thirds", "Two thirds of the members"),
            ("fixed", "A fixed number of members"),
        ],
        string="Quorum Rule",
        required=True,
        default="half_plus_one",
        help="Members who must be present for a session to deliberate.",
    )
    ms_quorum_fixed = fields.Integer(
        string="Quorum (members)",
        default=0,
        help="Members required when the quorum is a fixed number.",
    )
    # On in new databases (sensitive personal data: safe by default); a
    # database where the column exists keeps its value on update.
    ms_require_consent = fields.Boolean(
        string="Require Consent for Mass Communications",
        default=True,
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

    @api.constrains("ms_quorum_rule", "ms_quorum_fixed")
    def _check_ms_quorum(self):
        for company in self:
            if company.ms_quorum_rule == "fixed" and company.ms_quorum_fixed < 1:
                raise ValidationError(
                    self.env._("A fixed quorum is at least one member.")
                )

    def _ms_quorum_required(self, members):
        """Members who must be present, out of `members` convened."""
        self.ensure_one()
        if self.ms_quorum_rule == "two_thirds":
            return math.ceil(2 * members / 3)
        if self.ms_quorum_rule == "fixed":
            return self.ms_quorum_fixed
        return members // 2 + 1
