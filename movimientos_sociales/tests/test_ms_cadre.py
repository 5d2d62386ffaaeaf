from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_cadre", "ms_security")
class TestMsCadre(MsCase):
    """Party cadres (ms.cadre): the party's data about a person, apart from
    the contact, for the commission only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement("Unión Campesina")
        cls.other_movement = cls._create_movement("Frente Juvenil")
        cls.cadre = cls._create_cadre(
            "Rosa Cuadro",
            email="rosa@example.mx",
            cadre_vals={
                "date_since": date(2020, 5, 1),
                "training_level": "advanced",
                "committee": "Comisión Ejecutiva Estatal",
            },
        )
        cls.other_cadre = cls._create_cadre("Pablo Cuadro")

    def test_contact_shows_nothing_of_the_cadre(self):
        """The contact carries no party data: an employee outside the commission
        reads the contact, can't read the cadre file, can't even test whether a
        contact has one."""
        partner = self.cadre.partner_id.with_user(self.user_employee)
        self.assertEqual(partner.read(["name"])[0]["name"], "Rosa Cuadro")
        self.assertFalse(
            {"ms_is_cadre", "ms_cadre_committee", "ms_cadre_since"}
            & set(self.env["res.partner"]._fields)
        )
        fields = self.env["res.partner"].with_user(self.user_employee).fields_get()
        self.assertNotIn("ms_cadre_ids", fields)
        with self.assertRaises(AccessError):
            self.cadre.with_user(self.user_employee).read(["committee"])
        with self.assertRaises(AccessError):
            self.env["ms.cadre"].with_user(self.user_employee).search_count([])
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user_employee).search_count(
                [("ms_cadre_ids", "!=", False)]
            )

    def test_reader_reads_cadre(self):
        values = self.cadre.with_user(self.user_reader).read(
            ["name", "date_since", "training_level", "committee"]
        )[0]
        self.assertEqual(values["name"], "Rosa Cuadro")
        self.assertEqual(values["date_since"], date(2020, 5, 1))
        self.assertEqual(values["training_level"], "advanced")
        self.assertEqual(values["committee"], "Comisión Ejecutiva Estatal")

    def test_one_cadre_file_per_person(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                self.env["ms.cadre"].create({"partner_id": self.cadre.partner_id.id})

    def test_insertions_action_and_count(self):
        """A cadre counts all their insertions and its action lists them, not
        another cadre's."""
        mine = self._create_insertion(
            self.cadre, self.movement, state="active", start_date=date(2025, 1, 1)
        ) | self._create_insertion(self.cadre, self.other_movement, state="cancelled")
        theirs = self._create_insertion(self.other_cadre, self.movement)
        self.assertEqual(self.cadre.insertion_count, 2)
        self.assertEqual(self.other_cadre.insertion_count, 1)
        self.assertEqual(self.cadre.insertion_ids, mine)
        action = self.cadre.action_view_insertions()
        found = self.env["ms.cadre.insertion"].search(action["domain"])
        self.assertEqual(found, mine)
        self.assertNotIn(theirs, found)
        self.assertEqual(action["context"]["default_cadre_id"], self.cadre.id)

    def test_operator_registers_cadre(self):
        """An Operador registers a person as a cadre; the contact itself shows
        no trace of it, not even to the commission (the cadre list is read, and
        audited, through the cadres only)."""
        person = self._create_contact("Ana Nueva", "ana@example.mx")
        cadre = (
            self.env["ms.cadre"]
            .with_user(self.user_operator)
            .create({"partner_id": person.id, "committee": "Comité Municipal"})
        )
        self.assertEqual(cadre.name, "Ana Nueva")
        Partner = self.env["res.partner"].with_user(self.user_reader)
        self.assertNotIn("ms_cadre_ids", Partner.fields_get())
        with self.assertRaises(AccessError):
            Partner.search_read([("ms_cadre_ids", "!=", False)], ["name"])

    def test_party_data_not_in_chatter(self):
        """Changes of the party data leave no tracking value in the cadre's
        chatter (which is read without audit): they are in the audit log."""
        cadre = self.cadre.with_context(tracking_disable=False)
        cadre.with_user(self.user_operator).write(
            {"committee": "Comité Secreto", "training_level": "basic"}
        )
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "ms.cadre"),
                ("mail_message_id.res_id", "=", cadre.id),
            ]
        )
        self.assertFalse(values)
        log = self._audit_logs("ms.cadre", cadre.id, "write", self.user_operator)
        self.assertEqual(len(log), 1)

    def test_search_on_party_data_logged(self):
        """Confirming a guess by searching on the party data (a count, or a
        path from the insertions) writes a read line with what was found."""
        reader = self.user_reader
        insertion = self._create_insertion(self.cadre, self.movement)
        found = (
            self.env["ms.cadre"]
            .with_user(reader)
            .search_count([("committee", "=", "Comisión Ejecutiva Estatal")])
        )
        self.assertEqual(found, 1)
        logs = self._audit_logs("ms.cadre", method="read", user=reader)
        self.assertEqual(len(logs), 1)
        self.assertIn("committee", logs.name)
        self.assertIn(str(self.cadre.id), logs.res_ids)
        self.assertIn(
            insertion,
            self.env["ms.cadre.insertion"]
            .with_user(reader)
            .search([("cadre_id.committee", "ilike", "Ejecutiva")]),
        )
        self.assertEqual(
            len(self._audit_logs("ms.cadre", method="read", user=reader)), 2
        )
