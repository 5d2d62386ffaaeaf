from odoo import models


class MsXlsxSectorRegister(models.AbstractModel):
    """Padrón por sector: one row per sector, organization of the sector (or
    of its sub-sectors) and contact person of the organization."""

    _name = "report.movimientos_sociales.ms_xlsx_sector_register"
    _inherit = "report.movimientos_sociales.ms_xlsx_base"
    _description = "Register by Sector"

    def _ms_title(self):
        return self.env._("Register by Sector")

    def _ms_columns(self):
        return [
            (self.env._("Sector"), 24, "text"),
            (self.env._("Organization"), 36, "text"),
            (self.env._("Acronym"), 12, "text"),
            (self.env._("State (federal entity)"), 18, "text"),
            (self.env._("Municipality"), 22, "text"),
            (self.env._("Organization Email"), 30, "text"),
            (self.env._("Organization Phone"), 18, "text"),
            (self.env._("Contact Person"), 30, "text"),
            (self.env._("Contact Email"), 30, "text"),
            (self.env._("Contact Phone"), 18, "text"),
        ]

    def _ms_rows(self, sectors):
        for sector in sectors:
            sector_name = sector.complete_name
            # searched as the user: only the organizations in their scope
            movements = self.env["ms.movement"].search(
                [("ms_sector_ids", "child_of", sector.id)]
            )
            for batch in self._ms_batches(movements):
                for movement in batch:
                    organization = (
                        sector_name,
                        movement.name,
                        movement.code,
                        movement.state_id.name,
                        movement.municipality_id.name
                        or movement.municipality_text
                        or "",
                        movement.email,
                        movement.phone,
                    )
                    if not movement.child_ids:
                        yield (*organization, None, None, None)
                    for person in movement.child_ids:
                        yield (*organization, person.name, person.email, person.phone)
