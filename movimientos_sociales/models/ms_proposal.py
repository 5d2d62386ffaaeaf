from odoo import fields, models

from .ms_tools import in_writer_lang, related_action, set_counts


class MsProposal(models.Model):
    """A proposal of the social movement: the problem, the answer, and the
    demand or authority it addresses, pushed by actions of struggle."""

    _name = "ms.proposal"
    _description = "Proposal"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.workflow.mixin",
        "ms.scope.mixin",
    ]
    _order = "id desc"
    _ms_reason_actions = ("action_reject",)

    name = fields.Char(string="Title", required=True, tracking=True)
    sector_ids = fields.Many2many(
        "ms.sector",
        "ms_proposal_sector_rel",
        "proposal_id",
        "sector_id",
        string="Sectors",
    )
    movement_ids = fields.Many2many(
        "ms.movement",
        "ms_proposal_movement_rel",
        "proposal_id",
        "movement_id",
        string="Organizations",
    )
    problem = fields.Html()
    proposal = fields.Html(sanitize=True, sanitize_overridable=False)
    demand_id = fields.Many2one("ms.demand", string="Citizen Demand")
    conference_id = fields.Many2one(
        "ms.conference",
        index="btree_not_null",
        ondelete="set null",
        help="The conference where the proposal was presented or adopted.",
    )
    authority_id = fields.Many2one(
        "res.partner",
        string="Public Authority",
        domain="[('ms_is_authority', '=', True)]",
        tracking=True,
    )
    tag_ids = fields.Many2many(
        "ms.topic", "ms_proposal_topic_rel", "proposal_id", "topic_id", string="Tags"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("consultation", "In Consultation"),
            ("approved", "Approved"),
            ("presented", "Presented"),
            ("attended", "Attended To"),
            ("rejected", "Rejected"),
        ],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    action_ids = fields.One2many("ms.action", "proposal_id", string="Actions")
    action_count = fields.Integer(compute="_compute_action_count")

    def _compute_action_count(self):
        set_counts(self, "action_count", "ms.action", "proposal_id")

    # draft -> consultation -> approved (Coordinator) -> presented
    #   -> attended | rejected

    def action_consult(self):
        return self._ms_move(
            ("draft",), "consultation", self.env._("Putting to consultation")
        )

    def action_approve(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("approve a proposal"),
        )
        return self._ms_move(("consultation",), "approved", self.env._("Approving"))

    def action_present(self):
        return self._ms_move(("approved",), "presented", self.env._("Presenting"))

    def action_attended(self):
        return self._ms_move(
            ("presented",), "attended", self.env._("Marking as attended")
        )

    def action_reject(self, reason=None):
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            ("presented",),
            "rejected",
            self.env._("Marking as rejected"),
            state_reason=reason,
        )

    def action_view_actions(self):
        return related_action(
            self, "movimientos_sociales.ms_action_action", "proposal_id"
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Proposal created")
