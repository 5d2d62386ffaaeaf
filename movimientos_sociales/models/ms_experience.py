from odoo import api, fields, models

from .ms_tools import constraint_error, in_writer_lang

# Text fields searched together by the "Words" filter of the search view.
TEXT_FIELDS = ("name", "context", "activities", "results", "lessons", "recommendations")


class MsExperience(models.Model):
    """The systematization of an experience of struggle or organization, to be
    shared with other movements (sistematización de experiencias)."""

    _name = "ms.experience"
    _description = "Experience"
    _inherit = ["mail.thread", "mail.activity.mixin", "ms.workflow.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    movement_ids = fields.Many2many(
        "ms.movement",
        "ms_experience_movement_rel",
        "experience_id",
        "movement_id",
        string="Organizations",
    )
    sector_ids = fields.Many2many(
        "ms.sector",
        "ms_experience_sector_rel",
        "experience_id",
        "sector_id",
        string="Sectors",
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    strategy_id = fields.Many2one("ms.strategy", tracking=True)
    context = fields.Html()
    activities = fields.Html(string="What Was Done")
    results = fields.Html()
    lessons = fields.Html(string="Lessons Learned")
    recommendations = fields.Html()
    tag_ids = fields.Many2many(
        "ms.topic",
        "ms_experience_topic_rel",
        "experience_id",
        "topic_id",
        string="Tags",
    )
    conference_ids = fields.Many2many(
        "ms.conference",
        "ms_experience_conference_rel",
        "experience_id",
        "conference_id",
        string="Shared at Conferences",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("validated", "Validated"), ("published", "Published")],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    color = fields.Integer(compute="_compute_color")

    _dates_check = models.Constraint(
        "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
        "An experience cannot end before it starts.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates_check(self):
        for experience in self:
            if experience.date_from and experience.date_to:
                if experience.date_to < experience.date_from:
                    raise constraint_error(self, "dates_check")

    @api.depends("sector_ids.color")
    def _compute_color(self):
        for experience in self:
            experience.color = experience.sector_ids[:1].color

    def action_validate(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("validate an experience"),
        )
        return self._ms_move(("draft",), "validated", self.env._("Validating"))

    def action_publish(self):
        """Publishing only moves the experience to Published (the Published
        filter): every commission user reads experiences in any status, and
        nothing leaves Odoo. The notification and the chatter say just that."""
        self._ms_move(("validated",), "published", self.env._("Publishing"))
        note = self.env._(
            "Experience published: it now appears under the Published filter. "
            "Nothing is sent outside Odoo."
        )
        self._message_log_batch(bodies=dict.fromkeys(self.ids, note))
        if len(self) == 1:
            where = self.env._(
                "“%s” now appears under the Published filter of Experiences.",
                self.display_name,
            )
        else:
            where = self.env._(
                "%s experiences now appear under the Published filter of Experiences.",
                len(self),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Experience published"),
                "message": where
                + " "
                + self.env._(
                    "Publishing changes nothing else: every user of the commission "
                    "can read experiences in any status, and nothing is sent "
                    "outside Odoo."
                ),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_reset_draft(self):
        self._ms_check_group(
            "movimientos_sociales.group_ms_coordinator",
            self.env._("reset an experience to draft"),
        )
        return self._ms_move(
            ("validated", "published"), "draft", self.env._("Resetting to draft")
        )

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Experience registered")
