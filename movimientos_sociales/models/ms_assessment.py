from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MsAssessment(models.Model):
    """One assessment of an organization or of a person on the assessment
    scale (ms.assessment.level): who assessed, when, the level and a note. The
    history is kept as recorded: nobody edits an assessment (a new one
    supersedes it); a Coordinador may delete a mistaken one. The organization's
    or person's current level is that of the latest (ms_assessment_level_id).
    No chatter: assessing notifies nobody; the organization tracks its current
    level."""

    _name = "ms.assessment"
    _description = "Assessment"
    _inherit = ["ms.scope.mixin"]
    _order = "date desc, id desc"

    movement_id = fields.Many2one(
        "ms.movement",
        string="Organization",
        index="btree_not_null",
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index="btree_not_null",
        ondelete="cascade",
        domain="[('is_company', '=', False)]",
    )
    level_id = fields.Many2one(
        "ms.assessment.level",
        required=True,
        ondelete="restrict",
        index=True,
    )
    level_value = fields.Integer(
        related="level_id.value",
        store=True,
        aggregator="avg",
        string="Level Value",
        help="Position of the level on the scale (1: committed ally ... 5: "
        "opposed), averaged by the graph.",
    )
    level_color = fields.Integer(related="level_id.color", string="Level Color")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Assessed By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    note = fields.Text()

    _one_subject = models.Constraint(
        "CHECK((movement_id IS NULL) != (partner_id IS NULL))",
        "An assessment is of an organization or of a person: exactly one.",
    )

    @api.constrains("movement_id", "partner_id")
    def _check_one_subject(self):
        for assessment in self:
            if bool(assessment.movement_id) == bool(assessment.partner_id):
                raise ValidationError(
                    self.env._(
                        "An assessment is of an organization or of a person: "
                        "exactly one."
                    )
                )

    @api.constrains("partner_id")
    def _check_person(self):
        for assessment in self.filtered("partner_id"):
            if assessment.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "“%s” is a company: assess its organization file instead.",
                        assessment.partner_id.display_name,
                    )
                )

    @api.constrains("level_id")
    def _check_level_active(self):
        for assessment in self:
            if not assessment.level_id.active:
                raise ValidationError(
                    self.env._(
                        "The level “%s” is archived: choose a level of the scale.",
                        assessment.level_id.name,
                    )
                )

    @api.constrains("date")
    def _check_date_not_future(self):
        now = fields.Datetime.now()
        for assessment in self:
            if assessment.date and assessment.date > now:
                raise ValidationError(
                    self.env._("An assessment can't be dated in the future.")
                )

    @api.depends("movement_id", "partner_id", "level_id")
    def _compute_display_name(self):
        for assessment in self:
            subject = assessment.movement_id or assessment.partner_id
            assessment.display_name = self.env._(
                "%(subject)s: %(level)s",
                subject=subject.display_name or "",
                level=assessment.level_id.name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # who assessed is who is creating it, whatever the call says
            vals_list = [{**vals, "user_id": self.env.uid} for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "An assessment is kept as recorded: assess again to change "
                    "the level."
                )
            )
        return super().write(vals)

    @api.model
    def _ms_assess(self, field, record, level_id, note=None):
        """Record a new assessment of `record` (an organization or a person,
        at `field`) at the level `level_id`, as the current user: access
        rights and scopes apply (used by action_ms_assess)."""
        if len(record) != 1:
            raise UserError(self.env._("Assess one organization or person at a time."))
        if not isinstance(level_id, int) or isinstance(level_id, bool):
            raise UserError(self.env._("Choose a level of the assessment scale."))
        level = self.env["ms.assessment.level"].browse(level_id).exists()
        if not level:
            raise UserError(self.env._("Choose a level of the assessment scale."))
        if note is not None and not isinstance(note, str):
            raise UserError(self.env._("The note of an assessment is a text."))
        return self.create(
            {field: record.id, "level_id": level.id, "note": note or False}
        )


def current_assessment(assessments):
    """(level, since) of a record's `assessments`: the level of the latest one
    and when it became the current level (the first of the latest
    assessments at that level)."""
    ordered = assessments.sorted(lambda a: (a.date, a.id), reverse=True)
    level, since = ordered[:1].level_id, ordered[:1].date
    for assessment in ordered[1:]:
        if assessment.level_id != level:
            break
        since = assessment.date
    return level, since or False
