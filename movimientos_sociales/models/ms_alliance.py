from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ms_tools import in_writer_lang, related_action, set_counts


class MsAlliance(models.Model):
    """An alliance between sectors and organizations, towards popular power."""

    _name = "ms.alliance"
    _description = "Alliance"
    _inherit = ["mail.thread", "mail.activity.mixin", "ms.workflow.mixin"]
    _order = "state_order, date_start desc, id desc"
    _ms_reason_actions = ("action_suspend", "action_dissolve")

    name = fields.Char(required=True, tracking=True)
    alliance_type = fields.Selection(
        [
            ("sectoral", "Sectoral"),
            ("intersectoral", "Intersectoral"),
            ("popular_bloc", "Popular Bloc"),
            ("conjunctural", "Conjunctural / by Cause"),
            ("international", "International"),
        ],
        string="Type",
        required=True,
        default="intersectoral",
        tracking=True,
    )
    objectives = fields.Html()
    platform = fields.Html(string="Agreed Platform")
    coordinator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="State (federal entity)",
        domain="[('country_id.code', '=', 'MX')]",
        tracking=True,
        help="Mexican state of the alliance; empty for national ones.",
    )
    date_start = fields.Date(
        string="Start Date", default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [
            ("exploration", "Exploration"),
            ("negotiation", "Negotiation"),
            ("in_force", "In Force"),
            ("suspended", "Suspended"),
            ("dissolved", "Dissolved"),
        ],
        string="Status",
        default="exploration",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    state_order = fields.Integer(compute="_compute_state_order", store=True)
    color = fields.Integer()
    member_ids = fields.One2many(
        "ms.alliance.member", "alliance_id", string="Members", copy=False
    )
    active_member_count = fields.Integer(
        string="Active Members",
        compute="_compute_members",
        store=True,
        aggregator="sum",
    )
    sector_ids = fields.Many2many(
        "ms.sector",
        "ms_alliance_sector_rel",
        "alliance_id",
        "sector_id",
        string="Sectors Covered",
        compute="_compute_members",
        store=True,
        help="Sectors of the active member organizations.",
    )
    agreement_ids = fields.One2many(
        "ms.agreement", "alliance_id", string="Agreements", copy=False
    )
    agreement_count = fields.Integer(compute="_compute_agreement_count")

    @api.depends("state")
    def _compute_state_order(self):
        order = {
            key: index
            for index, (key, _label) in enumerate(self._fields["state"].selection)
        }
        for alliance in self:
            alliance.state_order = order.get(alliance.state, 0)

    @api.depends("member_ids.status", "member_ids.movement_id.ms_sector_ids")
    def _compute_members(self):
        for alliance in self:
            active = alliance.member_ids.filtered(lambda m: m.status == "active")
            alliance.active_member_count = len(active)
            alliance.sector_ids = active.movement_id.ms_sector_ids

    def _compute_agreement_count(self):
        set_counts(self, "agreement_count", "ms.agreement", "alliance_id")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for alliance in self:
            if (
                alliance.date_end
                and alliance.date_start
                and alliance.date_end < alliance.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The alliance “%s” cannot end before it starts.", alliance.name
                    )
                )

    # Lifecycle: exploration -> negotiation -> in force -> suspended | dissolved

    def action_negotiate(self):
        return self._ms_move(("exploration",), "negotiation", self.env._("Negotiating"))

    def action_in_force(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("put an alliance in force"),
        )
        return self._ms_move(
            ("negotiation", "suspended"),
            "in_force",
            self.env._("Putting in force"),
            state_reason=False,
        )

    def action_suspend(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("suspend an alliance"),
        )
        return self._ms_move(
            ("in_force",), "suspended", self.env._("Suspending"), state_reason=reason
        )

    def action_dissolve(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("dissolve an alliance"),
        )
        self._ms_move(
            ("exploration", "negotiation", "in_force", "suspended"),
            "dissolved",
            self.env._("Dissolving"),
            state_reason=reason,
        )
        today = fields.Date.context_today(self)
        for alliance in self.filtered(lambda a: not a.date_end):
            # An alliance dissolved before its planned start ends on its start.
            alliance.date_end = max(today, alliance.date_start or today)
        return True

    def action_view_agreements(self):
        return related_action(
            self, "movimientos_sociales.ms_agreement_action", "alliance_id"
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Alliance created")
