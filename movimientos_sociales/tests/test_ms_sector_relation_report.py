from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged, users
from odoo.tools.safe_eval import safe_eval

from .common import MsCase


@tagged("post_install", "-at_install", "ms_alliance")
class TestMsSectorRelationReport(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_sector_fixture("T_REL")

    def _pairs(self, alliance, env=None):
        """The (sector, allied sector) pairs of the report for `alliance`, read
        from the database; fails if a pair appears twice."""
        env = env or self.env
        env.flush_all()
        Report = env["ms.sector.relation.report"]
        Report.invalidate_model()
        rows = Report.search_fetch(
            [("alliance_id", "=", alliance.id)],
            ["sector_id", "allied_sector_id", "alliance_id"],
        )
        pairs = [(row.sector_id.id, row.allied_sector_id.id) for row in rows]
        self.assertEqual(len(pairs), len(set(pairs)), "duplicate pairs")
        self.assertEqual(rows.alliance_id, alliance if rows else rows.alliance_id)
        return set(pairs)

    def _expected(self, *members):
        """The ordered pairs of different sectors between different members,
        each member given as its set of sectors."""
        return {
            (sa.id, sb.id)
            for i, sectors_a in enumerate(members)
            for j, sectors_b in enumerate(members)
            if i != j
            for sa in sectors_a
            for sb in sectors_b
            if sa != sb
        }

    def test_pairs_of_alliance_in_force(self):
        """In an alliance in force, the rows are exactly the ordered pairs of
        different sectors between different active members."""
        alliance = self._create_alliance(
            "Frente Costero", self.org_a | self.org_b | self.org_c, "in_force"
        )
        s1, s2, s3 = self.s1.id, self.s2.id, self.s3.id
        expected = {
            (s1, s3),
            (s3, s1),
            (s2, s3),
            (s3, s2),
            (s1, s2),  # org C (S1) with org A (S2)
            (s2, s1),  # org A (S2) with org C (S1)
        }
        self.assertEqual(expected, self._expected(self.s1 | self.s2, self.s3, self.s1))
        self.assertEqual(self._pairs(alliance), expected)
        self.assertNotIn((s1, s1), self._pairs(alliance))

    def test_no_pair_within_one_member(self):
        """The sectors of one same organization are not allied with each other
        by the alliance: S1 and S2, both of org A, only with org B's S3."""
        alliance = self._create_alliance(
            "Frente Costero", self.org_a | self.org_b, "in_force"
        )
        s1, s2, s3 = self.s1.id, self.s2.id, self.s3.id
        self.assertEqual(
            self._pairs(alliance), {(s1, s3), (s3, s1), (s2, s3), (s3, s2)}
        )

    def test_same_sector_gives_no_pair(self):
        """Two members of the same single sector give no row."""
        alliance = self._create_alliance(
            "Red de Pescadores", self.org_a | self.org_c, "in_force"
        )
        self.org_a.ms_sector_ids = [Command.set(self.s1.ids)]
        self.assertEqual(self._pairs(alliance), set())

    def test_alliances_of_every_status(self):
        """Alliances of every status give their rows, with the alliance's
        status; the action counts those in force with a filter the user sees
        (and can remove), and its measure says it counts alliances."""
        members = self.org_a | self.org_b | self.org_c
        expected = self._expected(self.s1 | self.s2, self.s3, self.s1)
        Report = self.env["ms.sector.relation.report"]
        for state in ("exploration", "negotiation", "in_force", "suspended"):
            with self.subTest(state=state):
                alliance = self._create_alliance(f"Alianza {state}", members, state)
                self.assertEqual(self._pairs(alliance), expected)
                rows = Report.search([("alliance_id", "=", alliance.id)])
                self.assertEqual(set(rows.mapped("alliance_state")), {state})
                self.assertEqual(set(rows.mapped("alliance_count")), {1})
        action = self.env.ref("movimientos_sociales.ms_sector_relation_report_action")
        self.assertEqual(safe_eval(action.context), {"search_default_in_force": 1})
        self.assertIn("in force", str(action.help))
        arch = etree.fromstring(
            Report.get_views([(False, "search")])["views"]["search"]["arch"]
        )
        in_force = arch.xpath("//filter[@name='in_force']")[0]
        self.assertEqual(
            safe_eval(in_force.get("domain")), [("alliance_state", "=", "in_force")]
        )
        self.assertEqual(
            Report._fields["alliance_count"].get_description(self.env)["string"],
            "Alliances",
        )

    def test_inactive_members_excluded(self):
        """Members who left, or are suspended, give no rows, and rows follow
        the changes of members and of their sectors."""
        alliance = self._create_alliance(
            "Frente Costero", self.org_a | self.org_b | self.org_c, "in_force"
        )
        member_b = alliance.member_ids.filtered(lambda m: m.movement_id == self.org_b)
        member_b.date_left = date.today()
        # A (S1, S2) and C (S1) remain
        self.assertEqual(
            self._pairs(alliance),
            {(self.s1.id, self.s2.id)} | {(self.s2.id, self.s1.id)},
        )
        member_c = alliance.member_ids.filtered(lambda m: m.movement_id == self.org_c)
        member_c.status = "suspended"
        self.assertEqual(self._pairs(alliance), set())

        # B rejoins; C takes a new sector while suspended: it still counts for
        # nothing
        self.env["ms.alliance.member"].create(
            {"alliance_id": alliance.id, "movement_id": self.org_b.id}
        )
        self.org_c.ms_sector_ids = [Command.link(self.s4.id)]
        self.assertEqual(
            self._pairs(alliance), self._expected(self.s1 | self.s2, self.s3)
        )
        member_c.status = "active"
        self.assertEqual(
            self._pairs(alliance),
            self._expected(self.s1 | self.s2, self.s3, self.s1 | self.s4),
        )

    def test_alliances_are_separate(self):
        """Each alliance has its own rows: members of different alliances are
        not allied by the report."""
        coast = self._create_alliance("Frente Costero", self.org_a, "in_force")
        urban = self._create_alliance("Frente Urbano", self.org_b, "in_force")
        self.assertEqual(self._pairs(coast), set())
        self.assertEqual(self._pairs(urban), set())
        both = self._create_alliance(
            "Frente Amplio", self.org_a | self.org_b, "in_force"
        )
        self.assertEqual(self._pairs(both), self._expected(self.s1 | self.s2, self.s3))
        self.assertEqual(both.alliance_type, "intersectoral")
        rows = self.env["ms.sector.relation.report"].search(
            [("alliance_id", "=", both.id)]
        )
        self.assertEqual(set(rows.mapped("alliance_type")), {"intersectoral"})

    # Access rights --------------------------------------------------------------

    @users("ms_reader", "ms_operator", "ms_coordinator")
    def test_commission_reads_only(self):
        """The commission's members read the report; nobody writes it."""
        alliance = self._create_alliance(
            "Frente Costero", self.org_a | self.org_b, "in_force"
        )
        self.assertEqual(
            self._pairs(alliance), self._expected(self.s1 | self.s2, self.s3)
        )
        Report = self.env["ms.sector.relation.report"]
        row = Report.search([("alliance_id", "=", alliance.id)], limit=1)
        self.assertTrue(row)
        with self.assertRaises(AccessError):
            Report.create(
                {
                    "sector_id": self.s1.id,
                    "allied_sector_id": self.s2.id,
                    "alliance_id": alliance.id,
                }
            )
        with self.assertRaises(AccessError):
            row.write({"sector_id": self.s4.id})
        with self.assertRaises(AccessError):
            row.unlink()

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read the report."""
        self._create_alliance("Frente Costero", self.org_a | self.org_b, "in_force")
        self.env.flush_all()
        with self.assertRaises(AccessError):
            self.env["ms.sector.relation.report"].search([])
