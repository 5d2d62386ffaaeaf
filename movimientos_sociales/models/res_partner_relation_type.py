from odoo import fields, models
from odoo.exceptions import AccessError


class ResPartnerRelationType(models.Model):
    """OCA partner_multi_relation's relation types. The commission's own
    (member of, leader of, influences, referred by, family of, works with)
    say something about people's political activity: their relations are
    the commission's, read by its members within their scope only (see
    res.users._ms_relation_rule_domain)."""

    _inherit = "res.partner.relation.type"

    ms_commission = fields.Boolean(
        string="Commission's Relation",
        help="The relations of this type are the commission's: only its members "
        "read them, within their scope, and they appear on the network of "
        "alliances.",
    )

    def write(self, vals):
        # what makes a type the commission's is its Administrador's to say:
        # another manager of types would hide its relations, or publish them
        if (
            "ms_commission" in vals
            and not self.env.su
            and not self.env.user.has_group("movimientos_sociales.group_ms_manager")
            and any(kind.ms_commission != bool(vals["ms_commission"]) for kind in self)
        ):
            raise AccessError(
                self.env._(
                    "Only the commission's Administrador marks a relation type as "
                    "the commission's or unmarks it."
                )
            )
        return super().write(vals)
