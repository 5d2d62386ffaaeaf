from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ms_tools import check_unique, in_writer_lang, related_action, set_counts

# ISO 3166 country codes by region of the world; others fall under "other".
_REGION_CODES = {
    "latin_america": "AR BO BR CL CO CR CU DO EC SV GT HN HT MX NI PA PY PE PR UY VE "
    "BZ GY SR GF JM TT BS BB AG DM GD KN LC VC AW CW BQ SX MF BL GP MQ KY TC VG VI "
    "AI MS",
    "north_america": "US CA GL PM BM",
    "europe": "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU "
    "IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM "
    "UA VA XK AX",
    "africa": "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW "
    "KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ "
    "TD TG TN TZ UG YT ZA ZM ZW",
    "middle_east": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "asia": "AF AM AZ BD BN BT CN GE HK ID IN JP KG KH KP KR KZ LA LK MM MN MO MV MY "
    "NP PH PK SG TH TJ TL TM TW UZ VN",
    "oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU "
    "WF WS",
}
COUNTRY_REGION = {
    code: region for region, codes in _REGION_CODES.items() for code in codes.split()
}
REGIONS = [
    ("latin_america", "Latin America and the Caribbean"),
    ("north_america", "North America"),
    ("europe", "Europe"),
    ("africa", "Africa"),
    ("middle_east", "Middle East"),
    ("asia", "Asia"),
    ("oceania", "Oceania"),
    ("other", "Other"),
]


class MsInternationalRelation(models.Model):
    """The commission's relation with a social organization of another country."""

    _name = "ms.international.relation"
    _description = "International Relation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "country_id, partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Foreign Organization",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True), ('country_id.code', '!=', 'MX')]",
    )
    country_id = fields.Many2one(
        related="partner_id.country_id", store=True, index=True
    )
    region = fields.Selection(
        REGIONS, compute="_compute_region", store=True, string="Region of the World"
    )
    relation_type = fields.Selection(
        [
            ("solidarity", "Solidarity"),
            ("exchange", "Exchange"),
            ("cooperation", "Cooperation"),
            ("network", "Network or Forum"),
            ("twinning", "Twinning"),
        ],
        string="Type of Relation",
        required=True,
        default="solidarity",
        tracking=True,
    )
    date_since = fields.Date(string="Since", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    status = fields.Selection(
        [("active", "Current"), ("latent", "Latent"), ("suspended", "Suspended")],
        default="active",
        required=True,
        tracking=True,
    )
    sector_ids = fields.Many2many(
        "ms.sector",
        "ms_international_relation_sector_rel",
        "relation_id",
        "sector_id",
        string="Sectors",
    )
    topic_ids = fields.Many2many(
        "ms.topic",
        "ms_international_relation_topic_rel",
        "relation_id",
        "topic_id",
        string="Topics",
    )
    notes = fields.Html()
    exchange_ids = fields.One2many(
        "ms.international.exchange", "relation_id", string="Exchanges"
    )
    exchange_count = fields.Integer(compute="_compute_exchange_count")
    agreement_ids = fields.One2many(
        "ms.agreement", "relation_id", string="Agreements", copy=False
    )
    color = fields.Integer()

    _partner_uniq = models.Constraint(
        "UNIQUE(partner_id)", "There is already a relation with this organization."
    )

    @api.constrains("partner_id")
    def _check_partner_uniq(self):
        check_unique(self, ["partner_id"], "partner_uniq")

    @api.depends("country_id.code")
    def _compute_region(self):
        for relation in self:
            relation.region = COUNTRY_REGION.get(relation.country_id.code, "other")

    def _compute_exchange_count(self):
        set_counts(self, "exchange_count", "ms.international.exchange", "relation_id")

    @api.constrains("partner_id")
    def _check_partner(self):
        for relation in self:
            partner = relation.partner_id
            if not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "“%s” is a person: an international relation is with an "
                        "organization.",
                        partner.name,
                    )
                )
            if not partner.country_id or partner.country_id.code == "MX":
                raise ValidationError(
                    self.env._(
                        "“%s” must be a foreign organization: set its country, "
                        "other than Mexico.",
                        partner.name,
                    )
                )

    def unlink(self):
        # Through the ORM, so that their calendar events go with them.
        self.exchange_ids.unlink()
        return super().unlink()

    def action_view_exchanges(self):
        return related_action(
            self, "movimientos_sociales.ms_international_exchange_action", "relation_id"
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("International relation created")
