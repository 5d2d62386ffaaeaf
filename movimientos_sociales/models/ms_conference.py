from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_datetime, is_html_empty

from .ms_calendar_mixin import CALENDAR_SYNC_FIELDS
from .ms_tools import related_action, set_counts


class MsConference(models.Model):
    """A sectoral conference: on Odoo's calendar, with invitations by email
    marketing, participants and their attendance, and resolutions."""

    _name = "ms.conference"
    _description = "Sectoral Conference"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ms.calendar.mixin",
        "ms.mailing.mixin",
        "ms.workflow.mixin",
        "ms.scope.mixin",
    ]
    _order = "date_start desc, id desc"
    _ms_reason_actions = ("action_cancel",)

    name = fields.Char(required=True, tracking=True)
    conference_type = fields.Selection(
        [
            ("sectoral", "Sectoral"),
            ("intersectoral", "Intersectoral"),
            ("regional", "Regional"),
            ("national", "National"),
            ("international", "International"),
        ],
        string="Type",
        required=True,
        default="sectoral",
        tracking=True,
    )
    sector_ids = fields.Many2many(
        "ms.sector",
        "ms_conference_sector_rel",
        "conference_id",
        "sector_id",
        string="Sectors",
    )
    movement_ids = fields.Many2many(
        "ms.movement",
        "ms_conference_movement_rel",
        "conference_id",
        "movement_id",
        string="Invited Organizations",
    )
    organizer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    state_id = fields.Many2one(
        "res.country.state",
        domain="[('country_id.code', '=', 'MX')]",
        help="Mexican state where the conference takes place, if any.",
    )
    agenda = fields.Html()
    objectives = fields.Html()
    minutes = fields.Html(help="Required to close the conference.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("convened", "Convened"),
            ("held", "Held"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    color = fields.Integer()

    participant_ids = fields.One2many(
        "ms.conference.participant", "conference_id", string="Participants", copy=False
    )
    agreement_ids = fields.One2many(
        "ms.agreement", "conference_id", string="Resolutions", copy=False
    )
    agreement_count = fields.Integer(compute="_compute_agreement_count")
    mailing_ids = fields.One2many(
        "mailing.mailing", "ms_conference_id", string="Mailings", copy=False
    )
    mailing_count = fields.Integer(compute="_compute_mailing_count")

    # Figures, computed from the participants in one grouped query
    invited_count = fields.Integer(
        string="Invited", compute="_compute_figures", store=True, aggregator="sum"
    )
    confirmed_count = fields.Integer(
        string="Confirmed", compute="_compute_figures", store=True, aggregator="sum"
    )
    attended_count = fields.Integer(
        string="Attended", compute="_compute_figures", store=True, aggregator="sum"
    )
    attendance_rate = fields.Float(
        compute="_compute_figures",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Participants who attended, out of those invited (%).",
    )

    _ms_calendar_sync_fields = CALENDAR_SYNC_FIELDS | {"organizer_id"}

    @api.depends("participant_ids.rsvp", "participant_ids.attended")
    def _compute_figures(self):
        rows = self.env["ms.conference.participant"]._read_group(
            [("conference_id", "in", self.ids)],
            ["conference_id", "rsvp", "attended"],
            ["__count"],
        )
        figures = {conference: [0, 0, 0] for conference in self}
        for conference, rsvp, attended, count in rows:
            figures[conference][0] += count
            figures[conference][1] += count if rsvp == "accepted" else 0
            figures[conference][2] += count if attended else 0
        for conference in self:
            invited, confirmed, attended = figures[conference]
            conference.invited_count = invited
            conference.confirmed_count = confirmed
            conference.attended_count = attended
            conference.attendance_rate = 100.0 * attended / invited if invited else 0.0

    def _compute_agreement_count(self):
        set_counts(self, "agreement_count", "ms.agreement", "conference_id")

    def _compute_mailing_count(self):
        set_counts(self, "mailing_count", "mailing.mailing", "ms_conference_id")

    # Calendar ------------------------------------------------------------------

    def _ms_calendar_partners(self):
        # All participants, also those outside the editing user's scope.
        return self.sudo().participant_ids.partner_id | self.organizer_id.partner_id

    def _ms_calendar_privacy(self):
        # A conference is convened publicly, by email marketing.
        return "public"

    def _ms_calendar_organizer(self):
        return self.organizer_id or super()._ms_calendar_organizer()

    def _ms_sync_calendar(self):
        result = super()._ms_sync_calendar()
        # Link each participant to its attendee: the RSVP is read from it.
        for conference in self:
            attendees = {
                attendee.partner_id: attendee
                for attendee in conference.calendar_event_id.sudo().attendee_ids
            }
            for participant in conference.sudo().participant_ids:
                attendee = attendees.get(participant.partner_id)
                if participant.attendee_id != attendee:
                    participant.attendee_id = attendee
        return result

    # Mailing -------------------------------------------------------------------

    def _ms_mailing_partner_domain(self):
        # Contacts of the sectors, and the invited organizations with their people
        # (all of them: a conference is national, whoever sends the invitation)
        movements = self.sudo().movement_ids
        return Domain.OR(
            [
                Domain("ms_sector_ids", "child_of", self.sector_ids.ids)
                if self.sector_ids
                else Domain.FALSE,
                Domain("commercial_partner_id", "in", movements.partner_id.ids)
                if movements
                else Domain.FALSE,
            ]
        )

    def _ms_mailing_values(self):
        self.ensure_one()
        when = format_datetime(self.env, self.date_start, dt_format="long")
        where = self.location or self.videocall_location or ""
        body = Markup(
            "<div><p>%(greeting)s</p><h2>%(name)s</h2>"
            "<p><strong>%(when_label)s</strong> %(when)s<br/>"
            "<strong>%(where_label)s</strong> %(where)s</p>%(agenda)s</div>"
        ) % {
            "greeting": self.env._("You are invited to the conference:"),
            "name": self.name,
            "when_label": self.env._("When:"),
            "when": when,
            "where_label": self.env._("Where:"),
            "where": where,
            "agenda": ""
            if is_html_empty(self.agenda)
            else Markup("<h3>%s</h3>%s") % (self.env._("Agenda"), self.agenda),
        }
        return {
            "subject": self.env._("Invitation: %s", self.name),
            "body_arch": body,
            "body_html": body,
            "ms_conference_id": self.id,
        }

    def action_ms_send_mailing(self):
        self.ensure_one()
        if not self.sector_ids and not self.movement_ids:
            raise UserError(
                self.env._("Choose the sectors or organizations to invite first.")
            )
        return super().action_ms_send_mailing()

    # Lifecycle: draft -> convened -> held -> closed (minutes) | cancelled --------

    def action_convene(self):
        return self._ms_move(("draft",), "convened", self.env._("Convening"))

    def action_mark_held(self):
        return self._ms_move(("convened",), "held", self.env._("Marking as held"))

    def action_close(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("close a conference"),
        )
        self._ms_check_state(("held",), self.env._("Closing"))
        missing = self.filtered(lambda c: is_html_empty(c.minutes))
        if missing:
            raise UserError(
                self.env._(
                    "Write the minutes of “%s” before closing it.", missing[0].name
                )
            )
        return self._ms_decide({"state": "closed"})

    def action_cancel(self, reason=None):
        reason = self._ms_check_reason(reason)
        return self._ms_move(
            ("draft", "convened"),
            "cancelled",
            self.env._("Cancelling"),
            state_reason=reason,
        )

    def action_view_mailings(self):
        return related_action(
            self, "mass_mailing.mailing_mailing_action_mail", "ms_conference_id"
        )

    def action_view_agreements(self):
        return related_action(
            self, "movimientos_sociales.ms_agreement_action", "conference_id"
        )

    def action_invite_sectors(self):
        """Add the sectors' and invited organizations' contacts as participants."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        partners = (
            Partner.search(
                [("is_company", "=", False), *self._ms_mailing_partner_domain()]
            )
            | self.sudo().movement_ids.partner_id
        )
        # The conference invites its sectors' people in every state: once the user
        # may edit the conference, participants are added whatever their scope.
        self.check_access("write")
        new = partners - self.sudo().participant_ids.partner_id
        self.env["ms.conference.participant"].sudo().create(
            [{"conference_id": self.id, "partner_id": partner.id} for partner in new]
        )
        return True
