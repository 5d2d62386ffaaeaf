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
    """Odoo hides the values of a private event from non-attendees when it reads
    them, not when it searches: a domain or an order on its name, place,
    description or attendees would confirm guesses about it. For the
    commission's private meetings, such searches only see them for their
    organizer, their attendees and the commission."""

    _inherit = "calendar.event"

    @api.model
    def _ms_visible_private_domain(self):
        """The events a search on private fields may see."""
        return (
            Domain("privacy", "!=", "private")
            | Domain("res_model", "not in", MS_EVENT_MODELS)
            | Domain("user_id", "=", self.env.uid)
            | Domain("partner_ids", "in", self.env.user.partner_id.ids)
        )

    @api.model
    def _ms_names_private_fields(self, domain, order):
        public = self._get_public_fields()
        names = {
            condition.field_expr.split(".")[0]
            for condition in Domain(domain).iter_conditions()
        }
        for term in (order or "").split(","):
            if term.strip():
                names.add(term.split()[0].strip('"'))
        return bool(names - public)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if (
            not self.env.su
            and not self.env.user.has_group(COMMISSION)
            and self._ms_names_private_fields(domain, order)
        ):
            domain = Domain(domain) & self._ms_visible_private_domain()
        return super()._search(domain, offset, limit, order, **kwargs)
