import { registry } from "@web/core/registry";

function pick(field, search, label) {
    return [
        {
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${search}`,
        },
        {
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item a:contains(${label})`,
            run: "click",
        },
    ];
}

// Register a citizen demand and file it with the authority.
registry.category("web_tour.tours").add("movimientos_sociales_demand_tour", {
    steps: () => [
        {
            trigger: ".o_kanban_view",
        },
        {
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        ...pick("requester_id", "Colonia Tour", "Colonia Tour"),
        {
            trigger: ".o_field_widget[name=subject] textarea",
            run: "edit Agua potable para la colonia Tour",
        },
        ...pick("state_id", "Oaxaca", "Oaxaca"),
        ...pick("category_id", "Water", "Water"),
        {
            trigger: ".o_field_html[name=description] div.o-paragraph",
            run: "editor Agua potable para la colonia",
        },
        ...pick("authority_id", "Ayuntamiento Tour", "Ayuntamiento Tour"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save:not(:visible)",
        },
        {
            trigger: "button[name=action_file]",
            content: "File it with the authority",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Filed with Authority)",
        },
    ],
});

// Once the deadline passed and the daily job ran, the demand shows as overdue.
registry.category("web_tour.tours").add("movimientos_sociales_demand_overdue_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .ribbon span:contains(Overdue)",
            content: "The overdue ribbon is shown",
        },
    ],
});
