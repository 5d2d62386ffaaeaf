from odoo import fields, models, tools
from odoo.fields import Domain
from odoo.tools import SQL


class MsCoverageReport(models.Model):
    """How deep the commission's structure reaches: one row per active
    organization and sector it works in (one row without sector for an
    organization without any), with its state and municipality and 0/1
    measures: known, linked or consolidated, with an active cadre insertion,
    with at least one identified leader. The pivot sums them per sector and
    state (and municipality); the "%" measures are their averages, i.e. the
    share of the organizations of the cell.

    Scoped like the organizations: the record rules of this model
    (security/ms_security.xml) repeat ms.movement's scope on the row's
    state, municipality and the organization's sectors, so a scoped user
    counts exactly the organizations they may read, and a cell opens the
    same organizations as the list of organizations would show them."""

    _name = "ms.coverage.report"
    _description = "Structure Coverage"
    _auto = False
    _order = "sector_id, state_id, municipality_id, movement_id"
    _rec_name = "movement_id"

    movement_id = fields.Many2one("ms.movement", string="Organization", readonly=True)
    sector_id = fields.Many2one("ms.sector", readonly=True)
    state_id = fields.Many2one(
        "res.country.state", string="State (federal entity)", readonly=True
    )
    municipality_id = fields.Many2one("res.city", readonly=True)
    stage_id = fields.Many2one("ms.link.stage", string="Link Stage", readonly=True)
    # 0/1 per row: summed, they count organizations
    known = fields.Integer(string="Organizations", readonly=True)
    linked = fields.Integer(string="Linked or Consolidated", readonly=True)
    with_insertion = fields.Integer(string="With Active Insertion", readonly=True)
    with_leader = fields.Integer(string="With Identified Leader", readonly=True)
    # 0/100 per row: averaged, they are the share of the cell (in %)
    linked_share = fields.Float(
        string="% Linked or Consolidated", aggregator="avg", readonly=True
    )
    insertion_share = fields.Float(
        string="% With Active Insertion", aggregator="avg", readonly=True
    )
    leader_share = fields.Float(
        string="% With Identified Leader", aggregator="avg", readonly=True
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER (
                               ORDER BY cov.movement_id, cov.sector_id
                           ) AS id,
                           cov.*,
                           1 AS known,
                           100.0 * cov.linked AS linked_share,
                           100.0 * cov.with_insertion AS insertion_share,
                           100.0 * cov.with_leader AS leader_share
                      FROM (
                        SELECT mv.id AS movement_id,
                               rel.sector_id AS sector_id,
                               mv.state_id AS state_id,
                               mv.municipality_id AS municipality_id,
                               mv.stage_id AS stage_id,
                               CASE WHEN stage.is_linked THEN 1 ELSE 0 END
                                   AS linked,
                               CASE WHEN EXISTS (
                                   SELECT 1 FROM ms_cadre_insertion ins
                                    WHERE ins.movement_id = mv.id
                                      AND ins.state = 'active'
                               ) THEN 1 ELSE 0 END AS with_insertion,
                               CASE WHEN EXISTS (
                                   SELECT 1 FROM ms_movement_leader_rel lr
                                     JOIN res_partner leader
                                       ON leader.id = lr.partner_id
                                    WHERE lr.movement_id = mv.id
                                      AND leader.active
                               ) THEN 1 ELSE 0 END AS with_leader
                          FROM ms_movement mv
                          LEFT JOIN ms_link_stage stage ON stage.id = mv.stage_id
                          LEFT JOIN ms_movement_sector_rel rel
                            ON rel.movement_id = mv.id
                         WHERE mv.active
                      ) AS cov
                )
                """,
                SQL.identifier(self._table),
            )
        )

    def action_open_movement(self):
        """A row opens its organization."""
        self.ensure_one()
        return self.movement_id.get_formview_action()

    def action_open_movements(self):
        """The organizations of the rows, once each: those selected, or with
        none selected, those of the list's search (read as the user)."""
        rows = self
        if not rows and self.env.context.get("active_domain") is not None:
            rows = self.search(Domain(self.env.context["active_domain"]))
        movements = rows.movement_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Organizations"),
            "res_model": "ms.movement",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", movements.ids)],
            "target": "current",
        }
