import re
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.movimientos_sociales.models.ms_dashboard import FILTER_PATHS
from odoo.addons.movimientos_sociales.models.ms_map import FIGURES, LAYERS, MsMap

from .common import MsCase

SVG = Path(__file__).parent.parent / "static/lib/svg-maps-mexico/mexico.svg"


@tagged("post_install", "-at_install", "ms_map")
class TestMsMap(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oaxaca_city = cls._municipality("OAX", "Oaxaca de Juárez")
        cls.juchitan = cls._municipality(
            "OAX", "Heroica Ciudad de Juchitán de Zaragoza"
        )
        cls.tuxtla = cls._municipality("CHP", "Tuxtla Gutiérrez")
        cls.operator_oaxaca = cls._create_scoped_user(
            "ms_map_oax",
            "movimientos_sociales.group_ms_user",
            "Olga Operadora de Oaxaca",
            states=cls.state_oax,
        )
        cls.reader_youth = cls._create_scoped_user(
            "ms_map_youth",
            "movimientos_sociales.group_ms_reader",
            "Julio Lector de Jóvenes",
            sectors=cls.sector_youth,
        )
        linked = cls.env.ref("movimientos_sociales.ms_link_stage_linked")
        youth = [Command.set(cls.sector_youth.ids)]
        cls.movements = cls.env["ms.movement"].create(
            [
                cls._movement_vals(
                    "Mapa Oaxaca Uno",
                    municipality_id=cls.oaxaca_city.id,
                    stage_id=linked.id,
                ),
                cls._movement_vals(
                    "Mapa Oaxaca Dos", municipality_id=cls.oaxaca_city.id
                ),
                cls._movement_vals(
                    "Mapa Juchitán",
                    municipality_id=cls.juchitan.id,
                    ms_sector_ids=youth,
                ),
                cls._movement_vals("Mapa Oaxaca sin Municipio"),
                cls._movement_vals(
                    "Mapa Tuxtla",
                    state_id=cls.state_chis.id,
                    municipality_id=cls.tuxtla.id,
                    ms_sector_ids=youth,
                    stage_id=linked.id,
                ),
                cls._movement_vals(
                    "Mapa Guatemala",
                    country_id=cls.env.ref("base.gt").id,
                    state_id=False,
                    ms_sector_ids=youth,
                ),
            ]
        )
        oaxaca_one, _two, juchitan, _none, tuxtla, _abroad = cls.movements
        for movement, state in (
            (oaxaca_one, "active"),
            (juchitan, "active"),
            (tuxtla, "active"),
            (oaxaca_one, "proposed"),
        ):
            cadre = cls._create_cadre(f"Cuadro de {movement.name} {state}")
            cls._create_insertion(cadre, movement, state=state)
        requester = cls._create_contact("Vecinos del Mapa")
        past = fields.Date.today() - timedelta(days=5)
        for vals in (
            {"municipality_id": cls.oaxaca_city.id},
            {"municipality_id": cls.oaxaca_city.id, "deadline": past},
            {"municipality_id": cls.juchitan.id, "sector_id": cls.sector_youth.id},
            {"state_id": cls.state_chis.id, "municipality_id": cls.tuxtla.id},
        ):
            cls._create_demand(requester, **vals)
        cls._create_action(municipality_id=cls.oaxaca_city.id)
        cls._create_action(
            "Mitin en Juchitán",
            municipality_id=cls.juchitan.id,
            sector_ids=youth,
            date_start=fields.Datetime.now().replace(microsecond=0),
            date_end=fields.Datetime.now().replace(microsecond=0) + timedelta(hours=2),
        )
        cls._create_action("Marcha Cancelada").action_cancel(reason="Lluvia")
        conference = cls._create_conference(
            state_id=cls.state_oax.id, municipality_id=cls.oaxaca_city.id
        )
        people = cls.env["res.partner"].create(
            [
                {"name": name, "state_id": cls.state_oax.id, "ms_sector_ids": youth}
                for name in ("Asistente Uno", "Asistente Dos", "Invitada Ausente")
            ]
        )
        participants = cls._add_participants(conference, people)
        participants[:2].attended = True

    def _map(self, user, figure="organizations", state=None, **filters):
        return (
            self.env["ms.map"]
            .with_user(user)
            .get_map_data(figure, filters, state_id=state and state.id)
        )

    def _assert_cells_count_their_lists(self, user, cells):
        for cell in cells:
            with self.subTest(user=user.login, model=cell["model"]):
                self.assertEqual(
                    self.env[cell["model"]]
                    .with_user(user)
                    .search_count(cell["domain"]),
                    cell["value"],
                )

    def test_figures_equal_list_counts(self):
        """Every state's figure, and what has no Mexican state, is the count of
        the list it opens, for a national reader, an Operador of Oaxaca and a
        reader of the youth sector, with and without the board's filters; all
        32 states are there, by the codes of the map's shapes."""
        codes = set(re.findall(r'id="([a-z]{3})"', SVG.read_text()))
        self.assertEqual(len(codes), 32)
        for user in (self.user_reader, self.operator_oaxaca, self.reader_youth):
            for filters in (
                {},
                {"period": "month"},
                {"sector_id": self.sector_youth.id},
                {"state_id": self.state_oax.id, "period": "last_12_months"},
            ):
                for figure in FIGURES:
                    data = self._map(user, figure, **filters)
                    self.assertEqual(set(data["states"]), codes)
                    self._assert_cells_count_their_lists(
                        user, [*data["states"].values(), data["unplaced"]]
                    )

    def test_scoped_figures(self):
        """Each user counts what their scope lets them see: the Operador of
        Oaxaca nothing in Chiapas, the youth reader only youth's."""
        oaxaca = self._map(self.operator_oaxaca)["states"]
        Movement = self.env["ms.movement"]
        self.assertEqual(
            oaxaca["oax"]["value"],
            Movement.search_count([("state_id", "=", self.state_oax.id)]),
        )
        self.assertEqual(oaxaca["chp"]["value"], 0)
        youth = self._map(self.reader_youth)
        self.assertEqual(youth["states"]["oax"]["value"], 1)  # Mapa Juchitán
        self.assertEqual(youth["states"]["chp"]["value"], 1)  # Mapa Tuxtla
        self.assertEqual(
            youth["unplaced"]["value"],
            Movement.search_count(
                [("state_id", "=", False), ("ms_sector_ids", "=", self.sector_youth.id)]
            ),
        )
        self.assertGreaterEqual(youth["unplaced"]["value"], 1)  # Mapa Guatemala
        attendance = self._map(self.reader_youth, "attendance")["states"]
        self.assertEqual(attendance["oax"]["value"], 2)
        cancelled = self._map(self.user_reader, "actions")["states"]["oax"]
        self.assertEqual(
            cancelled["value"],
            self.env["ms.action"].search_count(
                [("state_id", "=", self.state_oax.id), ("state", "!=", "cancelled")]
            ),
        )

    def test_municipality_table(self):
        """A state's municipalities with something, sorted by the chosen
        figure (most first), with every figure; each cell is the count of the
        list it opens; the rows add up to the state's total, which is the
        state's figure on the map."""
        for user in (self.user_reader, self.operator_oaxaca, self.reader_youth):
            for figure in FIGURES:
                with self.subTest(user=user.login, figure=figure):
                    table = self._map(user, figure, self.state_oax)
                    column = list(FIGURES).index(figure)
                    values = [row["cells"][column]["value"] for row in table["rows"]]
                    self.assertEqual(values, sorted(values, reverse=True))
                    for row in table["rows"]:
                        self.assertTrue(any(cell["value"] for cell in row["cells"]))
                        self._assert_cells_count_their_lists(user, row["cells"])
                    self._assert_cells_count_their_lists(user, table["total"]["cells"])
                    for index, total in enumerate(table["total"]["cells"]):
                        self.assertEqual(
                            sum(row["cells"][index]["value"] for row in table["rows"]),
                            total["value"],
                        )
                    self.assertEqual(
                        table["total"]["cells"][column]["value"],
                        self._map(user, figure)["states"]["oax"]["value"],
                    )
        table = self._map(self.operator_oaxaca, "linked", self.state_oax)
        rows = {row["label"]: row["cells"] for row in table["rows"]}
        self.assertEqual(table["rows"][0]["label"], "Oaxaca de Juárez")
        self.assertEqual(rows["Heroica Ciudad de Juchitán de Zaragoza"][1]["value"], 0)
        self.assertIn("No municipality", rows)  # Mapa Oaxaca sin Municipio
        self.assertNotIn("Tuxtla Gutiérrez", rows)
        city = rows["Oaxaca de Juárez"]
        self.assertEqual(
            [cell["value"] for cell in city],
            [
                self.env[model].search_count(
                    [
                        *LAYERS[model]["domain"],
                        *([(mark, "=", True)] if mark else []),
                        (LAYERS[model]["municipality"], "=", self.oaxaca_city.id),
                    ]
                )
                for model, mark in FIGURES.values()
            ],
        )
        self.assertEqual(
            [cell["value"] for cell in city][:2],
            [
                self.env["ms.movement"].search_count(
                    [("municipality_id", "=", self.oaxaca_city.id)]
                ),
                self.env["ms.movement"].search_count(
                    [
                        ("municipality_id", "=", self.oaxaca_city.id),
                        ("stage_id.is_linked", "=", True),
                    ]
                ),
            ],
        )
        youth = self._map(self.reader_youth, "organizations", self.state_oax)
        self.assertEqual(
            [row["label"] for row in youth["rows"] if row["cells"][0]["value"]],
            ["Heroica Ciudad de Juchitán de Zaragoza"],
        )

    def test_refusals(self):
        """Outside the commission the map is refused; a figure, state or
        filter it doesn't know is refused in words."""
        with self.assertRaises(AccessError):
            self._map(self.user_employee)
        with self.assertRaises(AccessError):
            self._map(self.user_employee, state=self.state_oax)
        texas = self.env.ref("base.state_us_44")
        for figure, state_id, filters in (
            ("members", None, {}),
            (["organizations"], None, {}),
            ("organizations", texas.id, {}),
            ("organizations", 10**9, {}),
            ("organizations", "oax", {}),
            ("organizations", True, {}),
            ("organizations", None, {"period": "decade"}),
            ("organizations", None, {"state_id": "Oaxaca"}),
        ):
            with (
                self.subTest(figure=figure, state_id=state_id, filters=filters),
                self.assertRaises(ValidationError),
            ):
                self.env["ms.map"].with_user(self.user_reader).get_map_data(
                    figure, filters, state_id=state_id
                )

    def _count_queries(self, figure, state=None):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        self._map(self.user_reader, figure, state)
        return self.env.cr.sql_log_count - start

    def test_query_count(self):
        """One grouped query per layer: the states of a figure cost the same
        queries with 4 or 40 more organizations, the municipalities of a state
        one grouped query per model for its 7 figures."""
        counts = []
        for more in (4, 36):
            self.env["ms.movement"].create(
                [
                    self._movement_vals(
                        f"Más {more} {i}",
                        municipality_id=(self.oaxaca_city | self.juchitan)[i % 2].id,
                    )
                    for i in range(more)
                ]
            )
            layers = [
                ("organizations", None),
                ("linked", None),
                ("attendance", None),
                ("organizations", self.state_oax),
            ]
            for layer in layers:
                self._count_queries(*layer)  # creating clears the rule cache
            counts.append([self._count_queries(*layer) for layer in layers])
        # the contract: the user's timezone (2: user and contact; the web
        # client sends it); the states: the figure's grouped query and the 32
        # states (names and codes); a state's municipalities: the state, 5
        # grouped queries (one per model) and the municipalities' names
        self.assertEqual(counts, [[4, 4, 4, 9], [4, 4, 4, 9]])

    def test_scale(self):
        """Up to 5 classes of equal width cover 1 to the largest figure, one
        colour each, darker for more; 0 has its own."""
        self.assertEqual(MsMap._legend(0)["steps"], [])
        self.assertEqual(
            [(s["from"], s["to"]) for s in MsMap._legend(3)["steps"]],
            [(1, 1), (2, 2), (3, 3)],
        )
        for top in (1, 2, 5, 7, 10, 99, 1234):
            legend = MsMap._legend(top)
            steps = legend["steps"]
            with self.subTest(top=top):
                self.assertEqual(len(steps), min(5, top))
                self.assertEqual(steps[0]["from"], 1)
                self.assertEqual(steps[-1]["to"], top)
                for before, after in pairwise(steps):
                    self.assertEqual(after["from"], before["to"] + 1)
                self.assertEqual(steps[-1]["color"], "#a50f15")
                self.assertEqual(MsMap._color(0, legend), legend["zero"])
                self.assertEqual(MsMap._color(top, legend), steps[-1]["color"])
                self.assertEqual(MsMap._color(1, legend), steps[0]["color"])

    def test_layers_follow_the_board(self):
        """The period and the sector filter reach a model as on the board, and
        the periods are the board's."""
        board = self.env["ms.dashboard"].with_user(self.user_reader)
        self.assertEqual(
            self._map(self.user_reader)["periods"],
            board._options(self.env["ms.sector"])["periods"],
        )
        for model, (date, _states, sectors) in FILTER_PATHS.items():
            if model in LAYERS:
                self.assertEqual(LAYERS[model]["date"], date)
                self.assertEqual(LAYERS[model]["sectors"], sectors)
