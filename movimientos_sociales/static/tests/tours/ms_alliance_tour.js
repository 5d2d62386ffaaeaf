import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const MEMBERS = ["Tour Obreros", "Tour Campesinos", "Tour Jóvenes"];

function addMember(name) {
    return [
        {
            trigger: ".o_field_widget[name=member_ids] .o_field_x2many_list_row_add a",
            content: `Add ${name}`,
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=member_ids] .o_selected_row .o_field_widget[name=movement_id] input",
            run: `edit ${name}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains(${name})`,
            run: "click",
        },
    ];
}

// Create an alliance with three member organizations, then check the sectors covered.
registry.category("web_tour.tours").add("movimientos_sociales_alliance_tour", {
    url: "/odoo/action-movimientos_sociales.ms_alliance_action",
    steps: () => [
        {
            trigger: ".o_kanban_view",
        },
        {
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] textarea",
            run: "edit Bloque Popular del Tour",
        },
        ...MEMBERS.flatMap(addMember),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save:not(:visible)",
        },
        {
            trigger: ".o_field_widget[name=active_member_count]:contains(3)",
            content: "Three active members",
        },
        {
            trigger: ".o_field_widget[name=sector_ids] .o_tag:contains(Workers)",
            content: "The sectors covered follow from the members",
        },
        {
            trigger: ".o_field_widget[name=sector_ids] .o_tag:contains(Peasants)",
        },
        {
            trigger: ".o_field_widget[name=sector_ids] .o_tag:contains(Youth)",
        },
    ],
});
