from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from .ms_tools import constraint_error, in_writer_lang

PURPOSES = [
    ("contact", "Contact"),
    ("mass_communications", "Mass Communications"),
    ("sensitive_data", "Processing of Sensitive Data"),
]


class MsConsent(models.Model):
    """Consent given by a person for a purpose, with its evidence and the
    privacy notice version accepted; valid until revoked."""

    _name = "ms.consent"
    _description = "Consent"
    _inherit = ["mail.thread", "ms.workflow.mixin", "ms.scope.mixin"]
    _order = "date_given desc, id desc"
    _rec_name = "partner_id"
    # A consent is evidence: who, for what, how and when are fixed once it is
    # recorded, and it is revoked only with its button (ms.workflow.mixin).
    _ms_decision_fields = ("date_revoked", "state_reason")
    _ms_frozen_fields = (
        "partner_id",
        "purpose",
        "date_given",
        "channel",
        "privacy_notice_id",
    )

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade"
    )
    purpose = fields.Selection(PURPOSES, required=True, tracking=True)
    date_given = fields.Date(
        string="Given On", required=True, default=fields.Date.context_today
    )
    channel = fields.Selection(
        [
            ("in_person", "In Person"),
            ("paper", "Signed Form"),
            ("email", "Email"),
            ("web", "Web Form"),
            ("phone", "Phone"),
        ],
        required=True,
        default="paper",
    )
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "ms_consent_attachment_rel",
        "consent_id",
        "attachment_id",
        string="Evidence Files",
    )
    privacy_notice_id = fields.Many2one(
        "ms.privacy.notice",
        string="Privacy Notice Version",
        default=lambda self: self.env["ms.privacy.notice"]._current(),
    )
    date_revoked = fields.Date(
        string="Revoked On", tracking=True, index=True, readonly=True, copy=False
    )
    is_valid = fields.Boolean(
        string="Valid", compute="_compute_is_valid", search="_search_is_valid"
    )

    _revocation_after_consent = models.Constraint(
        "CHECK(date_revoked IS NULL OR date_revoked >= date_given)",
        "A consent cannot be revoked before it was given.",
    )

    @api.constrains("date_given", "date_revoked")
    def _check_revocation_after_consent(self):
        for consent in self:
            if consent.date_revoked and consent.date_revoked < consent.date_given:
                raise constraint_error(self, "revocation_after_consent")

    @api.depends("date_given", "date_revoked")
    @api.depends_context("date")
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for consent in self:
            consent.is_valid = consent.date_given <= today and not (
                consent.date_revoked and consent.date_revoked <= today
            )

    def _search_is_valid(self, operator, value):
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return Domain.TRUE
        today = fields.Date.context_today(self)
        valid = Domain("date_given", "<=", today) & (
            Domain("date_revoked", "=", False) | Domain("date_revoked", ">", today)
        )
        return valid if True in value else ~valid

    @api.constrains("partner_id", "purpose", "date_given")
    def _check_given_after_revocation(self):
        # A revocation ends the person's consent for that purpose: a consent
        # given before it can't be recorded afterwards (it would undo it).
        for consent in self:
            revoked = self.search(
                [
                    ("id", "!=", consent.id),
                    ("partner_id", "=", consent.partner_id.id),
                    ("purpose", "=", consent.purpose),
                    ("date_revoked", ">", consent.date_given),
                ],
                limit=1,
            )
            if revoked:
                raise ValidationError(
                    self.env._(
                        "%(person)s revoked this consent on %(date)s: a consent "
                        "given before that date can't be recorded.",
                        person=consent.partner_id.display_name,
                        date=format_date(self.env, revoked.date_revoked),
                    )
                )

    def copy(self, default=None):
        if not self.env.su:
            raise UserError(
                self.env._("A consent is evidence: record a new one, as it was given.")
            )
        return super().copy(default)

    def action_revoke(self, reason=None):
        """Revoke the person's consent for the purpose: every valid consent of
        theirs for it."""
        values = {"date_revoked": fields.Date.context_today(self)}
        if reason:
            values["state_reason"] = reason.strip()
        revoked = {(consent.partner_id, consent.purpose) for consent in self}
        consents = self.search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("purpose", "in", self.mapped("purpose")),
                ("date_revoked", "=", False),
            ]
        ).filtered(lambda consent: (consent.partner_id, consent.purpose) in revoked)
        return (consents | self.filtered(lambda c: not c.date_revoked))._ms_decide(
            values
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Consent recorded")
