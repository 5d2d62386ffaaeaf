from odoo import fields, models


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
