from odoo import api, fields, models
from odoo.exceptions import UserError

from .ms_assessment import current_assessment
from .ms_tools import related_action, set_counts

# Set by the assessments only (ms.assessment)
ASSESSMENT_FIELDS = frozenset({"ms_assessment_level_id", "ms_assessment_date"})


class MsAssessmentMixin(models.AbstractModel):
    """What is assessed on the scale (ms.assessment): an organization or a
    person. The model declares `ms_assessment_ids` (the assessments at its
    field `_ms_assessment_field`); its current level and the date it last
    changed follow them, and nobody writes them by hand."""

    _name = "ms.assessment.mixin"
    _description = "Social Movements Assessed Record"

    # the ms.assessment field that points at the record
    _ms_assessment_field = None

    ms_assessment_count = fields.Integer(
        compute="_compute_ms_assessment_count", string="Assessment Count"
    )
    ms_assessment_level_id = fields.Many2one(
        "ms.assessment.level",
        string="Assessment",
        compute="_compute_ms_assessment_level_id",
        store=True,
        index="btree_not_null",
        help="The level of the latest assessment.",
    )
    ms_assessment_date = fields.Datetime(
        string="Assessment Changed On",
        compute="_compute_ms_assessment_level_id",
        store=True,
        help="When the current assessment level was reached.",
    )

    def _compute_ms_assessment_count(self):
        set_counts(
            self, "ms_assessment_count", "ms.assessment", self._ms_assessment_field
        )

    @api.depends("ms_assessment_ids.level_id", "ms_assessment_ids.date")
    def _compute_ms_assessment_level_id(self):
        for record in self:
            level, since = current_assessment(record.ms_assessment_ids)
            record.ms_assessment_level_id = level
            record.ms_assessment_date = since

    def write(self, vals):
        if ASSESSMENT_FIELDS & vals.keys() and not self.env.su:
            raise UserError(
                self.env._(
                    "The assessment level follows the assessments: assess again "
                    "to change it."
                )
            )
        return super().write(vals)

    def action_ms_assess(self, level_id, note=None):
        """Assess the record at the level `level_id` (one click from its card):
        a new assessment, as the user (rights and scope apply)."""
        self.env["ms.assessment"]._ms_assess(
            self._ms_assessment_field, self, level_id, note
        )
        return True

    def action_ms_view_assessments(self):
        action = related_action(
            self, "movimientos_sociales.ms_assessment_action", self._ms_assessment_field
        )
        # the graph shows the days with assessments, not zeros in between
        action["context"]["fill_temporal"] = False
        return action
