import { Component, onWillStart, toRaw, useEffect, useRef, useState } from "@odoo/owl";
import { loadJS } from "@web/core/assets";
import { DateTimeInput } from "@web/core/datetime/datetime_input";
import { deserializeDate, serializeDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatInteger } from "@web/views/fields/formatters";
import { MS_NETWORK_EDGES, msNetworkDraw } from "./ms_network_options";

// vis-network 10.1.5 (Apache-2.0 OR MIT), vendored in the addon, loaded on
// the first opening of this view only (not in the backend bundle); its
// standalone build carries its own CSS.
const VIS_URL = "/movimientos_sociales/static/lib/vis-network/vis-network.min.js";

const NO_FILTERS = {
    state_id: false,
    sector_id: false,
    alliance_id: false,
    date_from: false,
    date_to: false,
    people: false,
};

/**
 * The network of organizations (ms.network, "Red de alianzas"): movements and
 * alliances (and, on request, people) as nodes coloured by sector, linked by
 * alliance membership, joint actions and relations. A node, or an item of the
 * side lists (most connected, without links), opens its record.
 */
export class MsNetwork extends Component {
    static template = "movimientos_sociales.Network";
    static props = ["*"];
    static components = { DateTimeInput };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.canvas = useRef("canvas");
        this.state = useState({
            data: null,
            filters: { ...NO_FILTERS },
            loading: false,
            drawnCount: undefined, // data-node-count: absent until drawn
            hover: null,
        });
        onWillStart(() => Promise.all([loadJS(VIS_URL), this.load()]));
        useEffect(
            (data) => {
                this.draw(data);
                return () => this.undraw();
            },
            () => [this.state.data]
        );
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("ms.network", "get_network_data", [], {
                filters: { ...this.state.filters },
            });
        } finally {
            this.state.loading = false;
        }
    }

    async setFilter(key, value) {
        // selects give strings: ids back to numbers, "" to no filter
        if (key === "people") {
            this.state.filters.people = Boolean(value);
        } else if (key === "date_from" || key === "date_to") {
            this.state.filters[key] = value || false;
        } else {
            this.state.filters[key] = parseInt(value) || false;
        }
        await this.load();
    }

    /** A period bound as the date inputs take it (in the user's format). */
    dateValue(key) {
        const value = this.state.filters[key];
        return value ? deserializeDate(value) : false;
    }

    setDate(key, date) {
        return this.setFilter(key, date ? serializeDate(date) : false);
    }

    async clearFilters() {
        this.state.filters = { ...NO_FILTERS };
        await this.load();
    }

    get hasFilters() {
        return Object.entries(this.state.filters).some(([key, value]) => value !== NO_FILTERS[key]);
    }

    draw(data) {
        this.state.drawnCount = undefined;
        const container = this.canvas.el;
        if (!data || !data.nodes.length || !container) {
            this.state.drawnCount = data ? 0 : undefined;
            return;
        }
        const graph = toRaw(data);
        this.nodesById = new Map(graph.nodes.map((node) => [node.id, node]));
        this.network = msNetworkDraw(window.vis, container, graph, {
            onDrawn: (network) => {
                // what a test (the organizing tour) needs to click a node
                container.msNetwork = network;
                this.state.drawnCount = graph.nodes.length;
            },
        });
        this.network.on("click", (params) => {
            const node = params.nodes.length && this.nodesById.get(params.nodes[0]);
            if (node) {
                this.open(node);
            }
        });
        this.network.on("hoverNode", (params) => {
            container.classList.add("o_ms_network_pointer");
            this.state.hover = this.nodesById.get(params.node)?.label || null;
        });
        this.network.on("blurNode", () => {
            container.classList.remove("o_ms_network_pointer");
            this.state.hover = null;
        });
    }

    undraw() {
        this.network?.destroy();
        this.network = null;
    }

    /** Opens the record of a node (or of an item of the lists). */
    open(node) {
        this.actionService.doAction({
            type: "ir.actions.act_window",
            name: node.label,
            res_model: node.res_model,
            res_id: node.res_id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    /** The sectors of the drawn nodes, for the legend (colour index 0-11, no sector last). */
    get legendSectors() {
        const data = this.state.data;
        const used = new Set(data.nodes.map((node) => node.sector_id).filter(Boolean));
        const sectors = data.sectors
            .filter((sector) => used.has(sector.id))
            .map((sector) => ({
                key: `s${sector.id}`,
                name: sector.name,
                className: `o_ms_network_color_${(sector.color || 0) % 12}`,
            }));
        if (data.nodes.some((node) => !node.sector_id && node.kind === "movement")) {
            sectors.push({ key: "none", name: _t("No sector"), className: "o_ms_network_color_none" });
        }
        return sectors;
    }

    get legendNodes() {
        const kinds = [
            { kind: "movement", name: _t("Organization") },
            { kind: "alliance", name: _t("Alliance") },
        ];
        if (this.state.filters.people) {
            kinds.push({ kind: "person", name: _t("Person") });
            kinds.push({ kind: "contact", name: _t("Other organization (contact)") });
        }
        return kinds;
    }

    get legendEdges() {
        const names = {
            alliance: _t("Alliance membership"),
            action: _t("Joint action"),
            relation: _t("Relation"),
        };
        return Object.keys(MS_NETWORK_EDGES).map((kind) => ({ kind, name: names[kind] }));
    }

    get summary() {
        return _t("%(nodes)s nodes, %(edges)s links", {
            nodes: formatInteger(this.state.data.nodes.length),
            edges: formatInteger(this.state.data.edges.length),
        });
    }

    get truncatedNotice() {
        return _t(
            "Only the %(limit)s most connected nodes are shown. Narrow the filters to see the rest.",
            { limit: formatInteger(this.state.data.limit) }
        );
    }

    get isolatedNotice() {
        return _t("The first %(shown)s of %(count)s, by name.", {
            shown: formatInteger(this.state.data.isolated.length),
            count: formatInteger(this.state.data.isolated_count),
        });
    }

    degreeLabel(item) {
        return _t("%(label)s: %(degree)s links", { label: item.label, degree: item.degree });
    }
}

registry.category("actions").add("ms_network", MsNetwork);
