import psycopg2

from odoo import api, models


def _read_write(method):
    """Serve this RPC with a read/write cursor: reading writes an audit entry.
    (Odoo routes a call to a read-only cursor when the method is marked
    `_readonly`; the first definition found in the class hierarchy decides.)"""
    method._readonly = False
    return method


class MsReadAuditMixin(models.AbstractModel):
    """Logs who read sensitive fields, in OCA auditlog's log (method "read").

    Every read path (read, search_read, web_read, exports) goes through
    `_read_format` or `export_data`. OCA auditlog's own read rules only patch
    `read` and fail in the read-only transactions that serve reads in Odoo 19,
    so the read RPCs of these models are served read/write instead."""

    _name = "ms.read.audit.mixin"
    _description = "Social Movements Read Audit"

    # Fields whose reading is logged; None: any field of the model.
    _ms_audited_fields = None

    @_read_write
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load)

    @api.model
    @_read_write
    def search_read(self, *args, **kwargs):
        return super().search_read(*args, **kwargs)

    @_read_write
    def web_read(self, *args, **kwargs):
        return super().web_read(*args, **kwargs)

    @api.model
    @_read_write
    def web_search_read(self, *args, **kwargs):
        return super().web_search_read(*args, **kwargs)

    @api.model
    @_read_write
    def web_read_group(self, *args, **kwargs):
        return super().web_read_group(*args, **kwargs)

    def _read_format(self, fnames, load="_classic_read"):
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
        if self.env.cr.readonly:
            # Any other read-only route: Odoo retries it with a read/write cursor.
            raise psycopg2.errors.ReadOnlySqlTransaction(
                "reading cadre data writes an audit entry"
            )
        self.env["auditlog.log"].sudo().create(
            {
                "name": self.env._("Read: %s", ", ".join(field_names)),
                "model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": targets[:1].id,
                "res_ids": str(targets.ids),
                "user_id": self.env.uid,
                "method": "read",
                "log_type": "fast",
            }
        )
