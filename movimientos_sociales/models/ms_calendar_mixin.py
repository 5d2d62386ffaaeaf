from babel.dates import get_timezone, get_timezone_location

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, format_time
from odoo.tools.misc import babel_locale_parse

CALENDAR_SYNC_FIELDS = frozenset(
    {"name", "date_start", "date_end", "location", "videocall_location"}
)


class MsCalendarMixin(models.AbstractModel):
    """Owns one calendar.event per record and keeps it in sync (name, dates,
    place, videocall, attendees), so that conferences, sessions and exchanges
    appear in Odoo's Calendar and attendees get its invitations and RSVP."""

    _name = "ms.calendar.mixin"
    _description = "Social Movements Calendar Link"

    # Fields whose change is pushed to the event; models add theirs.
    _ms_calendar_sync_fields = CALENDAR_SYNC_FIELDS

    calendar_event_id = fields.Many2one(
        "calendar.event",
        copy=False,
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    location = fields.Char(string="Place", tracking=True)
    videocall_location = fields.Char(string="Videocall URL")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for record in self:
            if (
                record.date_start
                and record.date_end
                and record.date_end <= record.date_start
            ):
                raise ValidationError(
                    self.env._("“%s” must end after it starts.", record.display_name)
                )

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start and (not self.date_end or self.date_end <= self.date_start):
            self.date_end = fields.Datetime.add(self.date_start, hours=2)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._ms_sync_calendar()
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._ms_calendar_sync_fields & set(vals):
            self._ms_sync_calendar()
        if vals.get("state") == "cancelled":
            # A cancelled meeting leaves the attendees' calendars.
            self.calendar_event_id.with_env(self._ms_event_model().env).active = False
        return result

    def unlink(self):
        events = self.calendar_event_id
        result = super().unlink()
        # The event belongs to the record, whose deletion was just allowed.
        events.with_env(self._ms_event_model().env).unlink()
        return result

    # Hooks -------------------------------------------------------------------

    def _ms_calendar_partners(self):
        """The partners invited to the event of this record."""
        return self.env["res.partner"]

    def _ms_calendar_organizer(self):
        """Who organizes the event: set once (by whoever created the record),
        not whoever edits it last."""
        return self.calendar_event_id.user_id or self.env.user

    def _ms_calendar_privacy(self):
        """Events are private by default: only their attendees see the details
        in Odoo's Calendar (political activity is sensitive data)."""
        return "private"

    def _ms_calendar_values(self):
        self.ensure_one()
        return {
            "name": self.display_name,
            "start": self.date_start,
            "stop": self.date_end,
            "location": self.location or False,
            "videocall_location": self.videocall_location or False,
            "user_id": self._ms_calendar_organizer().id,
            "privacy": self._ms_calendar_privacy(),
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _ms_sync_calendar(self):
        # Called once the record itself was created or written: its access rules
        # passed, and the event it owns follows it whoever organizes the event
        # (a private event refuses writes from non-attendees), hence sudo.
        # An empty activity command: the event must not add a "meeting" to-do
        # on the record, which has its own states and activities.
        # Only what changed is written, attendees are linked and unlinked, and
        # Odoo's own invitations and "date updated" mails are off: the addon's
        # events write to nobody; invitations go through the mailing, which
        # honours consent, blacklist and unsubscribe.
        Event = self._ms_event_model()
        for record in self:
            values = record._ms_calendar_values()
            partners = (
                record._ms_calendar_partners()
                .sudo()
                .filtered(lambda partner: not partner.ms_blocked)
            )
            event = record.calendar_event_id.with_env(Event.env)
            if not event:
                values["partner_ids"] = [Command.set(partners.ids)]
                values["activity_ids"] = [Command.clear()]
                values["alarm_ids"] = [Command.clear()]
                record.calendar_event_id = Event.create(values)
                continue
            changed = {
                name: value
                for name, value in values.items()
                if event._fields[name].convert_to_write(event[name], event)
                != event._fields[name].convert_to_write(
                    event._fields[name].convert_to_cache(value, event), event
                )
            }
            current = event.partner_ids
            commands = [Command.link(partner.id) for partner in partners - current]
            commands += [Command.unlink(partner.id) for partner in current - partners]
            if commands:
                changed["partner_ids"] = commands
            if changed:
                event.write(changed)

    def _ms_tz(self):
        """The timezone dates of the record are shown in to people."""
        return self.env.user.tz or "America/Mexico_City"

    def _ms_when(self, value=None):
        """Date and time in the record's timezone, in the reader's language,
        without seconds: "martes 15/12/2026, 10:00 (hora de Ciudad de México)"."""
        self.ensure_one()
        value = value or self.date_start
        if not value:
            return ""
        tz = self._ms_tz()
        local = fields.Datetime.context_timestamp(self.with_context(tz=tz), value)
        city = get_timezone_location(
            get_timezone(tz),
            locale=babel_locale_parse(self.env.lang or "en_US"),
            return_city=True,
        )
        return self.env._(
            "%(date)s, %(time)s (%(city)s time)",
            date=format_date(self.env, local.date(), date_format="EEEE dd/MM/yyyy"),
            time=format_time(self.env, local.time(), time_format="HH:mm"),
            city=city,
        )

    def _ms_event_model(self):
        """calendar.event as the addon writes it: as superuser (the event
        follows its record, whose access rules already passed; a private event
        refuses writes from non-attendees), without any mail to attendees."""
        return (
            self.env["calendar.event"]
            .sudo()
            .with_context(
                no_mail_to_attendees=True,
                skip_attendee_notification=True,
                skip_contact_description=True,
                mail_create_nosubscribe=True,
                mail_create_nolog=True,
            )
        )

    def action_open_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }
