import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function inThreeDays(hour) {
    const date = new Date();
    date.setDate(date.getDate() + 3);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${date.getFullYear()} ${pad(hour)}:00:00`;
}

const NAME = "Conferencia Sectorial de Ecologistas";

// Schedule a sectoral conference, find it in the Calendar app, open its prefilled mailing.
registry.category("web_tour.tours").add("movimientos_sociales_conference_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="movimientos_sociales.menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="movimientos_sociales.menu_conferences"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="movimientos_sociales.menu_conferences_all"]',
            run: "click",
        },
        {
            trigger: ".o_kanban_view .o-kanban-button-new",
            content: "Conferences open on their pipeline, with New",
        },
        {
            trigger: ".o_switch_view.o_calendar",
            content: "the calendar one click away",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] textarea",
            run: `edit ${NAME}`,
        },
        {
            trigger: ".o_field_widget[name=sector_ids] input",
            run: "edit Ecolog",
        },
        {
            trigger: ".o_field_widget[name=sector_ids] .o-autocomplete--dropdown-item a:contains(Ecologists)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_start] input",
            run: `edit ${inThreeDays(10)}`,
        },
        {
            trigger: ".o_field_widget[name=date_end] input",
            run: `edit ${inThreeDays(14)}`,
        },
        {
            trigger: ".o_field_widget[name=location] input",
            run: "edit Jardín Botánico, Xalapa",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save:not(:visible)",
        },
        {
            trigger: "button[name=action_invite_sectors]",
            content: "Add the sector's contacts as participants",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Participants added)",
            content: "It says what it did",
        },
        {
            trigger: ".o_field_widget[name=participant_ids] .o_data_cell:contains(Julia Ecologista)",
        },
        {
            trigger: "button[name=action_ms_send_mailing]",
            content: "Invite the participants through email marketing",
            run: "click",
        },
        {
            trigger: `.o_breadcrumb:contains(Invitation: ${NAME})`,
            content: "The mailing opens, prefilled, for review",
        },
        {
            trigger: ":iframe .o_mail_wrapper_td .s_text_block:contains(Please let us know)",
            content: "The invitation is a block of the mail editor, in its wrapper",
        },
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="calendar.mail_menu_calendar"]',
            content: "Open Odoo's Calendar",
            run: "click",
        },
        {
            trigger: ".o_calendar_view",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            trigger: `.o_list_view .o_data_cell:contains(${NAME})`,
            content: "The conference is an event of the Calendar",
        },
    ],
});
