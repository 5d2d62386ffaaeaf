from odoo import api, models

CALENDAR_MODELS = ("calendar.event", "calendar.attendee")


def ms_check_calendar_target(env, model, res_ids):
    """Refuse mail (composer, template) or an activity aimed at the event, or
    the attendees, of a commission record: they would reach its people outside
    the addon's invitation (consent, blacklist, scope)."""
    if env.su or model not in CALENDAR_MODELS or not res_ids:
        return
    records = env[model].sudo().browse(res_ids).exists()
    events = records if model == "calendar.event" else records.event_id
    events.with_env(env)._ms_check_managed()


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def send_mail(
        self,
        res_id,
        force_send=False,
        raise_exception=False,
        email_values=None,
        email_layout_xmlid=False,
    ):
        ms_check_calendar_target(self.env, self.model, [res_id])
        return super().send_mail(
            res_id,
            force_send=force_send,
            raise_exception=raise_exception,
            email_values=email_values,
            email_layout_xmlid=email_layout_xmlid,
        )

    def send_mail_batch(self, res_ids, *args, **kwargs):
        ms_check_calendar_target(self.env, self.model, res_ids)
        return super().send_mail_batch(res_ids, *args, **kwargs)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        models_ = self.env["ir.model"].sudo()
        for vals in vals_list:
            model = vals.get("res_model") or (
                models_.browse(vals["res_model_id"]).model
                if vals.get("res_model_id")
                else False
            )
            ms_check_calendar_target(self.env, model, [vals.get("res_id")])
        return super().create(vals_list)
