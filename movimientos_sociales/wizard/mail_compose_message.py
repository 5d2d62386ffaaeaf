from odoo import models

from ..models.mail_guard import ms_check_calendar_target


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        for composer in self:
            res_ids = composer._evaluate_res_ids() if composer.model else []
            ms_check_calendar_target(self.env, composer.model, res_ids)
        return super()._action_send_mail(auto_commit=auto_commit)
