from odoo import models


class MsReadAuditMixin(models.AbstractModel):
    """Logs who read sensitive fields, in OCA auditlog's log (method "read").

    Reads are served in read-only transactions, where OCA auditlog's own read
    rules fail to write their log: the entry is written through a cursor of
    its own when the current one is read-only."""

    _name = "ms.read.audit.mixin"
    _description = "Social Movements Read Audit"

    # Fields whose reading is logged; None: any field of the model.
    _ms_audited_fields = None

    def _read_format(self, fnames, load="_classic_read"):
        # Every read path goes through here: read, search_read, web_read.
        result = super()._read_format(fnames, load)
        self._ms_audit_read(fnames)
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._ms_audit_read([path.split("/")[0] for path in fields_to_export])
        return result

    def _ms_audit_read(self, fnames):
        if not self or self.env.su:
            return
        names = set(fnames)
        if self._ms_audited_fields is not None:
            names &= self._ms_audited_fields
        if names:
            self._ms_log_read(sorted(names))

    def _ms_audit_targets(self):
        """The records whose read is logged (e.g. only the partners who are
        cadres)."""
        return self

    def _ms_log_read(self, field_names):
        targets = self._ms_audit_targets()
        if not targets:
            return
        values = {
            "name": self.env._("Read: %s", ", ".join(field_names)),
            "model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": targets[:1].id,
            "res_ids": str(targets.ids),
            "user_id": self.env.uid,
            "method": "read",
            "log_type": "fast",
        }
        if self.env.cr.readonly:
            with self.env.registry.cursor() as cr:
                self.env(cr=cr, su=True)["auditlog.log"].create(values)
        else:
            self.env["auditlog.log"].sudo().create(values)
