from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_partner")
class TestResPartner(MsCase):
    def test_sector_filter_and_group_by(self):
        ana, beto, caro = self.env["res.partner"].create(
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
                {"name": "Caro"},
            ]
        )
        people = ana | beto | caro
        with_sector = self.env["res.partner"].search(
            [("id", "in", people.ids), ("ms_sector_ids", "!=", False)]
        )
        self.assertEqual(with_sector, ana | beto)
        groups = dict(
            self.env["res.partner"]._read_group(
                [("id", "in", people.ids)], ["ms_sector_ids"], ["__count"]
            )
        )
        self.assertEqual(groups[self.sector_workers], 2)
        self.assertEqual(groups[self.sector_peasants], 1)
        self.assertEqual(self.sector_workers.partner_ids & people, ana | beto)

    @users("ms_operator")
    def test_operator_tags_contacts(self):
        """Staff classify contacts by sector from the contact itself."""
        partner = self.env["res.partner"].create(
            {"name": "Dora", "ms_sector_ids": [Command.link(self.sector_youth.id)]}
        )
        self.assertEqual(partner.ms_sector_ids, self.sector_youth)

    @users("ms_employee")
    def test_employee_reads_no_sectors(self):
        """A person's sectors are political classification: an internal user
        outside the commission reads the contact, not its sectors, and can't
        search or group contacts by them."""
        partner = (
            self.env["res.partner"]
            .sudo()
            .create(
                {"name": "Eva", "ms_sector_ids": [Command.link(self.sector_youth.id)]}
            )
        )
        Partner = self.env["res.partner"]
        self.assertEqual(
            partner.with_user(self.env.user).read(["name"])[0]["name"], "Eva"
        )
        self.assertNotIn("ms_sector_ids", Partner.fields_get())
        with self.assertRaises(AccessError):
            partner.with_user(self.env.user).read(["ms_sector_ids"])
        with self.assertRaises(AccessError):
            Partner.search_count([("ms_sector_ids", "in", self.sector_youth.ids)])
        with self.assertRaises(AccessError):
            Partner.formatted_read_group([], ["ms_sector_ids"], ["__count"])
