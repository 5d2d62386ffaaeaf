import { Component, onWillStart, useRef, useState } from "@odoo/owl";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useDebounced } from "@web/core/utils/timing";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

const CODE = /^MS-\d+-[0-9A-F]{8}$/i;

/**
 * Check-in at the door of a conference, on a phone or a tablet: search by
 * name, organization or email; one tap marks a participant present; the code
 * of an invitation's QR is accepted typed, from a scanner (which types it and
 * Enter) or from the device's camera; someone who came without an invitation
 * is registered without leaving the screen.
 */
export class MsCheckin extends Component {
    static template = "movimientos_sociales.Checkin";
    static props = ["*"];
    static components = { Layout };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.searchRef = useRef("search");
        this.conferenceId = this.props.action.params?.conference_id;
        this.canScan = isBarcodeScannerSupported();
        this.state = useState({
            data: null,
            query: "",
            feedback: null,
            walkIn: null,
        });
        this.debouncedLoad = useDebounced(() => this.load(), 250);
        onWillStart(() => this.load());
    }

    async call(method, args = [], kwargs = {}) {
        return this.orm.call("ms.conference", method, [[this.conferenceId], ...args], kwargs);
    }

    async load() {
        this.state.data = await this.call("ms_checkin_data", [], { query: this.state.query });
    }

    onInput(ev) {
        this.state.query = ev.target.value;
        this.debouncedLoad();
    }

    async onKeydown(ev) {
        if (ev.key !== "Enter") {
            return;
        }
        const value = this.state.query.trim();
        if (CODE.test(value)) {
            await this.markByCode(value);
        } else if (this.state.data.participants.length === 1) {
            await this.mark(this.state.data.participants[0], true);
        }
    }

    async markByCode(code) {
        try {
            const row = await this.call("ms_checkin_mark", [], { code, attended: true });
            this.say(_t("%s: present", row.name), "success");
        } catch (error) {
            this.say(error.data?.message || _t("Unknown code."), "danger");
        }
        this.state.query = "";
        await this.load();
        this.searchRef.el?.focus();
    }

    async mark(participant, attended) {
        const row = await this.call("ms_checkin_mark", [], {
            participant_id: participant.id,
            attended,
        });
        this.say(attended ? _t("%s: present", row.name) : _t("%s: not present", row.name),
            attended ? "success" : "info");
        await this.load();
    }

    async scan() {
        let code;
        try {
            code = await scanBarcode(this.env);
        } catch (error) {
            this.say(error.message || _t("The camera could not read a code."), "warning");
            return;
        }
        if (code) {
            await this.markByCode(code);
        }
    }

    say(text, type) {
        this.state.feedback = { text, type };
    }

    openWalkIn() {
        this.state.walkIn = {
            name: CODE.test(this.state.query) ? "" : this.state.query,
            email: "",
            phone: "",
            movement_id: "",
            sector_id: "",
            consent: false,
        };
    }

    async saveWalkIn() {
        const values = this.state.walkIn;
        try {
            const row = await this.call("ms_checkin_walk_in", [], {
                name: values.name,
                email: values.email,
                phone: values.phone,
                movement_id: values.movement_id ? parseInt(values.movement_id) : false,
                sector_id: values.sector_id ? parseInt(values.sector_id) : false,
                consent: values.consent,
            });
            this.say(_t("%s: registered and present", row.name), "success");
            this.state.walkIn = null;
            this.state.query = "";
            await this.load();
        } catch (error) {
            this.say(error.data?.message || String(error), "danger");
        }
    }

    get figuresLabel() {
        const { attended, invited, confirmed } = this.state.data.figures;
        return _t("%(attended)s present of %(invited)s invited (%(confirmed)s confirmed)", {
            attended,
            invited,
            confirmed,
        });
    }

    rsvpLabel(rsvp) {
        return {
            accepted: _t("Confirmed"),
            declined: _t("Declined"),
            tentative: _t("Maybe"),
            needsAction: _t("No answer"),
        }[rsvp];
    }
}

registry.category("actions").add("movimientos_sociales.checkin", MsCheckin);
