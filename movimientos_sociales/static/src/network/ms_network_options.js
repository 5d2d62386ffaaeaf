// The network's look and layout, in one place: the client action
// (ms_network.js) draws with msNetworkDraw(), and the draw benchmark
// (tools/bench/network_draw.py) inlines this very file in a page of its own
// to time the same thing. So: no import, nothing of Odoo's, plain data and
// functions only ("export " is all the benchmark strips).

/** Odoo's colour index 0-11 ($o-colors, web/static/src/scss/secondary_variables.scss). */
export const MS_NETWORK_COLORS = [
    "#a2a2a2",
    "#ee2d2d",
    "#dc8534",
    "#e8bb1d",
    "#5794dd",
    "#9f628f",
    "#db8865",
    "#41a9a2",
    "#304be0",
    "#ee2f8a",
    "#61c36e",
    "#9872e6",
];
/** A node with no sector (and a person). */
export const MS_NETWORK_GREY = "#ced4da";

/** Per kind of node: its shape; a person is a small dot, whatever its size. */
export const MS_NETWORK_SHAPES = {
    movement: "dot",
    alliance: "diamond",
    person: "dot",
    contact: "square",
};

/** Per kind of edge: solid, dashed, dotted (the legend draws the same with CSS). */
export const MS_NETWORK_EDGES = {
    alliance: { dashes: false, color: "#6c757d", width: 1.5 },
    action: { dashes: [8, 5], color: "#0d6efd", width: 1.5 },
    relation: { dashes: [2, 4], color: "#6f42c1", width: 1 },
};

/** The radius of a node from its size (integrants or degree, >= 1), clamped to 6-28 px. */
export function msNetworkRadius(node) {
    if (node.kind === "person") {
        return 4;
    }
    if (node.kind === "contact") {
        return 6;
    }
    return Math.min(28, Math.max(6, Math.round(5 + 3 * Math.sqrt(node.size || 1))));
}

/** The colour of a node: its sector's (colour index; none: index 0), grey without a sector. */
export function msNetworkColor(node, colorOfSector) {
    if (node.kind === "person" || node.kind === "contact" || !node.sector_id || !colorOfSector.has(node.sector_id)) {
        return MS_NETWORK_GREY;
    }
    return MS_NETWORK_COLORS[(colorOfSector.get(node.sector_id) || 0) % MS_NETWORK_COLORS.length];
}

/** A node of get_network_data() as vis-network wants it (`title`: text, shown as text). */
export function msNetworkNode(node, colorOfSector) {
    const color = msNetworkColor(node, colorOfSector);
    return {
        id: node.id,
        label: node.label,
        title: node.label,
        shape: MS_NETWORK_SHAPES[node.kind] || "dot",
        size: msNetworkRadius(node),
        color: {
            background: color,
            border: "#495057",
            highlight: { background: color, border: "#212529" },
            hover: { background: color, border: "#212529" },
        },
    };
}

export function msNetworkEdge(edge) {
    const style = MS_NETWORK_EDGES[edge.kind] || MS_NETWORK_EDGES.relation;
    return {
        id: edge.id,
        from: edge.from,
        to: edge.to,
        title: edge.label || undefined,
        dashes: style.dashes,
        width: style.width * Math.min(3, Math.max(1, Math.sqrt(edge.count || 1))),
        color: { color: style.color, highlight: "#212529", hover: "#212529", opacity: 0.85 },
    };
}

/**
 * vis-network's options. Drawn in well under a second for 2,000 nodes and
 * 5,000 edges (tools/bench/network_draw.py):
 * - improvedLayout off: its Kamada-Kawai seeding is quadratic and takes
 *   seconds past a few hundred nodes;
 * - straight edges (smooth off): "dynamic" curves add a hidden physics node
 *   per edge, i.e. 5,000 more bodies to simulate;
 * - a bounded stabilization (Barnes-Hut from seeded positions, see
 *   msNetworkSeed; its iterations fewer as the graph grows, see
 *   msNetworkIterations), done before the first frame, then physics off
 *   (msNetworkDraw): the graph stays still and the fan stays quiet;
 * - labels only when zoomed in enough to read them; edges hidden while
 *   dragging or zooming.
 */
export const MS_NETWORK_OPTIONS = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: {
        enabled: true,
        solver: "barnesHut",
        barnesHut: {
            // a coarser approximation than the default 0.5: about half the
            // time per iteration, no visible difference after a few
            theta: 0.9,
            gravitationalConstant: -2500,
            centralGravity: 0.5,
            springLength: 90,
            springConstant: 0.04,
            damping: 0.4,
            avoidOverlap: 0,
        },
        maxVelocity: 50,
        minVelocity: 1,
        timestep: 0.5,
        adaptiveTimestep: true,
        // iterations: set per graph by msNetworkIterations()
        stabilization: { enabled: true, iterations: 200, updateInterval: 1000, fit: true },
    },
    nodes: {
        borderWidth: 1,
        font: { size: 13, color: "#212529", strokeWidth: 3, strokeColor: "#ffffff" },
        scaling: { label: { enabled: false, drawThreshold: 9 } },
    },
    edges: {
        smooth: false,
        selectionWidth: 1.5,
        hoverWidth: 0.5,
    },
    interaction: {
        hover: true,
        tooltipDelay: 200,
        hideEdgesOnDrag: true,
        hideEdgesOnZoom: true,
        navigationButtons: false,
        keyboard: false,
        multiselect: false,
        selectConnectedEdges: true,
    },
};

/**
 * The stabilization's iterations for a graph of `count` nodes: one iteration
 * of Barnes-Hut (theta 0.9) costs about 15-25 ms for 2,000 nodes / 5,000
 * edges in headless Chromium on this project's machines (2 cores), on top of
 * about 300 ms to build and draw, so a budget of 20,000 node-iterations: 10
 * at 2,000 nodes, 40 at 500, 200 (the most) up to 100; the seeded positions
 * (msNetworkSeed) do the rest.
 */
export function msNetworkIterations(count) {
    return Math.max(10, Math.min(200, Math.round(20000 / Math.max(1, count))));
}

/**
 * Starting positions, so that a few iterations are enough: the alliances on
 * a circle, their members around them (a member of several: around the
 * first), the other linked nodes around a neighbour, the nodes without links
 * on a ring just outside. Deterministic: the same data, the same picture.
 */
export function msNetworkSeed(nodes, edges) {
    const radius = 25 * Math.sqrt(nodes.length);
    const alliances = nodes.filter((node) => node.kind === "alliance");
    const home = new Map();
    alliances.forEach((node, index) => {
        const angle = (2 * Math.PI * index) / alliances.length;
        home.set(node.id, { x: 0.5 * radius * Math.cos(angle), y: 0.5 * radius * Math.sin(angle) });
    });
    for (const edge of edges) {
        if (edge.kind === "alliance") {
            const [member, alliance] = home.has(edge.to) ? [edge.from, edge.to] : [edge.to, edge.from];
            if (!home.has(member) && home.has(alliance)) {
                home.set(member, home.get(alliance));
            }
        }
    }
    const linked = new Set();
    for (const edge of edges) {
        linked.add(edge.from).add(edge.to);
        // one pass: a node linked to a placed one goes near it
        for (const [a, b] of [[edge.from, edge.to], [edge.to, edge.from]]) {
            if (!home.has(a) && home.has(b)) {
                home.set(a, home.get(b));
            }
        }
    }
    const positions = new Map();
    nodes.forEach((node, index) => {
        // a golden-angle spiral: spread without randomness
        const angle = index * 2.39996;
        const center = home.get(node.id);
        if (node.kind === "alliance" && center) {
            positions.set(node.id, center);
        } else if (center) {
            const spread = 15 + 60 * ((index * 0.618) % 1);
            positions.set(node.id, {
                x: center.x + spread * Math.cos(angle),
                y: center.y + spread * Math.sin(angle),
            });
        } else {
            // linked among themselves only (no alliance near): the middle; alone: a ring
            const ring = linked.has(node.id) ? 0.3 * radius * ((index * 0.618) % 1) : radius;
            positions.set(node.id, { x: ring * Math.cos(angle), y: ring * Math.sin(angle) });
        }
    });
    return positions;
}

/**
 * Draws `graph` ({nodes, edges, sectors} of get_network_data()) in
 * `container` with the global `vis` given; calls onDrawn(network) on the
 * first frame after the stabilization and onFirstFrame(network) on the very
 * first frame. Returns the network (destroy() it before drawing again).
 */
export function msNetworkDraw(vis, container, graph, { onDrawn, onFirstFrame } = {}) {
    const colorOfSector = new Map((graph.sectors || []).map((sector) => [sector.id, sector.color]));
    const positions = msNetworkSeed(graph.nodes, graph.edges);
    const nodes = graph.nodes.map((node) => ({
        ...msNetworkNode(node, colorOfSector),
        ...positions.get(node.id),
    }));
    const options = {
        ...MS_NETWORK_OPTIONS,
        physics: {
            ...MS_NETWORK_OPTIONS.physics,
            stabilization: {
                ...MS_NETWORK_OPTIONS.physics.stabilization,
                iterations: msNetworkIterations(nodes.length),
            },
        },
    };
    const network = new vis.Network(
        container,
        { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(graph.edges.map(msNetworkEdge)) },
        options
    );
    network.once("afterDrawing", () => onFirstFrame?.(network));
    network.once("stabilizationIterationsDone", () => {
        network.setOptions({ physics: { enabled: false } });
        network.once("afterDrawing", () => onDrawn?.(network));
    });
    return network;
}
