import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The map of Mexico: open it from the app's menu, click Oaxaca, open the
// organizations of one of its municipalities.
registry.category("web_tour.tours").add("movimientos_sociales_map_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="movimientos_sociales.menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_map"]',
            content: "Open the map",
            run: "click",
        },
        {
            trigger: ".o_action.o_ms_map .o_ms_map_attribution:contains(CC BY 4.0)",
            content: "The map credits its source",
        },
        {
            trigger: ".o_action.o_ms_map path[data-code=oax][aria-label^='Oaxaca: ']",
            content: "Click Oaxaca",
            // the tour's "click" focuses its target as an HTML element, which
            // an SVG path is not: a plain click
            run() {
                this.anchor.dispatchEvent(new MouseEvent("click", { bubbles: true }));
            },
        },
        {
            trigger:
                ".o_action.o_ms_map .o_ms_map_municipalities tr:contains(Oaxaca de Juárez) td[data-figure=organizations] a",
            content: "Open the organizations of Oaxaca de Juárez",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(Colectivo del Mapa)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_cell:contains(Colectivo de Juchitán)))",
            content: "Only the municipality's organizations are listed",
        },
    ],
});
