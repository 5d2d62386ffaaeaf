from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .ms_tools import (
    constraint_error,
    for_reader,
    in_writer_lang,
    movements_of,
    short_date,
    without_open_activity,
)

OPEN_STATES = ("received", "filed", "in_process")
# Filed with the authority, which has not decided yet
WAITING_STATES = ("filed", "in_process")
LEVEL_DAYS_FIELD = {
    "municipal": "ms_demand_days_municipal",
    "state": "ms_demand_days_state",
    "federal": "ms_demand_days_federal",
}


class MsDemand(models.Model):
    """A citizen demand taken to a public authority (gestión social), followed
    until the authority answers."""

    _name = "ms.demand"
    _description = "Citizen Demand"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.workflow.mixin",
        "ms.numbered.mixin",
        "ms.scope.mixin",
        "ms.scope.choice.mixin",
        "ms.municipality.mixin",
    ]
    _order = "filing_date desc, id desc"
    _ms_sequence_code = "ms.demand"
    _ms_reason_actions = ("action_reject", "action_withdraw")
    _rec_names_search = ["name", "subject"]
    _ms_scope_paths = ("state_id", "sector_id", "municipality_id")

    name = fields.Char(string="Folio")
    # Required in the form only: demands registered before it had a subject
    subject = fields.Char(
        tracking=True,
        help="What is asked, in one line; shown with the folio wherever the "
        "demand is named.",
    )
    # Who and where (the territory and sector follow the organization)
    requester_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True
    )
    movement_id = fields.Many2one(
        "ms.movement",
        string="Organization",
        compute="_compute_movement_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    sector_id = fields.Many2one(
        "ms.sector",
        compute="_compute_sector_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="State (federal entity)",
        domain="[('country_id.code', '=', 'MX')]",
        compute="_compute_territory",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    municipality_id = fields.Many2one(
        "res.city",
        domain="[('state_id', '=?', state_id), ('country_id.code', '=', 'MX')]",
        compute="_compute_territory",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
    )
    municipality_text = fields.Char(
        string="Municipality (to Resolve)",
        help="A municipality typed before the catalog that matched none of it: "
        "choose the municipality and clear this text.",
    )
    # The need
    category_id = fields.Many2one(
        "ms.demand.category", string="Category of Need", required=True, tracking=True
    )
    description = fields.Html(required=True)
    beneficiaries = fields.Integer(aggregator="sum")
    strategy_id = fields.Many2one(
        "ms.strategy",
        default=lambda self: self.env.ref(
            "movimientos_sociales.ms_strategy_social_management",
            raise_if_not_found=False,
        ),
    )
    # The authority
    authority_id = fields.Many2one(
        "res.partner",
        string="Public Authority",
        domain="[('ms_is_authority', '=', True)]",
        index="btree_not_null",
        tracking=True,
    )
    government_level = fields.Selection(
        [("municipal", "Municipal"), ("state", "State-level"), ("federal", "Federal")],
        string="Level of Government",
        required=True,
        default="municipal",
        tracking=True,
    )
    filing_date = fields.Date(
        tracking=True,
        copy=False,
        help="Date the demand was filed with the authority; set when it is filed.",
    )
    deadline = fields.Date(
        string="Response Deadline",
        compute="_compute_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="Filing date plus the days set for the level of government in the "
        "settings (30 by default). It can be changed by hand.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    # Outcome
    state = fields.Selection(
        [
            ("received", "Received"),
            ("filed", "Filed with Authority"),
            ("in_process", "In Process"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
            ("withdrawn", "Withdrawn"),
        ],
        string="Status",
        default="received",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    response = fields.Html(string="Authority's Response")
    response_date = fields.Date(tracking=True)
    resolution_days = fields.Integer(
        compute="_compute_resolution_days",
        store=True,
        aggregator="avg",
        help="Days from filing to the authority's response; averages count only "
        "the answered demands (Days Elapsed counts the others too).",
    )
    # The response time of every demand filed, answered or not: an authority
    # that never answers would otherwise vanish from the averages.
    elapsed_days = fields.Integer(
        string="Days Elapsed",
        compute="_compute_elapsed_days",
        store=True,
        aggregator="avg",
        help="Days from filing to the authority's response or, while it has not "
        "answered, to today (refreshed daily).",
    )
    awaiting_response = fields.Integer(
        compute="_compute_elapsed_days",
        store=True,
        aggregator="sum",
        help="1 for a demand filed and not answered yet: summed, how many are "
        "waiting for the authority.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        help="Open with its response deadline passed. Refreshed daily.",
    )
    proposal_ids = fields.One2many("ms.proposal", "demand_id", string="Proposals")

    _beneficiaries_positive = models.Constraint(
        "CHECK(beneficiaries >= 0)", "The number of beneficiaries cannot be negative."
    )
    _response_after_filing = models.Constraint(
        "CHECK(response_date IS NULL OR filing_date IS NULL "
        "OR response_date >= filing_date)",
        "The authority cannot answer before the demand was filed.",
    )

    @api.constrains("subject")
    def _check_subject(self):
        if any(len(demand.subject or "") > 200 for demand in self):
            raise ValidationError(
                self.env._("A subject is one line: 200 characters at most.")
            )

    @api.constrains("beneficiaries")
    def _check_beneficiaries_positive(self):
        if any(demand.beneficiaries < 0 for demand in self):
            raise constraint_error(self, "beneficiaries_positive")

    @api.constrains("filing_date", "response_date")
    def _check_response_after_filing(self):
        for demand in self:
            if demand.filing_date and demand.response_date:
                if demand.response_date < demand.filing_date:
                    raise constraint_error(self, "response_after_filing")

    @api.depends("name", "subject")
    def _compute_display_name(self):
        # "GES/2026/00001 — Agua potable para la colonia"
        for demand in self:
            folio = demand.name if demand.name != "/" else False
            demand.display_name = " — ".join(filter(None, (folio, demand.subject)))

    @api.depends("requester_id")
    def _compute_movement_id(self):
        by_partner = movements_of(self.requester_id)
        for demand in self:
            demand.movement_id = by_partner.get(
                demand.requester_id.commercial_partner_id
            )

    @api.depends("movement_id")
    def _compute_sector_id(self):
        # the organization's sector when it has just one; a chosen one is kept
        for demand in self:
            sectors = demand.movement_id.ms_sector_ids
            demand.sector_id = demand.sector_id or (
                sectors if len(sectors) == 1 else False
            )

    @api.depends("movement_id")
    def _compute_territory(self):
        # the organization's state and municipality; those typed are kept when
        # it has no state (never a municipality of another state)
        for demand in self:
            place = demand.movement_id if demand.movement_id.state_id else demand
            demand.state_id = place.state_id
            demand.municipality_id = place.municipality_id

    @api.depends("filing_date", "government_level")
    @api.depends_context("company")
    def _compute_deadline(self):
        company = self.env.company
        for demand in self:
            if not demand.filing_date:
                demand.deadline = False
                continue
            level = LEVEL_DAYS_FIELD.get(demand.government_level)
            days = (level and company[level]) or 30
            demand.deadline = demand.filing_date + timedelta(days=days)

    @api.depends("filing_date", "response_date")
    def _compute_resolution_days(self):
        for demand in self:
            if demand.filing_date and demand.response_date:
                demand.resolution_days = (
                    demand.response_date - demand.filing_date
                ).days
            else:
                demand.resolution_days = 0

    @api.depends("filing_date", "response_date", "state")
    def _compute_elapsed_days(self):
        today = fields.Date.context_today(self)
        for demand in self:
            waiting = demand.state in WAITING_STATES and not demand.response_date
            end = demand.response_date or (today if waiting else None)
            demand.elapsed_days = (
                (end - demand.filing_date).days if demand.filing_date and end else 0
            )
            demand.awaiting_response = int(bool(waiting and demand.filing_date))

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for demand in self:
            demand.is_overdue = bool(
                demand.state in OPEN_STATES
                and demand.deadline
                and demand.deadline < today
            )

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        # The average resolution time counts answered demands only (an
        # unanswered one has no resolution time yet, not 0 days).
        if aggregate_spec == "resolution_days:avg":
            return SQL(
                "AVG(CASE WHEN %s IS NOT NULL AND %s IS NOT NULL THEN %s END)",
                self._field_to_sql(self._table, "filing_date", query),
                self._field_to_sql(self._table, "response_date", query),
                self._field_to_sql(self._table, "resolution_days", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    # received -> filed -> in process -> resolved | rejected | withdrawn

    def action_file(self):
        self._ms_check_state(("received",), self.env._("Filing with the authority"))
        for demand in self:
            if not demand.authority_id:
                raise UserError(
                    self.env._("Choose the authority “%s” is filed with.", demand.name)
                )
        today = fields.Date.context_today(self)
        self.filtered(lambda d: not d.filing_date).filing_date = today
        return self._ms_decide({"state": "filed"})

    def action_in_process(self):
        return self._ms_move(
            ("filed",), "in_process", self.env._("Marking as in process")
        )

    def action_resolve(self):
        self._ms_check_state(("filed", "in_process"), self.env._("Resolving"))
        self._ms_close("resolved")
        return True

    def action_reject(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_check_state(("filed", "in_process"), self.env._("Marking as rejected"))
        self._ms_close("rejected", reason)
        return True

    def action_withdraw(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_check_state(OPEN_STATES, self.env._("Withdrawing"))
        self._ms_close("withdrawn", reason)
        return True

    def _ms_close(self, state, reason=False):
        today = fields.Date.context_today(self)
        self.filtered(lambda d: not d.response_date).response_date = today
        self._ms_decide({"state": state, "state_reason": reason})
        self.activity_unlink(["movimientos_sociales.mail_activity_type_demand_overdue"])

    @api.model
    def _cron_mark_overdue(self):
        """Flag demands whose response deadline passed and give the responsible
        user one activity for each (never twice); count one more day elapsed
        for the demands waiting for an answer."""
        today = fields.Date.context_today(self)
        waiting = self.search([("awaiting_response", "=", 1)])
        self.env.add_to_compute(self._fields["elapsed_days"], waiting)
        waiting.flush_recordset(["elapsed_days"])
        self.search(
            [
                ("state", "in", OPEN_STATES),
                ("deadline", "<", today),
                ("is_overdue", "=", False),
            ]
        ).is_overdue = True
        activity_type = self.env.ref(
            "movimientos_sociales.mail_activity_type_demand_overdue"
        )
        overdue = self.search([("is_overdue", "=", True), ("state", "in", OPEN_STATES)])
        for demand in without_open_activity(overdue, activity_type):
            demand.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today,
                user_id=(demand.user_id or demand.create_uid).id,
                summary=demand._ms_overdue_summary(),
            )

    def _ms_overdue_summary(self):
        """The reminder, in the language of who receives it."""
        env = for_reader(self, self.user_id or self.create_uid).env
        return env._(
            "%(authority)s has not answered since %(deadline)s",
            authority=self.authority_id.name or "",
            deadline=short_date(env, self.deadline),
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Citizen demand registered")
