from odoo import api, fields, models


class MsNumberedMixin(models.AbstractModel):
    """Documents numbered from an ir.sequence on creation (ACU/2026/0001...)."""

    _name = "ms.numbered.mixin"
    _description = "Social Movements Numbered Document"
    _ms_sequence_code = None

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )

    @api.model
    def _ms_prepare_number_ranges(self):
        """Create this year's and next year's number ranges of every numbered
        document ahead of time. Odoo creates a year's range with its first
        number: two users numbering at once (every 1 January, and after
        install) then both insert it, and one gets an error instead of a
        number. Run at install and update, and by a monthly cron."""
        today = fields.Date.context_today(self)
        codes = {
            self.env[name]._ms_sequence_code
            for name in self.env.registry.descendants(["ms.numbered.mixin"], "_inherit")
            if self.env[name]._ms_sequence_code
        }
        Range = self.env["ir.sequence.date_range"].sudo()
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "in", list(codes)), ("use_date_range", "=", True)])
        )
        for sequence in sequences:
            for year in (today.year, today.year + 1):
                first_day = fields.Date.to_date(f"{year}-01-01")
                if not Range.search_count(
                    [
                        ("sequence_id", "=", sequence.id),
                        ("date_from", "<=", first_day),
                        ("date_to", ">=", first_day),
                    ]
                ):
                    sequence._create_date_range_seq(first_day)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    self._ms_sequence_code
                )
        return super().create(vals_list)
