from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.movimientos_sociales.models import ms_network

from .common import MsCase


@tagged("post_install", "-at_install", "ms_network")
class TestMsNetwork(MsCase):
    """The network of alliances (ms.network.get_network_data): nodes and
    edges as the user may read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector = cls._create_sector("Red Pescadores", "RPES")
        cls.org_a = cls._create_movement(
            "Red A Oaxaca",
            ms_sector_ids=[Command.set(cls.sector.ids)],
            member_estimate=1000,
        )
        cls.org_b = cls._create_movement("Red B Oaxaca")
        cls.org_c = cls._create_movement("Red C Chiapas", state_id=cls.state_chis.id)
        cls.org_d = cls._create_movement("Red D Oaxaca aislada")
        cls.alliance = cls._create_alliance(
            "Red Alianza del Agua", cls.org_a | cls.org_c, state="in_force"
        )
        cls.alliance.member_ids.date_joined = "2025-01-01"
        cls.action = cls._create_action(
            "Red Marcha conjunta",
            movement_ids=[Command.set((cls.org_a | cls.org_b | cls.org_c).ids)],
        )
        works_with = cls.env.ref("movimientos_sociales.ms_relation_type_works_with")
        Relation = cls.env["res.partner.relation"]
        for other in (cls.org_b, cls.org_c):
            Relation.create(
                {
                    "left_partner_id": cls.org_a.partner_id.id,
                    "type_id": works_with.id,
                    "right_partner_id": other.partner_id.id,
                    "date_start": "2024-01-01",
                }
            )
        cls.person = cls.env["res.partner"].create(
            {"name": "Red Persona", "parent_id": cls.org_b.partner_id.id}
        )
        Relation.create(
            {
                "left_partner_id": cls.person.id,
                "type_id": cls.env.ref(
                    "movimientos_sociales.ms_relation_type_member"
                ).id,
                "right_partner_id": cls.org_a.partner_id.id,
            }
        )
        cls.operator_oax = cls._create_scoped_user(
            "ms_net_oax",
            "movimientos_sociales.group_ms_user",
            "Olga Operadora de Oaxaca",
            states=cls.state_oax,
        )
        cls.ours = {
            f"m{org.id}" for org in cls.org_a | cls.org_b | cls.org_c | cls.org_d
        } | {f"a{cls.alliance.id}", f"p{cls.person.id}"}

    def _network(self, user, **filters):
        return self.env["ms.network"].with_user(user).get_network_data(filters)

    def _edges(self, data):
        """The fixture's edges: (from, to, kind)."""
        return {
            (edge["from"], edge["to"], edge["kind"])
            for edge in data["edges"]
            if edge["from"] in self.ours and edge["to"] in self.ours
        }

    def _ids(self, *records):
        prefix = {"ms.movement": "m", "ms.alliance": "a", "res.partner": "p"}
        return tuple(sorted(f"{prefix[r._name]}{r.id}" for r in records))

    def test_national_nodes_and_edges(self):
        data = self._network(self.user_reader)
        nodes = {node["id"]: node for node in data["nodes"]}
        a, b, c = (f"m{org.id}" for org in (self.org_a, self.org_b, self.org_c))
        alliance = f"a{self.alliance.id}"
        self.assertEqual(
            self._edges(data),
            {
                (*self._ids(self.org_a, self.alliance), "alliance"),
                (*self._ids(self.org_c, self.alliance), "alliance"),
                (*self._ids(self.org_a, self.org_b), "action"),
                (*self._ids(self.org_a, self.org_c), "action"),
                (*self._ids(self.org_b, self.org_c), "action"),
                (*self._ids(self.org_a, self.org_b), "relation"),
                (*self._ids(self.org_a, self.org_c), "relation"),
            },
        )
        self.assertEqual(nodes[a]["degree"], 5)
        self.assertEqual(nodes[a]["sector_id"], self.sector.id)
        self.assertEqual(nodes[a]["size"], 6)  # 1,000 members
        self.assertEqual(nodes[alliance]["kind"], "alliance")
        self.assertEqual(nodes[alliance]["res_model"], "ms.alliance")
        self.assertNotIn(f"p{self.person.id}", nodes)  # people on request
        isolated = {item["id"] for item in data["isolated"]}
        self.assertIn(f"m{self.org_d.id}", isolated)
        self.assertNotIn(a, isolated)
        self.assertEqual(nodes[b]["degree"], 3)
        self.assertEqual(nodes[c]["degree"], 4)
        self.assertFalse(data["truncated"])
        self.assertIn(
            {"id": self.sector.id, "name": "Red Pescadores", "color": 0},
            data["sectors"],
        )

    def test_scoped_user(self):
        """An Operador of Oaxaca: Chiapas' organization, its membership, and
        the relation with it are not there; the joint action joins only what
        they see."""
        data = self._network(self.operator_oax)
        ids = {node["id"] for node in data["nodes"]}
        self.assertNotIn(f"m{self.org_c.id}", ids)
        self.assertTrue({f"m{self.org_a.id}", f"m{self.org_d.id}"} <= ids)
        self.assertEqual(
            self._edges(data),
            {
                (*self._ids(self.org_a, self.alliance), "alliance"),
                (*self._ids(self.org_a, self.org_b), "action"),
                (*self._ids(self.org_a, self.org_b), "relation"),
            },
        )
        visible = self.env["ms.movement"].with_user(self.operator_oax).search([])
        self.assertEqual(
            {node["res_id"] for node in data["nodes"] if node["kind"] == "movement"},
            set(visible.ids),
        )

    def test_filters(self):
        by_sector = self._network(self.user_reader, sector_id=self.sector.id)
        self.assertEqual(
            {n["id"] for n in by_sector["nodes"] if n["kind"] == "movement"},
            {f"m{self.org_a.id}"},
        )
        by_alliance = self._network(self.user_reader, alliance_id=self.alliance.id)
        self.assertEqual(
            {n["id"] for n in by_alliance["nodes"] if n["kind"] == "movement"},
            {f"m{self.org_a.id}", f"m{self.org_c.id}"},
        )
        by_state = self._network(self.user_reader, state_id=self.state_chis.id)
        self.assertIn(f"m{self.org_c.id}", {n["id"] for n in by_state["nodes"]})
        self.assertNotIn(f"m{self.org_a.id}", {n["id"] for n in by_state["nodes"]})
        # a period after the march (8 March 2025), before the relations end
        later = self._network(
            self.user_reader, date_from="2025-04-01", date_to="2025-12-31"
        )
        kinds = {kind for _a, _b, kind in self._edges(later)}
        self.assertEqual(kinds, {"alliance", "relation"})
        # the relations started in 2024: not in 2023
        before = self._network(
            self.user_reader, date_from="2023-01-01", date_to="2023-12-31"
        )
        self.assertEqual(self._edges(before), set())
        company = self.env["res.partner"].create(
            {"name": "Red Cooperativa sin ficha", "is_company": True}
        )
        self.env["res.partner.relation"].create(
            {
                "left_partner_id": self.org_a.partner_id.id,
                "type_id": self.env.ref(
                    "movimientos_sociales.ms_relation_type_works_with"
                ).id,
                "right_partner_id": company.id,
            }
        )
        people = self._network(self.user_reader, people=True)
        self.assertIn(
            (*self._ids(self.org_a, self.person), "relation"), self._edges(people)
        )
        kinds = {node["id"]: node["kind"] for node in people["nodes"]}
        self.assertEqual(kinds[f"p{self.person.id}"], "person")
        self.assertEqual(kinds[f"p{company.id}"], "contact")

    def test_truncated(self):
        """Past the limit, the most connected are drawn."""
        with patch.object(ms_network, "NODE_LIMIT", 3):
            data = self._network(self.user_reader, state_id=self.state_chis.id)
        self.assertLessEqual(len(data["nodes"]), 3)
        kept = {node["id"] for node in data["nodes"]}
        self.assertTrue(
            all(edge["from"] in kept and edge["to"] in kept for edge in data["edges"])
        )

    def test_refusals(self):
        with self.assertRaises(AccessError):
            self._network(self.user_employee)
        for filters in (
            {"state_id": "Oaxaca"},
            {"sector_id": -1},
            {"date_from": "mañana"},
            {"date_from": "2025-02-01", "date_to": "2025-01-01"},
        ):
            with self.assertRaises(ValidationError):
                self._network(self.user_reader, **filters)
        with self.assertRaises(ValidationError):
            self.env["ms.network"].with_user(self.user_reader).get_network_data(
                ["state_id"]
            )
        # the far ends of the calendar are dates like others
        data = self._network(
            self.user_reader, date_from="0001-01-01", date_to="9999-12-31"
        )
        self.assertIn(f"m{self.org_a.id}", {node["id"] for node in data["nodes"]})

    def test_query_count(self):
        """A fixed number of queries, whatever the number of organizations and
        edges: with people, 13 (organizations, their first sectors; memberships,
        their alliances; the actions' organizations; relations, their types,
        leaders, people; the filters' states, sectors and alliances; the rest
        are the rules')."""
        counts = []
        for more in (4, 24):
            new = self.env["ms.movement"].create(
                [self._movement_vals(f"Red más {more} {i}") for i in range(more)]
            )
            self._create_action(
                f"Red acción {more}",
                movement_ids=[Command.set(new.ids)],
                date_start=datetime(2025, 5, 1, 15, 0),
                date_end=datetime(2025, 5, 1, 18, 0),
            )
            self.env.invalidate_all()
            self._network(self.operator_oax, people=True)  # rule cache
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self._network(self.operator_oax, people=True)
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(counts[0], 13)
