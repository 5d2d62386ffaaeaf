from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Records a user may only point at (or compute from) when they may read them:
# a reference would otherwise show the referenced person's data through the
# referencing record (a related field, a stored name) or link them to the
# user's work.
GUARDED_MODELS = frozenset({"res.partner", "ms.cadre", "ms.movement"})


def _ids_of(field, value):
    """The ids a create/write/onchange value of a relational field refers to."""
    if not value:
        return []
    if field.type == "many2one":
        if isinstance(value, dict):
            return [value.get("id")] if value.get("id") else []
        if isinstance(value, (list, tuple)):
            return [value[0]] if value and isinstance(value[0], int) else []
        return [value] if isinstance(value, int) else []
    ids = []
    for command in value if isinstance(value, (list, tuple)) else []:
        if isinstance(command, int):
            ids.append(command)
        elif isinstance(command, (list, tuple)) and command:
            if command[0] == 4:
                ids.append(command[1])
            elif command[0] == 6:
                ids.extend(command[2] or [])
    return [id_ for id_ in ids if isinstance(id_, int)]


class MsScopeMixin(models.AbstractModel):
    """The commission's records that are scoped (the `*_rule_scope` rules) or
    point at people. Odoo checks record rules on the records a user writes,
    before the write, not where the write takes them, nor on the records a
    value points at: this checks that a scoped user can't move a record out of
    their scope (which would also get around the refused creation out of
    scope), and that nobody links, or computes a form from, a contact, cadre or
    organization they may not read."""

    _name = "ms.scope.mixin"
    _description = "Social Movements Scoped Record"

    # Fields whose change can move a record across a scope (None: any field)
    _ms_scope_fields = None
    # (state field, sectors field, municipality field) of the `*_rule_scope`
    # rule: a refused creation names them and the user's scope (None: Odoo's
    # generic error)
    _ms_scope_paths = None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ms_check_references(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ms_check_references(vals)
        result = super().write(vals)
        self._ms_check_still_in_scope(vals)
        return result

    def _ms_check_still_in_scope(self, vals):
        moving = self._ms_scope_fields is None or self._ms_scope_fields & vals.keys()
        if moving and not self.env.su and self._check_access("write"):
            self._ms_raise_out_of_scope()

    def _ms_raise_out_of_scope(self):
        raise UserError(
            self.env._(
                "This change would take “%(record)s” out of your scope (states: "
                "%(states)s; municipalities: %(municipalities)s; sectors: "
                "%(sectors)s): ask a user whose scope covers it.",
                record=self[:1].display_name,
                **self._ms_user_scope_names(),
            )
        )

    def _check_access(self, operation):
        # A creation refused by the scope rule says why, in the user's words,
        # instead of Odoo's "(id=12) doesn't have 'create' access".
        result = super()._check_access(operation)
        if (
            result
            and operation == "create"
            and self._ms_scope_paths
            and self.env["ir.model.access"].check(self._name, operation, False)
            and self.env.user.ms_scoped()
        ):
            forbidden = (
                result[0].sudo().filtered(lambda record: not record._ms_in_user_scope())
            )
            if forbidden:
                return result[0], forbidden.with_env(self.env)._ms_scope_error
        return result

    def _ms_in_user_scope(self):
        """Whether this record's state or one of its sectors is in the scope
        of the user (as the `*_rule_scope` rule says)."""
        self.ensure_one()
        user = self.env.user
        state_path, sector_path, city_path = self._ms_scope_paths
        return bool(
            self.mapped(state_path) & user.ms_scope_state_ids
            or self.mapped(sector_path) & user.ms_scope_sector_ids
            or self.mapped(city_path) & user.ms_scope_city_ids
        )

    @api.model
    def _ms_user_scope_names(self):
        user = self.env.user
        return {
            "states": ", ".join(user.ms_scope_state_ids.mapped("name")) or "—",
            "municipalities": ", ".join(user.ms_scope_city_ids.mapped("display_name"))
            or "—",
            "sectors": ", ".join(user.ms_scope_sector_ids.mapped("display_name"))
            or "—",
        }

    def _ms_scope_error(self):
        record = self[:1].sudo()
        state_path, sector_path, city_path = self._ms_scope_paths
        city = record.mapped(city_path)[:1]
        state = ", ".join(record.mapped(state_path).mapped("name"))
        if city:
            # "Juchitán de Zaragoza, Oaxaca"
            state = ", ".join(filter(None, [city.name, state]))
        sectors = ", ".join(record.mapped(sector_path).mapped("display_name"))
        # "Chiapas (Campesinos)", "Chiapas" or "Campesinos"
        place = f"{state} ({sectors})" if state and sectors else state or sectors
        if not place:
            return AccessError(
                self.env._(
                    "“%(record)s” has neither a state nor a sector, so it is outside "
                    "your scope (states: %(states)s; municipalities: "
                    "%(municipalities)s; sectors: %(sectors)s): give it one of "
                    "yours.",
                    record=record.display_name,
                    **self._ms_user_scope_names(),
                )
            )
        return AccessError(
            self.env._(
                "%(place)s is outside your scope (states: %(states)s; "
                "municipalities: %(municipalities)s; sectors: %(sectors)s). Ask "
                "someone whose scope covers it to register “%(record)s”.",
                place=place,
                record=record.display_name,
                **self._ms_user_scope_names(),
            )
        )

    def onchange(self, values, field_names, fields_spec):
        # the form computes related fields (name, email, sectors...) as
        # superuser from what the client sends: not from a record it can't read
        self._ms_check_references(values)
        return super().onchange(values, field_names, fields_spec)

    @api.model
    def _ms_check_references(self, vals):
        if self.env.su:
            return
        for name, value in vals.items():
            field = self._fields.get(name)
            if (
                field is not None
                and field.relational
                and field.comodel_name in GUARDED_MODELS
                and not field.inherited
            ):
                ids = _ids_of(field, value)
                if ids:
                    self.env[field.comodel_name].browse(ids).check_access("read")


class MsScopeChoiceMixin(models.AbstractModel):
    """What a form offers a user limited to some states, municipalities and
    sectors: only the choices that keep the record in their scope. A record is
    in the scope when its state OR its municipality OR one of its sectors is
    (`_ms_scope_paths`), so a choice is limited only while the other fields
    don't already put the record in the scope: the states (the user's, and
    those of the user's municipalities), while it has none of the user's
    sectors; the municipalities, while neither its state nor a sector is the
    user's; the sectors, while neither its state nor its municipality is (and,
    for several sectors, until one of them is). A user with no scope state,
    municipality (or sector) is never limited on them: none would put the
    record in scope."""

    _name = "ms.scope.choice.mixin"
    _description = "Social Movements Scope Choices"
    # set by the model, as for ms.scope.mixin
    _ms_scope_paths = ()

    ms_user_scoped = fields.Boolean(
        string="User Limited to a Scope", compute="_compute_ms_scope_choices"
    )
    ms_user_scope_state_ids = fields.Many2many(
        "res.country.state",
        string="States of the User's Scope",
        compute="_compute_ms_scope_choices",
    )
    ms_user_scope_sector_ids = fields.Many2many(
        "ms.sector",
        string="Sectors of the User's Scope",
        compute="_compute_ms_scope_choices",
    )
    ms_user_scope_city_ids = fields.Many2many(
        "res.city",
        string="Municipalities of the User's Scope",
        compute="_compute_ms_scope_choices",
    )
    ms_limit_city_choice = fields.Boolean(
        string="Only Municipalities of the User's Scope",
        compute="_compute_ms_scope_choices",
    )
    ms_limit_state_choice = fields.Boolean(
        string="Only States of the User's Scope", compute="_compute_ms_scope_choices"
    )
    ms_limit_sector_choice = fields.Boolean(
        string="Only Sectors of the User's Scope", compute="_compute_ms_scope_choices"
    )

    @api.depends_context("uid")
    @api.depends(lambda self: self._ms_scope_paths)
    def _compute_ms_scope_choices(self):
        user = self.env.user
        scoped = user.ms_scoped()
        states, sectors = user.ms_scope_state_ids, user.ms_scope_sector_ids
        cities = user.ms_scope_city_ids
        state_path, sector_path, city_path = self._ms_scope_paths
        several = self._fields[sector_path].type == "many2many"
        for record in self:
            has_sector = bool(record[sector_path] & sectors)
            has_state = bool(record[state_path] & states)
            has_city = bool(record[city_path] & cities)
            record.ms_user_scoped = scoped
            record.ms_user_scope_state_ids = states | cities.state_id
            record.ms_user_scope_sector_ids = sectors
            record.ms_user_scope_city_ids = cities
            record.ms_limit_state_choice = (
                scoped and bool(states or cities) and not has_sector
            )
            record.ms_limit_city_choice = (
                scoped and bool(cities) and not has_state and not has_sector
            )
            record.ms_limit_sector_choice = (
                scoped
                and bool(sectors)
                and not has_state
                and not has_city
                and not (several and has_sector)
            )
