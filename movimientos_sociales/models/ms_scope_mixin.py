from odoo import api, models
from odoo.exceptions import UserError

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
                "This change would take “%s” out of your scope (states and "
                "sectors): ask a user whose scope covers it.",
                self[:1].display_name,
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
