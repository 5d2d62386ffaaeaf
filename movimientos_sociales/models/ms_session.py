from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .ms_calendar_mixin import CALENDAR_SYNC_FIELDS
from .ms_tools import related_action, set_counts


class MsSession(models.Model):
    """A deliberative meeting of the commission, with quorum, minutes and
    agreements."""

    _name = "ms.session"
    _description = "Commission Session"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.calendar.mixin",
        "ms.workflow.mixin",
        "ms.scope.mixin",
    ]
    _order = "date_start desc, id desc"
    _ms_reason_actions = ("action_cancel",)

    def _default_member_ids(self):
        return self.env.company.ms_commission_member_ids.partner_id

    name = fields.Char(required=True, tracking=True)
    session_type = fields.Selection(
        [("ordinary", "Ordinary"), ("extraordinary", "Extraordinary")],
        string="Type",
        required=True,
        default="ordinary",
        tracking=True,
    )
    member_ids = fields.Many2many(
        "res.partner",
        "ms_session_member_rel",
        "session_id",
        "partner_id",
        string="Convened",
        default=lambda self: self._default_member_ids(),
        help="People convened to the session; they receive the calendar invitation.",
    )
    attendee_ids = fields.Many2many(
        "res.partner",
        "ms_session_attendee_rel",
        "session_id",
        "partner_id",
        string="Present",
    )
    commission_member_count = fields.Integer(compute="_compute_quorum")
    present_member_count = fields.Integer(compute="_compute_quorum")
    has_quorum = fields.Boolean(
        compute="_compute_quorum",
        string="Quorum",
        help="More than half of the commission's members are present.",
    )
    agenda = fields.Html()
    minutes = fields.Html()
    agreement_ids = fields.One2many("ms.agreement", "session_id", string="Agreements")
    agreement_count = fields.Integer(compute="_compute_agreement_count")
    state = fields.Selection(
        [
            ("convened", "Convened"),
            ("held", "Held"),
            ("approved", "Minutes Approved"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="convened",
        required=True,
        tracking=True,
        copy=False,
    )

    _ms_calendar_sync_fields = CALENDAR_SYNC_FIELDS | {"member_ids"}

    @api.depends("attendee_ids")
    @api.depends_context("company")
    def _compute_quorum(self):
        members = self.env.company.ms_commission_member_ids.partner_id
        for session in self:
            present = len(session.attendee_ids & members)
            session.commission_member_count = len(members)
            session.present_member_count = present
            session.has_quorum = bool(members) and present * 2 > len(members)

    def _compute_agreement_count(self):
        set_counts(self, "agreement_count", "ms.agreement", "session_id")

    def _ms_calendar_partners(self):
        return self.member_ids

    def action_mark_held(self):
        return self._ms_move(("convened",), "held", self.env._("Marking as held"))

    def action_approve_minutes(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator", self.env._("approve minutes")
        )
        self._ms_check_state(("held",), self.env._("Approving the minutes"))
        missing = self.filtered(lambda session: is_html_empty(session.minutes))
        if missing:
            raise UserError(
                self.env._(
                    "Write the minutes of “%s” before approving them.", missing[0].name
                )
            )
        return self._ms_decide({"state": "approved"})

    def action_cancel(self, reason=None):
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            ("convened",), "cancelled", self.env._("Cancelling"), state_reason=reason
        )

    def action_view_agreements(self):
        return related_action(
            self, "movimientos_sociales.ms_agreement_action", "session_id"
        )
