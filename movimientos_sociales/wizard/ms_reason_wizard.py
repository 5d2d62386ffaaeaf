from odoo import api, fields, models
from odoo.exceptions import UserError


class MsReasonWizard(models.TransientModel):
    """Asks the reason of a transition (conclude, cancel, suspend...) and runs it.

    The button passes the method in the context key `ms_reason_action`; only the
    methods a model lists in `_ms_reason_actions` can be called."""

    _name = "ms.reason.wizard"
    _description = "Reason of a Change of State"

    res_model = fields.Char(required=True)
    res_ids = fields.Json(required=True)
    action = fields.Char(required=True)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        values.update(
            res_model=context.get("active_model"),
            res_ids=context.get("active_ids") or [context.get("active_id")],
            action=context.get("ms_reason_action"),
        )
        return values

    def action_confirm(self):
        self.ensure_one()
        if self.res_model not in self.env or not isinstance(self.res_ids, list):
            raise UserError(self.env._("Nothing to apply the reason to."))
        records = self.env[self.res_model].browse(self.res_ids)
        if self.action not in getattr(records, "_ms_reason_actions", ()):
            raise UserError(self.env._("This action does not take a reason."))
        getattr(records, self.action)(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
