from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Set while a transition method writes its decision: the only moment the
# decision fields of a record may change. A context variable of this thread,
# not a key of Odoo's context, which any RPC caller can send.
_IN_TRANSITION = ContextVar("ms_in_transition", default=False)


@contextmanager
def ms_transition():
    """Let the code inside write decision fields (`_ms_decision_fields`)."""
    token = _IN_TRANSITION.set(True)
    try:
        yield
    finally:
        _IN_TRANSITION.reset(token)


def ms_in_transition():
    """True inside a transition method (see ms_transition)."""
    return _IN_TRANSITION.get()


def ms_check_decision_fields(
    records, decision_fields, vals_list, creating=False, frozen=False
):
    """Refuse a create/write of `records` that sets one of `decision_fields`
    outside a transition method. On create, a field's default value is not a
    decision; on write, the current value is not a change. The superuser (data
    files, crons) is trusted: no RPC call runs as the superuser."""
    env = records.env
    if env.su or (_IN_TRANSITION.get() and not frozen):
        return
    touched = set()
    for vals in vals_list:
        touched.update(set(decision_fields) & vals.keys())
    if not touched:
        return
    changed = []
    if creating:
        defaults = records.default_get(sorted(touched))
        for vals in vals_list:
            changed += [
                name
                for name in touched & vals.keys()
                if (vals[name] or False) != (defaults.get(name) or False)
            ]
    else:
        for name in touched:
            field = records._fields[name]
            new = field.convert_to_cache(vals_list[0][name], records)
            if any(field.convert_to_cache(rec[name], rec) != new for rec in records):
                changed.append(name)
    if changed:
        field = records._fields[sorted(changed)[0]]
        if frozen:
            raise UserError(
                env._(
                    "“%(field)s” of %(model)s can't be changed once it is recorded.",
                    field=field._description_string(env),
                    model=env["ir.model"]._get(records._name).sudo().name,
                )
            )
        raise UserError(
            env._(
                "“%(field)s” of %(model)s is set by its buttons (approve, validate, "
                "close...), not edited directly.",
                field=field._description_string(env),
                model=env["ir.model"]._get(records._name).sudo().name,
            )
        )


class MsWorkflowMixin(models.AbstractModel):
    """Small helpers shared by the addon's documents that move through states:
    guard a transition, require a reason, require a role; and the one rule of
    every such document: its decision fields (`state` and those listed in
    `_ms_decision_fields`) change only through its transition methods."""

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

    # Fields written only by transition methods (through _ms_decide/_ms_move):
    # refused in create (other than their default) and write from anywhere else.
    _ms_decision_fields = ("state", "state_reason")
    # Fields given at creation and never changed afterwards, e.g. whose consent
    # and when it was given (refused in write, even in a transition).
    _ms_frozen_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        ms_check_decision_fields(
            self, self._ms_decision_fields, vals_list, creating=True
        )
        return super().create(vals_list)

    def write(self, vals):
        ms_check_decision_fields(self, self._ms_decision_fields, [vals])
        frozen = set(self._ms_frozen_fields) & vals.keys()
        if frozen and not self.env.su:
            ms_check_decision_fields(self, frozen, [vals], frozen=True)
        return super().write(vals)

    def _ms_decide(self, values):
        """Write the decision `values` of a transition (all of them decision
        fields). Returns True: buttons are also called over XML-RPC, which
        can't send None."""
        undeclared = set(values) - set(self._ms_decision_fields)
        if undeclared:
            raise ValueError(f"{self._name}: not decision fields: {undeclared}")
        with ms_transition():
            self.write(values)
        return True

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
        writing the decision `values` along."""
        self._ms_check_state(allowed_states, action_label)
        return self._ms_decide({"state": state, **values})

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
