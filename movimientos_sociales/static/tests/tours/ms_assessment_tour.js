import { registry } from "@web/core/registry";

// Change an organization's assessment from its card in the organizations
// kanban, in one click, and see the new level on the card.
const CARD = ".o_kanban_record:contains(Colectivo Valorado)";

registry.category("web_tour.tours").add("movimientos_sociales_assessment_tour", {
    url: "/odoo/ms-organizations",
    steps: () => [
        {
            trigger: `.o_kanban_view ${CARD} .o_ms_assessment_level .badge:contains(Not assessed)`,
            content: "The organization has no assessment yet",
        },
        {
            trigger: `${CARD} .o_ms_assessment_toggle`,
            content: "Open the assessment scale from the card",
            run: "click",
        },
        {
            trigger: ".o_ms_assessment_level_menu .o_ms_assessment_choice:contains(Sympathetic)",
            content: "Assess it as sympathetic",
            run: "click",
        },
        {
            trigger: `${CARD} .o_ms_assessment_level .badge:contains(Sympathetic)`,
            content: "The card shows the new level",
        },
    ],
});
