from odoo import fields, models
from odoo.tools import html2plaintext


class MsXlsxAgreements(models.AbstractModel):
    """Seguimiento de acuerdos: one row per agreement."""

    _name = "report.movimientos_sociales.ms_xlsx_agreements"
    _inherit = "report.movimientos_sociales.ms_xlsx_base"
    _description = "Agreements Follow-up"

    def _ms_title(self):
        return self.env._("Agreements Follow-up")

    def _ms_columns(self):
        return [
            (self.env._("Number"), 14, "text"),
            (self.env._("Agreement"), 60, "text"),
            (self.env._("Origin"), 30, "text"),
            (self.env._("Organizations"), 36, "text"),
            (self.env._("Owners"), 30, "text"),
            (self.env._("Deadline"), 12, "date"),
            (self.env._("Status"), 14, "text"),
            (self.env._("Overdue"), 10, "text"),
            (self.env._("Days Overdue"), 10, "number"),
        ]

    def _ms_rows(self, agreements):
        states = self._ms_labels("ms.agreement", "state")
        today = fields.Date.context_today(self)
        for agreement in agreements:
            origin = (
                agreement.session_id
                or agreement.conference_id
                or agreement.alliance_id
                or agreement.relation_id
            )
            overdue = agreement.is_overdue
            yield (
                agreement.name,
                html2plaintext(agreement.text or ""),
                origin.display_name,
                # read as the user: only the organizations in their scope
                ", ".join(agreement.movement_ids.mapped("name")),
                ", ".join(agreement.owner_ids.mapped("name")),
                agreement.deadline,
                states.get(agreement.state),
                self._ms_yes_no(overdue),
                (today - agreement.deadline).days if overdue else 0,
            )
