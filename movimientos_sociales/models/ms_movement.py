from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from .ms_territory import load_with_territory
from .ms_tools import check_unique, in_writer_lang, related_action, set_counts
from .res_partner import ms_check_restore, ms_check_same_person

SCOPES = [
    ("local", "Local"),
    ("municipal", "Municipal"),
    ("state", "State-level"),
    ("regional", "Regional"),
    ("national", "National"),
    ("international", "International"),
]


# The contact's address, related on the organization
ADDRESS_FIELDS = frozenset(
    {"zip", "zip_id", "municipality_id", "state_id", "country_id", "city"}
)


class MsMovement(models.Model):
    """A social movement or autonomous organization.

    It *has* a contact, as res.company does: `partner_id` holds the address,
    email and sectors (so the contacts app and mass mailing work natively) and
    the contact's fields are exposed as related fields; the political data stays
    here, under this model's access rules, with one chatter. (With `_inherits`,
    res.partner's rules joined every organization query.)"""

    _name = "ms.movement"
    _description = "Social Movement or Organization"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.mailing.mixin",
        "ms.scope.mixin",
        "ms.scope.choice.mixin",
        "ms.municipality.mixin",
        "ms.assessment.mixin",
    ]
    _ms_assessment_field = "movement_id"
    _order = "name, id"
    _rec_names_search = ["name", "code"]
    _ms_scope_paths = ("state_id", "ms_sector_ids", "municipality_id")

    @api.model
    def load(self, fields, data):
        # state, municipality and postal code as people write them
        prepared = load_with_territory(
            self, fields, data, "municipality_id", mexican=True
        )
        if isinstance(prepared, dict):
            return prepared
        return super().load(*(prepared or (fields, data)))

    @api.onchange("municipality_id")
    def _onchange_municipality_id(self):
        result = super()._onchange_municipality_id()
        # another municipality than its postal code's: the code no longer places it
        if self.zip_id and self.zip_id.city_id != self.municipality_id:
            self.zip_id = False
        return result

    @api.onchange("zip")
    def _onchange_zip(self):
        """A Mexican postal code typed fills the municipality and the state."""
        zip_location = self.env["res.partner"]._ms_zip_location(
            self.zip, self.country_id
        )
        if zip_location and zip_location != self.zip_id:
            # (the contact's computed fields don't follow in this form)
            self.zip_id = zip_location
            self.municipality_id = zip_location.city_id
            self.state_id = zip_location.city_id.state_id

    def _default_stage_id(self):
        return self.env["ms.link.stage"].search([], limit=1)

    def _default_country_id(self):
        return self.env.company.country_id or self.env.ref("base.mx")

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        ondelete="restrict",
        index=True,
        bypass_search_access=True,
        help="The organization's contact: address, email and sectors.",
    )
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()

    # The contact's fields (stored where rules, searches and groupings use them)
    name = fields.Char(
        related="partner_id.name", store=True, readonly=False, required=True
    )
    image_1920 = fields.Image(related="partner_id.image_1920", readonly=False)
    avatar_128 = fields.Image(related="partner_id.avatar_128")
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    website = fields.Char(related="partner_id.website", readonly=False)
    street = fields.Char(related="partner_id.street", readonly=False)
    street2 = fields.Char(related="partner_id.street2", readonly=False)
    zip = fields.Char(related="partner_id.zip", readonly=False)
    zip_id = fields.Many2one(related="partner_id.zip_id", readonly=False)
    ms_settlement_id = fields.Many2one(
        related="partner_id.ms_settlement_id", readonly=False
    )
    municipality_id = fields.Many2one(
        related="partner_id.city_id",
        store=True,
        readonly=False,
        index=True,
        string="Municipality",
    )
    city = fields.Char(related="partner_id.city", readonly=False)
    state_id = fields.Many2one(
        related="partner_id.state_id",
        store=True,
        readonly=False,
        index=True,
        string="State (federal entity)",
    )
    country_id = fields.Many2one(
        related="partner_id.country_id",
        store=True,
        readonly=False,
        default=lambda self: self._default_country_id(),
        string="Country",
    )
    country_code = fields.Char(related="partner_id.country_id.code")
    ms_sector_ids = fields.Many2many(
        related="partner_id.ms_sector_ids",
        store=True,
        readonly=False,
        relation="ms_movement_sector_rel",
        column1="movement_id",
        column2="sector_id",
        string="Sectors",
    )
    # read as the user: the people of the organization the user may see (not
    # a blocked one, whose row the form could not read)
    child_ids = fields.One2many(
        related="partner_id.child_ids",
        readonly=False,
        compute_sudo=False,
        string="Contact People",
    )

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
    municipality_text = fields.Char(
        string="Municipality (to Resolve)",
        help="A municipality typed before the catalog that matched none of it: "
        "choose the municipality and clear this text.",
    )
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
    # who is related to the organization (partner_multi_relation, as the user
    # may read them)
    relation_count = fields.Integer(
        string="Relations", compute="_compute_relation_count"
    )

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

    # Assessment on the scale (ms.assessment.level): history and current level
    ms_assessment_ids = fields.One2many(
        "ms.assessment", "movement_id", string="Assessments"
    )
    ms_assessment_level_id = fields.Many2one(
        tracking=True, help="The level of the organization's latest assessment."
    )
    ms_assessment_date = fields.Datetime(
        help="When the organization reached its current assessment level."
    )

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Another organization already has this acronym."
    )
    _partner_uniq = models.Constraint(
        "UNIQUE(partner_id)", "This contact already has an organization file."
    )

    @api.constrains("code")
    def _check_code_uniq(self):
        check_unique(self, ["code"], "code_uniq")

    @api.constrains("partner_id")
    def _check_partner_uniq(self):
        check_unique(self, ["partner_id"], "partner_uniq")

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

    @api.model_create_multi
    def create(self, vals_list):
        # A new organization gets its contact first, with the territory and
        # sectors that put it in the user's scope (as res.company does).
        # (Copies: the import retries the same values row by row after a failure.)
        vals_list = [dict(vals) for vals in vals_list]
        without = [vals for vals in vals_list if not vals.get("partner_id")]
        computed = set()
        if without:
            partner_vals = [self._ms_partner_values(vals) for vals in without]
            for vals, values in zip(without, partner_vals, strict=True):
                if "child_ids" in vals:
                    # its contact people created with the contact, in one batch
                    # (as a contact's own import does)
                    values["child_ids"] = vals.pop("child_ids")
                # What the contact is created with is not written on it again
                # by the related fields' inverse, once per field and record;
                # the organization's stored copies are computed from it. The
                # name (required) stays, and a field with a default would
                # otherwise get it.
                for name in self._ms_partner_fields() & vals.keys():
                    if name != "name" and not self._fields[name].default:
                        del vals[name]
                        if self._fields[name].store:
                            computed.add(name)
            partners = self.env["res.partner"].create(partner_vals)
            for vals, partner in zip(without, partners, strict=True):
                vals["partner_id"] = partner.id
        for vals in vals_list:
            if "name" not in vals:
                # required, stored before the related field is computed
                vals["name"] = self.env["res.partner"].browse(vals["partner_id"]).name
        records = super().create(vals_list)
        if computed:
            # stored now, as when they were written (the record rules read them)
            records.flush_recordset(sorted(computed))
        return records

    @api.model
    def _ms_partner_fields(self):
        """The writable fields related to the contact, but its people."""
        return {
            name
            for name, field in self._fields.items()
            if (field.related or "").startswith("partner_id.")
            and not field.readonly
            and field.type != "one2many"
        }

    @api.model
    def _ms_partner_values(self, vals):
        # the writable fields related to the contact (name, address, sectors...)
        # (under the contact's names: municipality_id is its city_id)
        values = {
            field.related.removeprefix("partner_id."): value
            for name, value in vals.items()
            if (field := self._fields.get(name)) is not None
            and (field.related or "").startswith("partner_id.")
            and not field.readonly
            and field.type != "one2many"
        }
        values.setdefault("country_id", self._default_country_id().id)
        return {**values, "is_company": True, "parent_id": False}

    def write(self, vals):
        ms_check_same_person(self, vals)
        ms_check_restore(self.partner_id, vals)
        if "stage_id" in vals:
            vals["date_last_stage_update"] = fields.Datetime.now()
        address = {
            self._fields[name].related.removeprefix("partner_id."): vals[name]
            for name in ADDRESS_FIELDS & vals.keys()
        }
        if address:
            # The contact's address in one write, checked once (its postal
            # code by OCA base_location, its municipality's state): written
            # field by field through the related fields, a state would be
            # checked against the old municipality.
            self.partner_id.write(address)
        return super().write(vals)

    def action_view_insertions(self):
        return related_action(
            self, "movimientos_sociales.ms_cadre_insertion_action", "movement_id"
        )

    def action_view_evaluations(self):
        return related_action(
            self, "movimientos_sociales.ms_movement_evaluation_action", "movement_id"
        )

    @api.depends("partner_id")
    @api.depends_context("uid")
    def _compute_relation_count(self):
        # counted as the user (a related field would count as superuser, the
        # relations out of their scope too)
        for movement in self:
            movement.relation_count = movement.partner_id.relation_count

    def action_ms_view_relations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "movimientos_sociales.res_partner_relation_action_ms"
        )
        action.update(
            {
                "name": self.env._("Relations of %s", self.display_name),
                "domain": [("any_partner_id", "in", self.partner_id.ids)],
                "context": {"default_right_partner_id": self.partner_id.id},
            }
        )
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

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Organization registered")
