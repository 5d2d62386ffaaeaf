from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_sector")
class TestMsSector(MsCase):
    def test_seeded_sectors(self):
        """The eleven sectors of the work plan are seeded, with stable codes."""
        codes = set(self.env["ms.sector"].search([]).mapped("code"))
        self.assertLessEqual(
            {
                "OBR",
                "CAM",
                "PRO",
                "COM",
                "EMP",
                "GEN",
                "IND",
                "JOV",
                "MIG",
                "ECO",
                "OTR",
            },
            codes,
        )
        self.assertEqual(
            self.sector_peasants.with_context(lang="es_MX").name, "Campesinos"
        )

    def test_code_unique(self):
        """A duplicate code is refused, with a message in the user's language."""
        sector_es = self.env["ms.sector"].with_context(lang="es_MX")
        with self.assertRaises(ValidationError) as caught:
            sector_es.create({"name": "Duplicate", "code": "OBR"})
        self.assertEqual(
            caught.exception.args[0], "El código de un sector debe ser único."
        )

    def test_hierarchy(self):
        rural_youth = self.env["ms.sector"].create(
            {"name": "Rural Youth", "code": "JOVR", "parent_id": self.sector_youth.id}
        )
        self.assertEqual(rural_youth.complete_name, "Youth / Rural Youth")
        self.assertEqual(
            rural_youth.with_context(lang="es_MX").display_name, "Jóvenes / Rural Youth"
        )
        # the path the spreadsheets print is the reader's language too
        self.assertEqual(
            rural_youth.with_context(lang="es_MX").complete_name,
            "Jóvenes / Rural Youth",
        )
        self.assertEqual(
            self.env["ms.sector"].search([("complete_name", "ilike", "Youth")]),
            self.sector_youth | rural_youth,
        )
        self.assertIn(rural_youth, self.sector_youth.child_ids)
        self.assertEqual(
            self.env["ms.sector"].search([("id", "child_of", self.sector_youth.id)]),
            self.sector_youth | rural_youth,
        )

    def test_no_cycles(self):
        child = self.env["ms.sector"].create(
            {"name": "Child", "code": "CH1", "parent_id": self.sector_youth.id}
        )
        grandchild = self.env["ms.sector"].create(
            {"name": "Grandchild", "code": "CH2", "parent_id": child.id}
        )
        # Odoo's parent_store refuses the cycle before it is written.
        with self.assertRaisesRegex(UserError, "Recursion"), self.env.cr.savepoint():
            self.sector_youth.parent_id = grandchild
        with self.assertRaisesRegex(UserError, "Recursion"), self.env.cr.savepoint():
            child.parent_id = child
        self.env.invalidate_all()
        self.assertFalse(self.sector_youth.parent_id)
        self.assertEqual(child.parent_id, self.sector_youth)

    def test_partner_count_and_action(self):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": "Ana",
                    "ms_sector_ids": [Command.set(self.sector_workers.ids)],
                },
                {
                    "name": "Beto",
                    "ms_sector_ids": [
                        Command.set((self.sector_workers | self.sector_peasants).ids)
                    ],
                },
            ]
        )
        (self.sector_workers | self.sector_peasants).invalidate_recordset(
            ["partner_count"]
        )
        before_workers = self.env["res.partner"].search_count(
            [("ms_sector_ids", "in", self.sector_workers.ids)]
        )
        self.assertEqual(self.sector_workers.partner_count, before_workers)
        self.assertGreaterEqual(self.sector_workers.partner_count, 2)
        action = self.sector_peasants.action_view_partners()
        found = self.env["res.partner"].search(action["domain"])
        self.assertIn(partners[1], found)
        self.assertNotIn(partners[0], found)
        self.assertEqual(
            action["context"]["default_ms_sector_ids"], self.sector_peasants.ids
        )

    def test_partner_count_one_query(self):
        """Counting contacts for a whole list of sectors costs one grouped query."""
        sectors = self.env["ms.sector"].search([])
        self.assertGreaterEqual(len(sectors), 11)
        self.env["res.partner"].create(
            [
                {"name": f"P{i}", "ms_sector_ids": [Command.set(sectors[i % 5].ids)]}
                for i in range(20)
            ]
        )
        self.env.invalidate_all()
        sectors = self.env["ms.sector"].browse(sectors.ids)
        with self.assertQueryCount(1):
            sectors.mapped("partner_count")

    # Access rights --------------------------------------------------------

    @users("ms_employee")
    def test_employee_reads_no_sector(self):
        """Sectors and who is in them are the commission's: an employee outside
        it reads none."""
        with self.assertRaises(AccessError):
            self.env["ms.sector"].search([])
        with self.assertRaises(AccessError):
            self.sector_workers.with_user(self.env.user).read(["name"])

    @users("ms_reader", "ms_operator", "ms_coordinator")
    def test_access_read_only(self):
        sector = self.sector_workers.with_user(self.env.user)
        self.assertTrue(sector.name)
        with self.assertRaises(AccessError):
            self.env["ms.sector"].create({"name": "New", "code": "NEW"})
        with self.assertRaises(AccessError):
            sector.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            sector.unlink()

    @users("ms_manager")
    def test_access_manager(self):
        sector = self.env["ms.sector"].create({"name": "Transport", "code": "TRA"})
        sector.write({"coordinator_id": self.user_coordinator.id})
        self.assertEqual(sector.coordinator_id, self.user_coordinator)
        sector.unlink()
        self.assertFalse(sector.exists())
