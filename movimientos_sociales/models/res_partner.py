from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .ms_tools import set_counts

COMMISSION = "movimientos_sociales.group_ms_reader"
# Reading these is logged in the audit trail (auditlog.log, method "read").
CADRE_FIELDS = frozenset(
    {
        "ms_is_cadre",
        "ms_cadre_since",
        "ms_cadre_training_level",
        "ms_cadre_committee",
        "ms_insertion_ids",
    }
)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "ms.read.audit.mixin"]
    _ms_audited_fields = CADRE_FIELDS

    ms_sector_ids = fields.Many2many(
        "ms.sector",
        "ms_sector_res_partner_rel",
        "partner_id",
        "sector_id",
        string="Sectors",
        help="Social sectors this contact belongs to or works with.",
    )

    ms_is_authority = fields.Boolean(
        string="Government Office",
        help="A public authority to which citizen demands are addressed.",
    )

    # The organization file behind this contact, if any
    ms_movement_ids = fields.One2many(
        "ms.movement", "partner_id", string="Organization File", groups=COMMISSION
    )

    # Party cadres: sensitive, visible to the commission's groups only
    ms_is_cadre = fields.Boolean(string="Party Cadre", groups=COMMISSION)
    ms_cadre_since = fields.Date(string="Cadre Since", groups=COMMISSION)
    ms_cadre_training_level = fields.Selection(
        [
            ("basic", "Basic"),
            ("intermediate", "Intermediate"),
            ("advanced", "Advanced"),
            ("leadership", "Leadership School"),
        ],
        string="Training Level",
        groups=COMMISSION,
    )
    ms_cadre_committee = fields.Char(
        string="Party Committee",
        groups=COMMISSION,
        help="Party body the cadre belongs to, e.g. Comisión Ejecutiva Estatal.",
    )
    ms_consent_ids = fields.One2many(
        "ms.consent", "partner_id", string="Consents", groups=COMMISSION
    )
    ms_insertion_ids = fields.One2many(
        "ms.cadre.insertion", "cadre_id", string="Insertions", groups=COMMISSION
    )
    ms_insertion_count = fields.Integer(
        compute="_compute_ms_insertion_count", groups=COMMISSION
    )

    def _compute_ms_insertion_count(self):
        set_counts(self, "ms_insertion_count", "ms.cadre.insertion", "cadre_id")

    def _ms_audit_targets(self):
        return self.filtered_domain([("ms_is_cadre", "=", True)])

    @api.model
    def _ms_consent_domain(self):
        """Partners a mailing of the addon may reach: with the setting "require
        consent" on, only those with a valid consent for mass communications."""
        if not self.env.company.ms_require_consent:
            return Domain.TRUE
        # As a subquery on consents, so that email-marketing users outside the
        # commission (who can't read consents) can still count and send.
        consents = (
            self.env["ms.consent"]
            .sudo()
            ._search([("purpose", "=", "mass_communications"), ("is_valid", "=", True)])
        )
        return Domain("id", "in", consents.subselect("partner_id"))

    @api.model
    def _ms_mailing_audience_count(self, domain):
        """How many addresses a partner mailing on `domain` reaches: distinct
        normalized emails, without the active blacklist, as the mailing sends.

        Odoo's `is_blacklisted = False` filter becomes a subquery that PostgreSQL
        checks partner by partner (about 15x a plain count on 100k contacts);
        NOT EXISTS keeps the count close to a plain search_count. Record rules
        apply through _search."""
        query = self._search(Domain.AND([domain, [("email_normalized", "!=", False)]]))
        email = self._field_to_sql(query.table, "email_normalized", query)
        query.add_where(
            SQL(
                "NOT EXISTS (SELECT 1 FROM mail_blacklist bl"
                " WHERE bl.email = %s AND bl.active)",
                email,
            )
        )
        # execute_query flushes what the SQL reads; the blacklist is plain SQL here
        self.env["mail.blacklist"].flush_model(["email", "active"])
        return self.env.execute_query(query.select(SQL("COUNT(DISTINCT %s)", email)))[
            0
        ][0]

    def action_ms_view_insertions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "movimientos_sociales.ms_cadre_insertion_action"
        )
        action["domain"] = [("cadre_id", "=", self.id)]
        action["context"] = {"default_cadre_id": self.id}
        return action

    def action_ms_view_movement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ms.movement",
            "view_mode": "form",
            "res_id": self.ms_movement_ids[:1].id,
        }

    # ARCO cancellation ---------------------------------------------------------

    def _ms_block(self):
        """First step of a cancellation: out of mailings, searches and exports,
        data kept during the retention period."""
        for partner in self:
            if partner.email:
                self.env["mail.blacklist"]._add(
                    partner.email, message=self.env._("ARCO cancellation")
                )
        self.ms_movement_ids.active = False
        self.active = False

    def _ms_anonymize(self):
        """Second step: personal data scrubbed (OCA privacy_partner_to_be_forgotten
        plus the commission's own personal fields); aggregates are kept."""
        for partner in self.with_context(active_test=False):
            partner.write(
                {
                    "ms_is_cadre": False,
                    "ms_cadre_since": False,
                    "ms_cadre_training_level": False,
                    "ms_cadre_committee": False,
                }
            )
            partner.ms_consent_ids.evidence_ids.unlink()
            email = partner.email_normalized
            partner.anonymize_partner_data()
            if email:
                # The blacklist entry kept the address out of mailings while
                # blocked; once anonymized, the address is personal data to remove.
                self.env["mail.blacklist"].with_context(active_test=False).search(
                    [("email", "=", email)]
                ).unlink()
