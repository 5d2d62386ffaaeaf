from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import MsCase

# model: (xmlid of a seeded record, values of a new record)
CONFIG_MODELS = {
    "ms.link.stage": ("ms_link_stage_linked", {"name": "Suspended"}),
    "ms.movement.kind": ("ms_movement_kind_union", {"name": "Assembly"}),
    "ms.strategy": ("ms_strategy_co_management", {"name": "Other", "code": "otra"}),
    "ms.evaluation.indicator": (
        "ms_indicator_autonomy",
        {"name": "Gender Equity", "weight": 1.0},
    ),
}


@tagged("post_install", "-at_install", "ms_configuration")
class TestMsConfiguration(MsCase):
    # Seeded data ---------------------------------------------------------------

    def test_seeded_stages(self):
        """Six stages are seeded in order, No Relation folded at the end and only
        Linked and Consolidated counting as linked."""
        xmlids = [
            "identified",
            "first_contact",
            "linking",
            "linked",
            "consolidated",
            "no_relation",
        ]
        stages = self.env["ms.link.stage"].browse(
            [self.ref(f"movimientos_sociales.ms_link_stage_{x}") for x in xmlids]
        )
        self.assertEqual(stages.sorted(), stages)
        self.assertEqual(
            stages.mapped("name"),
            [
                "Identified",
                "First Contact",
                "Linking",
                "Linked",
                "Consolidated",
                "No Relation",
            ],
        )
        self.assertEqual(stages.filtered("fold"), self.stage_no_relation)
        self.assertEqual(
            stages.filtered("is_linked").mapped("name"), ["Linked", "Consolidated"]
        )

    def test_seeded_kinds_and_strategies(self):
        """The kinds of organization and the three strategies are seeded."""
        kinds = self.env["ms.movement.kind"].search([])
        self.assertLessEqual(
            {
                "Social Movement",
                "Social Organization",
                "Trade Union",
                "Collective",
                "Cooperative",
                "Front",
                "Network",
                "Community / Ejido",
                "Other",
            },
            set(kinds.mapped("name")),
        )
        strategies = self.env["ms.strategy"].search([])
        self.assertLessEqual(
            {"autogestion", "cogestion", "gestion_social"},
            set(strategies.mapped("code")),
        )
        self.assertEqual(
            self.env.ref("movimientos_sociales.ms_strategy_self_management").code,
            "autogestion",
        )

    def test_seeded_indicators(self):
        """Six weighted indicators are seeded, all active."""
        weights = {
            "ms_indicator_internal_democracy": 2.0,
            "ms_indicator_participation": 1.5,
            "ms_indicator_autonomy": 1.5,
            "ms_indicator_agreements": 1.0,
            "ms_indicator_transparency": 1.5,
            "ms_indicator_mobilization": 1.0,
        }
        for xmlid, weight in weights.items():
            indicator = self.env.ref(f"movimientos_sociales.{xmlid}")
            self.assertEqual(indicator.weight, weight, xmlid)
            self.assertTrue(indicator.active, xmlid)

    # Constraints ------------------------------------------------------------------

    def test_indicator_weight_positive(self):
        """The database refuses an indicator of zero or negative weight."""
        Indicator = self.env["ms.evaluation.indicator"]
        for weight in (0.0, -1.0):
            with self.subTest(weight=weight):
                with self.assertRaises(ValidationError):
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        Indicator.create({"name": "Weightless", "weight": weight})
        indicator = self.env.ref("movimientos_sociales.ms_indicator_autonomy")
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                indicator.weight = 0
                indicator.flush_recordset()
        self.env.invalidate_all()
        self.assertEqual(indicator.weight, 1.5)
        self.assertEqual(
            Indicator.create({"name": "Light", "weight": 0.25}).weight, 0.25
        )

    def test_strategy_code_unique(self):
        """The database refuses two strategies with the same code."""
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.env["ms.strategy"].create({"name": "Again", "code": "cogestion"})
        self.env["ms.strategy"].create({"name": "Again", "code": "cogestion_2"})

    # Access rights -------------------------------------------------------------------

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """Internal users outside the commission cannot even read the
        configuration."""
        for model, (xmlid, _values) in CONFIG_MODELS.items():
            with self.subTest(model=model):
                record = self.env.ref(f"movimientos_sociales.{xmlid}")
                with self.assertRaises(AccessError):
                    record.with_user(self.env.user).read(["name"])
                with self.assertRaises(AccessError):
                    self.env[model].search([])

    @users("ms_reader", "ms_operator", "ms_coordinator")
    def test_commission_reads_only(self):
        """Readers, operators and coordinators read the configuration but cannot
        change it."""
        for model, (xmlid, values) in CONFIG_MODELS.items():
            with self.subTest(model=model):
                record = self.env.ref(f"movimientos_sociales.{xmlid}").with_user(
                    self.env.user
                )
                self.assertTrue(record.read(["name"])[0]["name"])
                self.assertIn(record, self.env[model].search([]))
                with self.assertRaises(AccessError):
                    self.env[model].create(values)
                with self.assertRaises(AccessError):
                    record.write({"name": "Renamed"})
                with self.assertRaises(AccessError):
                    record.unlink()

    @users("ms_manager")
    def test_manager_configures(self):
        """The administrator creates, edits and deletes configuration records."""
        for model, (_xmlid, values) in CONFIG_MODELS.items():
            with self.subTest(model=model):
                record = self.env[model].create(values)
                record.write({"name": f"{values['name']} (renamed)"})
                self.assertEqual(record.name, f"{values['name']} (renamed)")
                record.unlink()
                self.assertFalse(record.exists())
