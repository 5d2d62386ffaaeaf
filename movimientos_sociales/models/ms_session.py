from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from odoo.addons.base.models.res_partner import _tz_get

from .ms_calendar_mixin import CALENDAR_SYNC_FIELDS
from .ms_tools import in_writer_lang, related_action, set_counts
from .ms_workflow_mixin import ms_in_transition

# Computed from the attendance, never written
QUORUM_FIELDS = frozenset(
    {"commission_member_count", "present_member_count", "quorum_required", "has_quorum"}
)
# What approved minutes record: refused in write until they are reopened
FINAL_FIELDS = QUORUM_FIELDS | frozenset(
    {
        "name",
        "session_type",
        "member_ids",
        "attendee_ids",
        "agenda",
        "minutes",
        "date_start",
        "date_end",
        "date_tz",
        "location",
        "municipality_id",
        "videocall_location",
        "agreement_ids",
    }
)


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
    _ms_reason_actions = ("action_cancel", "action_reopen_minutes")

    def _default_member_ids(self):
        return self.env.company.ms_commission_member_ids.partner_id

    name = fields.Char(required=True, tracking=True)
    municipality_id = fields.Many2one(
        "res.city",
        domain="[('country_id.code', '=', 'MX')]",
        index="btree_not_null",
        tracking=True,
        help="Municipality where the session is held, if in person.",
    )
    state_id = fields.Many2one(
        related="municipality_id.state_id",
        store=True,
        string="State (federal entity)",
    )
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
        help="Members convened to the session (by default, the commission's "
        "members): the quorum counts them, and they see the session in their "
        "calendar. Guests are recorded as present only.",
    )
    attendee_ids = fields.Many2many(
        "res.partner",
        "ms_session_attendee_rel",
        "session_id",
        "partner_id",
        string="Present",
    )
    # Stored: the quorum of approved minutes doesn't change when the commission
    # or its quorum rule change later.
    commission_member_count = fields.Integer(
        string="Members Convened", compute="_compute_quorum", store=True
    )
    present_member_count = fields.Integer(
        string="Members Present", compute="_compute_quorum", store=True
    )
    quorum_required = fields.Integer(
        compute="_compute_quorum",
        store=True,
        help="Members who must be present, by the commission's quorum rule "
        "(Settings; by default half of the members plus one).",
    )
    has_quorum = fields.Boolean(
        compute="_compute_quorum",
        store=True,
        string="Quorum",
        help="Enough of the members convened are present to deliberate.",
    )
    date_tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        default="America/Mexico_City",
        help="The acta states the session's time in it.",
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

    @api.depends("member_ids", "attendee_ids")
    def _compute_quorum(self):
        company = self.env.company
        for session in self:
            members = len(session.member_ids)
            present = len(session.attendee_ids & session.member_ids)
            required = company._ms_quorum_required(members) if members else 0
            session.commission_member_count = members
            session.present_member_count = present
            session.quorum_required = required
            session.has_quorum = bool(members) and present >= required

    def write(self, vals):
        if QUORUM_FIELDS & vals.keys() and not self.env.su:
            raise UserError(
                self.env._("The quorum is computed from who was convened and present.")
            )
        self._ms_check_minutes_open(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._ms_check_minutes_open({"minutes": True})

    def _ms_check_minutes_open(self, vals):
        """Approved minutes are final: what the acta records (who was convened
        and present, when, where, agenda, minutes) changes only after a
        Coordinador reopens them with a reason."""
        final = FINAL_FIELDS & vals.keys()
        if not final or self.env.su or ms_in_transition():
            return
        approved = self.filtered(lambda session: session.state == "approved")
        if approved:
            raise UserError(
                self.env._(
                    "The minutes of “%s” are approved and final: a Coordinador "
                    "reopens them, giving the reason, before anything they record "
                    "changes.",
                    approved[0].name,
                )
            )

    def _ms_quorum_text(self):
        """The quorum as the acta states it."""
        self.ensure_one()
        return self.env._(
            "%(verdict)s: %(present)s of %(members)s members present, "
            "%(required)s required.",
            verdict=self.env._("There is quorum")
            if self.has_quorum
            else self.env._("There is no quorum"),
            present=self.present_member_count,
            members=self.commission_member_count,
            required=self.quorum_required,
        )

    def _compute_agreement_count(self):
        set_counts(self, "agreement_count", "ms.agreement", "session_id")

    def _ms_calendar_partners(self):
        return self.member_ids

    def action_mark_held(self):
        now = fields.Datetime.now()
        future = self.filtered(lambda session: session.date_start > now)
        if future:
            raise UserError(
                self.env._(
                    "“%s” has not started yet: it is marked as held once it "
                    "has taken place.",
                    future[0].name,
                )
            )
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
        without = self.filtered(lambda session: not session.has_quorum)
        if without:
            session = without[0]
            raise UserError(
                self.env._(
                    "“%(session)s” had no quorum (%(present)s of %(members)s "
                    "members present, %(required)s required): its minutes can't "
                    "be approved.",
                    session=session.name,
                    present=session.present_member_count,
                    members=session.commission_member_count,
                    required=session.quorum_required,
                )
            )
        return self._ms_decide({"state": "approved", "state_reason": False})

    def action_reopen_minutes(self, reason=None):
        """Reopen approved minutes to correct them: a Coordinador, with the
        reason, kept in the record and its chatter."""
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("reopen approved minutes"),
        )
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            ("approved",),
            "held",
            self.env._("Reopening the minutes"),
            state_reason=reason,
        )

    def action_cancel(self, reason=None):
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            ("convened",), "cancelled", self.env._("Cancelling"), state_reason=reason
        )

    def action_view_agreements(self):
        return related_action(
            self, "movimientos_sociales.ms_agreement_action", "session_id"
        )

    def _ms_tz(self):
        return self.date_tz or super()._ms_tz()

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Session convened")
