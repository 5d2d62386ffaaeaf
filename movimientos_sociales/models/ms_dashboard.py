from babel import dates as babel_dates
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools.misc import babel_locale_parse

TOP = 8


class MsDashboard(models.AbstractModel):
    """Figures of the commission's board ("Tablero"). Every figure comes from a
    grouped query run as the current user, so record rules and scopes apply,
    and carries the model and domain of the list it opens."""

    _name = "ms.dashboard"
    _description = "Social Movements Board"

    @api.model
    def get_board_data(self):
        if not self.env.user.has_group("movimientos_sociales.group_ms_reader"):
            raise AccessError(self.env._("The board is for the commission's members."))
        today = fields.Date.context_today(self)
        # Grouped once, in full: the blocks show the first rows, the KPIs sum
        # them (one query fewer each than counting again).
        open_demands = [("state", "in", ("received", "filed", "in_process"))]
        by_stage = self._group_rows("ms.movement", [], "stage_id")
        demands_by_state = self._group_rows("ms.demand", open_demands, "state_id")
        return {
            "kpis": self._kpis(today, by_stage, demands_by_state),
            "blocks": [
                self._group_block(
                    self.env._("Organizations by Link Stage"),
                    "ms.movement",
                    [],
                    "stage_id",
                    rows=by_stage,
                ),
                self._group_block(
                    self.env._("Organizations by Sector"),
                    "ms.movement",
                    [],
                    "ms_sector_ids",
                ),
                self._group_block(
                    self.env._("Organizations by State"), "ms.movement", [], "state_id"
                ),
                self._group_block(
                    self.env._("Strategies Practised"),
                    "ms.movement",
                    [],
                    "strategy_ids",
                ),
                self._group_block(
                    self.env._("Overdue Agreements by Owner"),
                    "ms.agreement",
                    [("is_overdue", "=", True)],
                    "owner_ids",
                ),
                self._group_block(
                    self.env._("Citizen Demands by State"),
                    "ms.demand",
                    open_demands,
                    "state_id",
                    rows=demands_by_state,
                ),
                self._group_block(
                    self.env._("Overdue Demands by Authority"),
                    "ms.demand",
                    [("is_overdue", "=", True)],
                    "authority_id",
                ),
                self._group_block(
                    self.env._("Sectors in Alliances in Force"),
                    "ms.alliance",
                    [("state", "=", "in_force")],
                    "sector_ids",
                ),
            ],
            "upcoming": self._upcoming(),
            "score_trend": self._score_trend(today),
        }

    def _figure(self, label, model, domain, value=None):
        if value is None:
            value = self.env[model].search_count(domain)
        return {"label": label, "value": value, "model": model, "domain": list(domain)}

    def _kpis(self, today, by_stage, demands_by_state):
        insertion_active = [("state", "=", "active")]
        agreement_open = [("state", "in", ("pending", "in_progress"))]
        score = self.env["ms.movement.evaluation"]._read_group(
            [("state", "=", "validated")], [], ["score:avg"]
        )[0][0]
        return [
            self._figure(
                self.env._("Organizations"),
                "ms.movement",
                [],
                value=sum(count for _stage, count in by_stage),
            ),
            self._figure(
                self.env._("Linked or Consolidated"),
                "ms.movement",
                [("stage_id.is_linked", "=", True)],
                value=sum(count for stage, count in by_stage if stage.is_linked),
            ),
            self._figure(
                self.env._("Active Cadre Insertions"),
                "ms.cadre.insertion",
                insertion_active,
            ),
            self._figure(
                self.env._("Insertions with Overdue Reports"),
                "ms.cadre.insertion",
                [*insertion_active, ("report_overdue", "=", True)],
            ),
            self._figure(self.env._("Open Agreements"), "ms.agreement", agreement_open),
            self._figure(
                self.env._("Overdue Agreements"),
                "ms.agreement",
                [*agreement_open, ("is_overdue", "=", True)],
            ),
            self._figure(
                self.env._("Open Citizen Demands"),
                "ms.demand",
                [("state", "in", ("received", "filed", "in_process"))],
                value=sum(count for _state, count in demands_by_state),
            ),
            self._figure(
                self.env._("Alliances in Force"),
                "ms.alliance",
                [("state", "=", "in_force")],
            ),
            self._figure(
                self.env._("Average Evaluation Score"),
                "ms.movement.evaluation",
                [("state", "=", "validated")],
                value=round(score or 0.0, 1),
            ),
        ]

    def _group_rows(self, model, domain, groupby):
        return self.env[model]._read_group(
            domain, [groupby], ["__count"], order="__count desc"
        )

    def _group_block(self, title, model, domain, groupby, rows=None):
        if rows is None:
            rows = self.env[model]._read_group(
                domain, [groupby], ["__count"], order="__count desc", limit=TOP
            )
        rows = rows[:TOP]
        return {
            "title": title,
            "rows": [
                {
                    "label": group.display_name if group else self.env._("None"),
                    "value": count,
                    "model": model,
                    "domain": list(
                        Domain(domain)
                        & Domain(groupby, "in" if group else "=", group.ids or False)
                    ),
                }
                for group, count in rows
            ],
        }

    def _upcoming(self):
        now = fields.Datetime.now()
        items = []
        for model, label in (
            ("ms.conference", self.env._("Conference")),
            ("ms.session", self.env._("Session")),
        ):
            records = self.env[model].search_fetch(
                [("date_start", ">=", now), ("state", "not in", ("cancelled",))],
                ["name", "date_start"],
                order="date_start",
                limit=5,
            )
            items += [
                {
                    "label": record.name,
                    "kind": label,
                    "date": fields.Datetime.to_string(record.date_start),
                    "model": model,
                    "domain": [("id", "=", record.id)],
                }
                for record in records
            ]
        return sorted(items, key=lambda item: item["date"])[:8]

    @api.model
    def _ms_month_label(self, month, lang=None):
        """A month as people read it ("abr 2026"), in the user's language."""
        locale = babel_locale_parse(lang or self.env.lang or "en_US")
        return babel_dates.format_date(month, "MMM yyyy", locale=locale)

    def _score_trend(self, today):
        start = (today - relativedelta(months=11)).replace(day=1)
        domain = [
            ("state", "=", "validated"),
            ("date", ">=", fields.Date.to_string(start)),
        ]
        rows = self.env["ms.movement.evaluation"]._read_group(
            domain, ["date:month"], ["score:avg"], order="date:month"
        )
        return [
            {
                "label": self._ms_month_label(month),
                "value": round(score, 1),
                "model": "ms.movement.evaluation",
                "domain": [
                    *domain,
                    ("date", ">=", fields.Date.to_string(month)),
                    (
                        "date",
                        "<",
                        fields.Date.to_string(month + relativedelta(months=1)),
                    ),
                ],
            }
            for month, score in rows
        ]
