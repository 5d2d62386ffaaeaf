from odoo import fields, models


class MsXlsxDemands(models.AbstractModel):
    """Gestiones: one row per citizen demand."""

    _name = "report.movimientos_sociales.ms_xlsx_demands"
    _inherit = "report.movimientos_sociales.ms_xlsx_base"
    _description = "Citizen Demands"

    def _ms_title(self):
        return self.env._("Citizen Demands")

    def _ms_columns(self):
        return [
            (self.env._("Folio"), 14, "text"),
            (self.env._("Subject"), 40, "text"),
            (self.env._("Requester"), 30, "text"),
            (self.env._("Category"), 20, "text"),
            (self.env._("State (federal entity)"), 18, "text"),
            (self.env._("Municipality"), 22, "text"),
            (self.env._("Authority"), 30, "text"),
            (self.env._("Level"), 12, "text"),
            (self.env._("Filing Date"), 12, "date"),
            (self.env._("Deadline"), 12, "date"),
            (self.env._("Status"), 18, "text"),
            (self.env._("Days Elapsed"), 10, "number"),
            (self.env._("Overdue"), 10, "text"),
        ]

    def _ms_rows(self, demands):
        model = "ms.demand"
        levels = self._ms_labels(model, "government_level")
        states = self._ms_labels(model, "state")
        today = fields.Date.context_today(self)
        for demand in demands:
            filed = demand.filing_date
            yield (
                demand.name,
                demand.subject,
                # names as the demand shows them (a person blocked by ARCO is
                # masked), also when the user's rules don't reach the contact
                demand.requester_id.sudo().display_name,
                demand.category_id.name,
                demand.state_id.name,
                demand.municipality_id.name or demand.municipality_text or "",
                demand.authority_id.sudo().display_name,
                levels.get(demand.government_level),
                filed,
                demand.deadline,
                states.get(demand.state),
                ((demand.response_date or today) - filed).days if filed else None,
                self._ms_yes_no(demand.is_overdue),
            )
