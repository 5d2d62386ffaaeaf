import { Component, onWillStart, useState } from "@odoo/owl";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * The current assessment level of an organization or a person (a stored
 * many2one to ms.assessment.level, computed from the history) as a coloured
 * badge. With the option `assess`, an Operador changes it in one click: the
 * chosen level calls the record's `action_ms_assess`, which records a new
 * assessment as the user (rights and scope apply), then the record reloads.
 */
export class MsAssessmentLevelField extends Component {
    static template = "movimientos_sociales.MsAssessmentLevelField";
    static components = { Dropdown, DropdownItem };
    static props = {
        ...standardFieldProps,
        assess: { type: Boolean, optional: true },
    };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ levels: [] });
        this.canAssess = false;
        onWillStart(async () => {
            // (cached by the user service: no request per card)
            this.canAssess =
                this.props.assess && (await user.hasGroup("movimientos_sociales.group_ms_user"));
        });
    }

    /** The scale, read when the menu opens (a kanban of 80 cards reads nothing more). */
    async loadLevels() {
        this.state.levels = await this.orm.searchRead(
            "ms.assessment.level",
            [],
            ["display_name", "color", "value"]
        );
    }

    get value() {
        return this.props.record.data[this.props.name];
    }

    get badgeClass() {
        return this.value ? `o_badge_color_${this.value.color || 0}` : "text-bg-light";
    }

    get label() {
        return this.value ? this.value.display_name : _t("Not assessed");
    }

    get enabled() {
        return this.canAssess && !this.props.record.isNew;
    }

    async assess(level) {
        const record = this.props.record;
        if (record.isDirty && !(await record.save())) {
            return;
        }
        await this.orm.call(record.resModel, "action_ms_assess", [[record.resId], level.id]);
        await record.load();
        this.notification.add(_t("Assessed: %s", level.display_name), { type: "success" });
    }
}

export const msAssessmentLevelField = {
    component: MsAssessmentLevelField,
    displayName: _t("Assessment Level"),
    supportedTypes: ["many2one"],
    relatedFields: [
        { name: "display_name", type: "char" },
        { name: "color", type: "integer" },
    ],
    extractProps: ({ options }) => ({ assess: Boolean(options.assess) }),
};

registry.category("fields").add("ms_assessment_level", msAssessmentLevelField);
