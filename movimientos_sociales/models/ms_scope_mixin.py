from odoo import models
from odoo.exceptions import UserError


class MsScopeMixin(models.AbstractModel):
    """Records scoped by states and sectors (the `*_rule_scope` rules). Odoo
    checks record rules on the records a user writes, before the write, not
    where the write takes them: this checks them again after, so that a scoped
    user can't move a record out of their scope (which would also get around
    the refused creation out of scope)."""

    _name = "ms.scope.mixin"
    _description = "Social Movements Scoped Record"

    def write(self, vals):
        result = super().write(vals)
        if not self.env.su and self._check_access("write"):
            raise UserError(
                self.env._(
                    "This change would take “%s” out of your scope (states and "
                    "sectors): ask a user whose scope covers it.",
                    self[:1].display_name,
                )
            )
        return result
