from odoo import api, models

from .calendar_event import MS_EVENT_MODELS


class CalendarAttendee(models.Model):
    """The attendees of a commission record's event are its participants or
    members: their answers come from the invitation link (or staff, on the
    record), never through the calendar (which would mail, and could answer
    for somebody else)."""

    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["calendar.event"].browse(
            [vals["event_id"] for vals in vals_list if vals.get("event_id")]
        )
        events._ms_check_managed()
        attendees = super().create(vals_list)
        # no invitation token: Odoo's public accept/decline/view pages (and
        # the other attendees they list) are not for the addon's events;
        # participants answer through the addon's own link
        managed = attendees.sudo().filtered(
            lambda attendee: attendee.event_id.res_model in MS_EVENT_MODELS
        )
        if managed:
            managed.access_token = False
        return attendees

    def write(self, vals):
        self.event_id._ms_check_managed()
        return super().write(vals)

    def unlink(self):
        self.event_id._ms_check_managed()
        return super().unlink()
