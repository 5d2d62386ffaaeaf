import math

from odoo import api, models
from odoo.exceptions import ValidationError

# The types whose values are parsed from what the caller sends: a wrong one
# (a date "2026-13-45" or "01/12/2026" over RPC) is a bare ValueError otherwise.
PARSED_TYPES = frozenset({"date", "datetime", "selection", "integer", "float"})
# PostgreSQL's integer column
INT4 = (-(2**31), 2**31 - 1)


class Base(models.AbstractModel):
    """The addon's checks of what a caller sends to its own models (ms.*),
    whatever the path: web client, import, XML-RPC or JSON-RPC."""

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        if self._name.startswith("ms."):
            for vals in vals_list:
                self._ms_check_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        if self._name.startswith("ms."):
            self._ms_check_values(vals)
            self._ms_check_required([{"stored": vals}], only_given=True)
        return super().write(vals)

    @api.model
    def _create(self, data_list):
        if self._name.startswith("ms."):
            self._ms_check_required(data_list)
            self._ms_check_table_constraints(data_list)
        return super()._create(data_list)

    def _ms_check_required(self, data_list, only_given=False):
        """A required value missing at the INSERT (or emptied by a write):
        PostgreSQL's NOT NULL would refuse it after the call, in English, over
        RPC."""
        required = [
            field
            for field in self._fields.values()
            if field.required
            and field.store
            and field.column_type
            and not field.compute
            and field.type != "boolean"
        ]
        for data in data_list:
            for field in required:
                if only_given and field.name not in data["stored"]:
                    continue
                value = data["stored"].get(field.name)
                # (0 is a value: only None, False or "" are missing)
                if value is None or value is False or value == "":
                    raise ValidationError(
                        self.env._(
                            "“%s” is required.", field._description_string(self.env)
                        )
                    )

    def _ms_check_values(self, vals):
        """Refuse a value the field can't read, naming the field and what it
        expects, in the caller's language (only the fields given, no query)."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or field.type not in PARSED_TYPES:
                continue
            try:
                cached = field.convert_to_cache(value, self.browse())
            except (ValueError, TypeError, OverflowError):
                raise ValidationError(self._ms_value_error(field, value)) from None
            if not self._ms_value_fits(field, cached):
                raise ValidationError(self._ms_value_error(field, value))

    def _ms_value_fits(self, field, value):
        """What the conversion lets through but the column or the code can't
        take: a value of a selection computed by a function (timezones), an
        integer beyond PostgreSQL's, an infinite float, a year no one means."""
        if value is None or value is False:
            return True
        if field.type == "selection":
            return value in field.get_values(self.env)
        if field.type == "integer":
            return INT4[0] <= value <= INT4[1]
        if field.type == "float":
            return math.isfinite(value)
        return 1900 <= value.year <= 2200

    def _ms_value_error(self, field, value):
        label = field._description_string(self.env)
        if field.type == "date":
            return self.env._(
                "“%(field)s”: “%(value)s” is not a valid date (expected YYYY-MM-DD).",
                field=label,
                value=value,
            )
        if field.type == "datetime":
            return self.env._(
                "“%(field)s”: “%(value)s” is not a valid date and time (expected "
                "YYYY-MM-DD HH:MM:SS, in UTC).",
                field=label,
                value=value,
            )
        if field.type == "selection":
            labels = [name for _key, name in field._description_selection(self.env)]
            if len(labels) > 12:  # timezones: the form offers them
                return self.env._(
                    "“%(field)s”: “%(value)s” is not one of its possible values.",
                    field=label,
                    value=value,
                )
            return self.env._(
                "“%(field)s”: “%(value)s” is not one of its possible values "
                "(%(values)s).",
                field=label,
                value=value,
                values=", ".join(labels),
            )
        return self.env._(
            "“%(field)s”: “%(value)s” is not a valid number.", field=label, value=value
        )

    def _ms_check_table_constraints(self, data_list):
        """Run the Python twins of the table constraints (`_check_<name>`, see
        ms_tools) on the values about to be inserted: the INSERT would fail on
        them before any @api.constrains runs."""
        checks = [
            check
            for cons in self._table_objects.values()
            if (check := getattr(type(self), f"_check_{cons.name}", None))
        ]
        if not checks:
            return
        fnames = {fname for check in checks for fname in check._constrains}
        model = self.sudo()
        new = model.browse().concat(
            *(
                model.new({k: v for k, v in data["stored"].items() if k in fnames})
                for data in data_list
            )
        )
        for check in checks:
            check(new)
