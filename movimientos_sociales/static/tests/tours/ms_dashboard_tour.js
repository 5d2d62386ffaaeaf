import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The app opens on the board; a figure opens the list of what it counts.
registry.category("web_tour.tours").add("movimientos_sociales_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="movimientos_sociales.menu_root"]',
            run: "click",
        },
        {
            trigger: ".o_ms_dashboard .o_ms_kpi:contains(Organizations)",
        },
        {
            trigger: ".o_ms_dashboard .o_ms_block_row:contains(Oaxaca)",
            content: "Organizations by state",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(Colectivo del Tablero)",
            content: "The figure opens its organizations",
        },
    ],
});
