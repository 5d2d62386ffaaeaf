from odoo import api, models
from odoo.exceptions import UserError, ValidationError


class ResPartnerRelation(models.Model):
    """OCA partner_multi_relation's typed, dated relations between people and
    organizations, within the commission's boundary: a relation is read (and
    written) by whoever may read both of its sides (res.users.
    _ms_relation_rule_domain); one that involves someone the commission
    records, or of one of the commission's types, is the commission's only.
    ms.scope.mixin refuses a write that would take a relation where its writer
    may not see it, and a side the writer may not read."""

    _name = "res.partner.relation"
    _inherit = ["res.partner.relation", "ms.scope.mixin"]

    def _ms_raise_out_of_scope(self):
        raise self._ms_out_of_scope_error()

    def _ms_out_of_scope_error(self):
        return UserError(
            self.env._(
                "You may not record this relation: one of its sides is outside "
                "your scope (states: %(states)s; municipalities: "
                "%(municipalities)s; sectors: %(sectors)s) or the relation is "
                "the commission's.",
                **self._ms_user_scope_names(),
            )
        )

    def _check_access(self, operation):
        # a creation outside the rule says why, as a change does
        result = super()._check_access(operation)
        if (
            result
            and operation == "create"
            and self.env["ir.model.access"].check(self._name, operation, False)
        ):
            return result[0], self._ms_out_of_scope_error
        return result

    # The OCA module's messages say "left"/"right" and "socios": say who.

    @api.constrains("left_partner_id", "right_partner_id")
    def _check_not_with_self(self):
        for relation in self:
            if (
                relation.left_partner_id == relation.right_partner_id
                and not relation.type_id.allow_self
            ):
                raise ValidationError(
                    self.env._(
                        "“%(partner)s” cannot have a relation with themselves.",
                        partner=relation.left_partner_id.display_name,
                    )
                )

    def _check_partner(self, side):
        for relation in self:
            kind = relation.type_id[f"{side}_partner_type"]
            partner = relation[f"{side}_partner_id"]
            category = relation.type_id[f"{side}_partner_category_id"]
            if kind == "c" and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "“%(partner)s” is a person: the relation “%(type)s” takes "
                        "an organization there.",
                        partner=partner.display_name,
                        type=relation.type_id.name,
                    )
                )
            if kind == "p" and partner.is_company:
                raise ValidationError(
                    self.env._(
                        "“%(partner)s” is an organization: the relation "
                        "“%(type)s” takes a person there.",
                        partner=partner.display_name,
                        type=relation.type_id.name,
                    )
                )
            if category and category not in partner.category_id:
                raise ValidationError(
                    self.env._(
                        "“%(partner)s” does not have the tag “%(category)s” that "
                        "the relation “%(type)s” requires.",
                        partner=partner.display_name,
                        category=category.name,
                        type=relation.type_id.name,
                    )
                )
