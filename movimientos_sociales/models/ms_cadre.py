from odoo import api, fields, models

from .ms_tools import check_unique, in_writer_lang, related_action, set_counts
from .res_partner import ms_check_restore, ms_check_same_person


class MsCadre(models.Model):
    """A party cadre: a person of the contacts with the party's data about them
    (since when, training, party body). Kept apart from the contact, under the
    commission's access rules and scopes, and every read of it is audited: the
    contact itself shows nothing of it to anyone."""

    _name = "ms.cadre"
    _description = "Party Cadre"
    _inherit = [
        "ms.read.audit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "ms.scope.mixin",
        "ms.scope.choice.mixin",
    ]
    _order = "name, id"
    _ms_scope_paths = ("state_id", "sector_ids", "municipality_id")

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        domain="[('is_company', '=', False)]",
    )
    name = fields.Char(related="partner_id.name", store=True)
    active = fields.Boolean(default=True, tracking=True)
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    avatar_128 = fields.Image(related="partner_id.avatar_128")
    state_id = fields.Many2one(
        related="partner_id.state_id",
        store=True,
        index=True,
        string="State (federal entity)",
    )
    municipality_id = fields.Many2one(
        related="partner_id.city_id", store=True, index=True, string="Municipality"
    )
    sector_ids = fields.Many2many(related="partner_id.ms_sector_ids", string="Sectors")

    # No chatter tracking of the party data: its history is in the audit log,
    # which the Administrador reads; a tracked value would be read unaudited.
    date_since = fields.Date(string="Cadre Since")
    training_level = fields.Selection(
        [
            ("basic", "Basic"),
            ("intermediate", "Intermediate"),
            ("advanced", "Advanced"),
            ("leadership", "Leadership School"),
        ],
    )
    committee = fields.Char(
        string="Party Body",
        help="Party body the cadre belongs to, e.g. Comisión Ejecutiva Estatal.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    insertion_ids = fields.One2many(
        "ms.cadre.insertion", "cadre_id", string="Insertions"
    )
    insertion_count = fields.Integer(compute="_compute_insertion_count")

    # Searching by these is an oracle on the party data: the search is logged.
    _ms_searched_fields = frozenset({"date_since", "training_level", "committee"})

    _partner_uniq = models.Constraint(
        "UNIQUE(partner_id)", "This person is already registered as a cadre."
    )

    @api.constrains("partner_id")
    def _check_partner_uniq(self):
        check_unique(self, ["partner_id"], "partner_uniq")

    @api.depends_context("lang")
    @api.depends("name", "partner_id.ms_blocked")
    def _compute_display_name(self):
        # a blocked person is named by nobody (see res.partner)
        for cadre in self:
            partner = cadre.sudo().partner_id
            cadre.display_name = (
                partner.display_name if partner.ms_blocked else cadre.name
            )

    def write(self, vals):
        ms_check_same_person(self, vals)
        ms_check_restore(self.partner_id, vals)
        return super().write(vals)

    def _compute_insertion_count(self):
        set_counts(self, "insertion_count", "ms.cadre.insertion", "cadre_id")

    def action_view_insertions(self):
        return related_action(
            self, "movimientos_sociales.ms_cadre_insertion_action", "cadre_id"
        )

    def action_view_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    def _creation_message(self):
        # Spanish agrees with the document ("Alianza creada", not "creado")
        return in_writer_lang(self).env._("Cadre registered")
