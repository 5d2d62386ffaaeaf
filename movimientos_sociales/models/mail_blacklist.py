from odoo import models
from odoo.exceptions import UserError

from .ms_workflow_mixin import ms_in_transition


class MailBlacklist(models.Model):
    """The blacklist entry of a person blocked by an ARCO cancellation keeps
    them out of every mailing: only the ARCO request removes it (when the person
    is anonymized), not an email-marketing user."""

    _inherit = "mail.blacklist"

    def write(self, vals):
        if ("active" in vals and not vals["active"]) or "email" in vals:
            self._ms_check_not_blocked()
        return super().write(vals)

    def unlink(self):
        self._ms_check_not_blocked()
        return super().unlink()

    def _ms_check_not_blocked(self):
        if (self.env.su and ms_in_transition()) or not self:
            return
        emails = [email for email in self.sudo().mapped("email") if email]
        blocked = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [("ms_blocked", "=", True), ("email_normalized", "in", emails)],
                limit=1,
            )
        )
        if blocked:
            raise UserError(
                self.env._(
                    "This address can't leave the blacklist now: ask an ARCO "
                    "officer (Coordinador) of Social Movements."
                )
            )
