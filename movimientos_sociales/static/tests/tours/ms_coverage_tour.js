import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Structure coverage: open the pivot from the Oversight menu, read a figure
// (two organizations of the tour's sector in Oaxaca), open its cell and, from
// a row, the organization and its leadership.
registry.category("web_tour.tours").add("movimientos_sociales_coverage_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="movimientos_sociales.menu_root"]',
            run: "click",
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
            trigger: ".o_pivot th.o_pivot_header_cell_closed:contains(Oaxaca)",
            content: "States are the columns",
        },
        {
            trigger:
                ".o_pivot tr:has(th:contains(Sector del Recorrido)) td.o_pivot_cell_value:contains(2)",
            content: "Two organizations of the sector are known (in Oaxaca, and in all)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(Recorrido Uno)",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(Recorrido Dos)",
            content: "A row opens its organization",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(Recorrido Dos)",
            content: "The organization's form",
        },
        {
            trigger: ".o_form_view button.oe_stat_button:contains(Leadership)",
            content: "Open its leadership",
            run: "click",
        },
        {
            trigger: ".o_hierarchy_node:contains(Dirigenta del Recorrido) .o_ms_leader",
            content: "The leader is marked",
        },
        {
            trigger: ".o_hierarchy_node:contains(Integrante del Recorrido):not(:has(.o_ms_leader))",
            content: "A contact person who is not a leader is not",
        },
    ],
});
