from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class MsWorkflowMixin(models.AbstractModel):
    """Small helpers shared by the addon's documents that move through states:
    guard a transition, require a reason, require a role."""

    _name = "ms.workflow.mixin"
    _description = "Social Movements Workflow Helpers"

    state_reason = fields.Text(
        string="Reason",
        copy=False,
        tracking=True,
        help="Why the record was concluded, cancelled, suspended or dissolved.",
    )

    # Names of the action_* methods that take a `reason`, callable from the
    # reason wizard (ms.reason.wizard).
    _ms_reason_actions = ()

    def _ms_check_state(self, allowed_states, action_label):
        wrong = self.filtered(lambda rec: rec.state not in allowed_states)
        if wrong:
            state_labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(action)s is not possible for “%(record)s”, which is %(state)s.",
                    action=action_label,
                    record=wrong[0].display_name,
                    state=state_labels.get(wrong[0].state, wrong[0].state),
                )
            )

    def _ms_move(self, allowed_states, state, action_label, **values):
        """Move to `state` from one of `allowed_states` (UserError otherwise),
        writing `values` along. Returns True: buttons are also called over
        XML-RPC, which can't send None."""
        self._ms_check_state(allowed_states, action_label)
        self.write({"state": state, **values})
        return True

    def _ms_check_group(self, group_xmlid, action_label):
        if not self.env.is_superuser() and not self.env.user.has_group(group_xmlid):
            group = self.env.ref(group_xmlid)
            raise AccessError(
                self.env._(
                    "Only a %(group)s of Social Movements may %(action)s.",
                    group=group.name,
                    action=action_label,
                )
            )

    def _ms_check_reason(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason: it is kept in the record."))
        return reason.strip()

    def _ms_without_open_activity(self, activity_type):
        """The records of self with no open activity of this type, in one query:
        daily crons use it to never schedule the same reminder twice."""
        having = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        return self.filtered(lambda record: record.id not in having)
