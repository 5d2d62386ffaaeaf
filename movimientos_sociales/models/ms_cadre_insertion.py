from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ms_tools import (
    for_reader,
    in_writer_lang,
    related_action,
    set_counts,
    short_date,
    without_open_activity,
)

REPORT_MONTHS = {"monthly": 1, "bimonthly": 2, "quarterly": 3}
LIVE_STATES = ("proposed", "approved", "active")


class MsCadreInsertion(models.Model):
    """A party cadre inserted into a social movement, with a mission and
    periodic reports."""

    _name = "ms.cadre.insertion"
    _description = "Cadre Insertion"
    _inherit = [
        "ms.read.audit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "ms.workflow.mixin",
        "ms.scope.mixin",
    ]
    _order = "start_date desc, id desc"
    _ms_reason_actions = ("action_conclude", "action_cancel")

    name = fields.Char(compute="_compute_name", store=True)
    cadre_id = fields.Many2one(
        "ms.cadre",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    movement_id = fields.Many2one(
        "ms.movement",
        string="Organization",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    role = fields.Char(string="Role in the Organization", tracking=True)
    mission = fields.Html(string="Mission and Objectives")
    start_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    end_date = fields.Date(tracking=True)
    coordinator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        index=True,
    )
    risk_level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        default="low",
        required=True,
        tracking=True,
    )
    report_frequency = fields.Selection(
        [
            ("monthly", "Monthly"),
            ("bimonthly", "Every Two Months"),
            ("quarterly", "Quarterly"),
        ],
        default="monthly",
        required=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("approved", "Approved"),
            ("active", "Current"),
            ("done", "Concluded"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="proposed",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    report_ids = fields.One2many("ms.cadre.report", "insertion_id", string="Reports")
    report_count = fields.Integer(compute="_compute_report_count")
    last_report_date = fields.Date(compute="_compute_report_dates", store=True)
    next_report_date = fields.Date(
        compute="_compute_report_dates",
        store=True,
        index=True,
        help="When the next report is due, for active insertions.",
    )
    report_overdue = fields.Boolean(
        compute="_compute_report_overdue", search="_search_report_overdue"
    )

    @api.depends("cadre_id.name", "cadre_id.partner_id.ms_blocked", "movement_id.name")
    def _compute_name(self):
        for insertion in self:
            cadre = insertion.cadre_id.sudo()
            insertion.name = (
                f"{cadre.display_name or ''} → {insertion.movement_id.name or ''}"
            )

    def _compute_report_count(self):
        set_counts(self, "report_count", "ms.cadre.report", "insertion_id")

    @api.depends("state", "start_date", "report_frequency", "report_ids.date")
    def _compute_report_dates(self):
        for insertion in self:
            last = max(insertion.report_ids.mapped("date"), default=False)
            insertion.last_report_date = last
            if insertion.state == "active" and insertion.start_date:
                months = REPORT_MONTHS[insertion.report_frequency]
                since = last or insertion.start_date
                insertion.next_report_date = since + relativedelta(months=months)
            else:
                insertion.next_report_date = False

    @api.depends_context("date")
    @api.depends("next_report_date")
    def _compute_report_overdue(self):
        today = fields.Date.context_today(self)
        for insertion in self:
            insertion.report_overdue = bool(
                insertion.next_report_date and insertion.next_report_date < today
            )

    def _search_report_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        return [("next_report_date", "<", fields.Date.context_today(self))]

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for insertion in self:
            if insertion.end_date and insertion.end_date < insertion.start_date:
                raise ValidationError(
                    self.env._(
                        "The insertion “%s” cannot end before it starts.",
                        insertion.display_name,
                    )
                )

    @api.constrains("cadre_id", "movement_id", "start_date", "end_date", "state")
    def _check_overlap(self):
        for insertion in self.filtered(lambda i: i.state in LIVE_STATES):
            domain = [
                ("id", "!=", insertion.id),
                ("cadre_id", "=", insertion.cadre_id.id),
                ("movement_id", "=", insertion.movement_id.id),
                ("state", "in", LIVE_STATES),
                "|",
                ("end_date", "=", False),
                ("end_date", ">=", insertion.start_date),
            ]
            if insertion.end_date:
                domain.append(("start_date", "<=", insertion.end_date))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(cadre)s already has an insertion in %(movement)s for "
                        "these dates.",
                        cadre=insertion.cadre_id.name,
                        movement=insertion.movement_id.name,
                    )
                )

    # Lifecycle: proposed -> approved (Coordinator) -> active -> done | cancelled

    def action_approve(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("approve an insertion"),
        )
        return self._ms_move(("proposed",), "approved", self.env._("Approving"))

    def action_activate(self):
        return self._ms_move(("approved",), "active", self.env._("Starting"))

    def action_conclude(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_check_state(("active",), self.env._("Concluding"))
        self.end_date = fields.Date.context_today(self)
        return self._ms_decide({"state": "done", "state_reason": reason})

    def action_cancel(self, reason=None):
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            LIVE_STATES, "cancelled", self.env._("Cancelling"), state_reason=reason
        )

    def action_view_reports(self):
        return related_action(
            self, "movimientos_sociales.ms_cadre_report_action", "insertion_id"
        )

    @api.model
    def _cron_report_overdue(self):
        """Give the coordinator of each insertion whose report is overdue one
        to-do activity; an open one is never duplicated."""
        activity_type = self.env.ref(
            "movimientos_sociales.mail_activity_type_cadre_report"
        )
        overdue = self.search([("state", "=", "active"), ("report_overdue", "=", True)])
        for insertion in without_open_activity(overdue, activity_type):
            insertion.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=insertion.next_report_date,
                user_id=(insertion.coordinator_id or insertion.create_uid).id,
                summary=insertion._ms_overdue_summary(),
            )

    def _ms_overdue_summary(self):
        """The reminder, in the language of who receives it."""
        env = for_reader(self, self.coordinator_id or self.create_uid).env
        return env._("Report overdue since %s", short_date(env, self.next_report_date))

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Cadre insertion proposed")
