from odoo import api, models
from odoo.exceptions import AccessError


class ReportMsConferenceBadges(models.AbstractModel):
    """Badges carry each participant's check-in code: printed by the staff who
    check people in (Operador), whatever URL asks for them (a report's group
    only hides it from the print menu)."""

    _name = "report.movimientos_sociales.ms_conference_badges"
    _description = "Conference Badges"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group("movimientos_sociales.group_ms_user"):
            raise AccessError(
                self.env._("Only staff who check people in print their badges.")
            )
        return {
            "doc_ids": docids,
            "doc_model": "ms.conference",
            "docs": self.env["ms.conference"].browse(docids),
        }
