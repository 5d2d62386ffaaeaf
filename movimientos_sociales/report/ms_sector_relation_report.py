from odoo import fields, models, tools
from odoo.tools import SQL


class MsSectorRelationReport(models.Model):
    """Which sectors are allied with which: one row per pair of different
    sectors of two active members of the same alliance, whatever its status
    (the action filters the alliances in force, a filter the user sees)."""

    _name = "ms.sector.relation.report"
    _description = "Relations between Sectors"
    _auto = False
    _order = "sector_id, allied_sector_id"

    sector_id = fields.Many2one("ms.sector", readonly=True)
    allied_sector_id = fields.Many2one("ms.sector", readonly=True)
    alliance_id = fields.Many2one("ms.alliance", readonly=True)
    alliance_type = fields.Selection(related="alliance_id.alliance_type")
    alliance_state = fields.Selection(
        # the alliance's statuses, in the user's language
        lambda self: self.env["ms.alliance"]
        ._fields["state"]
        ._description_selection(self.env),
        string="Alliance Status",
        readonly=True,
    )
    # 1 per row: the pivot's measure says what it counts
    alliance_count = fields.Integer(string="Alliances", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER (
                        ORDER BY pairs.alliance_id, pairs.sector_id,
                                 pairs.allied_sector_id
                    ) AS id, pairs.*, 1 AS alliance_count
                      FROM (
                        SELECT DISTINCT sa.sector_id AS sector_id,
                               sb.sector_id AS allied_sector_id,
                               ma.alliance_id AS alliance_id,
                               al.state AS alliance_state
                          FROM ms_alliance_member ma
                          JOIN ms_alliance_member mb
                            ON mb.alliance_id = ma.alliance_id AND mb.id != ma.id
                          JOIN ms_alliance al ON al.id = ma.alliance_id
                          JOIN ms_movement mva ON mva.id = ma.movement_id
                          JOIN ms_movement mvb ON mvb.id = mb.movement_id
                          JOIN ms_sector_res_partner_rel sa
                            ON sa.partner_id = mva.partner_id
                          JOIN ms_sector_res_partner_rel sb
                            ON sb.partner_id = mvb.partner_id
                         WHERE ma.status = 'active' AND mb.status = 'active'
                           AND sa.sector_id != sb.sector_id
                      ) AS pairs
                )
                """,
                SQL.identifier(self._table),
            )
        )
