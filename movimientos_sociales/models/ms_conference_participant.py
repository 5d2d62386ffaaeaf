from odoo import api, fields, models

from .ms_tools import movements_of


class MsConferenceParticipant(models.Model):
    """A person invited to a conference. The RSVP is the answer to the calendar
    invitation (the event's attendee); attendance is recorded by staff."""

    _name = "ms.conference.participant"
    _description = "Conference Participant"
    _inherit = ["ms.scope.mixin"]
    _order = "conference_id, partner_id"
    _rec_name = "partner_id"

    conference_id = fields.Many2one(
        "ms.conference", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Participant", required=True, index=True
    )
    email = fields.Char(related="partner_id.email")
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
    attended = fields.Boolean(index=True)
    date_start = fields.Datetime(related="conference_id.date_start", store=True)
    conference_state = fields.Selection(related="conference_id.state")

    _partner_uniq = models.Constraint(
        "UNIQUE(conference_id, partner_id)",
        "This person is already a participant of the conference.",
    )

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

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        participants.conference_id._ms_sync_calendar()
        return participants

    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals:
            self.conference_id._ms_sync_calendar()
        return result

    def unlink(self):
        conferences = self.conference_id
        result = super().unlink()
        conferences._ms_sync_calendar()
        return result
