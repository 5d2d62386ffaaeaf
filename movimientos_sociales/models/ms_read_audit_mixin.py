import psycopg2

from odoo import SUPERUSER_ID, api, models
from odoo.fields import Domain
from odoo.orm.models import parse_read_group_spec

# cr.precommit.data key: the read entries of a read-only transaction
PENDING = "ms_read_audit.pending"


def _group_fields(specs):
    """Field names of groupby/aggregate specs ('committee', 'date:month',
    'partner_id.state_id', 'id:array_agg')."""
    names = set()
    for spec in specs or ():
        if spec == "__count":
            continue
        names.add(parse_read_group_spec(spec)[0].split(".")[0])
    return names


class MsReadAuditMixin(models.AbstractModel):
    """Logs who read sensitive data, in OCA auditlog's log (method "read").

    Every public path that returns values or group keys of the model is
    covered: read, search_read, web_read and web_search_read (through
    `_read_format`), exports, name searches, and the grouping methods of lists,
    kanban, pivot and graph (formatted_read_group and friends).

    Reads stay read-only, as Odoo serves them (on a replica when it has one,
    `--db_replica_host`): in a read-only transaction the entries wait until
    the request's flush, before its answer leaves, and are written together
    through a transaction of their own on the primary (`_ms_write_pending`).
    If that fails, the request fails: no unaudited answer."""

    _name = "ms.read.audit.mixin"
    _description = "Social Movements Read Audit"

    # Fields whose reading is logged; None: any field of the model.
    _ms_audited_fields = None
    # Fields whose use in a search domain is logged (with what was found),
    # however the search comes (a count, a path from another model).
    _ms_searched_fields = frozenset()

    @api.model
    def _search(self, domain, *args, **kwargs):
        query = super()._search(domain, *args, **kwargs)
        if self._ms_searched_fields and not self.env.su:
            names = {
                condition.field_expr.split(".")[0]
                for condition in Domain(domain).iter_conditions()
            } & self._ms_searched_fields
            if names:
                found = self.browse(
                    row[0] for row in self.env.execute_query(query.select())
                )
                found._ms_log_read(sorted(names), self.env._("Search: %s"))
        return query

    def _get_thread_with_access(self, thread_id, *args, **kwargs):
        # the chatter (/mail/thread/messages...) of an audited record is a read
        thread = super()._get_thread_with_access(thread_id, *args, **kwargs)
        if thread and kwargs.get("mode", "read") == "read":
            thread._ms_audit_read(["message_ids"])
        return thread

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        result = super().name_search(name, domain, operator, limit)
        if result:
            self.browse([row[0] for row in result])._ms_audit_read(["display_name"])
        return result

    @api.model
    def formatted_read_group(
        self, domain, groupby=(), aggregates=(), having=(), *args, **kwargs
    ):
        result = super().formatted_read_group(
            domain, groupby, aggregates, having, *args, **kwargs
        )
        self._ms_audit_grouping(domain, [*groupby, *aggregates])
        return result

    @api.model
    def formatted_read_grouping_sets(self, domain, grouping_sets, aggregates=(), **kw):
        result = super().formatted_read_grouping_sets(
            domain, grouping_sets, aggregates, **kw
        )
        self._ms_audit_grouping(
            domain, [spec for specs in grouping_sets for spec in specs] + [*aggregates]
        )
        return result

    @api.model
    def read_group(self, domain, fields, groupby, *args, **kwargs):
        result = super().read_group(domain, fields, groupby, *args, **kwargs)
        groupby = [groupby] if isinstance(groupby, str) else groupby
        specs = [spec.split(":")[0] for spec in [*fields, *groupby]]
        self._ms_audit_grouping(domain, specs)
        return result

    @api.model
    def read_progress_bar(self, domain, group_by, progress_bar):
        result = super().read_progress_bar(domain, group_by, progress_bar)
        self._ms_audit_grouping(domain, [group_by, progress_bar.get("field")])
        return result

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        self._ms_audit_read(fnames)
        return result

    def copy_data(self, default=None):
        # public, and it returns every copied field's value
        result = super().copy_data(default)
        self._ms_audit_read(
            [name for name, field in self._fields.items() if field.copy]
        )
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._ms_audit_read([path.split("/")[0] for path in fields_to_export])
        return result

    @api.model
    def _ms_audit_grouping(self, domain, specs):
        """A grouped read exposes the group keys and aggregates of the records
        of `domain`: log it on those records."""
        if self.env.su:
            return
        specs = [spec for spec in specs if spec]
        names = _group_fields(specs)
        if self._ms_audited_fields is not None:
            names &= self._ms_audited_fields
        records = self.search(Domain(domain or [])) if names else self.browse()
        if names:
            records._ms_log_read(sorted(names))
        # a path to an audited model ('cadre_id.committee') reads that model
        for spec in specs:
            if spec == "__count":
                continue
            first, rest, _granularity = parse_read_group_spec(spec)
            field = self._fields.get(first)
            if rest and field is not None and field.relational:
                comodel = self.env[field.comodel_name]
                if hasattr(comodel, "_ms_log_read"):
                    records = records or self.search(Domain(domain or []))
                    records[first]._ms_log_read([rest])

    def _ms_audit_read(self, fnames):
        if not self or self.env.su:
            return
        names = set(fnames)
        if self._ms_audited_fields is not None:
            names &= self._ms_audited_fields
        if names:
            self._ms_log_read(sorted(names))

    def _ms_log_read(self, field_names, label=None):
        """Write one read entry: who (the env's user, also under sudo), what
        records, which fields (technical names; a report passes its title).
        Reports and access files call it directly. auditlog.log merges it into
        the same user's entry on the same records in this transaction, and
        drops it when the same fields were logged in the last minute."""
        if not self:
            return
        vals = {
            "name": (label or self.env._("Read: %s")) % ", ".join(field_names),
            "model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self[:1].id,
            "res_ids": str(sorted(self.ids)),
            "user_id": self.env.uid,
            "method": "read",
            "log_type": "fast",
            "ms_field_names": ",".join(field_names),
        }
        cr = self.env.cr
        if not cr.readonly:
            self.env["auditlog.log"].sudo().create(vals)
            return
        # Served read-only (by a replica): written before the answer leaves,
        # by the flush that ends the request (odoo.service.model.retrying)
        if PENDING not in cr.precommit.data:
            registry = self.env.registry
            cr.precommit.add(lambda: _ms_write_pending(registry, cr))
        cr.precommit.data.setdefault(PENDING, []).append(vals)


def _ms_write_pending(registry, readonly_cr):
    """Write the read entries of a read-only transaction in one transaction of
    their own on the primary, committed before the reads' answer is sent (one
    entry per user and records, as in a read/write request). Costs a pooled
    connection and a commit per request that read audited data."""
    entries = readonly_cr.precommit.data.pop(PENDING, [])
    if not entries:
        return
    try:
        cr = registry.cursor()
    except Exception as exc:
        # No read/write transaction from here (e.g. a test's read-only cursor):
        # Odoo serves the request again read/write, entries written in it.
        raise psycopg2.errors.ReadOnlySqlTransaction(
            "reading cadre data writes an audit entry"
        ) from exc
    with cr:
        log = api.Environment(cr, SUPERUSER_ID, {})["auditlog.log"]
        for vals in entries:  # one by one: merged as in a read/write request
            log.create(vals)
