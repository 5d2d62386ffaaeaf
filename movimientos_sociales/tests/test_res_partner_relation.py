from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.movimientos_sociales.models.ms_workflow_mixin import ms_transition

from .common import MsCase


@tagged("post_install", "-at_install", "ms_relation")
class TestResPartnerRelation(MsCase):
    """Relations between people and organizations (OCA partner_multi_relation)
    inside the commission's boundary: read and written within the scopes, the
    commission's hidden from other employees, a blocked person's hidden but
    from the ARCO officers, erased with the person."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.member = ref("movimientos_sociales.ms_relation_type_member")
        cls.works_with = ref("movimientos_sociales.ms_relation_type_works_with")
        cls.family = ref("movimientos_sociales.ms_relation_type_family")
        # a type of someone else's (e.g. sales), not the commission's
        cls.supplier = cls.env["res.partner.relation.type"].create(
            {"name": "Supplies", "name_inverse": "Is supplied by"}
        )
        cls.org_oax = cls._create_movement("Relaciones Oaxaca")
        cls.org_chis = cls._create_movement(
            "Relaciones Chiapas", state_id=cls.state_chis.id
        )
        Partner = cls.env["res.partner"]
        cls.person_oax = Partner.create(
            {"name": "Rita Relación", "parent_id": cls.org_oax.partner_id.id}
        )
        cls.person_chis = Partner.create(
            {"name": "Rafael Relación", "parent_id": cls.org_chis.partner_id.id}
        )
        # contacts the commission doesn't record
        cls.plain_a = Partner.create({"name": "Proveedora Uno", "is_company": True})
        cls.plain_b = Partner.create({"name": "Cliente Dos", "is_company": True})
        cls.operator_oax = cls._create_scoped_user(
            "ms_rel_oax",
            "movimientos_sociales.group_ms_user",
            "Olga Operadora de Oaxaca",
            states=cls.state_oax,
        )
        cls.contact_creator = cls._create_user(
            "ms_rel_contacts",
            "base.group_user,base.group_partner_manager",
            "Cecilia Contactos",
        )
        cls.Relation = cls.env["res.partner.relation"]
        cls.rel_member_oax = cls.Relation.create(
            {
                "left_partner_id": cls.person_oax.id,
                "type_id": cls.member.id,
                "right_partner_id": cls.org_oax.partner_id.id,
            }
        )
        cls.rel_oax_chis = cls.Relation.create(
            {
                "left_partner_id": cls.org_oax.partner_id.id,
                "type_id": cls.works_with.id,
                "right_partner_id": cls.org_chis.partner_id.id,
            }
        )
        cls.rel_plain = cls.Relation.create(
            {
                "left_partner_id": cls.plain_a.id,
                "type_id": cls.supplier.id,
                "right_partner_id": cls.plain_b.id,
            }
        )
        cls.fixture = cls.rel_member_oax | cls.rel_oax_chis | cls.rel_plain

    def _visible(self, user, model="res.partner.relation", records=None):
        records = records if records is not None else self.fixture
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_seeded_types(self):
        """The commission's six types, in Spanish."""
        types = self.env["res.partner.relation.type"].search(
            [("ms_commission", "=", True)]
        )
        self.assertEqual(len(types), 6)
        self.assertEqual(
            self.member.with_context(lang="es_MX").name_inverse,
            "Tiene como integrante a",
        )
        self.assertTrue(self.family.is_symmetric)

    def test_operator_records_relation_in_scope(self):
        """An Operador relates the people of their scope, without a mail."""
        mails = self.env["mail.mail"].search_count([])
        messages = self.env["mail.message"].search_count([])
        other = self.env["res.partner"].create(
            {"name": "Rosa Relación", "parent_id": self.org_oax.partner_id.id}
        )
        relation = self.Relation.with_user(self.operator_oax).create(
            {
                "left_partner_id": self.person_oax.id,
                "type_id": self.family.id,
                "right_partner_id": other.id,
                "date_start": "2024-05-01",
            }
        )
        self.assertEqual(relation.sudo().right_partner_id, other)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)

    def test_scoped_user_reads_relations_within_scope(self):
        """A relation shows only to those who may see both its sides: on
        every path (search, read group, a contact's relations and count, the
        contact search by relation)."""
        self.assertEqual(
            self._visible(self.operator_oax), self.rel_member_oax | self.rel_plain
        )
        groups = (
            self.env["res.partner.relation"]
            .with_user(self.operator_oax)
            .formatted_read_group(
                [("id", "in", self.fixture.ids)], ["type_id"], ["__count"]
            )
        )
        self.assertEqual(sum(group["__count"] for group in groups), 2)
        organization = self.org_oax.partner_id.with_user(self.operator_oax)
        self.assertEqual(organization.relation_count, 1)
        self.assertEqual(
            organization.relation_left_ids | organization.relation_right_ids,
            self.rel_member_oax,
        )
        found = (
            self.env["res.partner"]
            .with_user(self.operator_oax)
            .search([("search_relation_type_id", "=", self.works_with.id)])
        )
        self.assertNotIn(self.org_oax.partner_id, found)
        # from the organization's form
        movement = self.org_oax.with_user(self.operator_oax)
        self.assertEqual(movement.relation_count, 1)
        action = movement.action_ms_view_relations()
        self.assertEqual(
            self.env["res.partner.relation"]
            .with_user(self.operator_oax)
            .search(action["domain"]),
            self.rel_member_oax,
        )
        # national: everything
        self.assertEqual(self._visible(self.user_reader), self.fixture)

    def test_scoped_user_cannot_relate_outside_scope(self):
        """Nor create a relation with someone outside the scope, nor move one
        there."""
        Relation = self.Relation.with_user(self.operator_oax)
        with self.assertRaises(AccessError):
            Relation.create(
                {
                    "left_partner_id": self.org_oax.partner_id.id,
                    "type_id": self.works_with.id,
                    "right_partner_id": self.org_chis.partner_id.id,
                    "date_start": "2020-01-01",
                    "date_end": "2020-12-31",
                }
            )
        with self.assertRaises(AccessError):
            self.rel_member_oax.with_user(self.operator_oax).write(
                {"right_partner_id": self.org_chis.partner_id.id}
            )
        self.assertEqual(self.rel_member_oax.right_partner_id, self.org_oax.partner_id)

    def test_outsider_sees_no_commission_relation(self):
        """An employee outside the commission reads only the relations of
        others' types between contacts it doesn't record, and can't create one
        of the commission's nor move one onto its people; nor change its
        types."""
        self.assertEqual(self._visible(self.user_employee), self.rel_plain)
        self.assertEqual(self._visible(self.contact_creator), self.rel_plain)
        Relation = self.Relation.with_user(self.contact_creator)
        with self.assertRaises(UserError):
            Relation.create(
                {
                    "left_partner_id": self.plain_a.id,
                    "type_id": self.works_with.id,
                    "right_partner_id": self.plain_b.id,
                }
            )
        with self.assertRaises(UserError):
            self.rel_plain.with_user(self.contact_creator).write(
                {"right_partner_id": self.org_oax.partner_id.id}
            )
        self.assertEqual(self.rel_plain.right_partner_id, self.plain_b)
        plain = Relation.create(
            {
                "left_partner_id": self.plain_b.id,
                "type_id": self.supplier.id,
                "right_partner_id": self.plain_a.id,
            }
        )
        self.assertTrue(plain.exists())
        # the commission's types are its Administrador's
        sales_manager = self._create_user(
            "ms_rel_sales", "sales_team.group_sale_manager", "Saúl Ventas"
        )
        with self.assertRaises(AccessError):
            self.member.with_user(sales_manager).write({"ms_commission": False})
        self.member.with_user(self.user_manager).write({"name": "Forma parte de"})
        portal = self._create_user(
            "ms_rel_portal", "base.group_portal", "Paula", notification_type="email"
        )
        with self.assertRaises(AccessError):
            self.env["res.partner.relation"].with_user(portal).search([])

    def test_reader_cannot_write(self):
        with self.assertRaises(AccessError):
            self.Relation.with_user(self.user_reader).create(
                {
                    "left_partner_id": self.person_oax.id,
                    "type_id": self.family.id,
                    "right_partner_id": self.person_chis.id,
                }
            )

    def test_blocked_person_and_anonymization(self):
        """A person blocked by ARCO: their relations are seen by the ARCO
        officers only; anonymized, they are erased."""
        self.person_oax.sudo().ms_blocked = True
        self.assertEqual(
            self._visible(self.user_operator), self.rel_oax_chis | self.rel_plain
        )
        self.assertEqual(self._visible(self.user_coordinator), self.fixture)
        with ms_transition():
            self.person_oax.sudo()._ms_anonymize()
        self.assertFalse(self.rel_member_oax.exists())
        self.assertTrue(self.rel_oax_chis.exists())

    def test_clear_errors(self):
        """The OCA module's checks, in the commission's words."""
        with self.assertRaisesRegex(ValidationError, "is a person"):
            self.Relation.create(
                {
                    "left_partner_id": self.person_oax.id,
                    "type_id": self.works_with.id,
                    "right_partner_id": self.org_chis.partner_id.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "with themselves"):
            self.Relation.create(
                {
                    "left_partner_id": self.person_oax.id,
                    "type_id": self.family.id,
                    "right_partner_id": self.person_oax.id,
                }
            )

    # Found attacking it ---------------------------------------------------------

    def test_no_oracle_of_hidden_relations(self):
        """Outside the commission, trying to record one of its relations is
        refused the same way whether it exists or not (Odoo's constraints run
        as superuser: the OCA check of duplicates would tell)."""
        Relation = self.Relation.with_user(self.contact_creator)
        errors = []
        for person, organization in (
            (self.person_oax, self.org_oax),  # exists
            (self.person_chis, self.org_chis),  # doesn't
        ):
            with self.assertRaises(UserError) as caught:
                Relation.create(
                    {
                        "left_partner_id": person.id,
                        "type_id": self.member.id,
                        "right_partner_id": organization.partner_id.id,
                    }
                )
            errors.append((type(caught.exception), str(caught.exception)))
        self.assertEqual(errors[0], errors[1])
        # a member who sees both sides is told of the duplicate, in Spanish
        with self.assertRaisesRegex(ValidationError, "already have a relation"):
            self.Relation.with_user(self.operator_oax).create(
                {
                    "left_partner_id": self.person_oax.id,
                    "type_id": self.member.id,
                    "right_partner_id": self.org_oax.partner_id.id,
                }
            )

    def test_reader_with_contact_creation_cannot_write(self):
        """Odoo's Contact Creation gives every relation to write: not the
        commission's to a Lectura who has it."""
        reader = self._create_user(
            "ms_rel_reader_contacts",
            "movimientos_sociales.group_ms_reader,base.group_partner_manager",
            "Lucía Lectura con Contactos",
        )
        other = self.env["res.partner"].create(
            {"name": "Rosa Relación", "parent_id": self.org_oax.partner_id.id}
        )
        with self.assertRaises(UserError):
            self.Relation.with_user(reader).create(
                {
                    "left_partner_id": self.person_oax.id,
                    "type_id": self.family.id,
                    "right_partner_id": other.id,
                }
            )
        relation = self.rel_member_oax.with_user(reader)
        with self.assertRaises(UserError):
            relation.write({"date_start": "2020-01-01"})
        with self.assertRaises(UserError):
            relation.unlink()
        self.assertTrue(self.rel_member_oax.exists())
        self.assertFalse(self.rel_member_oax.date_start)

    def test_blocked_person_gets_no_relation(self):
        """A person blocked by ARCO gets no new relation, not even from an
        ARCO officer; and a relation's name doesn't name them."""
        self.person_chis.sudo().ms_blocked = True
        with self.assertRaisesRegex(UserError, "blocked"):
            self.Relation.with_user(self.user_coordinator).create(
                {
                    "left_partner_id": self.person_chis.id,
                    "type_id": self.family.id,
                    "right_partner_id": self.person_oax.id,
                }
            )
        with self.assertRaisesRegex(UserError, "blocked"):
            self.rel_member_oax.with_user(self.user_coordinator).write(
                {"left_partner_id": self.person_chis.id}
            )
        self.assertEqual(self.rel_member_oax.left_partner_id, self.person_oax)
        self.person_oax.sudo().ms_blocked = True
        name = self.rel_member_oax.with_user(self.user_coordinator).display_name
        self.assertNotIn("Rita", name)

    def test_type_marked_by_administrador_only(self):
        sales_manager = self._create_user(
            "ms_rel_sales2", "sales_team.group_sale_manager", "Sara Ventas"
        )
        kind = (
            self.env["res.partner.relation.type"]
            .with_user(sales_manager)
            .create({"name": "Asesora a", "name_inverse": "Recibe asesoría de"})
        )
        with self.assertRaises(AccessError):
            kind.write({"ms_commission": True})
        self.assertFalse(kind.ms_commission)
        kind.with_user(self.user_manager).write({"ms_commission": True})
        self.assertTrue(kind.ms_commission)

    def test_deleting_a_contact_keeps_hidden_relations(self):
        """Deleting a contact deletes its relations: not when some are hidden
        from whoever deletes it."""
        plain_c = self.env["res.partner"].create({"name": "Contacto Tres"})
        plain_d = self.env["res.partner"].create({"name": "Contacto Cuatro"})
        hidden = self.Relation.create(
            {
                "left_partner_id": plain_c.id,
                "type_id": self.family.id,
                "right_partner_id": plain_d.id,
            }
        )
        with self.assertRaisesRegex(UserError, "relations you may not see"):
            plain_c.with_user(self.contact_creator).unlink()
        self.assertTrue(hidden.exists())
        self.rel_plain.right_partner_id.with_user(self.contact_creator).unlink()
        self.assertFalse(self.rel_plain.exists())

    def test_merge_within_the_boundary(self):
        """Odoo's contact merge moves a contact's links in SQL: outside the
        commission's staff, nobody merges a person it records; a merge that
        would move relations its maker can't see is refused; the contact kept
        is scoped again."""
        recorded = self.env["res.partner"].create(
            {
                "name": "Registrada Fusión",
                "email": "fusion@example.mx",
                "ms_sector_ids": [(6, 0, self.sector_workers.ids)],
            }
        )
        mine = (
            self.env["res.partner"]
            .with_user(self.contact_creator)
            .create({"name": "Mía Fusión", "email": "fusion@example.mx"})
        )
        Wizard = self.env["base.partner.merge.automatic.wizard"]
        with self.assertRaisesRegex(UserError, "its staff merges them"):
            Wizard.with_user(self.contact_creator)._merge(
                [mine.id, recorded.id], dst_partner=mine
            )
        self.assertTrue(recorded.exists())
        # the commission's staff merges them, and the one kept is recorded
        Wizard.with_user(self.user_operator)._merge(
            [mine.id, recorded.id], dst_partner=mine
        )
        self.assertFalse(recorded.exists())
        self.assertTrue(mine.sudo().ms_recorded)
        self.assertEqual(mine.sudo().ms_sector_ids, self.sector_workers)
        # relations out of the merger's scope
        with self.assertRaisesRegex(UserError, "relations you may not see"):
            Wizard.with_user(self.operator_oax)._merge(
                [self.plain_a.id, self.org_oax.partner_id.id]
            )
