from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain

COMMISSION = "movimientos_sociales.group_ms_reader"
# Models whose records own a calendar event (ms.calendar.mixin)
MS_EVENT_MODELS = (
    "ms.conference",
    "ms.session",
    "ms.action",
    "ms.international.exchange",
)


class CalendarEvent(models.Model):
    """The commission's meetings (conferences, sessions, actions, exchanges)
    are political activity: to an internal user outside the commission who
    neither organizes nor attends one, they are what Odoo makes of a private
    event of somebody else (a busy slot: no name, place, description nor
    attendees), and searches don't find them at all, whatever the domain or
    the order (Odoo hides a private event's values when it reads them, not
    when it searches, which would confirm guesses; and a contact's
    `meeting_ids` would list who attends)."""

    _inherit = "calendar.event"

    @api.model
    def _ms_outsider(self):
        return not self.env.su and not self.env.user.has_group(COMMISSION)

    @api.model
    def _ms_visible_domain(self):
        """The events an outsider's search may see."""
        return (
            Domain("res_model", "not in", MS_EVENT_MODELS)
            | Domain("user_id", "=", self.env.uid)
            | Domain("partner_ids", "in", self.env.user.partner_id.ids)
        )

    def _check_private_event_conditions(self):
        if (
            self.sudo().res_model in MS_EVENT_MODELS
            and self._ms_outsider()
            and self.user_id.id != self.env.uid
            and self.env.user.partner_id not in self.sudo().partner_ids
        ):
            return True
        return super()._check_private_event_conditions()

    @api.model
    def _ms_scoped_domain(self):
        """The events a scoped commission user's search may see: those of the
        commission's records they may read (actions are scoped by state)."""
        visible = Domain("res_model", "not in", MS_EVENT_MODELS)
        for model in MS_EVENT_MODELS:
            visible |= Domain("res_model", "=", model) & Domain(
                "res_id", "in", self.env[model]._search([])
            )
        return visible | Domain("user_id", "=", self.env.uid)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if self._ms_outsider():
            domain = Domain(domain) & self._ms_visible_domain()
        elif not self.env.su and self.env.user.ms_scoped():
            domain = Domain(domain) & self._ms_scoped_domain()
        return super()._search(domain, offset, limit, order, **kwargs)

    # The event of a commission record follows its record ---------------------

    def _ms_check_managed(self):
        """An event of a conference, session, action or exchange is written only
        by the addon (as superuser, with Odoo's calendar mails off): through the
        calendar, a user would rewrite what the record says, or get Odoo to
        mail its attendees (invitations, "date updated", reminders), without
        consent, blacklist or scope."""
        if self.env.su:
            return
        managed = self.sudo().filtered(lambda event: event.res_model in MS_EVENT_MODELS)
        if managed:
            # its name only to those who may read it
            name = (
                managed[0].name
                if not self._ms_outsider()
                else self.env._("This meeting")
            )
            raise UserError(
                self.env._(
                    "“%s” is the calendar entry of a record of Social Movements: "
                    "change the record itself (its dates, place and people); its "
                    "invitations go by email marketing.",
                    name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            models = self.env["ir.model"].sudo()
            for vals in vals_list:
                model = vals.get("res_model") or (
                    models.browse(vals["res_model_id"]).model
                    if vals.get("res_model_id")
                    else self.env.context.get("default_res_model")
                )
                if model in MS_EVENT_MODELS:
                    raise UserError(
                        self.env._(
                            "The calendar entries of Social Movements are created "
                            "by their records (conferences, sessions, actions, "
                            "exchanges)."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        self._ms_check_managed()
        return super().write(vals)

    def unlink(self):
        self._ms_check_managed()
        return super().unlink()

    def copy(self, default=None):
        # a copy is an ordinary event with the same attendees: Odoo invites them
        self._ms_check_managed()
        return super().copy(default=default)

    def message_post(self, **kwargs):
        # nor does its chatter write to its attendees (or anyone)
        self._ms_check_managed()
        return super().message_post(**kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        self._ms_check_managed()
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def action_sendmail(self):
        self._ms_check_managed()
        return super().action_sendmail()

    def action_open_composer(self):
        self._ms_check_managed()
        return super().action_open_composer()

    def action_mass_deletion(self, recurrence_update_setting):
        self._ms_check_managed()
        return super().action_mass_deletion(recurrence_update_setting)

    def action_mass_archive(self, recurrence_update_setting):
        self._ms_check_managed()
        return super().action_mass_archive(recurrence_update_setting)

    def action_unlink_event(self, attendee_id=None, recurrence=False):
        self._ms_check_managed()
        return super().action_unlink_event(
            attendee_id=attendee_id, recurrence=recurrence
        )
