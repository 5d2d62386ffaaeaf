from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ms_tools import for_reader, in_writer_lang, short_date, without_open_activity

OPEN_STATES = ("pending", "in_progress")
# What the approved minutes of its session record of an agreement
RECORDED_FIELDS = frozenset(
    {
        "name",
        "text",
        "session_id",
        "owner_ids",
        "deadline",
        "votes_for",
        "votes_against",
        "votes_abstain",
    }
)


class MsAgreement(models.Model):
    """An agreement (acuerdo) of the commission, of a session or a conference,
    with owners and a deadline, followed until it is fulfilled."""

    _name = "ms.agreement"
    _description = "Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.workflow.mixin",
        "ms.numbered.mixin",
        "ms.scope.mixin",
    ]
    _order = "deadline asc, id desc"
    _ms_sequence_code = "ms.agreement"
    _ms_reason_actions = ("action_fail", "action_cancel")

    text = fields.Html(string="Agreement", required=True)
    session_id = fields.Many2one(
        "ms.session", index="btree_not_null", ondelete="restrict"
    )
    conference_id = fields.Many2one(
        "ms.conference", index="btree_not_null", ondelete="restrict"
    )
    alliance_id = fields.Many2one(
        "ms.alliance", index="btree_not_null", ondelete="restrict"
    )
    relation_id = fields.Many2one(
        "ms.international.relation",
        string="International Relation",
        index="btree_not_null",
        ondelete="restrict",
    )
    movement_ids = fields.Many2many(
        "ms.movement",
        "ms_agreement_movement_rel",
        "agreement_id",
        "movement_id",
        string="Organizations",
    )
    sector_ids = fields.Many2many(
        "ms.sector",
        "ms_agreement_sector_rel",
        "agreement_id",
        "sector_id",
        string="Sectors",
    )
    owner_ids = fields.Many2many(
        "res.users",
        "ms_agreement_owner_rel",
        "agreement_id",
        "user_id",
        string="Owners",
        domain="[('share', '=', False)]",
        tracking=True,
        # internal users, visible to every user of the app: no need to join
        # res.users' rules (and through them the contacts') in every grouping
        bypass_search_access=True,
    )
    deadline = fields.Date(tracking=True, index=True)
    session_state = fields.Selection(
        related="session_id.state", string="Session Status"
    )
    votes_for = fields.Integer(tracking=True)
    votes_against = fields.Integer(tracking=True)
    votes_abstain = fields.Integer(string="Abstentions", tracking=True)
    vote_result = fields.Char(
        string="Vote",
        compute="_compute_vote_result",
        help="How the agreement was voted, when votes are recorded.",
    )
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("in_progress", "In Progress"),
            ("done", "Fulfilled"),
            ("failed", "Unfulfilled"),
            # "Void", not "Cancelled": Spanish says of an agreement that it is
            # left "sin efecto" (and "Cancelada" is the feminine of the others)
            ("cancelled", "Void"),
        ],
        string="Status",
        default="pending",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        help="Open with its deadline passed. Refreshed daily.",
    )

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement.is_overdue = bool(
                agreement.state in OPEN_STATES
                and agreement.deadline
                and agreement.deadline < today
            )

    def _ms_votes(self):
        return (self.votes_for, self.votes_against, self.votes_abstain)

    @api.depends("votes_for", "votes_against", "votes_abstain")
    def _compute_vote_result(self):
        for agreement in self:
            votes = agreement._ms_votes()
            if not any(votes):
                agreement.vote_result = False
            elif not votes[1] and not votes[2]:
                agreement.vote_result = self.env._(
                    "Unanimous (%s for)", agreement.votes_for
                )
            else:
                agreement.vote_result = self.env._(
                    "%(for)s for, %(against)s against, %(abstain)s abstentions",
                    **{"for": votes[0], "against": votes[1], "abstain": votes[2]},
                )

    @api.constrains("votes_for", "votes_against", "votes_abstain", "session_id")
    def _check_votes(self):
        for agreement in self:
            votes = agreement._ms_votes()
            if min(votes) < 0:
                raise ValidationError(self.env._("Votes can't be negative."))
            session = agreement.session_id
            if session and sum(votes) > len(session.attendee_ids):
                raise ValidationError(
                    self.env._(
                        "%(votes)s votes recorded for “%(agreement)s”, but "
                        "%(present)s people were present at the session.",
                        votes=sum(votes),
                        agreement=agreement.display_name,
                        present=len(session.attendee_ids),
                    )
                )

    @api.constrains("session_id", "conference_id", "alliance_id", "relation_id")
    def _check_origin(self):
        for agreement in self:
            origins = (
                agreement.session_id,
                agreement.conference_id,
                agreement.alliance_id,
                agreement.relation_id,
            )
            if sum(bool(origin) for origin in origins) > 1:
                raise ValidationError(
                    self.env._(
                        "An agreement comes from one session, conference, alliance "
                        "or international relation, not several."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sessions = self.env["ms.session"].browse(
            [vals["session_id"] for vals in vals_list if vals.get("session_id")]
        )
        self._ms_check_minutes_open(sessions)
        agreements = super().create(vals_list)
        agreements._ms_schedule_owner_todos(agreements.owner_ids)
        return agreements

    def write(self, vals):
        if RECORDED_FIELDS & vals.keys():
            sessions = self.session_id
            if vals.get("session_id"):
                sessions |= self.env["ms.session"].browse(vals["session_id"])
            self._ms_check_minutes_open(sessions)
        previous = {agreement: agreement.owner_ids for agreement in self}
        result = super().write(vals)
        if "owner_ids" in vals:
            for agreement in self:
                agreement._ms_schedule_owner_todos(
                    agreement.owner_ids - previous[agreement]
                )
        return result

    def unlink(self):
        self._ms_check_minutes_open(self.session_id)
        return super().unlink()

    def _ms_check_minutes_open(self, sessions):
        """An agreement recorded in approved minutes keeps its text, owners,
        deadline and votes (its follow-up goes on); none is added or removed
        until a Coordinador reopens the minutes."""
        if self.env.su:
            return
        approved = sessions.sudo().filtered(lambda session: session.state == "approved")
        if approved:
            raise UserError(
                self.env._(
                    "The minutes of “%s” are approved and final: its agreements "
                    "are followed up, not edited. A Coordinador reopens the "
                    "minutes, giving the reason, to correct them.",
                    approved[0].name,
                )
            )

    def _ms_schedule_owner_todos(self, owners):
        """One to-do per owner, due at the deadline."""
        for agreement in self.filtered(lambda a: a.state in OPEN_STATES):
            for owner in owners & agreement.owner_ids:
                agreement.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=agreement.deadline or fields.Date.context_today(self),
                    user_id=owner.id,
                    summary=for_reader(self, owner).env._(
                        "Fulfil agreement %s", agreement.name
                    ),
                )

    # Lifecycle: pending -> in progress -> fulfilled | unfulfilled | cancelled ---

    def action_start(self):
        return self._ms_move(("pending",), "in_progress", self.env._("Starting"))

    def action_done(self):
        self._ms_move(OPEN_STATES, "done", self.env._("Marking as fulfilled"))
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_fail(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_move(
            OPEN_STATES,
            "failed",
            self.env._("Marking as unfulfilled"),
            state_reason=reason,
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self, reason=None):
        reason = self._ms_check_reason(reason)
        self._ms_move(
            OPEN_STATES, "cancelled", self.env._("Cancelling"), state_reason=reason
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reopen(self):
        return self._ms_move(
            ("done", "failed", "cancelled"),
            "in_progress",
            self.env._("Reopening"),
            state_reason=False,
        )

    @api.model
    def _cron_mark_overdue(self):
        """Flag agreements whose deadline passed, and give the commission's
        coordinator one to-do per overdue agreement (never twice)."""
        today = fields.Date.context_today(self)
        newly = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("deadline", "<", today),
                ("is_overdue", "=", False),
            ]
        )
        newly.is_overdue = True
        coordinator = self.env.company.ms_coordinator_id
        if not coordinator:
            return
        activity_type = self.env.ref(
            "movimientos_sociales.mail_activity_type_agreement_overdue"
        )
        overdue = self.search([("is_overdue", "=", True), ("state", "in", OPEN_STATES)])
        for agreement in without_open_activity(overdue, activity_type):
            agreement.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today,
                user_id=coordinator.id,
                summary=agreement._ms_overdue_summary(coordinator),
            )

    def _ms_overdue_summary(self, coordinator):
        """The coordinator's reminder, in their language: "Vencido desde
        02/07/2026"."""
        env = for_reader(self, coordinator).env
        return env._("Overdue since %s", short_date(env, self.deadline))

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Agreement created")
