from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, email_normalize, is_html_empty

from odoo.addons.base.models.res_partner import _tz_get

from .ms_calendar_mixin import CALENDAR_SYNC_FIELDS
from .ms_tools import in_writer_lang, related_action, set_counts

MAILING_USER = "mass_mailing.group_mass_mailing_user"


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
        "ms.municipality.mixin",
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
        string="State (federal entity)",
        domain="[('country_id.code', '=', 'MX')]",
        help="Mexican state where the conference takes place, if any.",
    )
    municipality_id = fields.Many2one(
        "res.city",
        domain="[('state_id', '=?', state_id), ('country_id.code', '=', 'MX')]",
        index="btree_not_null",
        help="Municipality where the conference takes place, if any.",
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
    proposal_ids = fields.One2many(
        "ms.proposal", "conference_id", string="Proposals", copy=False
    )
    proposal_count = fields.Integer(compute="_compute_proposal_count")
    # Mailings are email marketing's: a reader without its rights still opens
    # the conference.
    mailing_ids = fields.One2many(
        "mailing.mailing",
        "ms_conference_id",
        string="Mailings",
        copy=False,
        groups=MAILING_USER,
    )
    mailing_count = fields.Integer(
        compute="_compute_mailing_count", groups=MAILING_USER
    )

    # Figures, computed from the participants in one grouped query: not stored,
    # so that adding a participant or marking attendance never writes the
    # conference's row (many staff add and check in people at once).
    invited_count = fields.Integer(string="Invited", compute="_compute_figures")
    confirmed_count = fields.Integer(string="Confirmed", compute="_compute_figures")
    attended_count = fields.Integer(string="Attended", compute="_compute_figures")
    live_attendance_rate = fields.Float(
        string="Attendance",
        compute="_compute_figures",
        digits=(5, 1),
        help="Participants who attended, out of those invited (%).",
    )
    attendance_rate = fields.Float(
        compute="_compute_attendance_rate",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Participants who attended, out of those invited (%), recorded "
        "when the conference is held and when it is closed (0 before); "
        "averages count only the conferences that were held.",
    )
    date_tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        default="America/Mexico_City",
        help="Invitations and answer pages show the date and time in it.",
    )

    _ms_calendar_sync_fields = CALENDAR_SYNC_FIELDS | {"organizer_id"}

    def _ms_participant_figures(self):
        """{conference id: (invited, confirmed, attended)} in one query."""
        figures = {conference_id: [0, 0, 0] for conference_id in self.ids}
        # the conference's figures, whoever reads them (counts, not people)
        rows = (
            self.env["ms.conference.participant"]
            .sudo()
            ._read_group(
                [("conference_id", "in", self.ids)],
                ["conference_id", "rsvp", "attended"],
                ["__count"],
            )
        )
        for conference, rsvp, attended, count in rows:
            counts = figures[conference.id]
            counts[0] += count
            counts[1] += count if rsvp == "accepted" else 0
            counts[2] += count if attended else 0
        return figures

    @api.depends("participant_ids.rsvp", "participant_ids.attended")
    def _compute_figures(self):
        stored = self.filtered("id")._ms_participant_figures()
        for conference in self:
            if conference.id:
                invited, confirmed, attended = stored[conference.id]
            else:
                # a form being edited (onchange): its lines as they are now
                participants = conference.participant_ids
                invited = len(participants)
                confirmed = len(participants.filtered(lambda p: p.rsvp == "accepted"))
                attended = len(participants.filtered("attended"))
            conference.invited_count = invited
            conference.confirmed_count = confirmed
            conference.attended_count = attended
            conference.live_attendance_rate = (
                100.0 * attended / invited if invited else 0.0
            )

    @api.depends("state")
    def _compute_attendance_rate(self):
        held = self.filtered(lambda c: c.id and c.state in ("held", "closed"))
        figures = held._ms_participant_figures()
        for conference in self:
            invited, _confirmed, attended = figures.get(conference.id, (0, 0, 0))
            conference.attendance_rate = (
                100.0 * attended / invited if invited else False
            )

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        # Averages of the attendance rate count only conferences that were held
        # (a planned conference has no attendance yet, not 0 %).
        if aggregate_spec == "attendance_rate:avg":
            return SQL(
                "AVG(CASE WHEN %s IN ('held', 'closed') THEN %s END)",
                self._field_to_sql(self._table, "state", query),
                self._field_to_sql(self._table, "attendance_rate", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def _compute_agreement_count(self):
        set_counts(self, "agreement_count", "ms.agreement", "conference_id")

    def _compute_proposal_count(self):
        set_counts(self, "proposal_count", "ms.proposal", "conference_id")

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
        # Participants added before the event existed (in the conference's own
        # create) get their attendee now: the RSVP is read from it.
        for conference in self:
            attendees = {
                attendee.partner_id: attendee
                for attendee in conference.calendar_event_id.sudo().attendee_ids
            }
            for participant in conference.sudo().participant_ids.filtered(
                lambda p: not p.attendee_id
            ):
                if attendees.get(participant.partner_id):
                    participant.attendee_id = attendees[participant.partner_id]
        return result

    def _ms_check_participants_open(self):
        """A closed or cancelled conference's participants are final: nobody
        is added, removed or changed."""
        if self.env.su:
            return
        closed = self.sudo().filtered(
            lambda conference: conference.state in ("closed", "cancelled")
        )
        if closed:
            raise UserError(
                self.env._(
                    "The participants of “%s” are final: the conference is closed "
                    "or cancelled.",
                    closed[0].name,
                )
            )

    @api.model
    def _ms_prepare_attendees(self, vals_list):
        """Give each participant about to be created the attendee of their
        person on the conference's event (`attendee_id` in the values).

        The event's row is not written (its attendees and the relation table
        are: a foreign key only shares the event's row), so staff adding people
        to the same conference at once don't wait on, or fail against, each
        other. Blocked people never become attendees."""
        Partner = self.env["res.partner"].sudo()
        by_conference = {}
        for vals in vals_list:
            if vals.get("conference_id") and vals.get("partner_id"):
                by_conference.setdefault(vals["conference_id"], []).append(vals)
        events = self.sudo().browse(by_conference).calendar_event_id
        Attendee = self._ms_event_model().env["calendar.attendee"]
        for conference in self.sudo().browse(by_conference):
            event = conference.calendar_event_id
            if not event:
                continue
            group = by_conference[conference.id]
            existing = {
                attendee.partner_id.id: attendee.id for attendee in event.attendee_ids
            }
            partners = Partner.browse({vals["partner_id"] for vals in group}).exists()
            new = [
                partner.id
                for partner in partners
                if not partner.ms_blocked and partner.id not in existing
            ]
            if new:
                self.env.execute_query(
                    SQL(
                        "INSERT INTO calendar_event_res_partner_rel"
                        " (calendar_event_id, res_partner_id)"
                        " SELECT %s, unnest(%s::int[]) ON CONFLICT DO NOTHING",
                        event.id,
                        new,
                    )
                )
                created = Attendee.create(
                    [{"event_id": event.id, "partner_id": pid} for pid in new]
                )
                existing.update(zip(new, created.ids, strict=True))
            for vals in group:
                if existing.get(vals["partner_id"]):
                    vals["attendee_id"] = existing[vals["partner_id"]]
        events.invalidate_recordset(["partner_ids", "attendee_ids"])

    def _ms_unlink_attendees(self, participants):
        """Remove the attendees of participants being removed (the organizer
        stays), without writing the event's row either."""
        participants = participants.sudo()
        attendees = participants.attendee_id.filtered(
            lambda a: a.partner_id != a.event_id.user_id.partner_id
        )
        if not attendees:
            return
        for event, event_attendees in attendees.grouped("event_id").items():
            self.env.execute_query(
                SQL(
                    "DELETE FROM calendar_event_res_partner_rel"
                    " WHERE calendar_event_id = %s AND res_partner_id = ANY(%s)",
                    event.id,
                    event_attendees.partner_id.ids,
                )
            )
        events = attendees.event_id
        attendees.with_env(self._ms_event_model().env).unlink()
        events.invalidate_recordset(["partner_ids", "attendee_ids"])

    # Mailing -------------------------------------------------------------------

    def _ms_sector_partner_domain(self):
        """Contacts of the sectors, and the invited organizations with their
        people (all of them: a conference is national, whoever invites)."""
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

    def _ms_mailing_model(self):
        # The invitation goes to the participants: one email each, with their
        # own answer link and check-in code, so whoever is invited is tracked.
        return "ms.conference.participant"

    def _ms_mailing_partner_domain(self):
        return Domain("conference_id", "in", self.ids) & Domain(
            "rsvp", "!=", "declined"
        )

    def _ms_mailing_values(self):
        self.ensure_one()
        return {
            "subject": self.env._("Invitation: %s", self.name),
            "body_arch": self._ms_invitation_body(),
            "body_html": self._ms_invitation_body(),
            "ms_conference_id": self.id,
        }

    def _ms_tz(self):
        return self.date_tz or super()._ms_tz()

    def _ms_invitation_body(self):
        """The invitation as a block of Odoo's mail editor (editable, with its
        own blocks), with the participant's own answer link and check-in QR."""
        self.ensure_one()
        where = self.location or self.videocall_location or ""
        agenda = (
            ""
            if is_html_empty(self.agenda)
            else Markup("<h3>%s</h3>%s") % (self.env._("Agenda"), self.agenda)
        )
        return Markup(
            '<div data-name="Mailing" class="o_layout oe_unremovable oe_unmovable '
            'o_basic_theme">'
            '<div class="container o_mail_wrapper o_mail_regular oe_unremovable">'
            '<div class="row mw-100 mx-0"><div class="col o_mail_no_options '
            'o_mail_wrapper_td bg-white oe_structure">'
            '<div class="s_text_block o_mail_snippet_general pt24 pb24" '
            'style="padding-left: 15px; padding-right: 15px;">'
            '<div class="container s_allow_columns">'
            "<p>%(greeting)s</p><h2>%(name)s</h2>"
            "<p><strong>%(when_label)s</strong> "
            '<t t-out="object.invitation_when"/><br/>'
            "<strong>%(where_label)s</strong> %(where)s</p>%(agenda)s"
            "<p>%(answer)s</p>"
            '<t t-out="object.invitation_access"/>'
            "</div></div></div></div></div></div>"
        ) % {
            "greeting": self.env._("You are invited to the conference:"),
            "name": self.name,
            "when_label": self.env._("When:"),
            "where_label": self.env._("Where:"),
            "where": where,
            "agenda": agenda,
            "answer": self.env._("Please let us know whether you will attend:"),
        }

    def action_ms_send_mailing(self):
        self.ensure_one()
        if not self.participant_ids:
            raise UserError(
                self.env._(
                    "“%s” has no participants yet: add the sectors' contacts (or "
                    "people one by one) first; the invitation goes to them.",
                    self.name,
                )
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
        result = self._ms_decide({"state": "closed"})
        for conference in self:
            conference.message_post(
                body=conference._ms_closing_summary(),
                subject=self.env._("Closing report"),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _ms_closing_data(self):
        """The closing report's figures: the turnout funnel, attendance by
        sector and by state (counts of the whole conference), and the
        organizations present, resolutions and proposals the user may read."""
        self.ensure_one()
        invited, confirmed, attended = self._ms_participant_figures()[self.id]
        Participant = self.env["ms.conference.participant"]

        def by(groupby):
            rows = Participant.sudo()._read_group(
                [("conference_id", "=", self.id)],
                [groupby, "attended"],
                ["__count"],
            )
            table = {}
            for group, present, count in rows:
                label = group.display_name if group else self.env._("Not recorded")
                line = table.setdefault(label, [0, 0])
                line[0] += count
                line[1] += count if present else 0
            return sorted(table.items(), key=lambda item: (-item[1][1], item[0]))

        present = Participant.search(
            [("conference_id", "=", self.id), ("attended", "=", True)]
        )
        return {
            "funnel": [
                (self.env._("Invited"), invited),
                (self.env._("Confirmed"), confirmed),
                (self.env._("Attended"), attended),
            ],
            "rate": 100.0 * attended / invited if invited else 0.0,
            "walk_ins": Participant.sudo().search_count(
                [("conference_id", "=", self.id), ("walk_in", "=", True)]
            ),
            "by_sector": by("sector_id"),
            "by_state": by("partner_id.commercial_partner_id.state_id"),
            "organizations": present.movement_id.sorted("name"),
            "organization_count": len(
                Participant.sudo()
                .search([("conference_id", "=", self.id), ("attended", "=", True)])
                .movement_id
            ),
            "agreements": self.agreement_ids,
            "proposals": self.proposal_ids,
        }

    def _ms_closing_summary(self):
        """The closing report as a chatter note: figures only (the chatter is
        read by the whole commission; names of organizations are in the
        printed report, as each reader may see them)."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "movimientos_sociales.ms_conference_closing_summary",
            {"conference": self, "data": self._ms_closing_data()},
        )

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

    def action_view_proposals(self):
        return related_action(
            self, "movimientos_sociales.ms_proposal_action", "conference_id"
        )

    def action_view_agreements(self):
        return related_action(
            self, "movimientos_sociales.ms_agreement_action", "conference_id"
        )

    def action_invite_sectors(self):
        """Add the contacts of the sectors and of the invited organizations as
        participants (in every state: a conference is national, once the user
        may edit it), and say what was done and why nobody was added."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "convened"):
            raise UserError(
                self.env._("Contacts are added to a conference before it is held.")
            )
        if not self.sector_ids and not self.movement_ids:
            raise UserError(
                self.env._("Choose the sectors or organizations to invite first.")
            )
        Partner = self.env["res.partner"].sudo()
        found = (
            Partner.search(
                [("is_company", "=", False), *self._ms_sector_partner_domain()]
            )
            | self.sudo().movement_ids.partner_id
        )
        blocked = found.filtered("ms_blocked")
        already = (found - blocked) & self.sudo().participant_ids.partner_id
        new = found - blocked - already
        self.env["ms.conference.participant"].sudo().create(
            [{"conference_id": self.id, "partner_id": partner.id} for partner in new]
        )
        return self._ms_invite_report(found, new, already, blocked)

    def _ms_invite_report(self, found, new, already, blocked):
        """A notification of what "Add sector contacts" did."""
        if not found:
            message = self.env._(
                "Nobody was added: no contact is recorded in %(what)s. Record "
                "people with these sectors (or their organizations) first.",
                what=", ".join(
                    self.sector_ids.mapped("display_name")
                    + self.sudo().movement_ids.mapped("name")
                ),
            )
        elif not new:
            message = self.env._(
                "Nobody was added: the %(count)s contacts found are already "
                "participants or blocked (%(blocked)s blocked by an ARCO request).",
                count=len(found),
                blocked=len(blocked),
            )
        else:
            no_email = new.filtered(lambda p: not p.email_normalized)
            Partner = self.env["res.partner"]
            unconsented = Partner
            if self.env.company.ms_require_consent:
                unconsented = Partner.sudo().search(
                    [
                        ("id", "in", new.ids),
                        ("id", "in", Partner._ms_unconsented_query()),
                    ]
                )
            lines = [
                self.env._("Participants added: %s.", len(new)),
                self.env._("Already participants: %s.", len(already)),
                self.env._(
                    "Without email: %s (add their email or invite them another way).",
                    len(no_email),
                ),
                self.env._("Blocked by an ARCO request, not added: %s.", len(blocked)),
            ]
            if self.env.company.ms_require_consent:
                lines.append(
                    self.env._(
                        "Without consent for mass communications: %s (the "
                        "invitation mailing won't reach them).",
                        len(unconsented),
                    )
                )
            message = "\n".join(lines)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Add sector contacts"),
                "message": message,
                "type": "success" if new else "warning",
                "sticky": not new,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # Check-in at the door (the check-in screen calls these) ---------------------

    def action_open_checkin(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "movimientos_sociales.checkin",
            "name": self.env._("Check-in: %s", self.name),
            "params": {"conference_id": self.id},
        }

    def _ms_checkin_open(self):
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("convened", "held"):
            raise UserError(
                self.env._(
                    "Attendance is recorded once “%s” is convened, until it is closed.",
                    self.name,
                )
            )

    def _ms_checkin_row(self, participant):
        return {
            "id": participant.id,
            "name": participant.partner_id.display_name,
            "organization": participant.movement_id.name or "",
            "sector": participant.sector_id.name or "",
            "rsvp": participant.rsvp or "needsAction",
            "attended": participant.attended,
            "walk_in": participant.walk_in,
        }

    def ms_checkin_data(self, query=""):
        """What the check-in screen shows: the conference, its figures, the
        participants the user may read matching `query` (name, organization,
        email), and the choices of a walk-in's registration."""
        self.ensure_one()
        self.check_access("read")
        domain = Domain("conference_id", "=", self.id)
        query = (query or "").strip()
        if query:
            domain &= Domain.OR(
                [
                    Domain("partner_id.name", "ilike", query),
                    Domain("movement_id.name", "ilike", query),
                    Domain("partner_id.email", "ilike", query),
                ]
            )
        participants = self.env["ms.conference.participant"].search(
            domain, limit=50, order="attended, partner_id"
        )
        sectors = self.sector_ids or self.env["ms.sector"].search(
            [("parent_id", "=", False)]
        )
        return {
            "conference": {
                "id": self.id,
                "name": self.name,
                "when": self._ms_when(),
                "location": self.location or "",
                "state": self.state,
                "open": self.state in ("convened", "held"),
            },
            "figures": {
                "invited": self.invited_count,
                "confirmed": self.confirmed_count,
                "attended": self.attended_count,
            },
            "participants": [self._ms_checkin_row(p) for p in participants],
            "sectors": [[s.id, s.display_name] for s in sectors],
            # the invited organizations the user may read
            "organizations": [
                [m.id, m.name]
                for m in self.env["ms.movement"].search(
                    [("id", "in", self.sudo().movement_ids.ids)]
                )
            ],
            "require_consent": self.env.company.ms_require_consent,
        }

    def ms_checkin_mark(self, participant_id=None, code=None, attended=True):
        """Mark a participant present (or not), by id or by the code of their
        QR, typed or scanned. Only a participant of this conference the user
        may edit."""
        self._ms_checkin_open()
        Participant = self.env["ms.conference.participant"]
        if code:
            participant = Participant._ms_from_checkin_code(code).with_env(self.env)
        else:
            participant = Participant.browse(int(participant_id or 0)).exists()
        if not participant or participant.sudo().conference_id != self:
            raise UserError(
                self.env._("This code is not a participant of “%s”.", self.name)
            )
        participant.check_access("write")
        participant.attended = bool(attended)
        return self._ms_checkin_row(participant)

    def ms_checkin_walk_in(
        self,
        name,
        email=None,
        phone=None,
        movement_id=None,
        sector_id=None,
        consent=False,
    ):
        """Register someone who came without an invitation: their contact (or
        the one with the same email), organization, sector and consent, as a
        participant present at the conference."""
        self._ms_checkin_open()
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Write the person's name."))
        email = (email or "").strip()
        if email and not email_normalize(email):
            raise UserError(self.env._("“%s” is not a valid email address.", email))
        Partner = self.env["res.partner"]
        movement = self.env["ms.movement"].browse(int(movement_id or 0)).exists()
        sector = self.env["ms.sector"].browse(int(sector_id or 0)).exists()
        partner = (
            Partner.search([("email_normalized", "=", email_normalize(email))], limit=1)
            if email
            else Partner
        )
        if not partner:
            partner = Partner.create(
                {
                    "name": name,
                    "email": email or False,
                    "phone": (phone or "").strip() or False,
                    "parent_id": movement.partner_id.id or False,
                    "state_id": self.state_id.id or movement.state_id.id or False,
                    "ms_sector_ids": [Command.link(sector.id)] if sector else [],
                }
            )
        if consent:
            self.env["ms.consent"].create(
                {
                    "partner_id": partner.id,
                    "purpose": "mass_communications",
                    "channel": "in_person",
                }
            )
        Participant = self.env["ms.conference.participant"]
        participant = Participant.search(
            [("conference_id", "=", self.id), ("partner_id", "=", partner.id)]
        )
        if not participant:
            participant = Participant.create(
                {
                    "conference_id": self.id,
                    "partner_id": partner.id,
                    "walk_in": True,
                    "sector_id": sector.id or False,
                }
            )
        participant.attended = True
        return self._ms_checkin_row(participant)

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Conference created")
