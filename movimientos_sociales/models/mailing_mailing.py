from odoo import api, fields, models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    ms_conference_id = fields.Many2one(
        "ms.conference",
        string="Conference",
        index="btree_not_null",
        ondelete="set null",
        help="The conference this mailing invites to.",
    )
    ms_audience_count = fields.Integer(
        string="Audience",
        compute="_compute_ms_audience_count",
        help="Addresses this mailing will reach: contacts of the domain with an "
        "email, without blacklisted addresses, each address once.",
    )

    @api.depends("mailing_model_real", "mailing_domain")
    def _compute_ms_audience_count(self):
        Partner = self.env["res.partner"]
        for mailing in self:
            mailing.ms_audience_count = (
                Partner._ms_mailing_audience_count(mailing._parse_mailing_domain())
                if mailing.mailing_model_real == "res.partner"
                else 0
            )
