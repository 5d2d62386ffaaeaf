from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from .ms_tools import set_counts

SCOPES = [
    ("local", "Local"),
    ("municipal", "Municipal"),
    ("state", "State-level"),
    ("regional", "Regional"),
    ("national", "National"),
    ("international", "International"),
]


class MsMovement(models.Model):
    """A social movement or autonomous organization.

    It *is* a contact: `_inherits` res.partner, as res.users does, so that address,
    email, tags, the contacts app and mass mailing work natively, while the
    political data stays here, under this model's access rules."""

    _name = "ms.movement"
    _description = "Social Movement or Organization"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "ms.mailing.mixin"]
    _order = "name, id"

    def _default_stage_id(self):
        return self.env["ms.link.stage"].search([], limit=1)

    def _default_country_id(self):
        return self.env.company.country_id or self.env.ref("base.mx")

    partner_id = fields.Many2one(
        "res.partner",
        string="Related Contact",
        required=True,
        ondelete="cascade",
        index=True,
        bypass_search_access=True,
    )
    active = fields.Boolean(default=True, tracking=True)

    # Identity
    code = fields.Char(
        string="Acronym",
        help="Short unique name of the organization, e.g. UCEZ; used in imports.",
    )
    kind_id = fields.Many2one("ms.movement.kind", tracking=True)
    founding_date = fields.Date()

    # Classification (sectors are the partner's ms_sector_ids, shared with mailing)
    strategy_ids = fields.Many2many(
        "ms.strategy",
        "ms_movement_strategy_rel",
        "movement_id",
        "strategy_id",
        string="Strategies",
    )

    # Territory (country and state are the partner's)
    municipality = fields.Char()
    scope = fields.Selection(SCOPES, default="local", tracking=True)

    # Size and people (contact people are the partner's child contacts)
    member_estimate = fields.Integer(
        string="Estimated Members", aggregator="sum", tracking=True
    )
    leader_ids = fields.Many2many(
        "res.partner",
        "ms_movement_leader_rel",
        "movement_id",
        "partner_id",
        string="Leaders",
        domain="[('parent_id', '=', partner_id)]",
    )
    contact_count = fields.Integer(compute="_compute_contact_count")

    # Relationship with the party
    stage_id = fields.Many2one(
        "ms.link.stage",
        string="Link Stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
        ondelete="restrict",
        index=True,
        tracking=True,
        copy=False,
    )
    date_last_stage_update = fields.Datetime(
        string="Last Stage Update", default=fields.Datetime.now, copy=False
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        index=True,
    )
    relationship_terms = fields.Html(
        string="Terms of the Relationship",
        help="What was agreed with the organization, respecting its autonomy.",
    )
    main_demands = fields.Text()

    # Cadres and oversight
    insertion_ids = fields.One2many(
        "ms.cadre.insertion", "movement_id", string="Cadre Insertions"
    )
    insertion_count = fields.Integer(
        compute="_compute_insertion_count", string="Cadres Inserted"
    )
    alliance_member_ids = fields.One2many(
        "ms.alliance.member", "movement_id", string="Alliances"
    )
    evaluation_ids = fields.One2many(
        "ms.movement.evaluation", "movement_id", string="Evaluations"
    )
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")
    last_score = fields.Float(
        compute="_compute_last_score",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Weighted score (0-100) of the last validated evaluation.",
    )
    last_evaluation_date = fields.Date(compute="_compute_last_score", store=True)
    score_trend = fields.Selection(
        [("up", "Improving"), ("stable", "Stable"), ("down", "Worsening")],
        compute="_compute_last_score",
        store=True,
        help="Last validated score compared with the one before.",
    )

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Another organization already has this acronym."
    )

    def _compute_contact_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("parent_id", "in", self.partner_id.ids)], ["parent_id"], ["__count"]
            )
        )
        for movement in self:
            movement.contact_count = counts.get(movement.partner_id, 0)

    def _compute_insertion_count(self):
        set_counts(
            self,
            "insertion_count",
            "ms.cadre.insertion",
            "movement_id",
            [("state", "=", "active")],
        )

    def _compute_evaluation_count(self):
        set_counts(self, "evaluation_count", "ms.movement.evaluation", "movement_id")

    @api.depends("evaluation_ids.state", "evaluation_ids.score", "evaluation_ids.date")
    def _compute_last_score(self):
        for movement in self:
            validated = movement.evaluation_ids.filtered(
                lambda e: e.state == "validated"
            ).sorted(lambda e: (e.date, e.id), reverse=True)
            last, previous = validated[:1], validated[1:2]
            movement.last_score = last.score
            movement.last_evaluation_date = last.date
            if not previous:
                movement.score_trend = False
            elif abs(last.score - previous.score) < 1:
                movement.score_trend = "stable"
            else:
                movement.score_trend = "up" if last.score > previous.score else "down"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # Every stage is a column, even empty ones; there are a handful.
        return stages.search([], order=stages._order, limit=100)

    # partner_id makes the check run on create too: the partner fields are
    # written through the parent, which skips constraints of this model.
    @api.constrains("partner_id", "country_id", "state_id")
    def _check_territory(self):
        for movement in self:
            if not movement.country_id:
                raise ValidationError(
                    self.env._("Set the country of “%s”.", movement.display_name)
                )
            if movement.country_id.code == "MX" and not movement.state_id:
                raise ValidationError(
                    self.env._(
                        "“%s” is a Mexican organization: set its state.",
                        movement.display_name,
                    )
                )

    @api.constrains("partner_id", "email")
    def _check_email(self):
        for movement in self:
            if movement.email and not email_normalize(movement.email):
                raise ValidationError(
                    self.env._(
                        "The email “%(email)s” of “%(name)s” is not valid.",
                        email=movement.email,
                        name=movement.display_name,
                    )
                )

    @api.onchange("state_id")
    def _onchange_state_id(self):
        if self.state_id:
            self.country_id = self.state_id.country_id

    @api.model
    def default_get(self, fields_list):
        # Defaults of the inherited partner fields: an organization, in Mexico.
        values = super().default_get(fields_list)
        if "is_company" in fields_list and "default_is_company" not in self.env.context:
            values["is_company"] = True
        if "country_id" in fields_list and not values.get("country_id"):
            values["country_id"] = self._default_country_id().id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The form sends partner_id=False for a new organization: drop it, or
            # the ORM would skip the defaults of the partner fields (is_company).
            if "partner_id" in vals and not vals["partner_id"]:
                del vals["partner_id"]
        return super().create(vals_list)

    def write(self, vals):
        if "stage_id" in vals:
            vals["date_last_stage_update"] = fields.Datetime.now()
        return super().write(vals)

    def action_view_insertions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "movimientos_sociales.ms_cadre_insertion_action"
        )
        action["domain"] = [("movement_id", "=", self.id)]
        action["context"] = {"default_movement_id": self.id}
        return action

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "movimientos_sociales.ms_movement_evaluation_action"
        )
        action["domain"] = [("movement_id", "=", self.id)]
        action["context"] = {"default_movement_id": self.id}
        return action

    def action_view_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "contacts.action_contacts"
        )
        action.update(
            {
                "name": self.env._("Contacts of %s", self.display_name),
                "domain": [("parent_id", "=", self.partner_id.id)],
                "context": {
                    "default_parent_id": self.partner_id.id,
                    "default_is_company": False,
                },
            }
        )
        return action

    def _ms_mailing_partner_domain(self):
        # The organizations and their contact people
        return [("commercial_partner_id", "in", self.partner_id.ids)]
