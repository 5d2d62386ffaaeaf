"""19.0.2.1.0: a conference's invited/confirmed/attended figures are no longer
stored (adding a participant must not rewrite the conference's row); its
attendance rate is recorded only for conferences that were held."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE ms_conference
            DROP COLUMN IF EXISTS invited_count,
            DROP COLUMN IF EXISTS confirmed_count,
            DROP COLUMN IF EXISTS attended_count
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    conferences = env["ms.conference"].with_context(active_test=False).search([])
    env.add_to_compute(conferences._fields["attendance_rate"], conferences)
    conferences.flush_recordset(["attendance_rate"])
