from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .ms_workflow_mixin import ms_in_transition


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

    @api.model_create_multi
    def create(self, vals_list):
        self._ms_check_sides(
            vals_list,
            "create",
            active_id=self.env.context.get("active_model") in (None, "res.partner")
            and self.env.context.get("active_id"),
        )
        return super().create(vals_list)

    def write(self, vals):
        if {"left_partner_id", "right_partner_id", "type_id"} & vals.keys():
            self._ms_check_sides(
                [
                    {
                        "left_partner_id": vals.get(
                            "left_partner_id", relation.left_partner_id.id
                        ),
                        "right_partner_id": vals.get(
                            "right_partner_id", relation.right_partner_id.id
                        ),
                        "type_id": vals.get("type_id", relation.type_id.id),
                    }
                    for relation in self
                ],
                "write",
            )
        return super().write(vals)

    @api.model
    def _ms_check_sides(self, vals_list, operation, active_id=False):
        """Before Odoo's checks (its constraints run as superuser, so their
        answers would tell whether a hidden relation exists): nobody relates a
        person blocked by ARCO; outside the commission's staff, nobody records
        one of its relations (of its types, or about the people it records)."""
        if self.env.su or not self.env["ir.model.access"].check(
            self._name, operation, False
        ):
            return  # Odoo's refusal

        def sides(vals):
            ids = (
                vals.get("left_partner_id") or active_id,
                vals.get("right_partner_id"),
            )
            return {id_ for id_ in ids if isinstance(id_, int)}

        # read once for all the values (as superuser: the rules don't decide)
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse(set().union(*map(sides, vals_list)))
            .exists()
        )
        blocked = set(partners.filtered("ms_blocked").ids)
        recorded = set(partners.filtered("ms_recorded").ids)
        staff = self.env.user.has_group("movimientos_sociales.group_ms_user")
        commission_types = (
            set()
            if staff
            else set(
                self.env["res.partner.relation.type"]
                .sudo()
                .search([("ms_commission", "=", True)])
                .ids
            )
        )
        for vals in vals_list:
            if sides(vals) & blocked and not ms_in_transition():
                raise UserError(
                    self.env._(
                        "A person blocked by an ARCO request gets no new relation."
                    )
                )
            if not staff and (
                vals.get("type_id") in commission_types or sides(vals) & recorded
            ):
                self._ms_raise_out_of_scope()

    @api.constrains(
        "left_partner_id", "type_id", "right_partner_id", "date_start", "date_end"
    )
    def _check_relation_uniqueness(self):
        # the OCA check, among the relations the writer may read: run as
        # superuser, it would tell of one they may not
        for relation in self:
            domain = Domain(
                [
                    ("type_id", "=", relation.type_id.id),
                    ("id", "!=", relation.id),
                    ("left_partner_id", "=", relation.left_partner_id.id),
                    ("right_partner_id", "=", relation.right_partner_id.id),
                ]
            )
            if relation.date_start:
                domain &= Domain("date_end", "=", False) | Domain(
                    "date_end", ">=", relation.date_start
                )
            if relation.date_end:
                domain &= Domain("date_start", "=", False) | Domain(
                    "date_start", "<=", relation.date_end
                )
            if self.sudo(False).search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "“%(left)s” and “%(right)s” already have a relation "
                        "“%(type)s” at those dates.",
                        left=relation.left_partner_id.display_name,
                        right=relation.right_partner_id.display_name,
                        type=relation.type_id.name,
                    )
                )

    @api.depends(
        "left_partner_id.display_name",
        "type_id.name",
        "right_partner_id.display_name",
    )
    @api.depends_context("current_partner_id")
    def _compute_display_name(self):
        # the contacts' display names (a person blocked by ARCO is not named)
        current = self._get_current_partner()
        for relation in self:
            left, right = relation.left_partner_id, relation.right_partner_id
            name = relation.type_id.name or ""
            if right and right == current:
                left, right = right, left
                name = relation.type_id.name_inverse or ""
            relation.display_name = " ".join(
                filter(None, [left.display_name, name, right.display_name])
            )

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
