from odoo import models


class MsXlsxAlliances(models.AbstractModel):
    """Alianzas: one row per member organization, with the sectors covered by
    the alliance on each row. An alliance without members gets one row."""

    _name = "report.movimientos_sociales.ms_xlsx_alliances"
    _inherit = "report.movimientos_sociales.ms_xlsx_base"
    _description = "Alliances"

    def _ms_title(self):
        return self.env._("Alliances")

    def _ms_columns(self):
        return [
            (self.env._("Alliance"), 30, "text"),
            (self.env._("Type"), 18, "text"),
            (self.env._("Status"), 14, "text"),
            (self.env._("Organization"), 36, "text"),
            (self.env._("Role"), 12, "text"),
            (self.env._("Joined"), 12, "date"),
            (self.env._("Left"), 12, "date"),
            (self.env._("Member Status"), 14, "text"),
            (self.env._("Organization Sectors"), 30, "text"),
            (self.env._("Sectors Covered"), 36, "text"),
        ]

    def _ms_rows(self, alliances):
        types = self._ms_labels("ms.alliance", "alliance_type")
        states = self._ms_labels("ms.alliance", "state")
        roles = self._ms_labels("ms.alliance.member", "role")
        statuses = self._ms_labels("ms.alliance.member", "status")
        for alliance in alliances:
            head = (
                alliance.name,
                types.get(alliance.alliance_type),
                states.get(alliance.state),
            )
            covered = ", ".join(alliance.sector_ids.mapped("complete_name"))
            # read as the user: only the members in their scope
            members = alliance.member_ids
            if not members:
                yield (*head, None, None, None, None, None, None, covered)
            for member in members:
                yield (
                    *head,
                    member.movement_id.name,
                    roles.get(member.role),
                    member.date_joined,
                    member.date_left,
                    statuses.get(member.status),
                    ", ".join(member.sector_ids.mapped("complete_name")),
                    covered,
                )
