from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext


class MsArcoAccessXlsx(models.AbstractModel):
    """Answer to an ARCO access request: one workbook with everything the
    database holds about the person."""

    _name = "report.movimientos_sociales.ms_arco_access_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "ARCO Access File"

    def generate_xlsx_report(self, workbook, data, requests):
        # The file gathers data beyond the officer's own scope: only ARCO officers
        # (Coordinador) may produce it, then it reads as superuser.
        if not self.env.user.has_group("movimientos_sociales.group_ms_coordinator"):
            raise AccessError(self.env._("Only a Coordinator answers ARCO requests."))
        # the report's URL takes any ids: only requests the officer may read
        # (people of their scope), and only access requests
        requests.check_access("read")
        if set(requests.mapped("request_type")) - {"access"}:
            raise AccessError(self.env._("Only an access request produces a file."))
        bold = workbook.add_format({"bold": True, "bg_color": "#D9D9D9"})
        date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
        for request in requests.sudo():
            self._ms_log_cadre_read(request.partner_id)
            for title, header, rows in self.sudo()._sections(request.partner_id):
                sheet = workbook.add_worksheet(title[:31])
                for col, label in enumerate(header):
                    sheet.write_string(0, col, label, bold)
                sheet.freeze_panes(1, 0)
                for row, values in enumerate(rows, start=1):
                    for col, value in enumerate(values):
                        self._ms_write(sheet, row, col, value, date_format)
                sheet.set_column(0, len(header) - 1, 24)

    @staticmethod
    def _ms_write(sheet, row, col, value, date_format):
        """Typed cells; text is always text (write_string): a name such as
        =HYPERLINK(...) stays a name, never a live formula."""
        if value is False or value is None or value == "":
            return
        if hasattr(value, "isoformat"):
            sheet.write_datetime(row, col, value, date_format)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            sheet.write_number(row, col, value)
        else:
            sheet.write_string(row, col, str(value))

    def _ms_log_cadre_read(self, partner):
        """The file reads the person's cadre file, insertions and reports as
        superuser: the officer's read is logged like any other."""
        cadres = (
            self.env["ms.cadre"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
        )
        insertions = cadres.insertion_ids
        label = self.env._("ARCO access file")
        for records in (cadres, insertions, insertions.report_ids):
            records.with_env(self.env)._ms_log_read([label])

    def _label(self, record, field):
        if not record:
            return ""
        selection = dict(record._fields[field]._description_selection(self.env))
        return selection.get(record[field], record[field] or "")

    def _sections(self, partner):
        env = self.env
        partner = partner.with_context(active_test=False)
        cadre = (
            env["ms.cadre"]
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
        )
        yield (
            self.env._("Contact"),
            [self.env._("Field"), self.env._("Value")],
            [
                (self.env._("Name"), partner.name),
                (self.env._("Email"), partner.email),
                (self.env._("Phone"), partner.phone),
                (self.env._("Address"), partner.contact_address_inline),
                (
                    self.env._("Sectors"),
                    ", ".join(partner.ms_sector_ids.mapped("name")),
                ),
                (
                    self.env._("Party Cadre"),
                    self.env._("Yes") if cadre else self.env._("No"),
                ),
                (self.env._("Cadre Since"), cadre.date_since),
                (self.env._("Training Level"), self._label(cadre, "training_level")),
                (self.env._("Party Body"), cadre.committee),
                (self.env._("Created On"), partner.create_date),
            ],
        )
        commercial = partner.commercial_partner_id
        movements = (
            env["ms.movement"]
            .with_context(active_test=False)
            .search([("partner_id", "in", (partner | commercial).ids)])
        )
        yield (
            self.env._("Organizations"),
            [
                self.env._("Organization"),
                self.env._("Link Stage"),
                self.env._("State (federal entity)"),
                self.env._("Responsible"),
            ],
            [
                (m.name, m.stage_id.name, m.state_id.name, m.user_id.name)
                for m in movements
            ],
        )
        insertions = env["ms.cadre.insertion"].search([("cadre_id", "=", cadre.id)])
        yield (
            self.env._("Insertions"),
            [
                self.env._("Organization"),
                self.env._("Role"),
                self.env._("Start"),
                self.env._("End"),
                self.env._("Status"),
            ],
            [
                (
                    i.movement_id.name,
                    i.role,
                    i.start_date,
                    i.end_date,
                    self._label(i, "state"),
                )
                for i in insertions
            ],
        )
        yield (
            self.env._("Insertion Reports"),
            [self.env._("Date"), self.env._("Organization"), self.env._("Summary")],
            [(r.date, r.movement_id.name, r.summary) for r in insertions.report_ids],
        )
        participations = env["ms.conference.participant"].search(
            [("partner_id", "=", partner.id)]
        )
        yield (
            self.env._("Participations"),
            [
                self.env._("Conference"),
                self.env._("Date"),
                self.env._("RSVP"),
                self.env._("Attended"),
            ],
            [
                (
                    p.conference_id.name,
                    p.date_start,
                    self._label(p, "rsvp"),
                    self.env._("Yes") if p.attended else self.env._("No"),
                )
                for p in participations
            ],
        )
        yield (
            self.env._("Consents"),
            [
                self.env._("Purpose"),
                self.env._("Given On"),
                self.env._("Channel"),
                self.env._("Notice"),
                self.env._("Revoked On"),
            ],
            [
                (
                    self._label(c, "purpose"),
                    c.date_given,
                    self._label(c, "channel"),
                    c.privacy_notice_id.version,
                    c.date_revoked,
                )
                for c in partner.ms_consent_ids
            ],
        )
        demands = env["ms.demand"].search([("requester_id", "=", partner.id)])
        yield (
            self.env._("Citizen Demands"),
            [
                self.env._("Folio"),
                self.env._("Category"),
                self.env._("Authority"),
                self.env._("Status"),
            ],
            [
                (
                    d.name,
                    d.category_id.name,
                    d.authority_id.name,
                    self._label(d, "state"),
                )
                for d in demands
            ],
        )
        messages = env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("author_id", "=", partner.id),
            ]
        )
        yield (
            self.env._("Messages"),
            [
                self.env._("Date"),
                self.env._("Document"),
                self.env._("Author"),
                self.env._("Text"),
            ],
            [
                (m.date, m.record_name, m.author_id.name, html2plaintext(m.body or ""))
                for m in messages
            ],
        )
        activities = env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )
        yield (
            self.env._("Activities"),
            [
                self.env._("Due"),
                self.env._("Type"),
                self.env._("Summary"),
                self.env._("Assigned To"),
            ],
            [
                (a.date_deadline, a.activity_type_id.name, a.summary, a.user_id.name)
                for a in activities
            ],
        )
