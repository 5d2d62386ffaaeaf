from odoo import api, models
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
