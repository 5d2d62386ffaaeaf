import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

// The states' shapes: @svg-maps/mexico 2.0.0 (CC BY 4.0), vendored in the
// addon and read from its own static URL; nothing comes from another server.
const SVG_URL = "/movimientos_sociales/static/lib/svg-maps-mexico/mexico.svg";
let shapes = null;

/** The map's viewBox and its 32 paths (id: the state's code in lower case), read once. */
function loadShapes() {
    shapes ??= fetch(SVG_URL)
        .then((response) => {
            if (!response.ok) {
                throw new Error(`${SVG_URL}: ${response.status}`);
            }
            return response.text();
        })
        .then((text) => {
            const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
            return {
                viewBox: svg.getAttribute("viewBox"),
                paths: [...svg.querySelectorAll("path[id]")].map((path) => ({
                    code: path.id,
                    d: path.getAttribute("d"),
                })),
            };
        })
        .catch((error) => {
            shapes = null; // tried again next time
            throw error;
        });
    return shapes;
}

/**
 * The map of Mexico (ms.map): the states coloured by a figure; a state opens
 * its municipalities, sorted by it, with every figure; each figure opens the
 * list of the records it counts. On its own it has a period; as a block of
 * the board it follows the board's filters (prop `filters`).
 */
export class MsMap extends Component {
    static template = "movimientos_sociales.Map";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            shapes: null,
            data: null,
            table: null,
            hover: null,
            figure: "organizations",
            period: "all",
        });
        onWillStart(async () => {
            [this.state.shapes] = await Promise.all([loadShapes(), this.load()]);
        });
        onWillUpdateProps(async (next) => {
            if (JSON.stringify(this.filtersOf(next)) !== this.loaded) {
                await this.load(next);
            }
        });
    }

    filtersOf(props) {
        return props.filters || { period: this.state.period };
    }

    call(filters, stateId) {
        return this.orm.call("ms.map", "get_map_data", [this.state.figure], {
            filters,
            state_id: stateId,
        });
    }

    /** The states and, if one is open, its municipalities, with the same filters. */
    async load(props = this.props) {
        const filters = this.filtersOf(props);
        this.loaded = JSON.stringify(filters);
        const stateId = this.state.table?.state.id;
        const [data, table] = await Promise.all([
            this.call(filters),
            stateId ? this.call(filters, stateId) : null,
        ]);
        Object.assign(this.state, { data, table });
    }

    async setFigure(figure) {
        this.state.figure = figure;
        await this.load();
    }

    async setPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    async openState(place) {
        this.state.table = await this.call(this.filtersOf(this.props), place.id);
    }

    onKeydown(ev, place) {
        if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this.openState(place);
        }
    }

    back() {
        this.state.table = null;
    }

    get figureLabel() {
        return this.state.data.figures.find(([key]) => key === this.state.figure)[1];
    }

    /** The states with something, most first (the map's figures as a list). */
    get ranking() {
        return Object.values(this.state.data.states)
            .filter((place) => place.value)
            .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
    }

    tooltip(place) {
        return `${place.name}: ${place.value}`;
    }

    legendLabel(step) {
        return step.from === step.to ? `${step.from}` : `${step.from}–${step.to}`;
    }

    open(label, cell) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: label,
            res_model: cell.model,
            domain: cell.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }
}

registry.category("actions").add("movimientos_sociales.map", MsMap);
