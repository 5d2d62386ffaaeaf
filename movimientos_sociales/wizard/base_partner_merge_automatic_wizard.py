from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's contact merge moves every link of the merged contacts (in SQL)
    to the one kept and deletes the others as superuser: across the
    commission's boundary, that would move its data about a person (sectors,
    relations, participations) onto a contact anyone reads, or hang others'
    data on its people. The people it records are merged by its staff only,
    when they may read all of them and all their relations; the one kept is
    scoped again afterwards."""

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if dst_partner:
            partners |= dst_partner
        if not self.env.su:
            self._ms_check_merge(partners)
        result = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        kept = partners.exists()
        for name in ("ms_recorded", "ms_scope_state_id", "ms_scope_city_id"):
            self.env.add_to_compute(kept._fields[name], kept)
        return result

    def _ms_check_merge(self, partners):
        everyone = partners.sudo()
        if any(everyone.mapped("ms_blocked")):
            raise UserError(
                self.env._(
                    "A person blocked by an ARCO request is not merged: the "
                    "request decides what becomes of their data."
                )
            )
        if any(everyone.mapped("ms_recorded")):
            if not self.env.user.has_group("movimientos_sociales.group_ms_user"):
                raise UserError(
                    self.env._(
                        "These contacts include people or organizations the "
                        "Commission of Social Movements records: its staff merges "
                        "them."
                    )
                )
            partners.check_access("read")
        if partners._ms_has_hidden_relations():
            raise UserError(
                self.env._(
                    "These contacts have relations you may not see: ask a user who "
                    "sees them to merge them."
                )
            )
