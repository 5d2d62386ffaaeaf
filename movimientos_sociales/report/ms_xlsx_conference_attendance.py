from odoo import models


class MsXlsxConferenceAttendance(models.AbstractModel):
    """Asistencia a conferencias: one row per participant, with the figures of
    the conference repeated on each row (so that they survive any filter). A
    conference without participants still gets one row."""

    _name = "report.movimientos_sociales.ms_xlsx_conference_attendance"
    _inherit = "report.movimientos_sociales.ms_xlsx_base"
    _description = "Conference Attendance"

    def _ms_title(self):
        return self.env._("Conference Attendance")

    def _ms_columns(self):
        return [
            (self.env._("Conference"), 32, "text"),
            (self.env._("Date"), 16, "date"),
            (self.env._("Type"), 14, "text"),
            (self.env._("Participant"), 30, "text"),
            (self.env._("Organization"), 32, "text"),
            (self.env._("Sector"), 20, "text"),
            (self.env._("RSVP"), 14, "text"),
            (self.env._("Attended"), 10, "text"),
            (self.env._("Invited"), 10, "number"),
            (self.env._("Confirmed"), 10, "number"),
            (self.env._("Total Attended"), 10, "number"),
            (self.env._("Attendance Rate"), 12, "percent"),
        ]

    def _ms_rows(self, conferences):
        types = self._ms_labels("ms.conference", "conference_type")
        answers = self._ms_labels("ms.conference.participant", "rsvp")
        for conference in conferences:
            head = (
                conference.name,
                conference.date_start,
                types.get(conference.conference_type),
            )
            figures = (
                conference.invited_count,
                conference.confirmed_count,
                conference.attended_count,
                conference.live_attendance_rate / 100,
            )
            # read as the user: only the participants in their scope
            participants = conference.participant_ids
            if not participants:
                yield (*head, None, None, None, None, None, *figures)
            for participant in participants:
                yield (
                    *head,
                    participant.partner_id.name,
                    participant.movement_id.name,
                    participant.sector_id.complete_name,
                    answers.get(participant.rsvp),
                    self._ms_yes_no(participant.attended),
                    *figures,
                )
