from odoo import api, fields, models
from odoo.fields import Domain

from .calendar_event import MS_EVENT_MODELS

SCOPE_FIELDS = {
    "ms_scope",
    "ms_scope_state_ids",
    "ms_scope_city_ids",
    "ms_scope_sector_ids",
}


class ResUsers(models.Model):
    _inherit = "res.users"

    ms_scope = fields.Selection(
        [("national", "National"), ("restricted", "Territories and Sectors")],
        string="Social Movements Scope",
        default="national",
        required=True,
        help="National: the whole country. Territories and sectors: Lectura, "
        "Operador and Coordinador users see only the organizations, and what hangs "
        "off them, of these states, municipalities or sectors. Administrador is "
        "always national.",
    )
    ms_scope_state_ids = fields.Many2many(
        "res.country.state",
        "ms_user_scope_state_rel",
        "user_id",
        "state_id",
        string="Scope States",
        domain="[('country_id.code', '=', 'MX')]",
    )
    ms_scope_city_ids = fields.Many2many(
        "res.city",
        "ms_user_scope_city_rel",
        "user_id",
        "city_id",
        string="Scope Municipalities",
        domain="[('country_id.code', '=', 'MX')]",
        help="Municipalities (or alcaldías) whose records the user sees, besides "
        "those of the scope's states and sectors.",
    )
    ms_scope_sector_ids = fields.Many2many(
        "ms.sector",
        "ms_user_scope_sector_rel",
        "user_id",
        "sector_id",
        string="Scope Sectors",
    )

    @api.private
    def ms_scope_domain(
        self, state_path, sector_path, city_path, *more_paths, person=None
    ):
        """Record-rule domain: the records whose state (at `state_path`),
        sectors (at `sector_path`) or municipality (at `city_path`) are in the
        user's scope; `more_paths` are further (state, sector, municipality)
        triples, any of which may match. With
        `person` (the path to a contact), the records of a person blocked by
        ARCO are left out but for the ARCO officers. Used by the addon's
        ir.rule records, which are cached per user."""
        self.ensure_one()
        domain = Domain.TRUE
        if person and not self.has_group("movimientos_sociales.group_ms_coordinator"):
            domain = Domain(f"{person}.ms_blocked", "=", False)
        if self.ms_scope == "national":
            return list(domain) or [(1, "=", 1)]
        paths = (state_path, sector_path, city_path, *more_paths)
        return list(
            domain
            & Domain.OR(
                Domain(state, "in", self.ms_scope_state_ids.ids)
                | Domain(sector, "in", self.ms_scope_sector_ids.ids)
                | Domain(city, "in", self.ms_scope_city_ids.ids)
                for state, sector, city in zip(
                    paths[::3], paths[1::3], paths[2::3], strict=True
                )
            )
        )

    @api.private
    def _ms_scope_covers(self, other):
        """Whether this user's scope covers `other`'s: national, or other is
        scoped within these states, municipalities and sectors."""
        self.ensure_one()
        if not self.ms_scoped():
            return True
        return bool(
            other.ms_scoped()
            and other.ms_scope_state_ids <= self.ms_scope_state_ids
            and other.ms_scope_city_ids <= self.ms_scope_city_ids
            and other.ms_scope_sector_ids <= self.ms_scope_sector_ids
        )

    @api.private
    def _ms_goal_rule_domain(self, path=""):
        """Domain of the rules on goals and their history: a scoped user sees
        the goals they are responsible for (counted in their own scope);
        national users, all."""
        self.ensure_one()
        if not self.ms_scoped():
            return [(1, "=", 1)]
        return [(f"{path}user_id", "=", self.id)]

    @api.private
    def ms_scoped(self):
        """A commission user limited to some states and sectors."""
        self.ensure_one()
        return (
            self.ms_scope == "restricted"
            and self.has_group("movimientos_sociales.group_ms_reader")
            and not self.has_group("movimientos_sociales.group_ms_manager")
        )

    @api.private
    def _ms_partner_rule_domain(self):
        """Domain of the global rule on contacts (res_partner_rule_ms_boundary):
        a person blocked by ARCO is seen by the ARCO officers only (Coordinador
        and up); a scoped commission user sees, of the people the commission
        records, those of their states and sectors, and every other contact."""
        return self.ms_partner_scope_domain()

    @api.private
    def _ms_followers_rule_domain(self):
        """Domain of the global rule on followers: outside the commission, no
        follower of its records; nobody but the ARCO officers sees a blocked
        person following anything."""
        self.ensure_one()
        domain = Domain.TRUE
        if not self.has_group("movimientos_sociales.group_ms_coordinator"):
            domain = Domain("partner_id.ms_blocked", "=", False)
        if not self.has_group("movimientos_sociales.group_ms_reader"):
            ms_models = [name for name in self.env.registry if name.startswith("ms.")]
            domain &= Domain("res_model", "not in", ms_models)
        return list(domain)

    @api.private
    def _ms_attendee_rule_domain(self):
        """Domain of the rule on calendar attendees: a commission user sees the
        attendees of their scope; another employee, of the commission's
        meetings, only those they organize or attend."""
        self.ensure_one()
        if self.has_group("movimientos_sociales.group_ms_reader"):
            return self.ms_partner_scope_domain("partner_id")
        return list(
            Domain("partner_id.ms_blocked", "=", False)
            & (
                Domain("event_id.res_model", "not in", MS_EVENT_MODELS)
                | Domain("partner_id", "=", self.partner_id.id)
                | Domain("event_id.user_id", "=", self.id)
                | Domain("event_id.partner_ids", "in", self.partner_id.ids)
            )
        )

    @api.private
    def _ms_assessment_rule_domain(self):
        """Domain of the scope rule on assessments (ms_assessment_rule_scope):
        those of the organizations of the user's scope (as the organizations'
        rule) and of the people the user may see (as consents and ARCO
        requests)."""
        self.ensure_one()
        movements = Domain("movement_id", "!=", False) & Domain(
            self.ms_scope_domain(
                "movement_id.state_id",
                "movement_id.ms_sector_ids",
                "movement_id.municipality_id",
            )
        )
        people = Domain("partner_id", "!=", False) & Domain(
            self.ms_partner_scope_domain("partner_id")
        )
        return list(movements | people)

    @api.private
    def _ms_relation_rule_domain(self):
        """Domain of the global rule on relations between contacts (OCA
        partner_multi_relation): a commission user reads those whose two sides
        they may see (scope, ARCO blocks); anyone else, only those of other
        types between contacts the commission doesn't record (what a relation
        of its people says is political data)."""
        self.ensure_one()
        if self.has_group("movimientos_sociales.group_ms_reader"):
            return list(
                Domain(self.ms_partner_scope_domain("left_partner_id"))
                & Domain(self.ms_partner_scope_domain("right_partner_id"))
            )
        return list(
            Domain("type_id.ms_commission", "=", False)
            & Domain("left_partner_id.ms_recorded", "=", False)
            & Domain("right_partner_id.ms_recorded", "=", False)
            & Domain("left_partner_id.ms_blocked", "=", False)
            & Domain("right_partner_id.ms_blocked", "=", False)
        )

    def ms_partner_scope_domain(self, path=None):
        """The contacts (at `path`, a field to res.partner; the record itself
        when None) this user may see: see _ms_partner_rule_domain. Used by the
        rules of records about a person (ARCO requests, calendar attendees)."""
        self.ensure_one()

        def leaf(field, operator, value):
            return Domain(f"{path}.{field}" if path else field, operator, value)

        domain = Domain.TRUE
        if not self.has_group("movimientos_sociales.group_ms_coordinator"):
            domain = leaf("ms_blocked", "=", False)
        if (
            self.ms_scope == "national"
            or not self.has_group("movimientos_sociales.group_ms_reader")
            or self.has_group("movimientos_sociales.group_ms_manager")
        ):
            return list(domain)
        states, sectors = self.ms_scope_state_ids.ids, self.ms_scope_sector_ids.ids
        return list(
            domain
            & (
                leaf("ms_recorded", "=", False)
                | leaf("ms_scope_state_id", "in", states)
                | leaf("ms_scope_city_id", "in", self.ms_scope_city_ids.ids)
                | leaf("ms_sector_ids", "in", sectors)
                | leaf("commercial_partner_id.ms_sector_ids", "in", sectors)
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._ms_set_home()
        return users

    @api.model
    def _ms_set_home_all(self):
        """At install and update: the commission's users without a home action."""
        self.search([("share", "=", False)])._ms_set_home()

    def _ms_set_home(self):
        """The commission's users open Odoo on the board (Tablero), unless they
        have chosen a home action."""
        board = self.env.ref(
            "movimientos_sociales.ms_dashboard_action", raise_if_not_found=False
        )
        users = self.filtered(
            lambda user: not user.action_id
            and not user.share
            and user.has_group("movimientos_sociales.group_ms_reader")
        )
        if board and users:
            users.sudo().action_id = board.id

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._ms_set_home()
        if SCOPE_FIELDS & set(vals):
            # ir.rule domains are cached per user: the scope just changed.
            self.env.registry.clear_cache()
        return result
