from odoo import api, fields, models
from odoo.tools import SQL

from .ms_tools import check_unique, constraint_error


class MsAllianceMember(models.Model):
    _name = "ms.alliance.member"
    _description = "Alliance Member"
    _inherit = ["ms.scope.mixin"]
    _order = "alliance_id, role, id"
    _rec_name = "movement_id"

    alliance_id = fields.Many2one(
        "ms.alliance", required=True, index=True, ondelete="cascade"
    )
    movement_id = fields.Many2one(
        "ms.movement",
        string="Organization",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sector_ids = fields.Many2many(related="movement_id.ms_sector_ids", string="Sectors")
    state_id = fields.Many2one(related="movement_id.state_id", store=True)
    role = fields.Selection(
        [("convener", "Convener"), ("member", "Member"), ("observer", "Observer")],
        required=True,
        default="member",
    )
    date_joined = fields.Date(required=True, default=fields.Date.context_today)
    date_left = fields.Date()
    status = fields.Selection(
        [("active", "Current"), ("suspended", "Suspended"), ("left", "Left")],
        compute="_compute_status",
        store=True,
        readonly=False,
        index=True,
        help="A member with a date left has left the alliance.",
    )

    _active_member_uniq = models.UniqueIndex(
        "(alliance_id, movement_id) WHERE status = 'active'",
        "This organization is already an active member of the alliance.",
    )
    _dates_check = models.Constraint(
        "CHECK(date_left IS NULL OR date_left >= date_joined)",
        "A member cannot leave an alliance before joining it.",
    )

    # date_left: the status follows it, recomputed in the caller's language
    @api.constrains("alliance_id", "movement_id", "status", "date_left")
    def _check_active_member_uniq(self):
        check_unique(
            self.filtered(lambda member: member.status == "active"),
            ["alliance_id", "movement_id"],
            "active_member_uniq",
            where=SQL("status = 'active'"),
        )

    @api.constrains("date_joined", "date_left")
    def _check_dates_check(self):
        for member in self:
            if member.date_left and member.date_left < member.date_joined:
                raise constraint_error(self, "dates_check")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_left"):
                vals["status"] = "left"
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("date_left"):
            vals["status"] = "left"
        return super().write(vals)

    @api.depends("date_left")
    def _compute_status(self):
        for member in self:
            if member.date_left:
                member.status = "left"
            elif member.status in (False, "left"):
                member.status = "active"
