from odoo import api, fields, models

from .ms_calendar_mixin import CALENDAR_SYNC_FIELDS
from .ms_tools import in_writer_lang


class MsAction(models.Model):
    """An action of struggle (march, rally, sit-in, forum, brigade, assembly,
    digital campaign...), on the calendar, with its media impact."""

    _name = "ms.action"
    _description = "Action of Struggle"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.calendar.mixin",
        "ms.workflow.mixin",
        "ms.scope.mixin",
        "ms.scope.choice.mixin",
        "ms.municipality.mixin",
    ]
    _order = "date_start desc, id desc"
    _ms_reason_actions = ("action_cancel",)
    _ms_scope_paths = ("state_id", "sector_ids", "municipality_id")

    name = fields.Char(required=True, tracking=True)
    kind_id = fields.Many2one("ms.action.kind", required=True, tracking=True)
    state_id = fields.Many2one(
        "res.country.state",
        string="State (federal entity)",
        domain="[('country_id.code', '=', 'MX')]",
        tracking=True,
    )
    municipality_id = fields.Many2one(
        "res.city",
        domain="[('state_id', '=?', state_id), ('country_id.code', '=', 'MX')]",
        index="btree_not_null",
        tracking=True,
    )
    municipality_text = fields.Char(
        string="Municipality (to Resolve)",
        help="A municipality typed before the catalog that matched none of it: "
        "choose the municipality and clear this text.",
    )
    movement_ids = fields.Many2many(
        "ms.movement",
        "ms_action_movement_rel",
        "action_id",
        "movement_id",
        string="Organizations",
    )
    sector_ids = fields.Many2many(
        "ms.sector", "ms_action_sector_rel", "action_id", "sector_id", string="Sectors"
    )
    strategy_id = fields.Many2one("ms.strategy")
    participant_estimate = fields.Integer(
        string="Estimated Participants", aggregator="sum", tracking=True
    )
    proposal_id = fields.Many2one("ms.proposal", index="btree_not_null", tracking=True)
    responsible_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    results = fields.Html()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    media_impact_ids = fields.One2many("ms.media.impact", "action_id")
    media_count = fields.Integer(
        string="Appearances", compute="_compute_media", store=True, aggregator="sum"
    )
    media_reach = fields.Integer(compute="_compute_media", store=True, aggregator="sum")

    @api.depends("media_impact_ids.reach")
    def _compute_media(self):
        totals = {
            action: (count, reach)
            for action, count, reach in self.env["ms.media.impact"]._read_group(
                [("action_id", "in", self.ids)], ["action_id"], ["__count", "reach:sum"]
            )
        }
        for action in self:
            action.media_count, action.media_reach = totals.get(action, (0, 0))

    _ms_calendar_sync_fields = CALENDAR_SYNC_FIELDS | {"responsible_id"}

    def _ms_calendar_organizer(self):
        return self.responsible_id or super()._ms_calendar_organizer()

    def _ms_calendar_partners(self):
        return self.responsible_id.partner_id

    def action_done(self):
        return self._ms_move(("planned",), "done", self.env._("Marking as done"))

    def action_cancel(self, reason=None):
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            ("planned",), "cancelled", self.env._("Cancelling"), state_reason=reason
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Action of struggle created")
