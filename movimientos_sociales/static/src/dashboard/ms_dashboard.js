import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import {
    deserializeDate,
    deserializeDateTime,
    formatDate,
    formatDateTime,
} from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { MsMap } from "@movimientos_sociales/map/ms_map";

/**
 * The commission's board: figures from grouped queries (ms.dashboard), each
 * opening the list of the records it counts.
 */
export class MsDashboard extends Component {
    static template = "movimientos_sociales.Dashboard";
    static props = ["*"];
    static components = { MsMap };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            data: null,
            filters: { period: "all", state_id: false, sector_id: false },
        });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("ms.dashboard", "get_board_data", [], {
            filters: this.state.filters,
        });
    }

    async setFilter(key, value) {
        // selects give strings: ids back to numbers, "" to no filter
        this.state.filters[key] = key === "period" ? value : parseInt(value) || false;
        await this.load();
    }

    open(item) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: item.label,
            res_model: item.model,
            domain: item.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    /** A goal's form (read-only for who may not edit it). */
    openGoal(goal) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "ms.goal",
            res_id: goal.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    /** Every goal: the goals' own list. */
    openGoals() {
        this.action.doAction(this.state.data.goals.action);
    }

    goalWidth(goal) {
        return `width: ${Math.min(100, goal.progress)}%`;
    }

    /** Where the share expected by today falls on the bar. */
    goalMark(goal) {
        return `left: ${Math.min(100, goal.expected_progress)}%; margin: -2px 0;`;
    }

    formatDay(value) {
        return formatDate(deserializeDate(value));
    }

    /** A copy of the filters: the map block reloads when they change. */
    get mapFilters() {
        return { ...this.state.filters };
    }

    barWidth(block, row) {
        const max = Math.max(...block.rows.map((r) => r.value), 1);
        return `width: ${Math.round((100 * row.value) / max)}%`;
    }

    /** A figure's share of the sector's organizations, e.g. "(40 %)". */
    share(figure, total) {
        return `(${Math.round((100 * figure.value) / total)} %)`;
    }

    trendHeight(point) {
        return `height: ${Math.max(4, Math.round(point.value))}%`;
    }

    formatDate(value) {
        // the server sends UTC; shown in the user's timezone, without seconds
        const time = localization.timeFormat.replace(/:ss/, "");
        return formatDateTime(deserializeDateTime(value), {
            format: `${localization.dateFormat} ${time}`,
        });
    }
}

registry.category("actions").add("movimientos_sociales.dashboard", MsDashboard);
