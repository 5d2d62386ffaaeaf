import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

_logger = logging.getLogger(__name__)

# Changing one of these changes whom a mailing reaches.
TARGET_FIELDS = frozenset(
    {"mailing_domain", "mailing_model_id", "mailing_filter_id", "contact_list_ids"}
)
COMMISSION = "movimientos_sociales.group_ms_reader"


class MailingMailing(models.Model):
    """Email marketing, bounded by the commission's rules: a mailing reaches
    only the records its author may read (the queue evaluates the domain as
    superuser: here it evaluates it as the author), never by fields the author
    may not read, and never people the commission records without their
    consent when consent is required."""

    _inherit = "mailing.mailing"

    ms_conference_id = fields.Many2one(
        "ms.conference",
        string="Conference",
        index="btree_not_null",
        ondelete="set null",
        help="The conference this mailing invites to.",
    )
    ms_addon_mailing = fields.Boolean(
        string="From Social Movements",
        readonly=True,
        copy=True,
        help="Created by the Social Movements app.",
    )
    ms_domain_uid = fields.Many2one(
        "res.users",
        string="Audience Set By",
        readonly=True,
        copy=True,
        help="The user who last chose whom this mailing reaches: it reaches only "
        "what this user may read.",
    )
    ms_commission_mailing = fields.Boolean(
        string="Commission Mailing",
        readonly=True,
        copy=True,
        index=True,
        help="Chosen by a member of the commission: its statistics (who was "
        "mailed) are the commission's.",
    )
    ms_audience_count = fields.Integer(
        string="Audience",
        compute="_compute_ms_audience_count",
        groups=COMMISSION,
        help="Addresses this mailing will reach: contacts of the domain with an "
        "email, without blacklisted addresses, each address once.",
    )

    @api.depends("mailing_model_real", "mailing_domain")
    def _compute_ms_audience_count(self):
        Partner = self.env["res.partner"]
        for mailing in self:
            model = mailing.mailing_model_real
            domain = None
            if model == "res.partner":
                domain = mailing._get_recipients_domain()
            elif model and mailing._ms_partner_field(self.env[model]):
                # records of people (conference participants): their people
                domain = Domain(
                    "id",
                    "in",
                    self.env[model]
                    ._search(mailing._get_recipients_domain())
                    .subselect("partner_id"),
                )
            mailing.ms_audience_count = (
                Partner._ms_mailing_audience_count(domain) if domain else 0
            )

    @api.model
    def _ms_partner_field(self, model):
        """Whether the records of `model` are people by their `partner_id`."""
        field = model._fields.get("partner_id")
        return bool(
            field and field.type == "many2one" and field.comodel_name == "res.partner"
        )

    @api.constrains("mailing_domain", "mailing_model_id", "ms_domain_uid")
    def _check_ms_audience(self):
        for mailing in self:
            mailing._ms_check_audience()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.update(self._ms_author_values(vals))
            if vals.get("ms_commission_mailing"):
                # a copy of each email on the contacts' chatters would tell any
                # employee who the commission mailed
                vals["keep_archives"] = False
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # who bounds the audience is who sets it, not what a client says;
            # and a commission mailing stays the commission's
            if "ms_domain_uid" in vals or (
                "ms_commission_mailing" in vals and not vals["ms_commission_mailing"]
            ):
                raise UserError(
                    self.env._(
                        "Who chose a mailing's recipients is recorded by Odoo, "
                        "not edited."
                    )
                )
        if TARGET_FIELDS & vals.keys():
            vals = {**vals, **self._ms_author_values(vals)}
        if vals.get("keep_archives") and (
            vals.get("ms_commission_mailing")
            or any(self.mapped("ms_commission_mailing"))
        ):
            vals = {**vals, "keep_archives": False}
        return super().write(vals)

    def _ms_author_values(self, vals):
        """Who chooses the audience: the user writing it (also under sudo, which
        keeps the user); a commission member makes it a commission mailing,
        for good (write refuses to clear the flag)."""
        if self.env.uid == SUPERUSER_ID and vals.get("ms_domain_uid"):
            # a copy made by a job (A/B test winner) keeps its author
            return {}
        values = {"ms_domain_uid": self.env.uid}
        if (
            vals.get("ms_addon_mailing")
            or vals.get("ms_commission_mailing")
            or self.env.user.has_group(COMMISSION)
        ):
            values["ms_commission_mailing"] = True
        return values

    def _ms_author(self):
        """The user whose rights bound the audience (the superuser for mailings
        set up by data files or jobs)."""
        return self.ms_domain_uid or self.create_uid or self.env.ref("base.user_root")

    # The audience, as its author may see it -------------------------------------

    def _ms_check_fields(self, model, domain):
        """Refuse a domain that names, anywhere along its paths, a field the
        user of `model`'s environment may not read or a model they may not
        read (the ORM checks some of them when it builds the query, not those
        replaced by their search method, such as message_partner_ids)."""
        for condition in Domain(domain).iter_conditions():
            current = model
            for name in condition.field_expr.split("."):
                field = current._fields.get(name)
                if field is None:
                    break
                current._check_field_access(field, "read")
                if not field.relational:
                    break
                current = current.env[field.comodel_name]
                current.check_access("read")
            if isinstance(condition.value, Domain) and current is not model:
                self._ms_check_fields(current, condition.value)

    def _ms_check_audience(self):
        """As the author: every field of the domain readable, the domain valid."""
        self.ensure_one()
        author = self._ms_author()
        if author._is_superuser() or not self.mailing_model_real:
            return
        Model = self.env[self.mailing_model_real].with_user(author)
        try:
            domain = Domain(self._parse_mailing_domain())
            self._ms_check_fields(Model, domain)
            Model._search(domain)
        except AccessError as error:
            raise ValidationError(
                self.env._(
                    "The mailing “%(mailing)s” chooses its recipients by data "
                    "%(user)s may not read: it can't be saved nor sent.\n%(error)s",
                    mailing=self.subject or self.display_name,
                    user=author.name,
                    error=error,
                )
            ) from error

    def _get_recipients_domain(self):
        domain = super()._get_recipients_domain()
        if not self.mailing_model_real:
            return domain
        # The queue runs as superuser, and whoever looks at the mailing may read
        # less or more than its author: the audience is what the author can read
        # (their record rules and scopes), as a subquery built as them.
        self._ms_check_audience()
        Model = self.env[self.mailing_model_real].with_user(self._ms_author())
        domain = Domain("id", "in", Model._search(domain))
        return domain & self._ms_consent_domain()

    def _ms_consent_domain(self):
        """With consent required, no mailing reaches a person the commission
        records without a valid consent for mass communications, whatever the
        mailing's model (contacts, or mailing list contacts by their email)."""
        Partner = self.env["res.partner"]
        if not self.env.company.ms_require_consent:
            return Domain.TRUE
        if self.mailing_model_real == "res.partner":
            return Partner._ms_consent_domain()
        Model = self.env[self.mailing_model_real]
        domain = Domain.TRUE
        if self._ms_partner_field(Model):
            # records of people (conference participants): by their person
            domain &= Domain("partner_id", "not in", Partner._ms_unconsented_query())
        if "email_normalized" in Model._fields:
            # and by their address (mailing list contacts, participants)
            emails = (
                Partner.sudo()
                .with_context(active_test=False)
                ._search(
                    [
                        ("id", "in", Partner._ms_unconsented_query()),
                        ("email_normalized", "!=", False),
                    ]
                )
                .subselect("email_normalized")
            )
            domain &= Domain("email_normalized", "not in", emails)
        return domain

    def action_send_mail(self, res_ids=None):
        # Explicit recipients (a public method): only those of the audience.
        if res_ids:
            allowed = set()
            for mailing in self:
                allowed.update(mailing._get_recipients())
            res_ids = [res_id for res_id in res_ids if res_id in allowed]
            if not res_ids:
                raise UserError(
                    self.env._("None of these recipients is in the mailing's audience.")
                )
        return super().action_send_mail(res_ids=res_ids)

    @api.model
    def _process_mass_mailing_queue(self):
        # A queued mailing whose author lost the right to its audience goes back
        # to draft with a note, instead of failing the queue for every mailing.
        queued = self.search([("state", "in", ("in_queue", "sending"))])
        for mailing in queued:
            try:
                mailing._ms_check_audience()
            except ValidationError as error:
                _logger.warning("Mailing %s back to draft: %s", mailing.id, error)
                mailing.state = "draft"
                mailing.message_post(body=str(error))
        return super()._process_mass_mailing_queue()
