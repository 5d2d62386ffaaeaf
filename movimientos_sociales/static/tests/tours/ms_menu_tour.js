import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("movimientos_sociales_menu_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="movimientos_sociales.menu_root"]',
            content: "Open the Social Movements app",
            run: "click",
        },
        {
            // in the top bar, or under its "+" when the bar is full
            trigger:
                '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_directory"], .o_menu_sections_more button',
            content: "Open the Directory menu",
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="movimientos_sociales.menu_sectors"]',
            content: "Open the sectors",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(JOV)",
            content: "The seeded sectors are listed",
        },
    ],
});
