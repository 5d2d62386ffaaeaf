from odoo import api, fields, models

from .ms_calendar_mixin import CALENDAR_SYNC_FIELDS
from .ms_tools import in_writer_lang


class MsInternationalExchange(models.Model):
    """A delegation, forum, meeting or joint declaration with a foreign
    organization, on Odoo's calendar."""

    _name = "ms.international.exchange"
    _description = "International Exchange"
    _inherit = ["mail.thread", "mail.activity.mixin", "ms.calendar.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    relation_id = fields.Many2one(
        "ms.international.relation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    country_id = fields.Many2one(related="relation_id.country_id", store=True)
    region = fields.Selection(related="relation_id.region", store=True)
    kind = fields.Selection(
        [
            ("delegation_sent", "Delegation Sent"),
            ("delegation_received", "Delegation Received"),
            ("forum", "Forum or Gathering"),
            ("virtual_meeting", "Virtual Meeting"),
            ("joint_declaration", "Joint Declaration"),
        ],
        required=True,
        default="virtual_meeting",
        tracking=True,
    )
    participant_ids = fields.Many2many(
        "res.partner",
        "ms_international_exchange_partner_rel",
        "exchange_id",
        "partner_id",
        string="Participants",
    )
    outcomes = fields.Html()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "ms_international_exchange_attachment_rel",
        "exchange_id",
        "attachment_id",
        string="Attachments",
    )

    _ms_calendar_sync_fields = CALENDAR_SYNC_FIELDS | {"participant_ids"}

    def _ms_calendar_partners(self):
        return self.participant_ids

    @api.onchange("relation_id")
    def _onchange_relation_id(self):
        if self.relation_id and not self.participant_ids:
            self.participant_ids = self.relation_id.partner_id

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("International exchange created")
