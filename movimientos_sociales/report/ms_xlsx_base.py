import datetime

from odoo import api, fields, models
from odoo.tools import format_datetime


class MsXlsxBase(models.AbstractModel):
    """Base of the addon's list reports: one sheet with a title, the filters,
    date and user of the export, a bold header frozen with an autofilter, then
    one row per item with real cell types.

    A report defines `_ms_title()`, `_ms_columns()` and the generator
    `_ms_rows(records)`. Rows are written as they come (constant memory) and
    the records are read in batches of `_ms_batch_size`, the cache emptied after
    each, so that memory stays flat on large exports. Everything is read as the
    current user: record rules decide what the file holds."""

    _name = "report.movimientos_sociales.ms_xlsx_base"
    _inherit = "report.report_xlsx.abstract"
    _description = "Social Movements Spreadsheet Report"

    _ms_batch_size = 1000
    _ms_header_row = 5  # title, filters, date, user, a blank row, then the header

    def _ms_title(self):
        raise NotImplementedError

    def _ms_columns(self):
        """[(label, width, kind)], kind being text, date, number or percent
        (a fraction: 0.5 is shown 50.0%)."""
        raise NotImplementedError

    def _ms_rows(self, records):
        """Yield one tuple of values per row for `records`, one batch."""
        raise NotImplementedError

    def get_workbook_options(self):
        return {"constant_memory": True}

    # Helpers for the reports --------------------------------------------------------

    def _ms_batches(self, records):
        """`records` in batches of `_ms_batch_size`. Each batch is browsed anew,
        so that it prefetches its own records only, on an empty cache: nothing
        read before (as the superuser, or by the batch before) stays in memory
        or in the rows."""
        ids = records.ids
        for start in range(0, len(ids), self._ms_batch_size):
            self.env.invalidate_all()
            yield records.browse(ids[start : start + self._ms_batch_size])
        self.env.invalidate_all()

    def _ms_labels(self, model, field):
        """{value: label} of a selection field, in the user's language."""
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    def _ms_yes_no(self, flag):
        return self.env._("Yes") if flag else self.env._("No")

    # Writing ----------------------------------------------------------------------

    def _ms_heading(self, data, records):
        context = (data or {}).get("context") or {}
        domain = context.get("active_domain") or self.env.context.get("active_domain")
        if domain:
            filters = self.env._("Filters: %s", self._ms_domain_text(records, domain))
        else:
            filters = self.env._("Selected records: %s", len(records))
        now = format_datetime(self.env, fields.Datetime.now())
        return [
            filters,
            self.env._("Date: %s", now),
            self.env._("User: %s", self.env.user.name),
        ]

    def _ms_domain_text(self, records, domain):
        """The list's filters as people read them ("Estatus = Activa; Estado
        (entidad) = Oaxaca"): simple conditions on the model's own fields, all
        required; anything else is only counted."""
        operators = {
            "=": "=",
            "!=": "≠",
            "<": "<",
            ">": ">",
            "<=": "≤",
            ">=": "≥",
            "in": self.env._("is one of"),
            "not in": self.env._("is none of"),
            "ilike": self.env._("contains"),
            "not ilike": self.env._("doesn't contain"),
        }
        parts = []
        for term in domain:
            if term == "&":
                continue
            if not (isinstance(term, (list, tuple)) and len(term) == 3):
                return self.env._("those of the list (%s)", len(records))
            name, operator, value = term
            field = records._fields.get(name)
            if field is None or operator not in operators:
                return self.env._("those of the list (%s)", len(records))
            if name == "id":
                return self.env._("selected records (%s)", len(records))
            parts.append(
                f"{field._description_string(self.env)} {operators[operator]} "
                f"{self._ms_value_text(field, value)}"
            )
        return "; ".join(parts)

    def _ms_value_text(self, field, value):
        values = value if isinstance(value, (list, tuple)) else [value]
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            texts = [labels.get(v, str(v)) for v in values]
        elif field.type == "boolean":
            texts = [self._ms_yes_no(v) for v in values]
        elif field.relational and all(isinstance(v, int) for v in values):
            # only names the user may read
            texts = (
                self.env[field.comodel_name]
                .browse(values)
                .exists()
                ._filtered_access("read")
                .mapped("display_name")
            )
        elif value is False:
            texts = [self.env._("not set")]
        else:
            texts = [str(v) for v in values]
        return ", ".join(texts)

    @api.private
    def create_xlsx_report(self, docids, data):
        # printed through the report action (/report/xlsx), never called by RPC
        return super().create_xlsx_report(docids, data)

    def generate_xlsx_report(self, workbook, data, objs):
        # Only the selected records the user may read, in the model's order.
        records = (
            objs.with_context(active_test=False)
            .search([("id", "in", objs.ids)])
            .with_env(objs.env)
        )
        if records and hasattr(records, "_ms_log_read"):
            # a spreadsheet of audited data (cadre insertions) is a read too
            records._ms_log_read([self._ms_title()])
        columns = self._ms_columns()
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9D9D9"}),
            # Mexico writes day/month/year
            "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
            "datetime": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
        }
        title = self._ms_title()
        sheet = workbook.add_worksheet(title[:31])
        sheet.write_string(0, 0, title, formats["title"])
        for row, line in enumerate(self._ms_heading(data, records), start=1):
            sheet.write_string(row, 0, line)
        header = self._ms_header_row
        for col, (label, width, _kind) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(header, col, label, formats["header"])
        sheet.freeze_panes(header + 1, 0)
        row = header
        for batch in self._ms_batches(records):
            for values in self._ms_rows(batch):
                row += 1
                for col, value in enumerate(values):
                    self._ms_write(sheet, row, col, columns[col][2], value, formats)
        sheet.autofilter(header, 0, row, len(columns) - 1)

    def _ms_write(self, sheet, row, col, kind, value, formats):
        if value is None or value is False or value == "":
            return  # a blank cell
        if kind == "date":
            if isinstance(value, datetime.datetime):
                local = fields.Datetime.context_timestamp(self, value)
                sheet.write_datetime(
                    row, col, local.replace(tzinfo=None), formats["datetime"]
                )
            else:
                sheet.write_datetime(row, col, value, formats["date"])
        elif kind == "number":
            sheet.write_number(row, col, value)
        elif kind == "percent":
            sheet.write_number(row, col, value, formats["percent"])
        else:
            # write_string: a text starting with "=" stays text, not a formula
            sheet.write_string(row, col, str(value))
