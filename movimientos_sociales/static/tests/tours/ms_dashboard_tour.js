import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function chooseOption(selector, label) {
    const select = document.querySelector(selector);
    const option = [...select.options].find((o) => o.textContent.trim() === label);
    if (!option) {
        throw new Error(`No option "${label}" in ${selector}`);
    }
    select.value = option.value;
    select.dispatchEvent(new Event("change"));
}

// The app opens on the board; upcoming meetings show in the user's timezone
// (the server sends UTC); a state filter applies to the figures and to the
// list a figure opens.
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
            // 18:00 UTC is 12:00 in Mexico City (the user's and browser's zone),
            // without seconds
            trigger:
                ".o_ms_dashboard .o_ms_upcoming:contains(Conferencia del Tablero):contains(12:00):not(:contains(12:00:00))",
            content: "Upcoming meetings read in the user's timezone",
        },
        {
            trigger: ".o_ms_dashboard .o_ms_scope:contains(national)",
        },
        {
            trigger: ".o_ms_dashboard .o_ms_filter_state",
            content: "Filter the board by a state",
            run: () => chooseOption(".o_ms_filter_state", "Oaxaca"),
        },
        {
            trigger:
                ".o_ms_dashboard .o_ms_block:contains(Organizations by State):not(:contains(Chiapas)) .o_ms_block_row:contains(Oaxaca)",
            content: "Only Oaxaca is counted",
        },
        {
            trigger: ".o_ms_dashboard .o_ms_kpi:contains(Organizations)",
            content: "The figure opens the filtered list",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell:contains(Colectivo del Tablero)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_cell:contains(Colectivo de Chiapas)))",
            content: "Chiapas is not in the list the filtered figure opens",
        },
    ],
});
