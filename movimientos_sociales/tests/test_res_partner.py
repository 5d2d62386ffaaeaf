from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users

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


@tagged("post_install", "-at_install", "ms_partner", "ms_security", "ms_scope")
class TestResPartnerBoundary(MsCase):
    """The boundary on Odoo's contacts: the people the commission records are
    scoped like its organizations, on every ORM path, and no write moves a
    contact across a user's scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reader = "movimientos_sociales.group_ms_reader"
        cls.operator_oax = cls._create_scoped_user(
            "ms_op_oax",
            "movimientos_sociales.group_ms_user",
            "Omar Oaxaca",
            states=cls.state_oax,
        )
        cls.coordinator_youth = cls._create_scoped_user(
            "ms_coord_youth",
            "movimientos_sociales.group_ms_coordinator",
            "Yara Juventud",
            sectors=cls.sector_youth,
        )
        cls.reader_national = cls.user_reader
        cls.portal = cls.env["res.users"].create(
            {
                "name": "Paula Portal",
                "login": "ms_portal",
                "email": "portal@example.mx",
                "group_ids": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )
        assert reader
        cls.org_oax = cls._create_movement(
            "Unión de Oaxaca", state_id=cls.state_oax.id, email="oax@example.mx"
        )
        cls.org_chis = cls._create_movement(
            "Frente de Chiapas",
            state_id=cls.state_chis.id,
            email="chis@example.mx",
            ms_sector_ids=[Command.set(cls.sector_peasants.ids)],
        )
        cls.org_youth = cls._create_movement(
            "Jóvenes de Chiapas",
            state_id=cls.state_chis.id,
            ms_sector_ids=[Command.set(cls.sector_youth.ids)],
        )
        contact = cls._create_contact
        cls.member_oax = contact(
            "Olga Oaxaqueña", "olga@example.mx", parent_id=cls.org_oax.partner_id.id
        )
        cls.member_chis = contact(
            "Chema Chiapaneco",
            "chema@example.mx",
            parent_id=cls.org_chis.partner_id.id,
            phone="+52 961 000 0000",
        )
        cls.member_youth = contact(
            "Yuri Joven", "yuri@example.mx", parent_id=cls.org_youth.partner_id.id
        )
        cls.tagged_chis = contact(
            "Sara Sectorial",
            "sara@example.mx",
            sectors=cls.sector_workers,
            state_id=cls.state_chis.id,
        )
        cls.ordinary = contact("Proveedor Común", "proveedor@example.mx")
        cls.cadre_chis = cls._create_cadre(
            "Carlos Cuadro", state_id=cls.state_chis.id, cadre_vals={"committee": "CEE"}
        )
        cls.recorded = (
            cls.org_oax.partner_id
            | cls.org_chis.partner_id
            | cls.org_youth.partner_id
            | cls.member_oax
            | cls.member_chis
            | cls.member_youth
            | cls.tagged_chis
            | cls.cadre_chis.partner_id
        )
        cls.everyone = cls.recorded | cls.ordinary

    def _visible(self, user, domain=()):
        return (
            self.env["res.partner"]
            .with_user(user)
            .search([("id", "in", self.everyone.ids), *domain])
        )

    def test_recorded_and_scope_state(self):
        """Who the commission records, and the state that scopes them (their
        organization's)."""
        self.assertTrue(all(self.recorded.mapped("ms_recorded")))
        self.assertFalse(self.ordinary.ms_recorded)
        self.assertEqual(self.member_chis.ms_scope_state_id, self.state_chis)
        self.assertEqual(self.member_oax.ms_scope_state_id, self.state_oax)

    def test_scoped_users_see_their_contacts(self):
        """Finding 2: a state-scoped Operador lists their state's organizations
        and people and the ordinary contacts; a sector-scoped Coordinador those
        of their sector; a national Lectura everyone."""
        oax = self.org_oax.partner_id | self.member_oax | self.ordinary
        youth = self.org_youth.partner_id | self.member_youth | self.ordinary
        self.assertEqual(self._visible(self.operator_oax), oax)
        self.assertEqual(self._visible(self.coordinator_youth), youth)
        self.assertEqual(self._visible(self.reader_national), self.everyone)
        self.assertEqual(self._visible(self.user_employee), self.everyone)

    def test_scoped_user_every_read_path(self):
        """Out-of-scope people stay out on every path: search_read with a domain
        on state, web_search_read, name_search, read_group, read by id, the
        organization's children and followers."""
        user = self.operator_oax
        Partner = self.env["res.partner"].with_user(user)
        chis = self.member_chis | self.org_chis.partner_id | self.tagged_chis
        rows = Partner.search_read([("state_id", "=", self.state_chis.id)], ["name"])
        self.assertFalse({row["id"] for row in rows} & set(chis.ids))
        result = Partner.web_search_read(
            [("email", "ilike", "chema")], {"name": {}, "email": {}}
        )
        self.assertEqual(result["length"], 0)
        self.assertFalse(Partner.name_search("Chema"))
        self.assertFalse(Partner.search_count([("phone", "=", "+52 961 000 0000")]))
        groups = Partner.formatted_read_group(
            [("id", "in", self.everyone.ids)], ["state_id"], ["__count"]
        )
        counted = sum(group["__count"] for group in groups)
        self.assertEqual(counted, 3)
        for partner in chis:
            with self.subTest(partner=partner.name):
                with self.assertRaises(AccessError):
                    partner.with_user(user).read(["name", "email"])
        with self.assertRaises(AccessError):
            self.org_chis.partner_id.with_user(user).read(["child_ids"])

    def test_operator_cannot_pull_contact_into_scope(self):
        """Finding 1: the Oaxaca Operador can't write the state or sectors of a
        Chiapas organization's contact (nor its people) to pull it in."""
        user = self.operator_oax
        for values in (
            {"state_id": self.state_oax.id},
            {"ms_sector_ids": [Command.set(self.sector_workers.ids)]},
            {"name": "Frente renombrado"},
        ):
            with self.subTest(values=values):
                with self.assertRaises(AccessError):
                    self.org_chis.partner_id.with_user(user).write(values)
        with self.assertRaises(AccessError):
            self.member_chis.with_user(user).write({"parent_id": False})
        self.assertEqual(self.org_chis.state_id, self.state_chis)
        self.assertEqual(self.org_chis.partner_id.name, "Frente de Chiapas")

    def test_operator_cannot_push_contact_out_of_scope(self):
        """Finding 1: the Oaxaca Operador can't move their own organization (or
        one of its people) to Chiapas, through the organization or its contact:
        that would get around the refused creation in another state."""
        user = self.operator_oax
        attempts = {
            "movement": lambda: self.org_oax.with_user(user).write(
                {"state_id": self.state_chis.id}
            ),
            "contact": lambda: self.org_oax.partner_id.with_user(user).write(
                {"state_id": self.state_chis.id}
            ),
            "person": lambda: self.member_oax.with_user(user).write(
                {"parent_id": self.org_chis.partner_id.id}
            ),
        }
        for path, attempt in attempts.items():
            with self.subTest(path=path):
                with self.assertRaises(UserError):
                    attempt()
        self.assertEqual(self.org_oax.state_id, self.state_oax)
        self.assertEqual(self.member_oax.parent_id, self.org_oax.partner_id)
        # within the scope, editing works
        self.org_oax.partner_id.with_user(user).write({"city": "Tlacolula"})
        self.assertEqual(self.org_oax.city, "Tlacolula")

    def test_contact_change_is_audited(self):
        """Finding 1: a change to an organization's territory made through the
        contact is in the audit log, under the user who made it."""
        user = self.operator_oax
        self.org_oax.partner_id.with_user(user).write({"city": "Mitla"})
        log = self._audit_logs("res.partner", self.org_oax.partner_id.id, "write", user)
        self.assertEqual(len(log), 1)
        self.assertIn("city", log.line_ids.mapped("field_name"))

    def test_outsiders_read_contacts_without_political_fields(self):
        """Finding 2 and 9: an employee and a portal user outside the commission
        see no commission field on contacts, can't search or group by them."""
        for user in (self.user_employee, self.portal):
            Partner = self.env["res.partner"].with_user(user)
            fields = Partner.fields_get()
            for name in (
                "ms_sector_ids",
                "ms_cadre_ids",
                "ms_movement_ids",
                "ms_recorded",
                "ms_blocked",
                "ms_scope_state_id",
                "ms_participation_ids",
                "ms_demand_ids",
            ):
                with self.subTest(user=user.login, field=name):
                    self.assertNotIn(name, fields)
                    with self.assertRaises(AccessError):
                        Partner.search_count([(name, "!=", False)])

    def test_cadre_menu_scoped(self):
        """Finding 2: the cadre list (ms.cadre, the *Cuadros del partido* menu)
        shows a scoped user only their scope's cadres, read-only for Lectura."""
        Cadre = self.env["ms.cadre"]
        self.assertFalse(
            Cadre.with_user(self.operator_oax).search_read(
                [("state_id", "=", self.state_chis.id)], ["committee"]
            )
        )
        self.assertEqual(
            Cadre.with_user(self.reader_national).search(
                [("id", "=", self.cadre_chis.id)]
            ),
            self.cadre_chis,
        )
        with self.assertRaises(AccessError):
            self.cadre_chis.with_user(self.reader_national).write({"committee": "X"})
        action = self.env.ref("movimientos_sociales.ms_cadre_action")
        self.assertEqual(action.res_model, "ms.cadre")

    def test_anonymize_only_through_arco(self):
        """Finding 4: OCA's public anonymize_partner_data is refused outside an
        ARCO request, to an Operador in scope, to an Administrador, and through
        OCA's own wizard."""
        for user in (self.operator_oax, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.member_oax.with_user(user).anonymize_partner_data()
        with self.assertRaises(UserError):
            self.member_chis.with_user(self.operator_oax).anonymize_partner_data()
        wizard = (
            self.env["partner.anonymize.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"partner_ids": [Command.set(self.member_oax.ids)]})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self.member_oax.name, "Olga Oaxaqueña")
        self.assertTrue(self.member_oax.active)

    def test_no_person_moved_under_an_unseen_organization(self):
        """A scoped user can't put a person (theirs) under an organization out
        of their scope, nor detach a person from their organization to make
        them an ordinary contact, visible to everyone."""
        coordinator = self.coordinator_youth
        with self.assertRaises(AccessError):
            self.member_youth.with_user(coordinator).write(
                {"parent_id": self.org_chis.partner_id.id}
            )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(coordinator).create(
                {
                    "name": "Nueva en Chiapas",
                    "parent_id": self.org_chis.partner_id.id,
                    "ms_sector_ids": [Command.set(self.sector_youth.ids)],
                }
            )
        with self.assertRaises(UserError):
            self.member_oax.with_user(self.operator_oax).write({"parent_id": False})
        self.assertEqual(self.member_oax.parent_id, self.org_oax.partner_id)
        self.assertEqual(self.member_youth.parent_id, self.org_youth.partner_id)

    def test_name_search_same_results_as_odoo(self):
        """The contacts' name search (matches collected, then ordered) returns
        what Odoo's own would: the same contacts, in the same order, within the
        user's scope."""
        for user in (self.operator_oax, self.reader_national):
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                expected = Partner.search_fetch(
                    [("display_name", "ilike", "o")], ["display_name"], limit=50
                )
                result = Partner.name_search("o", limit=50)
                self.assertEqual([row[0] for row in result], expected.ids)
                self.assertEqual(
                    [row[1] for row in result], expected.sudo().mapped("display_name")
                )
        names = [
            row[1]
            for row in self.env["res.partner"]
            .with_user(self.operator_oax)
            .name_search("Chema")
        ]
        self.assertFalse(names)


@tagged("post_install", "-at_install", "ms_partner", "ms_territory")
class TestResPartnerTerritory(MsCase):
    """A Mexican address: the postal code fills the state and the
    municipality and offers its settlements; imports read places as people
    write them."""

    @users("ms_operator")
    def test_postal_code_fills_state_and_municipality(self):
        form = Form(self.env["res.partner"])
        form.name = "Rosa Martínez"
        form.country_id = self.mx
        form.zip = "68000"
        self.assertEqual(form.state_id, self.state_oax)
        self.assertEqual(form.city_id.name, "Oaxaca de Juárez")
        self.assertEqual(form.city, "Oaxaca de Juárez")
        self.assertEqual(form.zip_id.name, "68000")
        settlement = self.env["ms.settlement"].search([("zip_id", "=", form.zip_id.id)])
        self.assertEqual(settlement.mapped("name"), ["Oaxaca"])
        form.ms_settlement_id = settlement
        partner = form.save()
        self.assertRecordValues(
            partner,
            [
                {
                    "street2": "Oaxaca",
                    "zip": "68000",
                    "state_id": self.state_oax.id,
                    "city_id": settlement.city_id.id,
                }
            ],
        )
        self.assertEqual(partner.ms_settlement_id, settlement)
        # a settlement of another postal code is refused
        elsewhere = self.env["ms.settlement"].search(
            [("zip_id.name", "=", "29000")], limit=1
        )
        with self.assertRaisesRegex(ValidationError, "not of 68000"):
            partner.ms_settlement_id = elsewhere
        # a postal code the catalog doesn't know, or another country's, is kept
        # as typed and fills nothing
        form = Form(self.env["res.partner"])
        form.name = "Juan Pérez"
        form.country_id = self.mx
        form.zip = "99999"
        self.assertFalse(form.city_id)
        self.assertFalse(form.state_id)
        form.country_id = self.env.ref("base.us")
        form.zip = "68000"
        self.assertFalse(form.city_id)

    @users("ms_operator")
    def test_municipality_of_another_state_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "Tapachula is a municipality of Chiapas, not of Oaxaca"
        ):
            self.env["res.partner"].create(
                {
                    "name": "Pedro Gómez",
                    "country_id": self.mx.id,
                    "state_id": self.state_oax.id,
                    "city_id": self._municipality("CHP", "Tapachula").id,
                }
            )

    @users("ms_operator")
    def test_import_places_as_written(self):
        """State and municipality names with other accents and case, usual
        aliases, or just a postal code; a file with a row it can't place is
        refused as a whole, each bad row named."""
        Partner = self.env["res.partner"]
        fields = ["name", "country_id", "state_id", "city_id", "zip"]
        good = [
            ["Ana López", "México", "oaxaca", "OAXACA DE JUAREZ", ""],
            ["Beto Ruiz", "México", "CDMX", "coyoacan", ""],
            ["Caro Díaz", "México", "", "", "68000"],
            ["Dora Paz", "México", "Edo. de México", "Ecatepec de Morelos", ""],
            ["Eva Luna", "", "Benito Juárez", "", ""],
        ]
        result = Partner.load(fields, good[:4])
        self.assertFalse(result["messages"], result["messages"])
        people = Partner.browse(result["ids"])
        self.assertEqual(
            [(person.state_id.code, person.city_id.name) for person in people],
            [
                ("OAX", "Oaxaca de Juárez"),
                ("CMX", "Coyoacán"),
                ("OAX", "Oaxaca de Juárez"),
                ("MEX", "Ecatepec de Morelos"),
            ],
        )
        bad = [
            ["Fer Gil", "México", "Oaxaca", "Tapachula", ""],
            ["Gil Sol", "México", "Oaxaka", "", ""],
            ["Hugo Mar", "México", "Chiapas", "", "68000"],
            ["Iris Paz", "México", "", "Benito Juárez", ""],
            ["Juan Paz", "México", "", "", "99999"],
        ]
        count = Partner.search_count([])
        result = Partner.load(fields, [good[1], *bad])
        self.assertFalse(result["ids"])
        self.assertEqual(Partner.search_count([]), count, "nothing imported")
        self.assertEqual(
            [
                (message["rows"]["from"], message["type"])
                for message in result["messages"]
            ],
            [(1, "error"), (2, "error"), (3, "error"), (4, "error"), (5, "error")],
        )
        messages = [message["message"] for message in result["messages"]]
        self.assertIn("“Tapachula” is not a municipality of Oaxaca.", messages[0])
        self.assertIn("“Oaxaka” is not a state of Mexico.", messages[1])
        self.assertIn("68000 is in Oaxaca, not in Chiapas", messages[2])
        self.assertIn("give its state", messages[3])
        self.assertIn("“99999” is not in the catalog", messages[4])
        # an address abroad is left to Odoo's names
        result = Partner.load(
            ["name", "country_id", "state_id"],
            [["Kim Lee", "United States", "Texas"]],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(Partner.browse(result["ids"]).state_id.code, "TX")

    @users("ms_operator")
    def test_import_leaves_odoo_its_own_forms(self):
        """Columns given by id, Odoo's own export ("Oaxaca (MX)"), other
        countries, cells that aren't text and short rows are read as Odoo
        reads them; a postal code whose leading zero a spreadsheet dropped is
        Mexico City's."""
        Partner = self.env["res.partner"]
        tuxtla = self._municipality("CHP", "Tuxtla Gutiérrez")
        cases = [
            # (fields, rows, expected (country code, state code, municipality, zip))
            (
                ["name", "state_id", "city_id"],
                [["Ana", "Oaxaca (MX)", "Oaxaca de Juárez"]],
                [("MX", "OAX", "Oaxaca de Juárez", False)],
            ),
            (
                ["name", "country_id/id", "state_id"],
                [["Bob", "base.us", "California"]],
                [("US", "CA", False, False)],
            ),
            (
                ["name", "city", "zip"],
                [["Proveedor Madrid", "Madrid", "28001"]],
                [("", False, False, "28001")],
            ),
            (
                ["name", "country_id", "city_id/.id", "zip"],
                [["Caro", "Mexico", str(tuxtla.id), "29000"]],
                [("MX", "CHP", "Tuxtla Gutiérrez", "29000")],
            ),
            (
                ["name", "country_id", "zip"],
                [["Dora", "México", "1000"], ["Eva", "Mexico", 68000], ["Fer"]],
                [
                    ("MX", "CMX", "Álvaro Obregón", "01000"),
                    ("MX", "OAX", "Oaxaca de Juárez", "68000"),
                    ("", False, False, False),
                ],
            ),
        ]
        for fields, rows, expected in cases:
            with self.subTest(fields=fields):
                result = Partner.load(fields, rows)
                self.assertFalse(result["messages"], result["messages"])
                self.assertEqual(
                    [
                        (
                            p.country_id.code or "",
                            p.state_id.code,
                            p.city_id.name,
                            p.zip,
                        )
                        for p in Partner.browse(result["ids"])
                    ],
                    expected,
                )
        result = Partner.load(
            ["name", "country_id", "zip"], [["Gil", "Mexico", "99999"]]
        )
        self.assertEqual(result["messages"][0]["field"], "zip")
