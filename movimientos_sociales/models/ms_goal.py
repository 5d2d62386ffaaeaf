import ast
import logging
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .ms_tools import for_reader, in_writer_lang, short_date, without_open_activity

_logger = logging.getLogger(__name__)

# What a stored filter may raise when counted (a field since removed or
# reserved to others, a value of the wrong type, a query the database refuses)
COUNT_ERRORS = (ValueError, KeyError, TypeError, AccessError, psycopg2.Error)

# What a goal may count: the commission's records (a model and a domain)
GOAL_MODELS = (
    "ms.movement",
    "ms.cadre.insertion",
    "ms.demand",
    "ms.action",
    "ms.conference.participant",
    "ms.agreement",
    "ms.alliance",
    "ms.proposal",
    "ms.experience",
)


class MsGoal(models.Model):
    """A target the commission sets: how many of some of its records (a model
    and a domain, e.g. organizations of Campesinos in Oaxaca at stage
    Vinculado or further) by a deadline. Progress is counted live, as the
    reader (their scope); a daily snapshot, counted as the responsible, keeps
    its history and flags the goal when it falls behind the straight line from
    the start to the target (its responsible gets one to-do)."""

    _name = "ms.goal"
    _description = "Commission Goal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    model_name = fields.Selection(
        selection="_selection_model_name",
        string="Counts",
        required=True,
        tracking=True,
    )
    domain = fields.Char(
        string="Which Records",
        default="[]",
        required=True,
        tracking=True,
        help="The records counted, as a filter of their list.",
    )
    target = fields.Integer(required=True, tracking=True)
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today
    )
    deadline = fields.Date(required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Counts the daily snapshot in their scope and is reminded when the "
        "goal falls behind.",
    )
    current_value = fields.Integer(
        string="Reached", compute="_compute_progress", help="Counted in your scope."
    )
    progress = fields.Float(
        string="Progress (%)", compute="_compute_progress", aggregator="avg"
    )
    expected_value = fields.Integer(
        string="Expected by Today", compute="_compute_progress"
    )
    is_behind = fields.Boolean(
        string="Behind Schedule",
        readonly=True,
        copy=False,
        help="At the last daily count, fewer than the straight line from the "
        "start to the target expected.",
    )
    snapshot_ids = fields.One2many("ms.goal.snapshot", "goal_id", string="History")

    _target_positive = models.Constraint(
        "CHECK(target > 0)", "The target of a goal must be greater than zero."
    )

    @api.constrains("target")
    def _check_target_positive(self):
        for goal in self:
            if goal.target <= 0:
                raise ValidationError(
                    self.env._("The target of a goal must be greater than zero.")
                )

    @api.constrains("date_start", "deadline")
    def _check_dates(self):
        for goal in self:
            if goal.deadline and goal.date_start and goal.deadline <= goal.date_start:
                raise ValidationError(
                    self.env._(
                        "The deadline of “%s” must be after its start.", goal.name
                    )
                )

    @api.model
    def _selection_model_name(self):
        # (ir.model is Odoo's settings': its names are read as superuser)
        models_ = self.env["ir.model"].sudo().search([("model", "in", GOAL_MODELS)])
        names = {model.model: model.name for model in models_}
        return [(name, names.get(name, name)) for name in GOAL_MODELS]

    @api.constrains("model_name", "domain", "user_id")
    def _check_domain(self):
        # Odoo checks constraints as superuser: the filter is tried as the
        # user who writes it and as the responsible, under their rules and
        # field rights (a filter on what they may not read is refused)
        self._check_responsible()
        writer = self.env.user
        for goal in self:
            goal._ms_count(writer)
            goal._ms_count(goal.user_id)

    def _check_responsible(self):
        writer = self.env.user
        for goal in self:
            responsible = goal.user_id
            if not responsible.has_group("movimientos_sociales.group_ms_reader"):
                raise ValidationError(
                    self.env._(
                        "The responsible of “%s” must be a member of the commission.",
                        goal.name,
                    )
                )
            # the daily count runs in the responsible's scope: a scoped user
            # can't have it run in a wider one
            if (
                responsible != writer
                and writer.ms_scoped()
                and not writer._ms_scope_covers(responsible)
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s's scope is wider than yours: give “%(goal)s” to "
                        "yourself or to someone within your scope.",
                        user=responsible.name,
                        goal=goal.name,
                    )
                )

    def _ms_domain(self):
        """The goal's filter, as literal values only: it is stored by a user
        and evaluated by the daily job, so no expression is run."""
        self.ensure_one()
        try:
            domain = ast.literal_eval(self.domain or "[]")
        except (ValueError, SyntaxError):
            domain = None
        if not isinstance(domain, list):
            raise ValidationError(
                self.env._(
                    "The filter of “%s” must be a list of conditions with plain "
                    "values (no expressions such as today's date).",
                    self.name,
                )
            )
        return domain

    def _ms_count(self, user=None):
        """How many records the goal counts, as `user` (default: the caller),
        so under their record rules and field rights."""
        self.ensure_one()
        Model = self.env[self.model_name]
        if user:
            Model = Model.with_user(user)
        domain = self._ms_domain()
        try:
            with self.env.cr.savepoint():
                return Model.search_count(domain)
        except COUNT_ERRORS as error:
            raise ValidationError(
                self.env._(
                    "The filter of “%(goal)s” is not valid for %(model)s: %(error)s",
                    goal=self.name,
                    model=dict(
                        self._fields["model_name"]._description_selection(self.env)
                    )[self.model_name],
                    error=error if not isinstance(error, psycopg2.Error) else "",
                )
            ) from error

    def _ms_counts(self):
        """{goal: how many records it counts} as the caller, None for a goal
        whose filter is no longer valid: one query per goal, under a single
        savepoint; only when one fails, each again in its own (to tell which)."""
        if not self:
            return {}
        try:
            with self.env.cr.savepoint():
                return {
                    goal: self.env[goal.model_name].search_count(goal._ms_domain())
                    for goal in self
                }
        except (ValidationError, *COUNT_ERRORS):
            # tell which: each in its own savepoint, None when its filter fails
            counts = {}
            for goal in self:
                try:
                    counts[goal] = goal._ms_count()
                except ValidationError:
                    counts[goal] = None
            return counts

    def _ms_expected(self, day):
        """The straight line from 0 at the start to the target at the deadline."""
        self.ensure_one()
        if day <= self.date_start:
            return 0
        if day >= self.deadline:
            return self.target
        span = (self.deadline - self.date_start).days
        return round(self.target * (day - self.date_start).days / span)

    @api.depends("model_name", "domain", "target", "date_start", "deadline")
    @api.depends_context("uid")
    def _compute_progress(self):
        today = fields.Date.context_today(self)
        counts = self.filtered(lambda goal: goal.model_name and goal.target > 0)
        # a filter no longer valid counts 0: saving the goal says why
        counts = counts._ms_counts()
        for goal in self:
            value = counts.get(goal) or 0
            goal.current_value = value
            goal.progress = 100.0 * value / goal.target if goal.target > 0 else 0.0
            goal.expected_value = (
                goal._ms_expected(today) if goal.date_start and goal.deadline else 0
            )

    @api.model_create_multi
    def create(self, vals_list):
        # the responsible follows the goal without an email about it
        return super(
            MsGoal, self.with_context(mail_auto_subscribe_no_notify=True)
        ).create(vals_list)

    def write(self, vals):
        return super(
            MsGoal, self.with_context(mail_auto_subscribe_no_notify=True)
        ).write(vals)

    def _creation_message(self):
        # "Meta establecida": in the document's own words (see ms.alliance)
        return in_writer_lang(self).env._("Goal set")

    def action_view_records(self):
        """The records the goal counts."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.model_name,
            "view_mode": "list,form",
            "domain": self._ms_domain(),
        }

    @api.model
    def _cron_snapshot(self):
        """Once a day: count each running goal as its responsible (their
        scope), keep the day's figure (once per day), flag the goals behind
        schedule and give each responsible one to-do per goal behind."""
        today = fields.Date.context_today(self)
        goals = self.search(
            [("date_start", "<=", today), ("deadline", ">=", today - timedelta(days=1))]
        )
        Snapshot = self.env["ms.goal.snapshot"]
        existing = {
            snapshot.goal_id: snapshot
            for snapshot in Snapshot.search(
                [("goal_id", "in", goals.ids), ("date", "=", today)]
            )
        }
        activity_type = self.env.ref(
            "movimientos_sociales.mail_activity_type_goal_behind"
        )
        counted = {}
        for goal in goals:
            try:
                value = goal._ms_count(goal.user_id)
            except Exception:  # one goal never stops the others
                _logger.warning("Goal %s could not be counted", goal.id, exc_info=True)
                continue
            counted[goal] = value
            vals = {"value": value, "expected": goal._ms_expected(today)}
            if goal in existing:
                existing[goal].write(vals)
            else:
                Snapshot.create({"goal_id": goal.id, "date": today, **vals})
            goal.is_behind = value < vals["expected"]
        behind = goals.filtered("is_behind")
        for goal in without_open_activity(behind, activity_type):
            env = for_reader(goal, goal.user_id).env
            goal.with_context(mail_activity_quick_update=True).activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today,
                user_id=goal.user_id.id,
                summary=env._(
                    "Behind schedule: %(value)s of %(expected)s expected by %(day)s",
                    value=counted[goal],
                    expected=goal._ms_expected(today),
                    day=short_date(env, today),
                ),
            )
