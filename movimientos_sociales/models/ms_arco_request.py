import base64
from datetime import timedelta
from functools import cache

import holidays

from odoo import api, fields, models
from odoo.exceptions import UserError

from .ms_tools import in_writer_lang
from .ms_workflow_mixin import ms_transition

OPEN_STATES = ("received", "in_progress", "blocked")


@cache
def mexican_holidays(year):
    """The mandatory rest days of Ley Federal del Trabajo art. 74 in `year`
    (PyPI `holidays`): 1 January, first Monday of February, third Monday of
    March, 1 May, 16 September, 1 October every six years from 2024 (transfer
    of the federal executive), third Monday of November, 25 December."""
    return frozenset(holidays.Mexico(years=year))


def add_business_days(start, days):
    """`start` plus `days` business days: Monday to Friday, but Mexico's
    official holidays."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in mexican_holidays(current.year):
            left -= 1
    return current


class MsArcoRequest(models.Model):
    """A request of a person to Access, Rectify, Cancel or Oppose the processing
    of their personal data (derechos ARCO), answered within the legal term."""

    _name = "ms.arco.request"
    _description = "ARCO Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.workflow.mixin",
        "ms.numbered.mixin",
        "ms.scope.mixin",
    ]
    _order = "date_received desc, id desc"
    _ms_sequence_code = "ms.arco.request"
    _ms_reason_actions = ("action_reject",)
    # The answer, the block and the access file are decisions of the ARCO
    # officer: they are written by the buttons only (ms.workflow.mixin).
    _ms_decision_fields = (
        "state",
        "state_reason",
        "response_date",
        "date_blocked",
        "date_anonymize",
        "access_file",
        "access_filename",
        "deadline",
    )
    # Whose data, which right and since when: fixed once the request is
    # registered (the legal deadline follows from them).
    _ms_frozen_fields = ("partner_id", "request_type", "date_received")

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        tracking=True,
        context={"active_test": False},
    )
    request_type = fields.Selection(
        [
            ("access", "Access"),
            ("rectification", "Rectification"),
            ("cancellation", "Cancellation"),
            ("opposition", "Opposition"),
        ],
        string="Right",
        required=True,
        tracking=True,
    )
    date_received = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    deadline = fields.Date(
        string="Legal Deadline",
        compute="_compute_deadline",
        store=True,
        help="Date received plus the business days set in the settings (20): "
        "weekends and Mexico's official holidays don't count.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    details = fields.Html(string="Request")
    response = fields.Html()
    response_date = fields.Date(tracking=True, readonly=True, copy=False)
    date_blocked = fields.Date(string="Blocked On", readonly=True, copy=False)
    date_anonymize = fields.Date(
        string="Anonymize On",
        compute="_compute_date_anonymize",
        store=True,
        help="End of the retention period of a blocked record.",
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("in_progress", "In Progress"),
            ("blocked", "Blocked"),
            ("done", "Answered"),
            ("rejected", "Rejected"),
        ],
        string="Status",
        default="received",
        required=True,
        tracking=True,
        copy=False,
    )
    access_file = fields.Binary(attachment=True, copy=False, readonly=True)
    access_filename = fields.Char(copy=False, readonly=True)

    @api.depends("date_received")
    @api.depends_context("company")
    def _compute_deadline(self):
        days = self.env.company.ms_arco_days or 20
        for request in self:
            request.deadline = add_business_days(request.date_received, days)

    @api.depends("date_blocked")
    @api.depends_context("company")
    def _compute_date_anonymize(self):
        days = self.env.company.ms_retention_days
        for request in self:
            request.date_anonymize = request.date_blocked and (
                request.date_blocked + timedelta(days=days)
            )

    def _check_arco_officer(self, action_label):
        self._ms_check_group("movimientos_sociales.group_ms_coordinator", action_label)

    def action_start(self):
        self._check_arco_officer(self.env._("handle an ARCO request"))
        return self._ms_move(("received",), "in_progress", self.env._("Starting"))

    def action_answer(self):
        self._check_arco_officer(self.env._("answer an ARCO request"))
        self._ms_check_state(("received", "in_progress"), self.env._("Answering"))
        if "cancellation" in self.mapped("request_type"):
            raise UserError(
                self.env._("A cancellation is answered by blocking, then anonymizing.")
            )
        return self._ms_decide(
            {"state": "done", "response_date": fields.Date.context_today(self)}
        )

    def action_reject(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._check_arco_officer(self.env._("reject an ARCO request"))
        return self._ms_move(
            ("received", "in_progress"),
            "rejected",
            self.env._("Rejecting"),
            state_reason=reason,
            response_date=fields.Date.context_today(self),
        )

    # Access: one file with everything the database holds about the person

    def action_generate_access_file(self):
        self.ensure_one()
        self._check_arco_officer(self.env._("produce an access file"))
        if self.request_type != "access":
            raise UserError(self.env._("Only an access request produces a file."))
        content, _fmt = self.env["ir.actions.report"]._render_xlsx(
            "movimientos_sociales.ms_arco_access_xlsx", self.ids, {}
        )
        return self._ms_decide(
            {
                "access_file": base64.b64encode(content),
                "access_filename": f"{self.name.replace('/', '-')}.xlsx",
            }
        )

    # Cancellation, in two steps: block now, anonymize after the retention period

    def action_block(self):
        self._check_arco_officer(self.env._("block personal data"))
        self._ms_check_state(("received", "in_progress"), self.env._("Blocking"))
        if set(self.mapped("request_type")) != {"cancellation"}:
            raise UserError(self.env._("Only a cancellation blocks the record."))
        with ms_transition():
            for request in self:
                request.partner_id.sudo()._ms_block()
        return self._ms_decide(
            {"state": "blocked", "date_blocked": fields.Date.context_today(self)}
        )

    def action_anonymize(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_manager",
            self.env._("anonymize personal data"),
        )
        self._ms_check_state(("blocked",), self.env._("Anonymizing"))
        today = fields.Date.context_today(self)
        early = self.filtered(lambda r: r.date_anonymize and r.date_anonymize > today)
        if early:
            raise UserError(
                self.env._(
                    "“%(name)s” is kept blocked until %(date)s (retention period).",
                    name=early[0].name,
                    date=early[0].date_anonymize,
                )
            )
        self._ms_anonymize()
        return True

    def _ms_anonymize(self):
        with ms_transition():
            for request in self:
                request.partner_id.sudo()._ms_anonymize()
        self._ms_decide(
            {"state": "done", "response_date": fields.Date.context_today(self)}
        )

    @api.model
    def _cron_anonymize(self):
        """Anonymize the blocked records whose retention period is over."""
        self.search(
            [
                ("state", "=", "blocked"),
                ("date_anonymize", "<=", fields.Date.context_today(self)),
            ]
        )._ms_anonymize()

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("ARCO request received")
