from odoo import api, fields, models

from .ms_tools import constraint_error


class MsMediaImpact(models.Model):
    """One appearance of an action in the media."""

    _name = "ms.media.impact"
    _description = "Media Impact"
    _order = "date desc, id desc"
    _rec_name = "outlet"
    _inherit = ["ms.scope.mixin"]

    action_id = fields.Many2one(
        "ms.action", required=True, index=True, ondelete="cascade"
    )
    medium = fields.Selection(
        [
            ("press", "Press"),
            ("radio", "Radio"),
            ("tv", "TV"),
            ("digital", "Digital Media"),
            ("social", "Social Networks"),
        ],
        required=True,
        default="press",
    )
    outlet = fields.Char(required=True, help="Newspaper, station, channel or account.")
    url = fields.Char(string="URL")
    date = fields.Date(required=True, default=fields.Date.context_today)
    reach = fields.Integer(string="Estimated Reach", aggregator="sum")
    tone = fields.Selection(
        [
            ("favorable", "Favorable"),
            ("neutral", "Neutral"),
            ("unfavorable", "Unfavorable"),
        ],
        required=True,
        default="neutral",
    )

    _reach_positive = models.Constraint(
        "CHECK(reach >= 0)", "The estimated reach cannot be negative."
    )

    @api.constrains("reach")
    def _check_reach_positive(self):
        if any(impact.reach < 0 for impact in self):
            raise constraint_error(self, "reach_positive")
