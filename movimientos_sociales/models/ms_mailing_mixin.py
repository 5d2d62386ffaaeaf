from odoo import api, fields, models
from odoo.fields import Domain


class MsMailingMixin(models.AbstractModel):
    """Reach people by email through Odoo's email marketing: build the partner
    domain of a record (a sector, a conference, a selection of organizations),
    show the audience size, and open a prefilled mailing for review."""

    _name = "ms.mailing.mixin"
    _description = "Social Movements Mailing"

    mailing_audience_count = fields.Integer(
        string="Audience",
        compute="_compute_mailing_audience_count",
        help="Contacts with an email that a mailing would reach, without "
        "blacklisted addresses and counting each address once.",
    )

    def _ms_mailing_model(self):
        """The model the mailing is sent on (contacts unless overridden)."""
        return "res.partner"

    def _ms_mailing_partner_domain(self):
        """Records (of `_ms_mailing_model`) targeted by a mailing about the
        records in self."""
        raise NotImplementedError

    def _ms_mailing_values(self):
        """Subject and body of the mailing; override to prefill an invitation."""
        return {"subject": ", ".join(self.mapped("display_name"))}

    def _compute_mailing_audience_count(self):
        Partner = self.env["res.partner"]
        for record in self:
            domain = Domain(record._ms_mailing_partner_domain())
            model = record._ms_mailing_model()
            if model != "res.partner":
                # the audience is the people of those records
                domain = Domain(
                    "id",
                    "in",
                    self.env[model]._search(domain).subselect("partner_id"),
                )
            record.mailing_audience_count = Partner._ms_mailing_audience_count(
                domain & Partner._ms_consent_domain()
            )

    @api.model
    def _ms_partner_mailing_domain(self, domain):
        """The domain stored on the mailing: the target, with an email (contacts
        and participants have an `email` field)."""
        return Domain.AND([domain, [("email", "!=", False)]])

    def action_ms_send_mailing(self):
        domain = self._ms_partner_mailing_domain(self._ms_mailing_partner_domain())
        values = {
            "mailing_type": "mail",
            "mailing_model_id": self.env["ir.model"]._get_id(self._ms_mailing_model()),
            "mailing_domain": repr(list(domain)),
            "ms_addon_mailing": True,
            **self._ms_mailing_values(),
        }
        values.setdefault("subject", self.env._("Invitation"))
        mailing = self.env["mailing.mailing"].create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
            "target": "current",
        }
