from odoo import Command
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
    def test_employee_reads_sector_names(self):
        """Any internal user sees a contact's sectors in the contacts app."""
        partner = (
            self.env["res.partner"]
            .sudo()
            .create(
                {"name": "Eva", "ms_sector_ids": [Command.link(self.sector_youth.id)]}
            )
        )
        self.assertEqual(
            partner.with_user(self.env.user).ms_sector_ids.mapped("code"), ["JOV"]
        )
