from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import MsCase

# The models under the "states and sectors" record rules, with a harmless field
# an Operador may write on each, and the value written.
SCOPED_WRITES = {
    "ms.movement": ("municipality_text", "Juchitán de Zaragoza"),
    "ms.cadre": ("committee", "Comité Estatal"),
    "ms.cadre.insertion": ("role", "Secretaría de Organización"),
    "ms.cadre.report": ("next_steps", "Hold the regional assembly."),
    "ms.movement.evaluation": ("findings", "<p>Regular assemblies.</p>"),
    "ms.movement.evaluation.line": ("comment", "Monthly assemblies."),
    "ms.conference.participant": ("attended", True),
    "ms.alliance.member": ("role", "convener"),
    "ms.demand": ("municipality_text", "Santa Lucía del Camino"),
    "ms.action": ("municipality_text", "Oaxaca de Juárez"),
}
SCOPED_MODELS = tuple(SCOPED_WRITES)

# The commission's fields on contacts, restricted to the commission's groups.
PARTNER_FIELDS = ("ms_sector_ids", "ms_cadre_ids", "ms_movement_ids", "ms_consent_ids")


@tagged("post_install", "-at_install", "ms_security", "ms_scope")
class TestMsScope(MsCase):
    """Scope of Lectura, Operador and Coordinador users by states and sectors
    (res.users.ms_scope and the addon's record rules)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reader = "movimientos_sociales.group_ms_reader"
        operator = "movimientos_sociales.group_ms_user"
        coordinator = "movimientos_sociales.group_ms_coordinator"
        cls.reader_oax = cls._create_scoped_user(
            "ms_reader_oax", reader, "Lorena Lectura Oaxaca", states=cls.state_oax
        )
        cls.operator_oax = cls._create_scoped_user(
            "ms_operator_oax", operator, "Omar Operador Oaxaca", states=cls.state_oax
        )
        cls.coordinator_oax = cls._create_scoped_user(
            "ms_coordinator_oax",
            coordinator,
            "Cecilia Coordinadora Oaxaca",
            states=cls.state_oax,
        )
        cls.operator_youth = cls._create_scoped_user(
            "ms_operator_youth",
            operator,
            "Yolanda Operadora Juventud",
            sectors=cls.sector_youth,
        )
        cls.scoped_users = cls.reader_oax | cls.operator_oax | cls.coordinator_oax
        cls.cadre = cls._create_cadre(
            "Rosa Cuadro", cadre_vals={"committee": "Comisión Ejecutiva Estatal"}
        )
        # One graph of records hanging off an organization of Oaxaca (in the
        # scope of the users of Oaxaca), one off an organization of Chiapas with
        # sectors other than youth (out of every scope above).
        cls.city_oax = cls._municipality("OAX", "Oaxaca de Juárez")
        cls.city_chis = cls._municipality("CHP", "Tapachula")
        cls.inside = cls._create_scope_graph(
            "Oaxaca", cls.state_oax, cls.sector_workers, cls.city_oax
        )
        cls.outside = cls._create_scope_graph(
            "Chiapas", cls.state_chis, cls.sector_peasants, cls.city_chis
        )
        movements = cls.inside["ms.movement"] | cls.outside["ms.movement"]
        cls.agreement = cls._create_agreement(movement_ids=[Command.set(movements.ids)])
        cls.conference = cls.inside["ms.conference.participant"].conference_id
        cls.alliance = cls.inside["ms.alliance.member"].alliance_id

    @classmethod
    def _create_scope_graph(cls, place, state, sector, city):
        """{model: record} of one record of each scoped model hanging off a new
        organization of `state` and its municipality `city`, tagged `sector`.
        The conference participant and the alliance member of the Chiapas graph
        join the conference and the alliance of the Oaxaca graph, created
        first."""
        slug = place.lower().replace(" ", ".")
        movement = cls._create_movement(
            f"Frente Popular de {place}",
            state_id=state.id,
            municipality_id=city.id,
            ms_sector_ids=[Command.set(sector.ids)],
            email=f"frente.{slug}@example.mx",
        )
        member = cls._create_contact(
            f"Socia de {place}",
            f"socia.{slug}@example.mx",
            parent_id=movement.partner_id.id,
        )
        cadre = cls._create_cadre(
            f"Cuadro de {place}",
            state_id=state.id,
            city_id=city.id,
            ms_sector_ids=[Command.set(sector.ids)],
            cadre_vals={"committee": f"Comité de {place}"},
        )
        insertion = cls._create_insertion(
            cadre, movement, state="active", start_date=date(2025, 1, 1)
        )
        report = cls.env["ms.cadre.report"].create(
            {
                "insertion_id": insertion.id,
                "date": date(2025, 2, 1),
                "summary": f"Assemblies held in {place}.",
            }
        )
        evaluation = cls._create_evaluation(movement, score=3)
        inside = getattr(cls, "inside", None)
        if inside:
            conference = inside["ms.conference.participant"].conference_id
            conference.movement_ids = [Command.link(movement.id)]
            participant = cls._add_participants(conference, member)
            alliance = inside["ms.alliance.member"].alliance_id
            alliance_member = cls.env["ms.alliance.member"].create(
                {"alliance_id": alliance.id, "movement_id": movement.id}
            )
        else:
            conference = cls._create_conference(
                movement_ids=[Command.set(movement.ids)]
            )
            # the organization itself, not one of its people
            participant = cls._add_participants(conference, movement.partner_id)
            alliance = cls._create_alliance("Bloque del Sur", movements=movement)
            alliance_member = alliance.member_ids
        demand = cls._create_demand(
            movement.partner_id, state_id=state.id, sector_id=sector.id
        )
        action = cls._create_action(
            f"Marcha en {place}",
            state_id=state.id,
            municipality_id=city.id,
            sector_ids=[Command.set(sector.ids)],
        )
        return {
            "ms.movement": movement,
            "ms.cadre": cadre,
            "ms.cadre.insertion": insertion,
            "ms.cadre.report": report,
            "ms.movement.evaluation": evaluation,
            "ms.movement.evaluation.line": evaluation.line_ids[:1],
            "ms.conference.participant": participant,
            "ms.alliance.member": alliance_member,
            "ms.demand": demand,
            "ms.action": action,
        }

    def _both(self, model):
        return self.inside[model] | self.outside[model]

    def _assert_sees(self, user, model, expected):
        """`user` finds exactly `expected` among the two records of `model`
        (one inside the scope of Oaxaca, one outside)."""
        Model = self.env[model].with_user(user)
        domain = [("id", "in", self._both(model).ids)]
        self.assertEqual(Model.search(domain), expected.with_user(user))
        self.assertEqual(Model.search_count(domain), len(expected))

    # Fixture ---------------------------------------------------------------------

    def test_fixture(self):
        """Each graph hangs off its own organization, in its own state: the
        records really are on both sides of the scope."""
        for model in SCOPED_MODELS:
            with self.subTest(model=model):
                self.assertEqual(len(self.inside[model]), 1)
                self.assertEqual(len(self.outside[model]), 1)
                self.assertNotEqual(self.inside[model], self.outside[model])
        self.assertEqual(self.inside["ms.movement"].state_id, self.state_oax)
        self.assertEqual(self.outside["ms.movement"].state_id, self.state_chis)
        self.assertNotIn(self.sector_youth, self.outside["ms.movement"].ms_sector_ids)
        self.assertEqual(
            self.outside["ms.conference.participant"].partner_id.commercial_partner_id,
            self.outside["ms.movement"].partner_id,
        )
        self.assertEqual(
            self.conference.participant_ids, self._both("ms.conference.participant")
        )
        self.assertEqual(self.alliance.member_ids, self._both("ms.alliance.member"))
        self.assertEqual(self.outside["ms.cadre.insertion"].state, "active")

    # Search, read, write, create ---------------------------------------------------

    def test_scope_by_municipality(self):
        """A user scoped to one municipality (Tapachula, Chiapas) finds its
        records in every scoped model, and its contacts, and not those of the
        rest of the country; an Operador of Tapachula can't register, nor move a
        record to, another municipality of Chiapas."""
        operator = "movimientos_sociales.group_ms_user"
        user = self._create_scoped_user(
            "ms_operator_tapachula",
            operator,
            "Tania Operadora Tapachula",
            cities=self.city_chis,
        )
        for model in SCOPED_MODELS:
            with self.subTest(model=model):
                self._assert_sees(user, model, self.outside[model])
        Partner = self.env["res.partner"].with_user(user)
        people = (
            self.inside["ms.movement"].partner_id
            | self.outside["ms.movement"].partner_id
        )
        self.assertEqual(
            Partner.search([("id", "in", people.ids)]),
            self.outside["ms.movement"].partner_id,
        )
        env = self.env(user=user)
        tuxtla = self._municipality("CHP", "Tuxtla Gutiérrez")
        with self.assertRaisesRegex(AccessError, "Tuxtla Gutiérrez, Chiapas"):
            self._create_movement(
                "Colectivo de Tuxtla",
                env=env,
                state_id=self.state_chis.id,
                municipality_id=tuxtla.id,
            )
        movement = self._create_movement(
            "Colectivo de Tapachula",
            env=env,
            state_id=self.state_chis.id,
            municipality_id=self.city_chis.id,
        )
        self.assertEqual(movement.partner_id.ms_scope_city_id, self.city_chis)
        # (assertRaises rolls the refused write back; assertRaisesRegex doesn't)
        with self.assertRaises(UserError) as refused:
            movement.municipality_id = tuxtla
        self.assertIn("municipalities: Tapachula", str(refused.exception))
        action = self.outside["ms.action"].with_user(user)
        with self.assertRaisesRegex(UserError, "out of your scope"):
            action.write({"municipality_id": tuxtla.id})
        # another country takes the municipality away: a scope change too
        with self.assertRaises(UserError) as refused:
            movement.write({"country_id": self.env.ref("base.us").id})
        self.assertIn("out of your scope", str(refused.exception))
        self.assertEqual(movement.municipality_id, self.city_chis)

    def test_cadre_scoped_like_the_person(self):
        """A cadre is seen by whoever sees the person: through the person's
        organization, whatever the person's own address; so changing that
        address shows no cadre file it didn't show."""
        user = self._create_scoped_user(
            "ms_operator_tapachula_cadres",
            "movimientos_sociales.group_ms_user",
            "Teresa Operadora Tapachula",
            cities=self.city_chis,
        )
        organization = self.outside["ms.movement"]
        member = self._create_cadre(
            "Raúl Cuadro Tapachula",
            parent_id=organization.partner_id.id,
            cadre_vals={"committee": "Comité Municipal"},
        )
        stranger = self._create_cadre(
            "Sara Cuadro Tuxtla",
            state_id=self.state_chis.id,
            city_id=self._municipality("CHP", "Tuxtla Gutiérrez").id,
            cadre_vals={"committee": "Comité Secreto"},
        )
        Cadre = self.env["ms.cadre"].with_user(user)
        both = [("id", "in", (member | stranger).ids)]
        self.assertEqual(Cadre.search(both), member.with_user(user))
        with self.assertRaises(AccessError):
            stranger.with_user(user).read(["committee"])
        # a person of the organization shares its address (Odoo): moving it
        # would take the organization out of the scope
        with self.assertRaises(UserError):
            member.partner_id.with_user(user).write(
                {"city_id": self._municipality("CHP", "Tuxtla Gutiérrez").id}
            )
        self.assertEqual(Cadre.search(both), member.with_user(user))

    def test_outside_the_commission_nobody_moves_its_people(self):
        """An employee who may edit contacts (not of the commission) can't
        change the place or organization of a person or organization the
        commission records (which would take it into or out of someone's
        scope); other contacts are theirs to edit."""
        employee = self._create_user(
            "ms_contacts_clerk",
            "base.group_user,base.group_partner_manager",
            "Clara Capturista",
        )
        recorded = self.inside["ms.movement"].partner_id.with_user(employee)
        for vals in (
            {"city_id": self._municipality("OAX", "Santa Lucía del Camino").id},
            {"state_id": self.state_chis.id, "city_id": False},
            {"country_id": self.env.ref("base.us").id},
            {"parent_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                recorded.write(vals)
        other = self.env["res.partner"].create({"name": "Proveedor de Papel"})
        other.with_user(employee).write(
            {"state_id": self.state_chis.id, "city_id": self.city_chis.id}
        )
        self.assertEqual(other.city_id, self.city_chis)

    def test_municipality_choices_of_a_municipal_scope(self):
        """The form of a user scoped to a municipality offers its state and
        that municipality only, until a sector of theirs is chosen."""
        user = self._create_scoped_user(
            "ms_operator_tapachula_form",
            "movimientos_sociales.group_ms_user",
            "Tomás Operador Tapachula",
            cities=self.city_chis,
        )
        movement = self.env["ms.movement"].with_user(user).new({"name": "Nueva"})
        self.assertTrue(movement.ms_limit_city_choice)
        self.assertEqual(movement.ms_user_scope_city_ids._origin, self.city_chis)
        self.assertEqual(movement.ms_user_scope_state_ids._origin, self.state_chis)
        self.assertTrue(movement.ms_limit_state_choice)

    def test_search_in_scope_only(self):
        """Lectura, Operador and Coordinador of Oaxaca find the records of
        Oaxaca and not those of Chiapas, in every scoped model."""
        for user in self.scoped_users:
            for model in SCOPED_MODELS:
                with self.subTest(user=user.login, model=model):
                    self._assert_sees(user, model, self.inside[model])
                    found = self.env[model].with_user(user).search([])
                    self.assertIn(self.inside[model].id, found.ids)
                    self.assertNotIn(self.outside[model].id, found.ids)

    def test_read_out_of_scope_refused(self):
        """Reading a record out of the user's scope is refused; the one in
        scope is read."""
        for user in self.scoped_users:
            for model in SCOPED_MODELS:
                with self.subTest(user=user.login, model=model):
                    outside = self.outside[model].with_user(user)
                    with self.assertRaises(AccessError):
                        outside.browse(outside.id).read(["display_name"])
                    inside = self.inside[model].with_user(user)
                    values = inside.browse(inside.id).read(["display_name"])
                    self.assertEqual(
                        values[0]["display_name"], self.inside[model].display_name
                    )

    def test_write_out_of_scope_refused(self):
        """Operador and Coordinador can't change a record out of their scope;
        they change the one in scope."""
        for user in self.operator_oax | self.coordinator_oax:
            for model, (field, value) in SCOPED_WRITES.items():
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.outside[model].with_user(user).write({field: value})
                    inside = self.inside[model].with_user(user)
                    inside.write({field: value})
                    inside.invalidate_recordset()
                    self.assertEqual(inside[field], value)
        for model, (field, value) in SCOPED_WRITES.items():
            with self.subTest(model=model, side="outside unchanged"):
                self.assertNotEqual(self.outside[model][field], value)

    def test_write_cannot_push_out_of_scope(self):
        """Record rules are checked before a write, not on where it takes the
        record: an Operador of Oaxaca can't move an in-scope record of any
        scoped model out of the scope (to Chiapas, or under an out-of-scope
        parent record)."""
        inside, outside = self.inside, self.outside
        moves = {
            "ms.movement": {"state_id": self.state_chis.id},
            "ms.demand": {"state_id": self.state_chis.id},
            "ms.action": {"state_id": self.state_chis.id},
            "ms.cadre": {"partner_id": outside["ms.cadre"].partner_id.id},
            "ms.cadre.insertion": {"movement_id": outside["ms.movement"].id},
            "ms.cadre.report": {"insertion_id": outside["ms.cadre.insertion"].id},
            "ms.movement.evaluation": {"movement_id": outside["ms.movement"].id},
            "ms.movement.evaluation.line": {
                "evaluation_id": outside["ms.movement.evaluation"].id
            },
            "ms.conference.participant": {
                "partner_id": outside["ms.conference.participant"].partner_id.id
            },
            "ms.alliance.member": {"movement_id": outside["ms.movement"].id},
        }
        self.assertEqual(set(moves), set(SCOPED_MODELS))
        for model, values in moves.items():
            with self.subTest(model=model):
                record = inside[model].with_user(self.operator_oax)
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    record.write(values)
                record.invalidate_recordset()
                self.assertTrue(
                    self.env[model]
                    .with_user(self.operator_oax)
                    .search_count([("id", "=", record.id)])
                )

    def test_create_out_of_scope_refused(self):
        """An Operador of Oaxaca can't create records out of their scope
        (organizations, demands, actions in Chiapas, insertions in an
        organization of Chiapas); the same records in Oaxaca are created."""
        env = self.env(user=self.operator_oax)
        requester = self._create_contact("Vecina", "vecina@example.mx")
        new_cadre = self._create_cadre("Pablo Cuadro", state_id=self.state_oax.id)
        creations = {
            "ms.movement": lambda state: self._create_movement(
                f"Colectivo {state.name}",
                env=env,
                state_id=state.id,
                ms_sector_ids=[Command.set(self.sector_peasants.ids)],
            ),
            "ms.demand": lambda state: self._create_demand(
                requester, env=env, state_id=state.id, sector_id=self.sector_peasants.id
            ),
            "ms.action": lambda state: self._create_action(
                f"Mitin en {state.name}", env=env, state_id=state.id
            ),
            "ms.cadre.insertion": lambda state: self._create_insertion(
                new_cadre,
                (self.inside if state == self.state_oax else self.outside)[
                    "ms.movement"
                ],
                env=env,
            ),
        }
        for model, create in creations.items():
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    create(self.state_chis)
                record = create(self.state_oax)
                self.assertEqual(record._name, model)
                self.assertTrue(record.exists())

    def test_create_out_of_scope_explained(self):
        """A creation refused by the scope names the place and the user's scope,
        in their language, instead of Odoo's "(id=12) doesn't have 'create'
        access"; a record with neither state nor sector says to give it one."""
        env = self.env(user=self.operator_oax)
        requester = self._create_contact("Vecina", "vecina@example.mx")
        chiapas_person = self._create_contact(
            "Pedro Chiapaneco", state_id=self.state_chis.id
        )
        creations = {
            "ms.movement": lambda: self._create_movement(
                "Colectivo Chiapaneco",
                env=env,
                state_id=self.state_chis.id,
                ms_sector_ids=[Command.set(self.sector_peasants.ids)],
            ),
            "ms.demand": lambda: self._create_demand(
                requester,
                env=env,
                state_id=self.state_chis.id,
                subject="Agua para Tuxtla",
            ),
            "ms.action": lambda: self._create_action(
                "Mitin en Chiapas", env=env, state_id=self.state_chis.id
            ),
            "ms.cadre": lambda: env["ms.cadre"].create(
                {"partner_id": chiapas_person.id}
            ),
        }
        for model, create in creations.items():
            with self.subTest(model=model):
                with self.assertRaises(AccessError) as refused:
                    create()
                message = str(refused.exception)
                self.assertIn("Chiapas", message)
                self.assertIn(
                    "is outside your scope (states: Oaxaca; municipalities: —; "
                    "sectors: —)",
                    message,
                )
                self.assertNotIn("id=", message)
        with self.assertRaisesRegex(AccessError, "neither a state nor a sector"):
            self._create_action("Brigada sin lugar", env=env, state_id=False)
        # in Spanish, with the names the commission uses
        spanish = {
            "%(place)s is outside your scope (states: %(states)s; "
            "municipalities: %(municipalities)s; sectors: %(sectors)s). Ask "
            "someone whose scope covers it to register “%(record)s”.": "%(place)s "
            "queda fuera de su alcance (estados: %(states)s; municipios: "
            "%(municipalities)s; sectores: %(sectors)s). Pida a alguien con ese "
            "alcance que registre «%(record)s».",
        }
        with self._patch_translations("es_MX", spanish):
            with self.assertRaisesRegex(
                AccessError, "Chiapas queda fuera de su alcance"
            ):
                self._create_action(
                    "Mitin en Chiapas",
                    env=env(context={"lang": "es_MX"}),
                    state_id=self.state_chis.id,
                )

    def test_write_out_of_scope_explained(self):
        """Moving one's record out of scope says the user's scope too."""
        action = self.inside["ms.action"].with_user(self.operator_oax)
        with self.assertRaisesRegex(
            UserError,
            r"out of your scope \(states: Oaxaca; municipalities: —; sectors: —\)",
        ):
            action.write(
                {
                    "state_id": self.state_chis.id,
                    "municipality_id": False,
                    "sector_ids": [Command.clear()],
                }
            )

    def test_form_offers_scope_choices(self):
        """A form offers a scoped user only the states and sectors that keep the
        record in their scope: the states while the record has none of their
        sectors, the sectors while its state is not theirs; a national user is
        offered everything."""
        both = self._create_scoped_user(
            "ms_operator_both",
            "movimientos_sociales.group_ms_user",
            "Beatriz Operadora",
            states=self.state_oax,
            sectors=self.sector_youth,
        )
        states, sectors = self.state_oax, self.sector_youth
        expected = {
            # user: (limits states, limits sectors) of an empty form
            self.operator_oax: (True, False),
            self.operator_youth: (False, True),
            both: (True, True),
            self.user_operator: (False, False),
        }
        for model in ("ms.demand", "ms.action", "ms.movement"):
            for user, (limit_states, limit_sectors) in expected.items():
                with self.subTest(model=model, user=user.login):
                    form = Form(self.env[model].with_user(user))
                    self.assertEqual(form.ms_limit_state_choice, limit_states)
                    self.assertEqual(form.ms_limit_sector_choice, limit_sectors)
        # once a choice puts the record in scope, the other field is free
        form = Form(self.env["ms.demand"].with_user(both))
        form.state_id = states
        self.assertFalse(form.ms_limit_sector_choice)
        form.state_id = self.state_chis
        form.sector_id = sectors
        self.assertFalse(form.ms_limit_state_choice)
        # what the view's domains offer
        demand = self.env["ms.demand"].with_user(self.operator_oax)
        arch = etree.fromstring(
            demand.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        state_domain = arch.xpath("//field[@name='state_id']")[0].get("domain")
        form = Form(demand)
        values = {
            "ms_user_scope_state_ids": form.ms_user_scope_state_ids.ids,
            "ms_limit_state_choice": form.ms_limit_state_choice,
        }
        offered = self.env["res.country.state"].search(safe_eval(state_domain, values))
        self.assertEqual(offered, self.state_oax)

    # Through related records ----------------------------------------------------

    def test_related_records_filtered(self):
        """Unscoped records (agreement, conference, alliance, the contacts of
        cadres and organizations) show a scoped user only the linked records in
        their scope."""
        inside, outside = self.inside, self.outside
        for user in self.scoped_users:
            # a new request: nothing read by the superuser is in the cache
            self.env.invalidate_all()
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.agreement.with_user(user).movement_ids.ids,
                    inside["ms.movement"].ids,
                )
                conference = self.conference.with_user(user)
                self.assertEqual(conference.movement_ids.ids, inside["ms.movement"].ids)
                self.assertEqual(
                    conference.participant_ids.ids,
                    inside["ms.conference.participant"].ids,
                )
                self.assertEqual(
                    self.alliance.with_user(user).member_ids.ids,
                    inside["ms.alliance.member"].ids,
                )
                cadre = inside["ms.cadre"].with_user(user)
                self.assertEqual(
                    cadre.insertion_ids.ids, inside["ms.cadre.insertion"].ids
                )
                self.assertEqual(cadre.insertion_count, 1)
                partners = (outside["ms.movement"] | inside["ms.movement"]).partner_id
                visible = (
                    self.env["res.partner"]
                    .with_user(user)
                    .search([("id", "in", partners.ids)])
                )
                self.assertEqual(visible.ids, inside["ms.movement"].partner_id.ids)
                self.assertEqual(visible.ms_movement_ids.ids, inside["ms.movement"].ids)

    def test_no_path_to_out_of_scope_names(self):
        """The organization of an insertion out of scope can't be reached
        through the insertion: searching insertions by that organization's name
        finds nothing, and grouping counts only what is in scope."""
        outside_name = self.outside["ms.movement"].name
        for user in self.scoped_users:
            with self.subTest(user=user.login):
                Insertion = self.env["ms.cadre.insertion"].with_user(user)
                self.assertFalse(
                    Insertion.search([("movement_id.name", "=", outside_name)])
                )
                self.assertFalse(
                    Insertion.search_count([("movement_id.name", "=", outside_name)])
                )
                self.assertFalse(
                    self.env["ms.movement"].with_user(user).name_search(outside_name)
                )
                self.assertEqual(
                    self.env["ms.movement"]
                    .with_user(user)
                    ._read_group(
                        [("id", "in", self._both("ms.movement").ids)],
                        ["state_id"],
                        ["__count"],
                    ),
                    [(self.state_oax, 1)],
                )

    def test_chatter_and_attachments_hidden(self):
        """The messages and attachments of an organization out of scope are
        hidden from the scoped users; those in scope are found."""
        found = {}
        for side in ("inside", "outside"):
            movement = getattr(self, side)["ms.movement"]
            message = movement.message_post(
                body="Notes of the assembly.",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": "acta.txt",
                    "raw": b"Minutes",
                    "res_model": "ms.movement",
                    "res_id": movement.id,
                }
            )
            found[side] = (message, attachment)
        messages = found["inside"][0] | found["outside"][0]
        attachments = found["inside"][1] | found["outside"][1]
        for user in self.scoped_users:
            self.env.invalidate_all()
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("id", "in", messages.ids)]),
                    found["inside"][0],
                )
                self.assertEqual(
                    self.env["ir.attachment"]
                    .with_user(user)
                    .search([("id", "in", attachments.ids)]),
                    found["inside"][1],
                )
                with self.assertRaises(AccessError):
                    found["outside"][0].with_user(user).read(["body"])
                with self.assertRaises(AccessError):
                    found["outside"][1].with_user(user).read(["raw"])

    # Conferences edited by a scoped user ------------------------------------------

    def test_scoped_edit_keeps_invitations(self):
        """An Operador of Oaxaca who renames a conference doesn't uninvite its
        participants out of their scope: they stay on the calendar event, with
        their attendee (and RSVP)."""
        participant = self.outside["ms.conference.participant"]
        attendee = participant.attendee_id
        self.assertTrue(attendee)
        self.env.invalidate_all()
        self.conference.with_user(self.operator_oax).name = "Conferencia del Sur"
        self.env.invalidate_all()
        self.assertEqual(self.conference.name, "Conferencia del Sur")
        self.assertIn(
            participant.partner_id, self.conference.calendar_event_id.partner_ids
        )
        self.assertEqual(participant.attendee_id, attendee)

    def test_scoped_invitation_keeps_invitations(self):
        """An Operador of Oaxaca who invites a person of Oaxaca to a conference
        doesn't uninvite its participants out of their scope."""
        participant = self.outside["ms.conference.participant"]
        attendee = participant.attendee_id
        newcomer = self._create_contact(
            "Vecina de Oaxaca",
            "vecina.oax@example.mx",
            country_id=self.mx.id,
            state_id=self.state_oax.id,
        )
        self.env.invalidate_all()
        added = self._add_participants(
            self.conference, newcomer, env=self.env(user=self.operator_oax)
        )
        self.env.invalidate_all()
        self.assertTrue(added.attendee_id)
        event_partners = self.conference.calendar_event_id.partner_ids
        self.assertIn(newcomer, event_partners)
        self.assertIn(participant.partner_id, event_partners)
        self.assertEqual(participant.attendee_id, attendee)

    def test_scoped_invite_sectors(self):
        """An Operador of Oaxaca who invites the sectors of a conference adds
        the sector's people of Oaxaca, without failing on a person of Chiapas
        already invited, who keeps a single invitation."""
        sector = self._create_sector("Jornaleros", "TJOR")
        conference = self._create_conference(
            "Conferencia Jornalera", sector_ids=[Command.set(sector.ids)]
        )
        chiapas_person = self.outside["ms.conference.participant"].partner_id
        chiapas_person.ms_sector_ids = [Command.link(sector.id)]
        invited = self._add_participants(conference, chiapas_person)
        attendee = invited.attendee_id
        oaxaca_person = self._create_contact(
            "Jornalera de Oaxaca",
            "jornalera.oax@example.mx",
            sectors=sector,
            country_id=self.mx.id,
            state_id=self.state_oax.id,
        )
        self.env.invalidate_all()
        # the unique (conference, person) constraint must not be hit
        with mute_logger("odoo.sql_db"):
            conference.with_user(self.operator_oax).action_invite_sectors()
        self.env.invalidate_all()
        self.assertEqual(
            conference.participant_ids.partner_id, chiapas_person | oaxaca_person
        )
        self.assertEqual(invited.attendee_id, attendee)

    # Scope by sector ----------------------------------------------------------------

    def test_sector_scope(self):
        """An Operador scoped to the youth sector sees youth records of any
        state (here Chiapas) and not the records of other sectors, even in
        Oaxaca."""
        youth = self._create_scope_graph(
            "Chiapas Joven", self.state_chis, self.sector_youth, self.city_chis
        )
        for model in SCOPED_MODELS:
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.operator_youth)
                domain = [("id", "in", (self._both(model) | youth[model]).ids)]
                self.assertEqual(Model.search(domain).ids, youth[model].ids)
                with self.assertRaises(AccessError):
                    Model.browse(self.inside[model].id).read(["display_name"])

    # Scope changes, Administrador, national users -------------------------------

    def test_scope_change_applies_at_once(self):
        """A change of scope shows or hides records on the user's next search:
        national shows both states, restricted again hides Chiapas, and moving
        the user to Chiapas swaps what they see."""
        user = self.reader_oax
        both = self._both("ms.movement")
        Movement = self.env["ms.movement"].with_user(user)
        domain = [("id", "in", both.ids)]
        self.assertEqual(Movement.search(domain), self.inside["ms.movement"])
        user.ms_scope = "national"
        self.assertEqual(Movement.search(domain), both)
        user.ms_scope = "restricted"
        self.assertEqual(Movement.search(domain), self.inside["ms.movement"])
        user.ms_scope_state_ids = [Command.set(self.state_chis.ids)]
        self.assertEqual(Movement.search(domain), self.outside["ms.movement"])
        user.ms_scope_state_ids = [Command.clear()]
        self.assertFalse(Movement.search(domain))
        user.ms_scope_sector_ids = [Command.set(self.sector_workers.ids)]
        self.assertEqual(Movement.search(domain), self.inside["ms.movement"])

    def test_administrator_sees_everything(self):
        """An Administrador sees both states even with a restricted scope."""
        self.user_manager.write(
            {
                "ms_scope": "restricted",
                "ms_scope_state_ids": [Command.set(self.state_oax.ids)],
            }
        )
        for model in SCOPED_MODELS:
            with self.subTest(model=model):
                self._assert_sees(self.user_manager, model, self._both(model))
                self.outside[model].with_user(self.user_manager).read(["display_name"])

    def test_national_users_see_everything(self):
        """National Lectura and Operador users (the default scope) see both
        states."""
        for user in self.user_reader | self.user_operator:
            self.assertEqual(user.ms_scope, "national")
            for model in SCOPED_MODELS:
                with self.subTest(user=user.login, model=model):
                    self._assert_sees(user, model, self._both(model))

    # Cadre data and the employees outside the commission ------------------------

    def test_cadre_fields_refused_outside_commission(self):
        """Internal users outside the commission (a plain employee, a contact
        manager) can neither read nor search the cadre data of a contact; they
        read its ordinary fields. A Lectura user reads the cadre data."""
        partner_manager = mail_new_test_user(
            self.env,
            login="ms_sales",
            groups="base.group_user,base.group_partner_manager",
            name="Saúl Ventas",
            email="ms_sales@example.mx",
        )
        self.assertFalse(
            partner_manager.has_group("movimientos_sociales.group_ms_reader")
        )
        partner = self.cadre.partner_id | self.outside["ms.movement"].partner_id
        for user in self.user_employee | partner_manager:
            for field in PARTNER_FIELDS:
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(AccessError):
                        partner.with_user(user).read([field])
                    with self.assertRaises(AccessError):
                        self.env["res.partner"].with_user(user).search(
                            [(field, "!=", False)]
                        )
            with self.subTest(user=user.login, fields="ordinary"):
                movement = self.outside["ms.movement"]
                values = movement.partner_id.with_user(user).read(["name", "email"])[0]
                self.assertEqual(values["name"], movement.name)
                self.assertEqual(values["email"], "frente.chiapas@example.mx")
            with self.subTest(user=user.login, model="ms.cadre"):
                with self.assertRaises(AccessError):
                    self.cadre.with_user(user).read(["committee"])
        values = self.cadre.with_user(self.user_reader).read(["committee"])[0]
        self.assertEqual(values["committee"], "Comisión Ejecutiva Estatal")

    def test_employee_reads_no_commission_model(self):
        """A plain employee can't search any model of the commission, sectors
        included (a person's sectors are political classification)."""
        # but the settlements (colonias) of a postal code: SAT's public
        # catalog, offered on every Mexican contact's address, like res.city
        models = self.env["ir.model"].search(
            [
                ("model", "=like", "ms.%"),
                ("model", "!=", "ms.settlement"),
                ("transient", "=", False),
            ]
        )
        checked = []
        for model in models.mapped("model"):
            if self.env[model]._abstract:
                continue
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(self.user_employee).search([])
            checked.append(model)
        self.assertGreaterEqual(len(checked), 25)
        self.assertTrue({*SCOPED_MODELS, "ms.sector", "ms.cadre"} <= set(checked))

    def test_no_reference_to_what_the_user_cannot_read(self):
        """An Operador of Oaxaca can't point a record at a cadre, contact or
        organization out of scope (the insertion's name would name the cadre),
        nor have a form compute related data from one (onchange)."""
        env = self.env(user=self.operator_oax)
        outside_cadre = self.outside["ms.cadre"]
        outside_person = self.outside["ms.conference.participant"].partner_id
        with self.assertRaises(AccessError):
            self._create_insertion(outside_cadre, self.inside["ms.movement"], env=env)
        with self.assertRaises(AccessError):
            self.inside["ms.cadre.insertion"].with_env(env).write(
                {"cadre_id": outside_cadre.id}
            )
        cases = {
            "ms.cadre": {"partner_id": outside_person.id},
            "ms.conference.participant": {
                "partner_id": outside_person.id,
                "conference_id": self.conference.id,
            },
            "ms.movement": {"partner_id": self.outside["ms.movement"].partner_id.id},
        }
        for model, values in cases.items():
            with self.subTest(model=model), self.assertRaises(AccessError):
                env[model].onchange(values, ["partner_id"], {"display_name": {}})

    def test_consents_and_media_impact_scoped(self):
        """Consents follow their person's scope, media impacts their action's:
        neither read, created nor changed out of scope."""
        user = self.operator_oax
        env = self.env(user=user)
        outside_person = self.outside["ms.conference.participant"].partner_id
        inside_person = self.inside["ms.conference.participant"].partner_id
        outside_consent = self._create_consent(outside_person)
        inside_consent = self._create_consent(inside_person)
        Consent = env["ms.consent"]
        self.assertEqual(
            Consent.search([("id", "in", (outside_consent | inside_consent).ids)]),
            inside_consent,
        )
        with self.assertRaises(AccessError):
            self._create_consent(outside_person, env=env, purpose="contact")
        with self.assertRaises(AccessError):
            outside_consent.with_env(env).action_revoke()
        impacts = self.env["ms.media.impact"].create(
            [
                {"action_id": self.inside["ms.action"].id, "outlet": "El Imparcial"},
                {"action_id": self.outside["ms.action"].id, "outlet": "Cuarto Poder"},
            ]
        )
        Impact = env["ms.media.impact"]
        self.assertEqual(Impact.search([("id", "in", impacts.ids)]), impacts[0])
        with self.assertRaises(AccessError):
            impacts[1].with_env(env).write({"reach": 10})
        with self.assertRaises(AccessError):
            Impact.create({"action_id": self.outside["ms.action"].id, "outlet": "X"})
