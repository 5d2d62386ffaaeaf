from odoo import api, fields, models

from .ms_tools import check_unique


class MsGoalSnapshot(models.Model):
    """A goal's daily count (by the cron, as its responsible) and what the
    straight line to the target expected that day: the goal's history."""

    _name = "ms.goal.snapshot"
    _description = "Commission Goal Daily Count"
    _order = "date, id"

    goal_id = fields.Many2one("ms.goal", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    value = fields.Integer(string="Reached", aggregator="max")
    expected = fields.Integer(aggregator="max")

    _goal_date_unique = models.UniqueIndex("(goal_id, date)")

    @api.constrains("goal_id", "date")
    def _check_goal_date_unique(self):
        check_unique(self, ["goal_id", "date"], "goal_date_unique")
