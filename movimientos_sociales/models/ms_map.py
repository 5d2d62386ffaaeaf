import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

from .ms_dashboard import PERIODS

# Colours of the scale, lightest to darkest (ColorBrewer "Reds", 5 classes),
# and of a place with nothing.
COLORS = ("#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15")
ZERO_COLOR = "#f0f0f0"

# What the map counts of each model: the records (domain), where they are (the
# paths of their state and of their municipality) and how the board's filters
# reach them: the date its period filters on and the paths of their sectors
# (for the models the board counts, those of ms_dashboard.FILTER_PATHS).
LAYERS = {
    "ms.movement": {
        "domain": [],
        "state": "state_id",
        "municipality": "municipality_id",
        "date": "create_date",
        "sectors": ("ms_sector_ids",),
    },
    "ms.cadre.insertion": {
        "domain": [("state", "=", "active")],
        "state": "movement_id.state_id",
        "municipality": "movement_id.municipality_id",
        "date": "start_date",
        "sectors": ("movement_id.ms_sector_ids",),
    },
    "ms.demand": {
        "domain": [("state", "in", ("received", "filed", "in_process"))],
        "state": "state_id",
        "municipality": "municipality_id",
        "date": "create_date",
        "sectors": ("sector_id",),
    },
    "ms.action": {
        "domain": [("state", "!=", "cancelled")],
        "state": "state_id",
        "municipality": "municipality_id",
        "date": "date_start",
        "sectors": ("sector_ids",),
    },
    "ms.conference.participant": {
        "domain": [("attended", "=", True)],
        "state": "conference_id.state_id",
        "municipality": "conference_id.municipality_id",
        "date": "date_start",
        "sectors": ("sector_id",),
    },
}

# The figures, in the order they are offered: the model they count and, for
# those that count part of its records, the field that marks them (True).
# The figures of one model come from one grouped query. As on the board:
# "linked" are the organizations in a stage marked linked (Linked and
# Consolidated), open demands those received, filed or in process, overdue
# the open ones past their deadline; actions count unless cancelled,
# attendance is the participants present at a conference held in the place.
FIGURES = {
    "organizations": ("ms.movement", None),
    "linked": ("ms.movement", "stage_id.is_linked"),
    "insertions": ("ms.cadre.insertion", None),
    "demands": ("ms.demand", None),
    "overdue_demands": ("ms.demand", "is_overdue"),
    "actions": ("ms.action", None),
    "attendance": ("ms.conference.participant", None),
}


class MsMap(models.AbstractModel):
    """Figures of the map of Mexico: one figure per state, or every figure per
    municipality of a state. Like the board's (ms.dashboard), they come from
    grouped queries run as the current user, so record rules and scopes apply,
    follow the board's filters (period, state, sector) and carry the model and
    domain of the list they open."""

    _name = "ms.map"
    _description = "Social Movements Map"

    @api.model
    def get_map_data(self, figure, filters=None, state_id=None):
        """The states coloured by `figure` (all 32, keyed by their code in
        lower case, as the map's shapes are) and the scale; with `state_id`,
        that state's municipalities instead, sorted by `figure`, with every
        figure."""
        if not self.env.user.has_group("movimientos_sociales.group_ms_reader"):
            raise AccessError(self.env._("The map is for the commission's members."))
        if not isinstance(figure, str) or figure not in FIGURES:
            raise ValidationError(self.env._("Unknown figure: “%s”.", figure))
        # the board's filters, in the user's timezone (see get_board_data)
        tz = self.env.context.get("tz")
        if tz not in pytz.all_timezones_set:
            tz = (
                self.env.user.tz
                if self.env.user.tz in pytz.all_timezones_set
                else "UTC"
            )
        board = self.env["ms.dashboard"].with_context(tz=tz)
        filters = board._ms_filters(filters, fields.Date.context_today(board))
        figures = self.with_context(tz=tz, ms_map_filters=filters)
        result = {"figure": figure, "figures": figures._figure_options()}
        if state_id is None or state_id is False:
            result.update(figures._states_layer(figure))
            result["periods"] = figures._period_options()
            return result
        state = self.env["res.country.state"]
        if type(state_id) is int:
            state = state.search_fetch(
                [("id", "=", state_id), ("country_id.code", "=", "MX")], ["name"]
            )
        if not state:
            raise ValidationError(self.env._("The map has no state “%s”.", state_id))
        result.update(figures._municipality_table(figure, state))
        return result

    def _figure_options(self):
        labels = {
            "organizations": self.env._("Organizations"),
            "linked": self.env._("Linked or Consolidated"),
            "insertions": self.env._("Active Cadre Insertions"),
            "demands": self.env._("Open Citizen Demands"),
            "overdue_demands": self.env._("Overdue Demands"),
            "actions": self.env._("Actions of Struggle"),
            "attendance": self.env._("Conference Attendance"),
        }
        return [[key, labels[key]] for key in FIGURES]

    def _period_options(self):
        """The board's periods (ms.dashboard._options, without its query)."""
        labels = {
            "all": self.env._("All time"),
            "month": self.env._("This month"),
            "quarter": self.env._("This quarter"),
            "year": self.env._("This year"),
            "last_12_months": self.env._("Last 12 months"),
        }
        return [[key, labels[key]] for key in PERIODS]

    # Domains

    def _domain(self, model, mark=None):
        """The records of `model` the map counts (those marked by `mark`, if
        given), within the board's filters."""
        layer = LAYERS[model]
        filters = self.env.context["ms_map_filters"]
        domain = Domain(layer["domain"])
        if mark:
            domain &= Domain(mark, "=", True)
        if filters["date_from"]:
            field = self.env[model]._fields[layer["date"]]
            for operator, day in (
                (">=", filters["date_from"]),
                ("<", filters["date_to"]),
            ):
                value = day
                if field.type == "datetime":
                    value = fields.Datetime.to_string(
                        self.env["ms.dashboard"]._ms_local_midnight(day)
                    )
                domain &= Domain(layer["date"], operator, value)
        if filters["state_id"]:
            domain &= Domain(layer["state"], "=", filters["state_id"])
        if filters["sector_id"]:
            domain &= Domain.OR(
                Domain(path, "=", filters["sector_id"]) for path in layer["sectors"]
            )
        return domain

    @staticmethod
    def _cell(model, domain, value, *terms):
        """A figure and the list it opens: `domain` (a list) and `terms`."""
        return {"value": value, "model": model, "domain": [*domain, *terms]}

    # Layers

    def _states_layer(self, figure):
        """The figure in each of the 32 states (zeros included) from one
        grouped query, and its scale. What has no Mexican state is counted
        apart."""
        model, mark = FIGURES[figure]
        path = LAYERS[model]["state"]
        domain = self._domain(model, mark)
        counts = dict(self.env[model]._read_group(domain, [path], ["__count"]))
        states = self.env["res.country.state"].search_fetch(
            [("country_id.code", "=", "MX")], ["name", "code"], order="name"
        )
        values = {state: counts.get(state, 0) for state in states}
        legend = self._legend(max(values.values(), default=0))
        base = list(domain)
        return {
            "states": {
                state.code.lower(): {
                    "id": state.id,
                    "name": state.name,
                    "color": self._color(value, legend),
                    **self._cell(model, base, value, (path, "=", state.id)),
                }
                for state, value in values.items()
            },
            "legend": legend,
            "unplaced": self._cell(
                model,
                list(domain & ~Domain(path, "in", states.ids)),
                sum(counts.values()) - sum(values.values()),
            ),
        }

    def _municipality_table(self, figure, state):
        """The municipalities of `state` with something to count, sorted by
        `figure` (most first), with every figure, from one grouped query per
        model (a figure of part of its model's records groups that query
        further); what has no municipality is a row of its own, the total is
        the state's."""
        bases = {
            key: list(
                self._domain(model, mark)
                & Domain(LAYERS[model]["state"], "=", state.id)
            )
            for key, (model, mark) in FIGURES.items()
        }
        counts = {key: {} for key in FIGURES}
        for model, layer in LAYERS.items():
            keys = [key for key, (of, _mark) in FIGURES.items() if of == model]
            marks = [FIGURES[key][1] for key in keys if FIGURES[key][1]]
            groups = self.env[model]._read_group(
                self._domain(model) & Domain(layer["state"], "=", state.id),
                [layer["municipality"], *marks],
                ["__count"],
            )
            for place, *marked, count in groups:
                for key in keys:
                    mark = FIGURES[key][1]
                    if not mark or marked[marks.index(mark)]:
                        counts[key][place] = counts[key].get(place, 0) + count
        places = {place for by_place in counts.values() for place in by_place}
        self.env["res.city"].union(*places).fetch(["name"])

        def row(label, place):
            return {
                "label": label,
                "cells": [
                    self._cell(
                        model,
                        bases[key],
                        counts[key].get(place, 0),
                        (LAYERS[model]["municipality"], "=", place.id),
                    )
                    for key, (model, _mark) in FIGURES.items()
                ],
            }

        rows = [
            row(place.name if place else self.env._("No municipality"), place)
            for place in places
        ]
        column = list(FIGURES).index(figure)
        rows.sort(key=lambda row: (-row["cells"][column]["value"], row["label"]))
        total = {
            "label": state.name,
            "cells": [
                self._cell(model, bases[key], sum(counts[key].values()))
                for key, (model, _mark) in FIGURES.items()
            ],
        }
        return {
            "state": {"id": state.id, "name": state.name},
            "rows": rows,
            "total": total,
        }

    # Scale

    @staticmethod
    def _legend(top):
        """Up to 5 classes of equal width from 1 to `top` (fewer when `top`
        is smaller), lightest to darkest; 0 has a colour of its own."""
        steps = min(len(COLORS), top)
        colors = COLORS[len(COLORS) - steps :]
        classes = [
            {"from": top * i // steps + 1, "to": top * (i + 1) // steps}
            for i in range(steps)
        ]
        return {
            "zero": ZERO_COLOR,
            "max": top,
            "steps": [
                {**step, "color": color}
                for step, color in zip(classes, colors, strict=True)
            ],
        }

    @staticmethod
    def _color(value, legend):
        if not value:
            return legend["zero"]
        for step in legend["steps"]:
            if value <= step["to"]:
                return step["color"]
        return legend["steps"][-1]["color"]
