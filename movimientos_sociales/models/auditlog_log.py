"""The audit trail (OCA auditlog) as the commission reads it: what was done and
which fields, in the reader's language, one entry per user, operation and
record(s) in a transaction."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.sql import column_exists, create_column

# The operations of auditlog's `method`, named for people
OPERATIONS = [
    ("read", "Read"),
    ("write", "Changed"),
    ("create", "Created"),
    ("unlink", "Deleted"),
    ("export_data", "Exported"),
]
# A read by the same user of the same records and fields already logged within
# this window (another request of the same screen: the form, then its chatter
# or a reload) is not logged again.
READ_WINDOW = timedelta(seconds=60)
# cr.cache key of this transaction's entries: {key: log id}. Odoo clears
# cr.cache on commit and rollback.
MEMO = "ms_auditlog_entries"


def _names(value):
    return [name for name in (value or "").split(",") if name]


def field_label(env, model_name, path):
    """The label of the field `path` ('committee', 'cadre_id.committee') of
    `model_name` in the env's language; `path` itself when it is not a field
    (the title of a spreadsheet that read the records)."""
    labels = []
    model = env[model_name] if model_name in env else None
    for name in path.split("."):
        field = model._fields.get(name) if model is not None else None
        if field is None:
            return path
        labels.append(field._description_string(env))
        model = env[field.comodel_name] if field.relational else None
    return " → ".join(labels)


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    ms_operation = fields.Selection(
        OPERATIONS,
        string="Operation",
        compute="_compute_ms_operation",
        store=True,
    )
    ms_field_names = fields.Char(
        string="Fields Read",
        readonly=True,
        help="Technical names of the fields read, comma-separated.",
    )
    ms_field_labels = fields.Char(
        string="Fields",
        compute="_compute_ms_field_labels",
        help="The fields read or changed, in your language.",
    )

    # the repeated-read lookup of create(): a user's reads of the last minute
    _ms_recent_read_idx = models.Index("(user_id, create_date) WHERE method = 'read'")

    def _auto_init(self):
        # Filled in one UPDATE: the ORM would compute the new column record by
        # record over the whole trail.
        cr = self.env.cr
        if not column_exists(cr, self._table, "ms_operation"):
            create_column(cr, self._table, "ms_operation", "varchar")
            cr.execute(
                "UPDATE auditlog_log SET ms_operation = method WHERE method IN %s",
                [tuple(code for code, _label in OPERATIONS)],
            )
        return super()._auto_init()

    @api.depends("method")
    def _compute_ms_operation(self):
        codes = dict(OPERATIONS)
        for log in self:
            log.ms_operation = log.method if log.method in codes else False

    @api.depends("ms_field_names", "model_model", "method", "line_ids.field_id")
    @api.depends_context("lang")
    def _compute_ms_field_labels(self):
        for log in self:
            if log.ms_field_names:
                labels = [
                    field_label(self.env, log.model_model, name)
                    for name in _names(log.ms_field_names)
                ]
            elif log.method == "write":
                labels = log.line_ids.mapped("ms_field_label")
            else:
                labels = []
            log.ms_field_labels = ", ".join(labels)

    @api.model_create_multi
    def create(self, vals_list):
        """One entry per user, operation and record(s) in a transaction: a
        later read adds its fields to the entry, a later change its lines (a
        field changed twice keeps its first old value and takes the last new
        one). A read of fields already logged for the same user and records in
        the last minute, by another request, is not logged again: entries of
        other transactions are never rewritten (no lock between requests)."""
        memo = self.env.cr.cache.setdefault(MEMO, {})
        results, new = [], []
        for vals in vals_list:
            key = self._ms_entry_key(vals)
            log = self._ms_same_entry(key, vals, memo) if key else self.browse()
            results.append(log)
            if log:
                log._ms_merge(vals)
            else:
                new.append((len(results) - 1, key, vals))
        created = super().create([vals for _index, _key, vals in new])
        for (index, key, _vals), log in zip(new, created, strict=True):
            results[index] = log
            if key:
                memo[key] = log.id
        return self.browse([log.id for log in results])

    @api.model
    def _ms_entry_key(self, vals):
        """What makes two log entries the same: reads and changes only. A
        creation or deletion happens once; each export is a file that left
        the database."""
        method = vals.get("method")
        if method not in ("read", "write"):
            return None
        # ms.read.audit.mixin writes res_ids sorted: the same records, the same text
        records = vals.get("res_ids") or vals.get("res_id")
        return (vals.get("user_id"), method, vals.get("model_id"), records)

    @api.model
    def _ms_same_entry(self, key, vals, memo):
        log = self.browse(memo.get(key)).exists()
        if log or vals.get("method") != "read":
            return log
        recent = self.search(
            [
                ("user_id", "=", vals.get("user_id")),
                ("method", "=", "read"),
                ("model_id", "=", vals.get("model_id")),
                ("res_ids", "=", vals.get("res_ids")),
                ("create_date", ">=", self.env.cr.now() - READ_WINDOW),
            ],
            order="id desc",
            limit=1,
        )
        if recent and set(_names(vals.get("ms_field_names"))) <= set(
            _names(recent.ms_field_names)
        ):
            return recent
        return self.browse()

    def _ms_merge(self, vals):
        self.ensure_one()
        if self.method == "read":
            names = set(_names(self.ms_field_names))
            added = set(_names(vals.get("ms_field_names"))) - names
            if added:
                names = sorted(names | added)
                self.write(
                    {
                        "ms_field_names": ",".join(names),
                        "name": self.env._("Read: %s", ", ".join(names)),
                    }
                )
            return
        lines = {line.field_id.id: line for line in self.line_ids}
        commands = []
        for command in vals.get("line_ids") or ():
            line_vals = command[2]
            line = lines.get(line_vals.get("field_id"))
            if line:
                line.write(
                    {
                        "new_value": line_vals.get("new_value"),
                        "new_value_text": line_vals.get("new_value_text"),
                    }
                )
            else:
                commands.append(command)
        values = {"line_ids": commands} if commands else {}
        if vals.get("name") and vals["name"] != self.name:
            values["name"] = vals["name"]  # the record's name after the change
        if values:
            self.write(values)


class AuditlogLogLine(models.Model):
    _inherit = "auditlog.log.line"

    ms_field_label = fields.Char(
        string="Field Label",
        compute="_compute_ms_field_label",
        help="The field's label in your language.",
    )

    @api.depends("field_id", "field_description")
    @api.depends_context("lang")
    def _compute_ms_field_label(self):
        # the trail's readers (auditlog users) can't read ir.model.fields
        for line in self:
            line.ms_field_label = (
                line.field_id.sudo().field_description or line.field_description
            )
