import { registry } from "@web/core/registry";

// The organizing questions in one walk: assess an organization from its
// kanban card, read the structure coverage, open a goal, then the network of
// alliances, where clicking the organization opens it.
const CARD = ".o_kanban_record:contains(Colectivo Organizado)";

registry.category("web_tour.tours").add("movimientos_sociales_organizing_tour", {
    url: "/odoo/ms-organizations",
    steps: () => [
        {
            trigger: `.o_kanban_view ${CARD} .o_ms_assessment_toggle`,
            content: "Open the assessment scale from the card",
            run: "click",
        },
        {
            trigger: ".o_ms_assessment_level_menu .o_ms_assessment_choice:contains(Committed Ally)",
            content: "Assess it as a committed ally",
            run: "click",
        },
        {
            trigger: `${CARD} .o_ms_assessment_level .badge:contains(Committed Ally)`,
            content: "The card shows the new level",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_oversight"]',
            content: "Open the Oversight menu",
            run: "click",
        },
        {
            trigger: '[data-menu-xmlid="movimientos_sociales.menu_coverage"]',
            content: "Open Structure Coverage",
            run: "click",
        },
        {
            trigger:
                ".o_pivot tr:has(th:contains(Sector Organizado)) td.o_pivot_cell_value:contains(2)",
            content: "The sector's two organizations are known",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_oversight"]',
            content: "Open the Oversight menu again",
            run: "click",
        },
        {
            trigger: '[data-menu-xmlid="movimientos_sociales.menu_goals"]',
            content: "Open the goals",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(Meta Organizada)",
            content: "Open the goal",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Meta Organizada), .o_form_view .o_field_widget[name=name] input",
            content: "The goal's form",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_alliances"]',
            content: "Open the Alliances menu",
            run: "click",
        },
        {
            trigger: '[data-menu-xmlid="movimientos_sociales.menu_network"]',
            content: "Open the network of alliances",
            run: "click",
        },
        {
            trigger: ".o_ms_network[data-node-count]:not([data-node-count='0'])",
            content: "The network is drawn",
        },
        {
            trigger: ".o_ms_network_top .o_ms_network_item:contains(Colectivo Organizado)",
            content: "The organization is among the most connected: click its node on the drawing",
            run() {
                // a real click (pointer down and up, as vis-network's gestures
                // read them) on the node, zoomed in on it
                const container = document.querySelector(".o_ms_network_canvas");
                const network = container.msNetwork;
                const nodeId = this.anchor.dataset.nodeId;
                network.focus(nodeId, { scale: 2 });
                const { x, y } = network.canvasToDOM(network.getPosition(nodeId));
                const canvas = container.querySelector("canvas");
                const rect = canvas.getBoundingClientRect();
                const at = {
                    bubbles: true,
                    cancelable: true,
                    clientX: rect.left + x,
                    clientY: rect.top + y,
                    pointerId: 1,
                    pointerType: "mouse",
                    isPrimary: true,
                    button: 0,
                };
                canvas.dispatchEvent(new PointerEvent("pointerdown", { ...at, buttons: 1 }));
                canvas.dispatchEvent(new PointerEvent("pointerup", { ...at, buttons: 0 }));
            },
        },
        {
            trigger: ".o_breadcrumb:contains(Colectivo Organizado)",
            content: "Its form",
        },
    ],
});
