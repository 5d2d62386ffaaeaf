from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .ms_municipality_mixin import check_municipality_state
from .ms_scrub import MIN_NAME_LENGTH, personal_needles, scrub_personal_data
from .ms_territory import load_with_territory
from .ms_workflow_mixin import ms_check_decision_fields, ms_in_transition

# Longest name of a contact or organization (its index holds about 2,700 bytes)
NAME_MAX = 512

COMMISSION = "movimientos_sociales.group_ms_reader"


def ms_check_restore(partners, vals):
    """Refuse to restore (unarchive) a blocked person, or a file of theirs
    (`partners`: the people concerned), but through ARCO."""
    if not vals.get("active") or ms_in_transition():
        return
    if partners.sudo().with_context(active_test=False).filtered("ms_blocked"):
        raise UserError(
            partners.env._(
                "A person blocked by an ARCO cancellation can't be restored."
            )
        )


def ms_check_same_person(records, vals):
    """An organization's or a cadre's file belongs to its contact for good:
    pointing it at another contact would move that contact's data (and scope)."""
    if "partner_id" not in vals or records.env.su:
        return
    if any(record.partner_id.id != vals["partner_id"] for record in records):
        raise UserError(
            records.env._("A file can't be moved to another contact: create a new one.")
        )


class ResPartner(models.Model):
    """Contacts, as Odoo has them, plus the boundary of the commission's data:
    the sectors (political classification) and the links to the commission's
    files are the commission's only; the people it records are scoped like its
    organizations (global rule res_partner_rule_ms_boundary); a blocked person
    (ARCO) disappears and can't be brought back but through ARCO."""

    _name = "res.partner"
    _inherit = ["res.partner", "ms.scope.mixin", "ms.assessment.mixin"]
    _ms_assessment_field = "partner_id"
    _ms_scope_fields = frozenset(
        {
            "country_id",
            "state_id",
            "city_id",
            "zip_id",
            "parent_id",
            "ms_sector_ids",
            "is_company",
        }
    )
    # a refused creation (an organization's contact, out of scope) says why
    _ms_scope_paths = ("ms_scope_state_id", "ms_sector_ids", "ms_scope_city_id")

    # A person's sectors are political classification: the commission's only.
    ms_sector_ids = fields.Many2many(
        "ms.sector",
        "ms_sector_res_partner_rel",
        "partner_id",
        "sector_id",
        string="Sectors",
        groups=COMMISSION,
        help="Social sectors this contact belongs to or works with.",
    )

    ms_is_authority = fields.Boolean(
        string="Government Office",
        help="A public authority to which citizen demands are addressed.",
    )

    # The commission's records about this contact, if any
    ms_movement_ids = fields.One2many(
        "ms.movement", "partner_id", string="Organization File", groups=COMMISSION
    )
    # the organizations this person leads (ms.movement.leader_ids, read side):
    # marks the leaders in an organization's leadership tree
    ms_leader_movement_ids = fields.Many2many(
        "ms.movement",
        "ms_movement_leader_rel",
        "partner_id",
        "movement_id",
        string="Leader of",
        readonly=True,
        groups=COMMISSION,
    )
    # Whether a person is a cadre is party data: not even the commission reads
    # it on the contact (only through ms.cadre, where every read is audited).
    ms_cadre_ids = fields.One2many(
        "ms.cadre", "partner_id", string="Cadre File", groups="base.group_system"
    )
    ms_consent_ids = fields.One2many(
        "ms.consent", "partner_id", string="Consents", groups=COMMISSION
    )
    ms_participation_ids = fields.One2many(
        "ms.conference.participant",
        "partner_id",
        string="Conference Participations",
        groups=COMMISSION,
    )
    ms_demand_ids = fields.One2many(
        "ms.demand", "requester_id", string="Citizen Demands", groups=COMMISSION
    )

    # A person's assessment on the scale (ms.assessment): political data
    ms_assessment_ids = fields.One2many(
        "ms.assessment", "partner_id", string="Assessments", groups=COMMISSION
    )
    # (ms.assessment.mixin's fields, the commission's only)
    ms_assessment_count = fields.Integer(groups=COMMISSION)
    ms_assessment_level_id = fields.Many2one(
        groups=COMMISSION, help="The level of the person's latest assessment."
    )
    ms_assessment_date = fields.Datetime(
        groups=COMMISSION,
        help="When the person reached their current assessment level.",
    )

    # The boundary (stored: record rules read them on every contact query)
    ms_recorded = fields.Boolean(
        string="Recorded by the Commission",
        compute="_compute_ms_recorded",
        store=True,
        index=True,
        groups=COMMISSION,
        help="An organization, its people, a cadre, a participant, a requester or "
        "anyone with sectors: scoped like the commission's organizations.",
    )
    ms_scope_state_id = fields.Many2one(
        "res.country.state",
        string="State for Scopes",
        compute="_compute_ms_scope_state_id",
        store=True,
        index="btree_not_null",
        groups=COMMISSION,
        help="The state of the contact's organization, or its own.",
    )
    ms_scope_city_id = fields.Many2one(
        "res.city",
        string="Municipality for Scopes",
        compute="_compute_ms_scope_state_id",
        store=True,
        index="btree_not_null",
        groups=COMMISSION,
        help="The municipality of the contact's organization, or its own.",
    )
    # In Mexico a city of the catalog is a municipality (or an alcaldía)
    city_id = fields.Many2one(string="Municipality")
    ms_settlement_id = fields.Many2one(
        "ms.settlement",
        string="Settlement (colonia)",
        compute="_compute_ms_settlement_id",
        inverse="_inverse_ms_settlement_id",
        domain="[('zip_id', '=', zip_id)]",
        help="The settlements of the postal code; the one chosen is written in "
        "the second line of the street.",
    )
    ms_blocked = fields.Boolean(
        string="Blocked (ARCO)",
        readonly=True,
        copy=False,
        index=True,
        groups=COMMISSION,
        help="Blocked by an ARCO cancellation: hidden, out of mailings, until it "
        "is anonymized. Set and cleared by the ARCO request only.",
    )

    @api.depends(
        "ms_sector_ids",
        "ms_cadre_ids",
        "ms_participation_ids",
        "ms_demand_ids",
        "ms_assessment_ids",
        "commercial_partner_id.ms_movement_ids",
    )
    def _compute_ms_recorded(self):
        for partner in self:
            partner.ms_recorded = bool(
                partner.ms_sector_ids
                or partner.ms_cadre_ids
                or partner.ms_participation_ids
                or partner.ms_demand_ids
                or partner.ms_assessment_ids
                or partner.commercial_partner_id.ms_movement_ids
            )

    @api.depends(
        "state_id",
        "city_id",
        "commercial_partner_id.state_id",
        "commercial_partner_id.city_id",
    )
    def _compute_ms_scope_state_id(self):
        for partner in self:
            place = (
                partner.commercial_partner_id
                if partner.commercial_partner_id.state_id
                else partner
            )
            partner.ms_scope_state_id = place.state_id
            partner.ms_scope_city_id = place.city_id

    @api.depends("zip_id", "street2")
    def _compute_ms_settlement_id(self):
        settlements = self.env["ms.settlement"].search(
            [
                ("zip_id", "in", self.zip_id.ids),
                ("name", "in", [name for name in self.mapped("street2") if name]),
            ]
        )
        found = {
            (settlement.zip_id, settlement.name): settlement
            for settlement in settlements
        }
        for partner in self:
            partner.ms_settlement_id = found.get((partner.zip_id, partner.street2))

    def _inverse_ms_settlement_id(self):
        for partner in self.filtered("ms_settlement_id"):
            if partner.ms_settlement_id.zip_id != partner.zip_id:
                raise ValidationError(
                    self.env._(
                        "%(settlement)s is a settlement of the postal code "
                        "%(its_code)s, not of %(code)s.",
                        settlement=partner.ms_settlement_id.name,
                        its_code=partner.ms_settlement_id.zip_id.name,
                        code=partner.zip_id.name or partner.zip or "—",
                    )
                )
            partner.street2 = partner.ms_settlement_id.name

    @api.constrains("state_id", "city_id")
    def _check_ms_city_state(self):
        check_municipality_state(self, "city_id")

    @api.onchange("zip")
    def _onchange_ms_zip(self):
        """A Mexican postal code typed fills the municipality and the state: the
        ZIP location (OCA base_location) of that code, when there is one."""
        zip_location = self._ms_zip_location(self.zip, self.country_id)
        if zip_location and zip_location != self.zip_id:
            self.zip_id = zip_location

    @api.model
    def _ms_zip_location(self, code, country=None):
        """The res.city.zip of a Mexican postal code (5 digits), if one."""
        code = (code or "").strip()
        if country and country.code != "MX":
            return self.env["res.city.zip"]
        return self._ms_zip_locations([code]).get(code, self.env["res.city.zip"])

    @api.model
    def _ms_zip_locations(self, codes):
        """{postal code: its res.city.zip} for the Mexican postal codes (5
        digits) of `codes` that belong to one municipality only, in one
        query."""
        codes = [code for code in codes if len(code) == 5 and code.isdigit()]
        by_code = {}
        for location in self.env["res.city.zip"].search(
            [("name", "in", codes), ("city_id.country_id.code", "=", "MX")]
        ):
            by_code.setdefault(location.name, []).append(location)
        return {code: found[0] for code, found in by_code.items() if len(found) == 1}

    @api.depends_context("lang")
    @api.depends("ms_blocked")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        # Whoever reads it (a many2one shows names as superuser): a blocked
        # person is named by nobody until the ARCO request is closed.
        blocked = self.sudo().filtered("ms_blocked")
        for partner in self:
            if partner in blocked:
                partner.display_name = self.env._("Blocked person (ARCO)")
        return result

    def init(self):
        result = super().init()
        # name_search below finds its matches through these, then orders them
        if self.env.registry.has_trigram:
            for column in self._rec_names_search:
                self.env.cr.execute(
                    SQL(
                        "CREATE INDEX IF NOT EXISTS %s ON res_partner"
                        " USING gin (%s gin_trgm_ops)",
                        SQL.identifier(f"res_partner_ms_{column}_trgm"),
                        SQL.identifier(column),
                    )
                )
        return result

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """As Odoo's, but the matches are collected first (trigram indexes),
        then ordered. Odoo lets PostgreSQL walk the name index in order until
        `limit` matches pass the filters: for a scoped user that walk crosses
        every contact out of their scope that sorts first (up to 2.5x a
        national user's time at 100k contacts); collected, both take about the
        same, and the worst case is bounded."""
        if (
            not name
            or not limit
            or operator not in ("ilike", "like")
            or self._order != "complete_name ASC, id DESC"
            or not self.env.registry.has_trigram
        ):
            return super().name_search(name, domain, operator, limit)
        query = self._search(
            Domain("display_name", operator, name) & Domain(domain or Domain.TRUE)
        )
        rows = self.env.execute_query(
            SQL(
                "WITH matches AS MATERIALIZED (%s)"
                " SELECT p.id FROM matches JOIN res_partner p ON p.id = matches.id"
                " ORDER BY p.complete_name ASC, p.id DESC LIMIT %s",
                query.select(),
                limit,
            )
        )
        records = self.browse(row[0] for row in rows)
        return [(record.id, record.display_name) for record in records.sudo()]

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not self.env.su and not self.env.user.has_group(COMMISSION):
            domain = Domain(domain).map_conditions(self._ms_meeting_condition)
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _ms_meeting_condition(self, condition):
        """Who attends a meeting is searched through the meetings the user may
        find (calendar.event._search), never through the relation table alone:
        the commission's meetings don't tell an outsider who attends them."""
        if condition.field_expr != "meeting_ids" or condition.operator in (
            "any",
            "not any",
        ):
            return condition
        Event = self.env["calendar.event"]
        value, operator = condition.value, condition.operator
        if value is False or value == []:
            inner, negative = Domain.TRUE, operator in ("=", "in")
        else:
            ids = value if isinstance(value, (list, tuple, set)) else [value]
            inner = Domain("id", "in", list(ids))
            negative = operator in ("!=", "not in")
        meetings = inner & Event._ms_visible_domain()
        return Domain("meeting_ids", "not any" if negative else "any", meetings)

    @api.model
    def load(self, fields, data):
        # state, municipality and postal code as people write them
        prepared = load_with_territory(self, fields, data, "city_id")
        if isinstance(prepared, dict):
            return prepared
        return super().load(*(prepared or (fields, data)))

    @api.model_create_multi
    def create(self, vals_list):
        ms_check_decision_fields(self, ("ms_blocked",), vals_list, creating=True)
        for vals in vals_list:
            self._ms_check_name_length(vals)
        return super().create(vals_list)

    @api.model
    def _ms_check_name_length(self, vals):
        """A name longer than its index can hold reaches PostgreSQL as a raw
        error (index row too big): refused first, in the user's language."""
        name = vals.get("name")
        if isinstance(name, str) and len(name) > NAME_MAX:
            raise ValidationError(
                self.env._(
                    "A name has at most %(max)s characters (this one has %(length)s).",
                    max=NAME_MAX,
                    length=len(name),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_approved_minutes(self):
        # approved minutes name who was convened and present: deleting the
        # person would erase them from the acta
        if not self.env.su and self.ids:
            sessions = (
                self.env["ms.session"]
                .sudo()
                .search(
                    [
                        ("state", "=", "approved"),
                        "|",
                        ("member_ids", "in", self.ids),
                        ("attendee_ids", "in", self.ids),
                    ],
                    limit=1,
                )
            )
            if sessions:
                raise UserError(
                    self.env._(
                        "This contact is recorded in the approved minutes of "
                        "“%s”: archive it instead.",
                        sessions.name,
                    )
                )

    def _ms_meetings(self):
        self.flush_recordset(["meeting_ids"])
        self.invalidate_recordset(["meeting_ids"])
        return self.sudo().with_context(active_test=False).meeting_ids

    def _ms_has_hidden_relations(self):
        """Whether these contacts have relations (partner_multi_relation) the
        user may not read: the commission's, or out of their scope."""
        Relation = self.env["res.partner.relation"].with_context(active_test=False)
        domain = [("any_partner_id", "in", self.ids)]
        return Relation.sudo().search_count(domain) > Relation.search_count(domain)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_hidden_relations(self):
        # Deleting a contact deletes its relations (ON DELETE CASCADE): not
        # those its deleter may not read
        if not self.env.su and self.ids and self._ms_has_hidden_relations():
            raise UserError(
                self.env._(
                    "This contact has relations you may not see (the "
                    "commission's, or out of your scope): ask a user who sees "
                    "them to delete it."
                )
            )

    def write(self, vals):
        self._ms_check_name_length(vals)
        ms_check_decision_fields(self, ("ms_blocked",), [vals])
        ms_check_restore(self, vals)
        if not self.env.su and not ms_in_transition():
            if self.sudo().with_context(active_test=False).filtered("ms_blocked"):
                # blocked: kept as it was for the retention period, then erased
                raise UserError(
                    self.env._(
                        "A person blocked by an ARCO cancellation can't be changed."
                    )
                )
        meetings = "meeting_ids" in vals and not self.env.su and self._ms_meetings()
        recorded = self.sudo().filtered("ms_recorded")
        if (
            recorded
            and not self.env.su
            and self._ms_scope_fields & vals.keys()
            and not self.env.user.has_group("movimientos_sociales.group_ms_user")
        ):
            # where the commission's people and organizations are decides who
            # sees them: outside its staff, nobody moves them
            raise UserError(
                self.env._(
                    "“%(name)s” is recorded by the Social Movements commission: "
                    "only its staff may change their place or organization.",
                    name=recorded[:1].display_name,
                )
            )
        result = super().write(vals)
        if meetings is not False:
            # the commission's events change through their records only
            after = self._ms_meetings()
            ((meetings - after) | (after - meetings)).with_env(
                self.env
            )._ms_check_managed()
        # nor out of what the commission records: detached from their
        # organization, a person would be an ordinary contact for everyone
        if (
            not self.env.su
            and self._ms_scope_fields & vals.keys()
            and recorded.filtered(lambda partner: not partner.ms_recorded)
            and self.env.user.ms_scoped()
        ):
            self._ms_raise_out_of_scope()
        return result

    def anonymize_partner_data(self):
        # OCA privacy_partner_to_be_forgotten's public method: in this database a
        # person is anonymized by an ARCO cancellation, by the roles that decide
        # it (ms.arco.request), whoever calls this and from wherever.
        if not ms_in_transition():
            raise UserError(
                self.env._(
                    "Personal data is anonymized through an ARCO cancellation "
                    "request (Social Movements > Privacy), not directly."
                )
            )
        return super().anonymize_partner_data()

    @api.model
    def _ms_unconsented_query(self):
        """Query of the people the commission records who have no valid consent
        for mass communications: no mailing reaches them while the setting
        "require consent" is on, whichever menu created it. As superuser
        subqueries: email-marketing users outside the commission can count and
        send, without reading what the commission records."""
        consents = (
            self.env["ms.consent"]
            .sudo()
            ._search([("purpose", "=", "mass_communications"), ("is_valid", "=", True)])
        )
        return (
            self.sudo()
            .with_context(active_test=False)
            ._search(
                [
                    ("ms_recorded", "=", True),
                    ("id", "not in", consents.subselect("partner_id")),
                ]
            )
        )

    @api.model
    def _ms_consent_domain(self):
        """Partners a mailing may reach as to consent (Domain.TRUE when consent
        is not required)."""
        if not self.env.company.ms_require_consent:
            return Domain.TRUE
        return Domain("id", "not in", self._ms_unconsented_query())

    @api.model
    def _ms_mailing_audience_count(self, domain):
        """How many addresses a partner mailing on `domain` reaches: distinct
        normalized emails, without the active blacklist, as the mailing sends.

        Odoo's `is_blacklisted = False` filter becomes a subquery that PostgreSQL
        checks partner by partner (about 15x a plain count on 100k contacts);
        NOT EXISTS keeps the count close to a plain search_count. Record rules
        apply through _search."""
        query = self._search(Domain.AND([domain, [("email_normalized", "!=", False)]]))
        email = self._field_to_sql(query.table, "email_normalized", query)
        query.add_where(
            SQL(
                "NOT EXISTS (SELECT 1 FROM mail_blacklist bl"
                " WHERE bl.email = %s AND bl.active)",
                email,
            )
        )
        # execute_query flushes what the SQL reads; the blacklist is plain SQL here
        self.env["mail.blacklist"].flush_model(["email", "active"])
        return self.env.execute_query(query.select(SQL("COUNT(DISTINCT %s)", email)))[
            0
        ][0]

    def action_ms_view_movement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ms.movement",
            "view_mode": "form",
            "res_id": self.ms_movement_ids[:1].id,
        }

    # ARCO cancellation ---------------------------------------------------------

    def _ms_block(self):
        """First step of a cancellation: out of mailings, searches and exports,
        named by nobody, data kept during the retention period."""
        self.ms_blocked = True
        for partner in self:
            if partner.email:
                # no note on the entry: it would tell who was blocked
                self.env["mail.blacklist"]._add(partner.email)
        self.ms_movement_ids.active = False
        self.ms_cadre_ids.active = False
        # nobody sees them following anything any more
        self.env["mail.followers"].search([("partner_id", "in", self.ids)]).unlink()
        self.active = False

    def _ms_anonymize(self):
        """Second step: personal data scrubbed (OCA privacy_partner_to_be_forgotten
        plus the commission's own data about the person), then every stored
        text that still names them, wherever it is (see ms_scrub); aggregates
        (participations, demands, insertions, counts) are kept."""
        for partner in self.with_context(active_test=False):
            needles = personal_needles(partner.name, partner.email, partner.phone)
            street = partner.street or ""
            if len(street) >= MIN_NAME_LENGTH and street != partner.parent_id.street:
                # the person's own address, not their organization's
                needles[street] = "[…]"
            cadres = partner.ms_cadre_ids
            cadres.with_context(tracking_disable=True).write(
                {"date_since": False, "training_level": False, "committee": False}
            )
            # what the chatters and the audit trail of the person's own records
            # say about them (old values of every field)
            self.env["mail.message"].search(
                [("model", "=", "ms.cadre"), ("res_id", "in", cadres.ids)]
            ).unlink()
            self.env["auditlog.log.line"].search(
                [
                    "|",
                    "&",
                    ("log_id.model_id.model", "=", "res.partner"),
                    ("log_id.res_id", "=", partner.id),
                    "&",
                    ("log_id.model_id.model", "=", "ms.cadre"),
                    ("log_id.res_id", "in", cadres.ids),
                ]
            ).unlink()
            partner.ms_consent_ids.evidence_ids.unlink()
            # what the commission thought of the person is theirs to erase
            partner.ms_assessment_ids.unlink()
            # and who they are related to (partner_multi_relation), by anyone
            self.env["res.partner.relation"].sudo().with_context(
                active_test=False
            ).search([("any_partner_id", "in", partner.ids)]).unlink()
            # the access files answered to the person hold everything about them
            self.env["ms.arco.request"].search(
                [("partner_id", "=", partner.id), ("access_file", "!=", False)]
            ).write({"access_file": False, "access_filename": False})
            email = partner.email_normalized
            partner.anonymize_partner_data()
            if email:
                # The blacklist entry kept the address out of mailings while
                # blocked; once anonymized, the address is personal data to remove.
                self.env["mail.blacklist"].with_context(active_test=False).search(
                    [("email", "=", email)]
                ).unlink()
            # anonymized: named again (by its anonymous name), nothing to hide
            partner.ms_blocked = False
            scrub_personal_data(self.env, needles)
