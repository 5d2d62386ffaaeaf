import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Create an organization, move it along the link pipeline, insert a cadre.
registry.category("web_tour.tours").add("movimientos_sociales_movement_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="movimientos_sociales.menu_root"]',
            content: "Open the Social Movements app",
            run: "click",
        },
        {
            trigger: ".o_ms_dashboard .o_ms_kpi",
            content: "The app opens on the board",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_movements"]',
            content: "Open the organizations",
            run: "click",
        },
        {
            trigger: ".o_kanban_view .o_kanban_group",
            content: "Organizations open in the pipeline",
        },
        {
            trigger: ".o-kanban-button-new",
            content: "Register an organization",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] textarea",
            run: "edit Colectivo Tierra y Libertad",
        },
        {
            trigger: ".o_field_widget[name=state_id] input",
            content: "Mexican organizations need a state",
            run: "edit Oaxaca",
        },
        {
            trigger: ".o_field_widget[name=state_id] .o-autocomplete--dropdown-item a:contains(Oaxaca)",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save:not(:visible)",
        },
        {
            trigger: ".o_statusbar_status button:contains(First Contact)",
            content: "Move it along the pipeline",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(First Contact)",
        },
        {
            trigger: ".o_statusbar_status button:contains(Linking)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Linking)",
        },
        {
            trigger: "button[name=action_view_insertions]",
            content: "Insert a cadre",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cadre_id] input",
            run: "edit Rosario",
        },
        {
            trigger: ".o_field_widget[name=cadre_id] .o-autocomplete--dropdown-item a:contains(Rosario Ibarra)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=role] input",
            run: "edit Enlace de formación",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save:not(:visible)",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Proposed)",
            content: "The insertion waits for a Coordinator's approval",
        },
    ],
});
