from odoo import api, fields, models

from .ms_tools import check_unique, in_writer_lang, set_counts


class MsPrivacyNotice(models.Model):
    """A version of the aviso de privacidad shown to the people whose data the
    commission records. Consents point to the version they accepted."""

    _name = "ms.privacy.notice"
    _description = "Privacy Notice"
    _inherit = ["mail.thread"]
    _order = "date_published desc, id desc"
    _rec_name = "version"

    version = fields.Char(required=True, tracking=True, help="e.g. 2026-1")
    kind = fields.Selection(
        [("full", "Full"), ("simplified", "Simplified")],
        required=True,
        default="full",
    )
    date_published = fields.Date(
        string="Published On", required=True, default=fields.Date.context_today
    )
    text = fields.Html(required=True)
    active = fields.Boolean(default=True)
    consent_count = fields.Integer(compute="_compute_consent_count")

    _version_uniq = models.Constraint(
        "UNIQUE(version, kind)", "This version of the privacy notice already exists."
    )

    @api.constrains("version", "kind")
    def _check_version_uniq(self):
        check_unique(self, ["version", "kind"], "version_uniq")

    def _compute_consent_count(self):
        set_counts(self, "consent_count", "ms.consent", "privacy_notice_id")

    @api.model
    def _current(self):
        return self.search([("date_published", "<=", fields.Date.today())], limit=1)

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Privacy notice created")
