from odoo import fields, models, tools
from odoo.tools import SQL


class MsSectorRelationReport(models.Model):
    """Which sectors are allied with which: one row per pair of different
    sectors of two active members of the same alliance in force."""

    _name = "ms.sector.relation.report"
    _description = "Relations between Sectors"
    _auto = False
    _order = "sector_id, allied_sector_id"

    sector_id = fields.Many2one("ms.sector", readonly=True)
    allied_sector_id = fields.Many2one("ms.sector", readonly=True)
    alliance_id = fields.Many2one("ms.alliance", readonly=True)
    alliance_type = fields.Selection(related="alliance_id.alliance_type")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER (
                        ORDER BY pairs.alliance_id, pairs.sector_id,
                                 pairs.allied_sector_id
                    ) AS id, pairs.*
                      FROM (
                        SELECT DISTINCT sa.sector_id AS sector_id,
                               sb.sector_id AS allied_sector_id,
                               ma.alliance_id AS alliance_id
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
                         WHERE al.state = 'in_force'
                           AND ma.status = 'active' AND mb.status = 'active'
                           AND sa.sector_id != sb.sector_id
                      ) AS pairs
                )
                """,
                SQL.identifier(self._table),
            )
        )
