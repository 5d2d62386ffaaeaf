from odoo import models


class MsXlsxCadreInsertions(models.AbstractModel):
    """Inserción de cuadros: one row per insertion."""

    _name = "report.movimientos_sociales.ms_xlsx_cadre_insertions"
    _inherit = "report.movimientos_sociales.ms_xlsx_base"
    _description = "Cadre Insertions"

    def _ms_title(self):
        return self.env._("Cadre Insertions")

    def _ms_columns(self):
        return [
            (self.env._("Cadre"), 28, "text"),
            (self.env._("Organization"), 36, "text"),
            (self.env._("Role"), 24, "text"),
            (self.env._("Start"), 12, "date"),
            (self.env._("End"), 12, "date"),
            (self.env._("Status"), 14, "text"),
            (self.env._("Coordinator"), 24, "text"),
            (self.env._("Report Frequency"), 18, "text"),
            (self.env._("Last Report"), 12, "date"),
            (self.env._("Next Report"), 12, "date"),
            (self.env._("Report Overdue"), 10, "text"),
            (self.env._("Reports"), 10, "number"),
        ]

    def _ms_rows(self, insertions):
        model = "ms.cadre.insertion"
        states = self._ms_labels(model, "state")
        frequencies = self._ms_labels(model, "report_frequency")
        for insertion in insertions:
            yield (
                # as the list shows it: the insertion (in scope) names its cadre,
                # whose file may be out of the reader's scope
                insertion.cadre_id.sudo().display_name,
                insertion.movement_id.name,
                insertion.role,
                insertion.start_date,
                insertion.end_date,
                states.get(insertion.state),
                insertion.coordinator_id.name,
                frequencies.get(insertion.report_frequency),
                insertion.last_report_date,
                insertion.next_report_date,
                self._ms_yes_no(insertion.report_overdue),
                insertion.report_count,
            )
