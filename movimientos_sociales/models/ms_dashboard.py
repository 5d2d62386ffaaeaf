from datetime import datetime, time, timedelta

import pytz
from babel import dates as babel_dates
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools.misc import babel_locale_parse

# A block shows all its rows up to this many; beyond, the first ones and
# "Others" with the rest. Sectors (the commission's own list) always show all.
MAX_ROWS = 12

# Goals on the board: the first this many, most behind first, and those
# ended up to this many days ago
GOAL_ROWS = 8
GOAL_ENDED_DAYS = 30

PERIODS = ("all", "month", "quarter", "year", "last_12_months")

# How the board's filters reach each model it counts: the date its period
# filters on, and the paths of its federal state and of its sectors (any
# path may match).
FILTER_PATHS = {
    "ms.movement": ("create_date", ("state_id",), ("ms_sector_ids",)),
    "ms.cadre.insertion": (
        "start_date",
        ("movement_id.state_id",),
        ("movement_id.ms_sector_ids",),
    ),
    "ms.agreement": (
        "create_date",
        ("movement_ids.state_id",),
        ("sector_ids", "movement_ids.ms_sector_ids"),
    ),
    "ms.demand": ("create_date", ("state_id",), ("sector_id",)),
    "ms.alliance": (
        "date_start",
        ("state_id", "member_ids.movement_id.state_id"),
        ("sector_ids",),
    ),
    "ms.movement.evaluation": (
        "date",
        ("movement_id.state_id",),
        ("movement_id.ms_sector_ids",),
    ),
    "ms.conference": ("date_start", ("state_id",), ("sector_ids",)),
    "ms.session": ("date_start", (), ()),
}

# The commission's own records: readable by all its members, so counted
# nationally for every user (the board says so).
NATIONAL = frozenset({"ms.agreement", "ms.alliance", "ms.session"})


class MsDashboard(models.AbstractModel):
    """Figures of the commission's board ("Tablero"). Every figure comes from a
    grouped query run as the current user, so record rules and scopes apply,
    follows the board's filters (period, state, sector) and carries the model
    and domain of the list it opens, filters included."""

    _name = "ms.dashboard"
    _description = "Social Movements Board"

    @api.model
    def get_board_data(self, filters=None):
        if not self.env.user.has_group("movimientos_sociales.group_ms_reader"):
            raise AccessError(self.env._("The board is for the commission's members."))
        # the user's timezone read once: "today" and every date search use it
        tz = self.env.context.get("tz")
        if tz not in pytz.all_timezones_set:
            tz = (
                self.env.user.tz
                if self.env.user.tz in pytz.all_timezones_set
                else "UTC"
            )
        board = self.with_context(tz=tz)
        today = fields.Date.context_today(board)
        board = board.with_context(ms_board_filters=board._ms_filters(filters, today))
        return board._board_data(today)

    def _board_data(self, today):
        sectors = self.env["ms.sector"].search([("active", "=", True)])
        # Grouped once, in full: the blocks show the rows, the KPIs sum them
        # (one query fewer each than counting again).
        open_demands = [("state", "in", ("received", "filed", "in_process"))]
        by_stage = self._group_rows("ms.movement", [], "stage_id")
        demands_by_state = self._group_rows("ms.demand", open_demands, "state_id")
        # organizations by sector, state and stage: the coverage, and summed,
        # the block by sector (each organization once per sector)
        known = self.env["ms.movement"]._read_group(
            self._domain("ms.movement", []),
            ["ms_sector_ids", "state_id", "stage_id"],
            ["__count"],
        )
        by_sector = {}
        for sector, _state, _stage, count in known:
            by_sector[sector] = by_sector.get(sector, 0) + count
        return {
            "filters": self.env.context["ms_board_filters"],
            "options": self._options(sectors),
            "scope": self._scope_line(),
            "kpis": self._kpis(by_stage, demands_by_state),
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
                    rows=sorted(by_sector.items(), key=lambda row: -row[1]),
                    every=sectors,
                    note=self.env._("An organization may work in several sectors."),
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
                    self.env._("Open Citizen Demands by State"),
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
                    every=sectors,
                ),
            ],
            "goals": self._goals(today),
            "upcoming": self._upcoming(),
            "score_trend": self._score_trend(today),
            "coverage": self._coverage(sectors, known),
        }

    # Filters

    @api.model
    def _ms_filters(self, filters, today):
        """The board's filters, checked: a period among PERIODS, a federal
        state and a sector (ids or False), and the dates the period covers
        (from included, to excluded)."""
        if not isinstance(filters or {}, dict):
            raise ValidationError(self.env._("The board's filters are not valid."))
        filters = dict(filters or {})
        period = filters.get("period") or "all"
        if period not in PERIODS:
            raise ValidationError(self.env._("Unknown period: “%s”.", period))
        result = {"period": period}
        for key, model in (
            ("state_id", "res.country.state"),
            ("sector_id", "ms.sector"),
        ):
            value = filters.get(key) or False
            if value and not (
                type(value) is int and self.env[model].browse(value).exists()
            ):
                raise ValidationError(
                    self.env._("The board cannot filter by “%s”.", value)
                )
            result[key] = value
        date_from = date_to = False
        if period == "month":
            date_from = today.replace(day=1)
            date_to = date_from + relativedelta(months=1)
        elif period == "quarter":
            date_from = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
            date_to = date_from + relativedelta(months=3)
        elif period == "year":
            date_from = today.replace(day=1, month=1)
            date_to = date_from + relativedelta(years=1)
        elif period == "last_12_months":
            date_to = today + relativedelta(days=1)
            date_from = date_to - relativedelta(years=1)
        result["date_from"] = date_from and fields.Date.to_string(date_from)
        result["date_to"] = date_to and fields.Date.to_string(date_to)
        return result

    def _filter_domain(self, model, dates=True):
        """The board's filters on `model`, through FILTER_PATHS (without the
        period when not `dates`)."""
        filters = self.env.context.get("ms_board_filters") or {}
        date_field, state_paths, sector_paths = FILTER_PATHS[model]
        domain = Domain.TRUE
        if dates and filters.get("date_from"):
            field = self.env[model]._fields[date_field]
            for operator, day in (
                (">=", filters["date_from"]),
                ("<", filters["date_to"]),
            ):
                value = day
                if field.type == "datetime":
                    value = fields.Datetime.to_string(self._ms_local_midnight(day))
                domain &= Domain(date_field, operator, value)
        for key, paths in (("state_id", state_paths), ("sector_id", sector_paths)):
            if filters.get(key) and paths:
                domain &= Domain.OR(Domain(path, "=", filters[key]) for path in paths)
        return domain

    def _ms_local_midnight(self, day):
        """The UTC moment a day starts at for the user (their timezone)."""
        tz = pytz.timezone(self.env.context.get("tz") or "UTC")
        start = datetime.combine(fields.Date.to_date(day), time.min)
        return tz.localize(start).astimezone(pytz.utc).replace(tzinfo=None)

    def _domain(self, model, domain):
        return list(Domain(domain) & self._filter_domain(model))

    def _options(self, sectors):
        periods = dict(
            all=self.env._("All time"),
            month=self.env._("This month"),
            quarter=self.env._("This quarter"),
            year=self.env._("This year"),
            last_12_months=self.env._("Last 12 months"),
        )
        states = self.env["res.country.state"].search_fetch(
            [("country_id.code", "=", "MX")], ["name"], order="name"
        )
        return {
            "periods": [[key, periods[key]] for key in PERIODS],
            "states": [[state.id, state.name] for state in states],
            "sectors": [[sector.id, sector.display_name] for sector in sectors],
        }

    def _national(self, model):
        """Counted for the whole commission: the commission's own records,
        unless a state or sector filter counts them through organizations
        (which the user's rules scope)."""
        filters = self.env.context.get("ms_board_filters") or {}
        territorial = filters.get("state_id") or filters.get("sector_id")
        return model in NATIONAL and not territorial

    def _scope_line(self):
        """What the board counts for this user, in one sentence."""
        user = self.env.user
        filters = self.env.context.get("ms_board_filters") or {}
        if filters.get("state_id") or filters.get("sector_id"):
            national = self.env._(
                "With a state or sector filter, agreements and alliances are "
                "counted through the organizations you may see."
            )
        else:
            national = self.env._(
                "Agreements and alliances are the whole commission's: counted "
                "nationally."
            )
        if not user.ms_scoped():
            return " ".join(
                (
                    self.env._("Scope: national, every state and sector."),
                    national,
                )
            )
        states = ", ".join(user.ms_scope_state_ids.mapped("name")) or "—"
        cities = ", ".join(user.ms_scope_city_ids.mapped("name")) or "—"
        sectors = ", ".join(user.ms_scope_sector_ids.mapped("display_name")) or "—"
        return " ".join(
            (
                self.env._(
                    "Your scope: states %(states)s; municipalities "
                    "%(municipalities)s; sectors %(sectors)s. Organizations, "
                    "insertions, evaluations and demands are counted within it.",
                    states=states,
                    municipalities=cities,
                    sectors=sectors,
                ),
                national,
            )
        )

    # Figures

    def _figure(self, label, model, domain, value=None):
        domain = self._domain(model, domain)
        if value is None:
            value = self.env[model].search_count(domain)
        return {
            "label": label,
            "value": value,
            "model": model,
            "domain": domain,
            "national": self._national(model),
        }

    def _kpis(self, by_stage, demands_by_state):
        insertion_active = [("state", "=", "active")]
        agreement_open = [("state", "in", ("pending", "in_progress"))]
        validated = [("state", "=", "validated")]
        score = self.env["ms.movement.evaluation"]._read_group(
            self._domain("ms.movement.evaluation", validated), [], ["score:avg"]
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
                validated,
                value=round(score or 0.0, 1),
            ),
        ]

    def _group_rows(self, model, domain, groupby):
        return self.env[model]._read_group(
            self._domain(model, domain), [groupby], ["__count"], order="__count desc"
        )

    def _group_block(
        self, title, model, domain, groupby, rows=None, every=None, note=""
    ):
        """A breakdown of `model` by `groupby`: every group, and all those of
        `every`, zero rows included; else beyond MAX_ROWS, the first ones and
        "Others" with the rest (one row that opens them all)."""
        if rows is None:
            rows = self._group_rows(model, domain, groupby)
        limit = MAX_ROWS
        if every is not None:
            counted = {group for group, _count in rows}
            rows = [*rows, *((group, 0) for group in every if group not in counted)]
            limit = len(rows)
        domain = self._domain(model, domain)

        def row(label, groups, value, with_none=False):
            where = Domain(groupby, "in", groups.ids)
            if with_none:
                where |= Domain(groupby, "=", False)
            return {
                "label": label,
                "value": value,
                "model": model,
                "domain": list(Domain(domain) & where),
            }

        result = [
            # named as Odoo's grouping names them (a contact out of the user's
            # rules, e.g. an authority; a person blocked by ARCO stays masked)
            row(group.sudo().display_name, group, count)
            if group
            else row(self.env._("None"), group, count, with_none=True)
            for group, count in rows[: limit - 1 if len(rows) > limit else None]
        ]
        if len(rows) > limit:
            rest = rows[limit - 1 :]
            groups = self.env[self.env[model]._fields[groupby].comodel_name].union(
                *(group for group, _count in rest)
            )
            others = row(
                self.env._("Others (%s)", len(rest)),
                groups,
                sum(count for _group, count in rest),
                with_none=any(not group for group, _count in rest),
            )
            if self.env[model]._fields[groupby].type == "many2many":
                # a record may be in several of them: count the records
                others["value"] = self.env[model].search_count(others["domain"])
            result.append(others)
        return {
            "title": title,
            "national": self._national(model),
            "note": note,
            "rows": result,
        }

    def _goals(self, today):
        """The goals the user may read (a scoped user, their own) running or
        ended in the last GOAL_ENDED_DAYS days: the running ones first, then
        the ended ones, each most behind first (progress minus the share
        expected by today); the first GOAL_ROWS. Counted live as the user, each
        with its own filter (the board's don't apply): one query per goal,
        which sorting by progress needs; its rows open the goal, its figures
        the records counted."""
        goals = self.env["ms.goal"].search_fetch(
            [("deadline", ">=", today - timedelta(days=GOAL_ENDED_DAYS))],
            [
                *("name", "model_name", "domain", "target", "date_start"),
                *("deadline", "user_id", "is_behind"),
            ],
        )
        counts = goals._ms_counts()

        def behind(goal):
            # running first; then the share reached minus the share expected
            value = counts[goal]
            gap = 100.0 * ((value or 0) - goal._ms_expected(today)) / goal.target
            return (goal.deadline < today, value is None, gap, goal.deadline, goal.id)

        rows = []
        for goal in sorted(goals, key=behind)[:GOAL_ROWS]:
            value = counts[goal]
            expected = goal._ms_expected(today)
            records = goal.action_view_records() if value is not None else None
            rows.append(
                {
                    "id": goal.id,
                    "label": goal.name,
                    # named as Odoo names a many2one (a responsible whose
                    # contact is out of the user's rules)
                    "responsible": goal.user_id.sudo().name,
                    "value": value,
                    "target": goal.target,
                    "progress": round(100.0 * (value or 0) / goal.target),
                    "expected": expected,
                    "expected_progress": round(100.0 * expected / goal.target),
                    "expected_label": self.env._(
                        "Expected by today: %(expected)s of %(target)s",
                        expected=expected,
                        target=goal.target,
                    ),
                    "is_behind": goal.is_behind,
                    "ended": goal.deadline < today,
                    "deadline": fields.Date.to_string(goal.deadline),
                    # the records counted, as the goal's button opens them
                    "records": records
                    and {
                        "label": records["name"],
                        "model": records["res_model"],
                        "domain": records["domain"],
                    },
                }
            )
        return {
            "title": self.env._("Goals"),
            "note": self.env._(
                "Counted live in your scope, each goal with its own filter: the "
                "board's filters don't apply. Running goals, most behind first, "
                "then those ended in the last %s days.",
                GOAL_ENDED_DAYS,
            ),
            "total": len(goals),
            "rows": rows,
            "action": "movimientos_sociales.ms_goal_action",
        }

    def _upcoming(self):
        """The next conferences and sessions, from now to the end of the
        period; sessions are the whole commission's, so a state or sector
        filter leaves them out."""
        filters = self.env.context.get("ms_board_filters") or {}
        now = fields.Datetime.now()
        items = []
        for model, label in (
            ("ms.conference", self.env._("Conference")),
            ("ms.session", self.env._("Session")),
        ):
            if model in NATIONAL and (
                filters.get("state_id") or filters.get("sector_id")
            ):
                continue
            domain = self._filter_domain(model, dates=False) & Domain(
                [("date_start", ">=", now), ("state", "not in", ("cancelled",))]
            )
            if filters.get("date_to"):
                end = self._ms_local_midnight(filters["date_to"])
                domain &= Domain("date_start", "<", end)
            records = self.env[model].search_fetch(
                domain,
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
                    "national": model in NATIONAL,
                }
                for record in records
            ]
        return sorted(items, key=lambda item: item["date"])[:8]

    def _coverage(self, sectors, known):
        """Coverage by sector and state (issue 16): per sector, its
        organizations, those linked or consolidated and those with an active
        cadre insertion, and its gaps: the states where it has organizations
        but no insertion (opening those organizations), and the states of the
        board (the state filtered, or those where the user has organizations)
        where it has none (opening those states). `known`: the organizations
        grouped by sector, state and stage (shared with the block by sector);
        one grouping of its own, as the user; the full table is the
        "Structure Coverage" report."""
        filters = self.env.context.get("ms_board_filters") or {}
        Movement = self.env["ms.movement"]
        active_insertion = [("insertion_ids.state", "=", "active")]
        groups = ["ms_sector_ids", "state_id"]
        inserted = Movement._read_group(
            self._domain("ms.movement", active_insertion), groups, ["__count"]
        )
        counts = {}  # sector id -> state -> [known, linked, inserted]
        for sector, state, stage, count in known:
            cell = counts.setdefault(sector.id, {}).setdefault(state, [0, 0, 0])
            cell[0] += count
            cell[1] += count if stage.is_linked else 0
        for sector, state, count in inserted:
            counts.setdefault(sector.id, {}).setdefault(state, [0, 0, 0])[2] += count
        if filters.get("state_id"):
            board_states = self.env["res.country.state"].browse(filters["state_id"])
        else:
            board_states = self.env["res.country.state"].union(
                *(state for _sector, state, _stage, _count in known if state)
            )
        if filters.get("sector_id"):
            sectors = sectors.filtered(lambda s: s.id == filters["sector_id"])

        def figure(label, value, domain, model="ms.movement"):
            if model == "ms.movement":
                domain = self._domain(model, domain)
            return {"label": label, "value": value, "model": model, "domain": domain}

        rows = []
        for sector in sectors:
            cells = counts.get(sector.id, {})
            in_sector = [("ms_sector_ids", "in", sector.ids)]
            totals = [sum(cell[i] for cell in cells.values()) for i in range(3)]
            no_insertion = board_states.filtered(
                lambda state, cells=cells: state in cells and not cells[state][2]
            ).sorted("name")
            no_organization = board_states.filtered(
                lambda state, cells=cells: state not in cells
            ).sorted("name")
            rows.append(
                {
                    "label": sector.display_name,
                    "figures": [
                        figure(self.env._("Organizations"), totals[0], in_sector),
                        figure(
                            self.env._("Linked or Consolidated"),
                            totals[1],
                            [*in_sector, ("stage_id.is_linked", "=", True)],
                        ),
                        figure(
                            self.env._("With Active Insertion"),
                            totals[2],
                            [*in_sector, *active_insertion],
                        ),
                    ],
                    "no_insertion": figure(
                        ", ".join(no_insertion.mapped("name")),
                        sum(cells[state][0] for state in no_insertion),
                        [*in_sector, ("state_id", "in", no_insertion.ids)],
                    ),
                    "no_organization": figure(
                        ", ".join(no_organization.mapped("name")),
                        len(no_organization),
                        [("id", "in", no_organization.ids)],
                        model="res.country.state",
                    ),
                }
            )
        return {
            "title": self.env._("Coverage by Sector and State"),
            "columns": [
                self.env._("Organizations"),
                self.env._("Linked or Consolidated"),
                self.env._("With Active Insertion"),
            ],
            "note": self.env._(
                "Gaps: the states where a sector has organizations but no active "
                "insertion (a click opens those organizations), and the states "
                "of the board where it has no organization."
            ),
            "rows": rows,
        }

    @api.model
    def _ms_month_label(self, month, lang=None):
        """A month as people read it ("abr 2026"), in the user's language."""
        locale = babel_locale_parse(lang or self.env.lang or "en_US")
        return babel_dates.format_date(month, "MMM yyyy", locale=locale)

    def _score_trend(self, today):
        start = (today - relativedelta(months=11)).replace(day=1)
        domain = self._domain(
            "ms.movement.evaluation",
            [("state", "=", "validated"), ("date", ">=", fields.Date.to_string(start))],
        )
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
