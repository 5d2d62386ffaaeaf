from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_international")
class TestMsInternationalRelation(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mst = cls._create_foreign_org("Movimento Sem Terra", "base.br")
        cls.relation = cls.env["ms.international.relation"].create(
            {"partner_id": cls.mst.id, "relation_type": "twinning"}
        )
        cls.topic = cls.env["ms.topic"].create({"name": "Reforma Agraria"})

    def _relation(self, partner, env=None, **vals):
        env = env or self.env
        return env["ms.international.relation"].create(
            {"partner_id": partner.id, **vals}
        )

    def _exchange(self, relation, name="Encuentro", **vals):
        return self.env["ms.international.exchange"].create(
            {
                "name": name,
                "relation_id": relation.id,
                "date_start": datetime(2025, 4, 1, 15, 0),
                "date_end": datetime(2025, 4, 1, 17, 0),
                **vals,
            }
        )

    # Partner ----------------------------------------------------------------------

    def test_partner_must_be_company(self):
        """A relation is with an organization: a person is refused, with a
        message naming them."""
        person = self._create_contact(
            "Joao Pedro Stedile", country_id=self.env.ref("base.br").id
        )
        with self.assertRaisesRegex(ValidationError, "Joao Pedro Stedile"):
            with self.env.cr.savepoint():
                self._relation(person)
        with self.assertRaisesRegex(ValidationError, "Joao Pedro Stedile.*person"):
            with self.env.cr.savepoint():
                self.relation.partner_id = person
        self.assertEqual(self.relation.partner_id, self.mst)

    def test_partner_must_be_foreign(self):
        """A relation is with a foreign organization: one in Mexico, or without
        a country, is refused with a message naming it."""
        mexican = self._create_foreign_org("Sindicato Mexicano", "base.mx")
        stateless = self._create_foreign_org("Red Sin País", country_id=False)
        self.assertFalse(stateless.country_id)
        for partner in (mexican, stateless):
            with self.subTest(partner=partner.name):
                with self.assertRaisesRegex(
                    ValidationError, f"{partner.name}.*foreign organization"
                ):
                    with self.env.cr.savepoint():
                        self._relation(partner)
        self.assertFalse(
            self.env["ms.international.relation"].search(
                [("partner_id", "in", (mexican | stateless).ids)]
            )
        )

    def test_one_relation_per_partner(self):
        """There is only one relation with a given organization."""
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._relation(self.mst, relation_type="solidarity")
                self.env.flush_all()
        other = self._create_foreign_org("Via Campesina", "base.fr")
        self.assertTrue(self._relation(other))

    # Country and region -------------------------------------------------------------

    def test_region_by_country(self):
        """The region of the world follows the country of the organization;
        countries outside the map are under Other."""
        expected = {
            "base.br": "latin_america",
            "base.fr": "europe",
            "base.us": "north_america",
            "base.jp": "asia",
            "base.za": "africa",
            "base.ps": "middle_east",
            "base.au": "oceania",
            "base.aq": "other",
        }
        for xmlid, region in expected.items():
            with self.subTest(country=xmlid):
                country = self.env.ref(xmlid)
                relation = self._relation(
                    self._create_foreign_org(f"Org {country.code}", xmlid)
                )
                self.assertEqual(relation.country_id, country)
                self.assertEqual(relation.region, region)

    def test_unmapped_new_country_is_other(self):
        """A country created later, unknown to the map, is under Other."""
        country = self.env["res.country"].create({"name": "Zubrowka", "code": "ZQ"})
        partner = self._create_foreign_org("Frente de Zubrowka", country_id=country.id)
        self.assertEqual(self._relation(partner).region, "other")

    def test_country_follows_partner(self):
        """Moving the organization to another country moves its relation, its
        region and its exchanges, as stored and searchable values."""
        exchange = self._exchange(self.relation)
        self.assertRecordValues(
            exchange,
            [{"country_id": self.env.ref("base.br").id, "region": "latin_america"}],
        )
        self.mst.country_id = self.env.ref("base.jp")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.relation.country_id, self.env.ref("base.jp"))
        self.assertEqual(self.relation.region, "asia")
        self.assertRecordValues(
            exchange, [{"country_id": self.env.ref("base.jp").id, "region": "asia"}]
        )
        Relation = self.env["ms.international.relation"]
        self.assertIn(self.relation, Relation.search([("country_id.code", "=", "JP")]))
        self.assertIn(self.relation, Relation.search([("region", "=", "asia")]))
        self.assertNotIn(
            self.relation, Relation.search([("region", "=", "latin_america")])
        )

    def test_group_by_country_and_region(self):
        """Relations are grouped by country and by region of the world."""
        self._relation(self._create_foreign_org("CUT Brasil", "base.br"))
        self._relation(self._create_foreign_org("CGT France", "base.fr"))
        domain = [
            (
                "partner_id.name",
                "in",
                ["Movimento Sem Terra", "CUT Brasil", "CGT France"],
            )
        ]
        Relation = self.env["ms.international.relation"]
        by_country = dict(Relation._read_group(domain, ["country_id"], ["__count"]))
        self.assertEqual(
            by_country, {self.env.ref("base.br"): 2, self.env.ref("base.fr"): 1}
        )
        by_region = dict(Relation._read_group(domain, ["region"], ["__count"]))
        self.assertEqual(by_region, {"latin_america": 2, "europe": 1})

    # Exchanges ------------------------------------------------------------------------

    def test_exchange_count_and_action(self):
        """exchange_count counts the exchanges of the relation, which its
        action lists, and no other."""
        other = self._relation(self._create_foreign_org("CGT France", "base.fr"))
        self.assertEqual(self.relation.exchange_count, 0)
        exchanges = self._exchange(self.relation) | self._exchange(
            self.relation, "Foro", kind="forum"
        )
        foreign = self._exchange(other)
        (self.relation | other).invalidate_recordset(["exchange_count"])
        self.assertEqual(self.relation.exchange_count, 2)
        self.assertEqual(other.exchange_count, 1)
        self.assertEqual(self.relation.exchange_ids, exchanges)
        action = self.relation.action_view_exchanges()
        self.assertEqual(action["res_model"], "ms.international.exchange")
        found = self.env["ms.international.exchange"].search(action["domain"])
        self.assertEqual(found, exchanges)
        self.assertNotIn(foreign, found)
        self.assertEqual(action["context"]["default_relation_id"], self.relation.id)

    def test_delete_relation_deletes_exchanges_and_events(self):
        """Deleting a relation deletes its exchanges and their calendar events."""
        exchange = self._exchange(self.relation)
        event = exchange.calendar_event_id
        self.assertTrue(event)
        self.relation.unlink()
        self.assertFalse(exchange.exists())
        self.assertFalse(event.exists())

    def test_topics_and_sectors(self):
        """A relation is tagged with topics and sectors."""
        self.relation.write(
            {
                "topic_ids": [Command.link(self.topic.id)],
                "sector_ids": [Command.link(self.sector_peasants.id)],
            }
        )
        self.assertIn(
            self.relation,
            self.env["ms.international.relation"].search(
                [("topic_ids", "in", self.topic.ids)]
            ),
        )
        self.assertEqual(self.relation.sector_ids, self.sector_peasants)

    # Access rights --------------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads relations but cannot create, write or delete them."""
        relation = self.relation.with_user(self.env.user)
        self.assertEqual(relation.region, "latin_america")
        self.assertEqual(relation.display_name, "Movimento Sem Terra")
        partner = self._create_foreign_org("CGT France", "base.fr")
        with self.assertRaises(AccessError):
            self._relation(partner, env=self.env)
        with self.assertRaises(AccessError):
            relation.write({"status": "latent"})
        with self.assertRaises(AccessError):
            relation.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits relations, with the contact of the
        organization, but cannot delete them."""
        partner = self._create_foreign_org("CGT France", "base.fr", env=self.env)
        relation = self._relation(partner, env=self.env)
        self.assertEqual(relation.user_id, self.env.user)
        self.assertEqual(relation.region, "europe")
        relation.write({"status": "latent", "relation_type": "network"})
        self.assertEqual(relation.status, "latent")
        with self.assertRaises(AccessError):
            relation.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes relations."""
        relation = self.relation.with_user(self.env.user)
        relation.unlink()
        self.assertFalse(relation.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read relations."""
        with self.assertRaises(AccessError):
            self.relation.with_user(self.env.user).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["ms.international.relation"].search([])


@tagged("post_install", "-at_install", "ms_international")
class TestMsTopic(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.topic = cls.env["ms.topic"].create({"name": "Agua", "color": 4})

    def test_archived_topics_hidden(self):
        """Archived topics are left out of searches."""
        self.topic.active = False
        self.assertNotIn(self.topic, self.env["ms.topic"].search([]))
        self.assertIn(
            self.topic, self.env["ms.topic"].with_context(active_test=False).search([])
        )

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads topics but cannot create, write or delete them."""
        topic = self.topic.with_user(self.env.user)
        self.assertEqual(topic.name, "Agua")
        with self.assertRaises(AccessError):
            self.env["ms.topic"].create({"name": "Vivienda"})
        with self.assertRaises(AccessError):
            topic.write({"color": 5})
        with self.assertRaises(AccessError):
            topic.unlink()

    @users("ms_operator", "ms_coordinator")
    def test_operator_creates_and_writes(self):
        """Operators and coordinators create and edit topics but do not delete
        them."""
        topic = self.env["ms.topic"].create({"name": "Vivienda"})
        topic.write({"color": 5, "active": False})
        self.assertFalse(topic.active)
        with self.assertRaises(AccessError):
            topic.unlink()
        with self.assertRaises(AccessError):
            self.topic.with_user(self.env.user).unlink()

    @users("ms_manager")
    def test_manager_deletes(self):
        """An administrator deletes topics."""
        topic = self.topic.with_user(self.env.user)
        topic.unlink()
        self.assertFalse(topic.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read topics."""
        with self.assertRaises(AccessError):
            self.topic.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ms.topic"].create({"name": "Vivienda"})
