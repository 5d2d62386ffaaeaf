import { registry } from "@web/core/registry";

// An invited person answers through the personal link of their invitation,
// without an account.
registry.category("web_tour.tours").add("movimientos_sociales_rsvp_tour", {
    steps: () => [
        {
            trigger: ".o_ms_rsvp .o_ms_rsvp_when",
            content: "The page shows when, in the conference's timezone",
        },
        {
            trigger: ".o_ms_rsvp_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_ms_rsvp_done",
            content: "The answer is recorded",
        },
    ],
});

// At the door: check in an invited person and a walk-in on the check-in
// screen, then hold and close the conference and read its closing report.
registry.category("web_tour.tours").add("movimientos_sociales_checkin_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=confirmed_count]:contains(1)",
            content: "The answer given through the link shows",
        },
        {
            trigger: "button[name=action_convene]",
            run: "click",
        },
        {
            trigger: "button[name=action_open_checkin]",
            run: "click",
        },
        {
            trigger: ".o_ms_checkin_search",
            run: "edit Julia",
        },
        {
            trigger: ".o_ms_checkin_row:contains(Julia Ecologista) .o_ms_checkin_mark",
            run: "click",
        },
        {
            trigger: ".o_ms_checkin_feedback:contains(Julia Ecologista)",
        },
        {
            trigger: ".o_ms_checkin_row:contains(Julia Ecologista) .o_ms_checkin_present",
            content: "One tap: present",
        },
        {
            trigger: ".o_ms_checkin_walk_in",
            run: "click",
        },
        {
            trigger: "#ms_walk_in_name",
            run: "edit Pedro Llegó Sin Invitación",
        },
        {
            trigger: "#ms_walk_in_email",
            run: "edit pedro.sitio@example.mx",
        },
        {
            trigger: "#ms_walk_in_sector",
            run: "selectByLabel Ecologists",
        },
        {
            trigger: "#ms_walk_in_consent",
            run: "click",
        },
        {
            trigger: ".o_ms_checkin_walk_in_save",
            run: "click",
        },
        {
            trigger: ".o_ms_checkin_feedback:contains(Pedro Llegó Sin Invitación)",
        },
        {
            trigger: ".o_ms_checkin_figures:contains(2 present)",
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Conferencia Ecologista en la Puerta)",
            run: "click",
        },
        {
            trigger: "button[name=action_mark_held]",
            run: "click",
        },
        {
            trigger: ".o_notebook a[name=minutes]",
            run: "click",
        },
        {
            trigger: ".o_field_html[name=minutes] .odoo-editor-editable",
            run: "editor Se acordó un plan de acción ecologista.",
        },
        {
            trigger: "button[name=action_close]",
            content: "Closing saves the minutes first",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains(Turnout)",
            content: "The closing report is in the chatter",
        },
    ],
});
