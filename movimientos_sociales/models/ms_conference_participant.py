import base64

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from .ms_tools import check_unique, movements_of

STAFF = "movimientos_sociales.group_ms_user"
# Answers a participant gives through their invitation link
RSVP_ANSWERS = {"accept": "accepted", "decline": "declined"}


class MsConferenceParticipant(models.Model):
    """A person invited to a conference: the invitation mailing goes to the
    participants (one email each, with their own answer link and check-in
    code), their answer (RSVP) is kept on the event's attendee, and staff
    record their attendance at the door.

    Adding a participant writes no row of the conference or of its event:
    many staff can add people to the same conference at once."""

    _name = "ms.conference.participant"
    _description = "Conference Participant"
    _inherit = ["mail.thread", "ms.scope.mixin"]
    _order = "conference_id, partner_id"
    _rec_name = "partner_id"
    _mailing_enabled = True

    conference_id = fields.Many2one(
        "ms.conference", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Participant", required=True, index=True
    )
    email = fields.Char(related="partner_id.email")
    email_normalized = fields.Char(related="partner_id.email_normalized")
    movement_id = fields.Many2one(
        "ms.movement",
        string="Organization",
        compute="_compute_movement_id",
        store=True,
        readonly=False,
    )
    sector_id = fields.Many2one(
        "ms.sector", compute="_compute_sector_id", store=True, readonly=False
    )
    attendee_id = fields.Many2one(
        "calendar.attendee", readonly=True, ondelete="set null", index="btree_not_null"
    )
    rsvp = fields.Selection(
        related="attendee_id.state", string="RSVP", store=True, index=True
    )
    attended = fields.Boolean(index=True, tracking=True)
    walk_in = fields.Boolean(
        string="Walk-in",
        readonly=True,
        help="Registered at the door, without an invitation.",
    )
    date_start = fields.Datetime(related="conference_id.date_start", store=True)
    conference_state = fields.Selection(related="conference_id.state")
    # The personal link and code are the participant's keys: staff who invite
    # and check in (Operador) read them, not every reader.
    rsvp_url = fields.Char(
        string="Answer Link",
        compute="_compute_access",
        groups=STAFF,
        help="Personal link of the invitation: the participant confirms or "
        "declines without an account.",
    )
    checkin_code = fields.Char(
        string="Check-in Code",
        compute="_compute_access",
        groups=STAFF,
        help="Code of the participant's QR: the check-in screen accepts it "
        "typed or scanned.",
    )

    # What the invitation shows each participant (expressions of the mailing's
    # body that email marketing users may use: see mail_allowed_qweb_expressions)
    invitation_when = fields.Char(
        string="Date of the Invitation", compute="_compute_invitation"
    )
    invitation_access = fields.Html(
        string="Answer and Check-in Block",
        compute="_compute_invitation",
        sanitize=False,
        groups=STAFF,
    )

    _partner_uniq = models.Constraint(
        "UNIQUE(conference_id, partner_id)",
        "This person is already a participant of the conference.",
    )

    @api.constrains("conference_id", "partner_id")
    def _check_partner_uniq(self):
        check_unique(self, ["conference_id", "partner_id"], "partner_uniq")

    @api.depends("partner_id")
    def _compute_movement_id(self):
        by_partner = movements_of(self.partner_id)
        for participant in self:
            participant.movement_id = by_partner.get(
                participant.partner_id.commercial_partner_id
            )

    @api.depends("partner_id", "conference_id.sector_ids")
    def _compute_sector_id(self):
        for participant in self:
            sectors = participant.partner_id.ms_sector_ids
            in_conference = sectors & participant.conference_id.sector_ids
            participant.sector_id = (in_conference or sectors)[:1]

    def _compute_access(self):
        base_url = self.browse().get_base_url()
        for participant in self:
            if not participant.id:
                participant.rsvp_url = participant.checkin_code = False
                continue
            token = participant._ms_token()
            participant.rsvp_url = f"{base_url}/ms/rsvp/{participant.id}/{token}"
            participant.checkin_code = participant._ms_checkin_code(token)

    @api.depends_context("lang")
    def _compute_invitation(self):
        for participant in self:
            participant.invitation_when = participant.conference_id._ms_when()
            participant.invitation_access = (
                participant._ms_invitation_access() if participant.id else False
            )

    def _ms_invitation_access(self):
        """The participant's answer button, QR and check-in code, as HTML that
        mail clients show (inline styles, absolute image address)."""
        self.ensure_one()
        qr = (
            f"{self.get_base_url()}/report/barcode/QR/{self.checkin_code}"
            "?width=160&height=160"
        )
        return Markup(
            '<p style="margin:16px 0;"><a href="%(url)s" style="background-color:'
            "#714B67;color:#ffffff;padding:10px 18px;border-radius:4px;"
            'text-decoration:none;display:inline-block;">%(answer)s</a></p>'
            "<p>%(qr_label)s</p>"
            '<p><img src="%(qr)s" alt="QR" width="160" height="160"/><br/>'
            '<span style="font-family:monospace;">%(code)s</span></p>'
        ) % {
            "url": self.rsvp_url,
            "answer": self.env._("Confirm or decline"),
            "qr_label": self.env._("Show this code at the entrance:"),
            "qr": qr,
            "code": self.checkin_code,
        }

    def _ms_qr_data_uri(self):
        """The participant's check-in QR as an image embedded in a printed
        document (no request back to the server)."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "QR", self.checkin_code, width=240, height=240
        )
        return "data:image/png;base64," + base64.b64encode(png).decode()

    @api.model
    def mail_allowed_qweb_expressions(self):
        # The invitation's personal parts, for email marketing users who are not
        # template editors (they can't write other dynamic content).
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.invitation_when",
            "object.invitation_access",
        )

    # Tokens ----------------------------------------------------------------------

    def _ms_token(self):
        """The participant's signed token: derived from the database secret,
        the participant and the person, so it can't be guessed, doesn't work
        for another participant, and dies with the participant."""
        self.ensure_one()
        return tools.hmac(
            self.env(su=True),
            "ms-conference-participant",
            (self.id, self.partner_id.id, self.conference_id.id),
        )

    @api.model
    def _ms_from_token(self, participant_id, token):
        """The participant a link or code is for, as superuser; empty when the
        token doesn't match."""
        participant = self.sudo().browse(participant_id).exists()
        if (
            not participant
            or not token
            or participant.partner_id.ms_blocked
            or not tools.consteq(participant._ms_token(), token)
        ):
            return self.sudo().browse()
        return participant

    def _ms_checkin_code(self, token=None):
        """The code of the participant's QR: "MS-<id>-<8 characters of the
        token>" (short enough to type, signed)."""
        token = token or self._ms_token()
        return f"MS-{self.id}-{token[:8].upper()}"

    @api.model
    def _ms_from_checkin_code(self, code):
        """The participant of a check-in code, typed (any case) or scanned."""
        code = (code or "").strip().upper()
        parts = code.split("-")
        if len(parts) != 3 or not parts[1].isdigit():
            return self.sudo().browse()
        participant = self.sudo().browse(int(parts[1])).exists()
        if (
            not participant
            or participant.partner_id.ms_blocked
            or not tools.consteq(participant._ms_checkin_code(), code)
        ):
            return self.sudo().browse()
        return participant

    # RSVP ------------------------------------------------------------------------

    def _ms_answer(self, answer):
        """The participant answers their invitation (confirm or decline), from
        the link of the mailing. Kept on the event's attendee (the calendar's
        own RSVP) without any mail, and logged on the participant."""
        self.ensure_one()
        if answer not in RSVP_ANSWERS:
            raise UserError(self.env._("Unknown answer."))
        if self.conference_id.state not in ("draft", "convened"):
            raise UserError(self.env._("This conference no longer takes answers."))
        state = RSVP_ANSWERS[answer]
        if self.attendee_id and self.attendee_id.state != state:
            self.attendee_id.sudo().write({"state": state})
            self.sudo().message_post(
                body=self.env._("Confirmed through the invitation link.")
                if state == "accepted"
                else self.env._("Declined through the invitation link."),
                message_type="notification",
            )
        return True

    # CRUD --------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # The attendee of each person on the conference's event, created first
        # (never one a client names); many people are added at once (sector
        # invitations, check-in): no follower, no creation message each.
        for vals in vals_list:
            vals.pop("attendee_id", None)
        self.env["ms.conference"].browse(
            [vals["conference_id"] for vals in vals_list if vals.get("conference_id")]
        )._ms_check_participants_open()
        self.env["ms.conference"]._ms_prepare_attendees(vals_list)
        participants = super(
            MsConferenceParticipant,
            self.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
            ),
        ).create(vals_list)
        return participants.with_env(self.env)

    def write(self, vals):
        if "conference_id" in vals:
            raise UserError(
                self.env._(
                    "A participant can't move to another conference: add the "
                    "person to the other conference."
                )
            )
        if "walk_in" in vals:
            raise UserError(
                self.env._("Who came without an invitation is recorded at the door.")
            )
        self.conference_id._ms_check_participants_open()
        if "partner_id" not in vals:
            return super().write(vals)
        # Another person: the former one leaves the event (and their link dies
        # with the token, which names the person), the new one joins it.
        self.conference_id._ms_unlink_attendees(self)
        result = super().write(vals)
        participants = self.sudo()
        values = [
            {"conference_id": p.conference_id.id, "partner_id": p.partner_id.id}
            for p in participants
        ]
        self.env["ms.conference"]._ms_prepare_attendees(values)
        for participant, vals_attendee in zip(participants, values, strict=True):
            participant.attendee_id = vals_attendee.get("attendee_id", False)
        return result

    def unlink(self):
        self.conference_id._ms_check_participants_open()
        self.conference_id._ms_unlink_attendees(self)
        return super().unlink()

    # Mass mailing ------------------------------------------------------------------

    def _mailing_get_default_domain(self, mailing):
        # a new mailing on participants: those still invited
        return [("rsvp", "!=", "declined"), ("email", "!=", False)]
