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
    ms_addon_mailing = fields.Boolean(
        string="From Social Movements",
        readonly=True,
        copy=True,
        help="Created by the Social Movements app: the consent setting applies.",
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
                Partner._ms_mailing_audience_count(mailing._get_recipients_domain())
                if mailing.mailing_model_real == "res.partner"
                else 0
            )

    def _get_recipients_domain(self):
        domain = super()._get_recipients_domain()
        if self.ms_addon_mailing and self.mailing_model_real == "res.partner":
            domain &= self.env["res.partner"]._ms_consent_domain()
        return domain
