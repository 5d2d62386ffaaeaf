from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users

from .common import MsCase

# Field specifications the web client sends for the list and kanban views of
# views/ms_movement_views.xml (widgets' dependencies included).
ACTIVITY_SPEC = {
    "activity_ids": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}
LIST_SPEC = {
    "name": {},
    "kind_id": {"fields": {"display_name": {}}},
    "ms_sector_ids": {"fields": {"display_name": {}, "color": {}}},
    "strategy_ids": {"fields": {"display_name": {}, "color": {}}},
    "state_id": {"fields": {"display_name": {}}},
    "municipality_id": {"fields": {"display_name": {}}},
    "scope": {},
    "stage_id": {"fields": {"display_name": {}}},
    "member_estimate": {},
    "last_score": {},
    "user_id": {"fields": {"display_name": {}}},
    "email": {},
    "phone": {},
    **ACTIVITY_SPEC,
}
KANBAN_SPEC = {
    "color": {},
    "stage_id": {"fields": {"display_name": {}}},
    "name": {},
    "kind_id": {"fields": {"display_name": {}}},
    "ms_sector_ids": {"fields": {"display_name": {}, "color": {}}},
    "state_id": {"fields": {"display_name": {}}},
    "member_estimate": {},
    "user_id": {"fields": {"display_name": {}}},
    **ACTIVITY_SPEC,
}


@tagged("post_install", "-at_install", "ms_movement")
class TestMsMovement(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement(
            "Unión Campesina",
            email="ucez@example.mx",
            ms_sector_ids=[Command.set(cls.sector_peasants.ids)],
        )

    # Creation and contact ---------------------------------------------------

    def test_create_makes_company_partner(self):
        """An organization is a company contact carrying its name, email and
        sectors."""
        movement = self._create_movement(
            "Frente Juvenil",
            email="frente@example.mx",
            ms_sector_ids=[Command.set((self.sector_youth | self.sector_workers).ids)],
        )
        partner = movement.partner_id
        self.assertTrue(partner)
        self.assertEqual(partner._name, "res.partner")
        self.assertTrue(partner.is_company)
        self.assertEqual(partner.name, "Frente Juvenil")
        self.assertEqual(partner.email, "frente@example.mx")
        self.assertEqual(partner.ms_sector_ids, self.sector_youth | self.sector_workers)
        self.assertEqual(partner.ms_movement_ids, movement)
        self.assertEqual(
            self.env["res.partner"].search(
                [
                    ("ms_sector_ids", "in", self.sector_youth.ids),
                    ("id", "=", partner.id),
                ]
            ),
            partner,
        )

    def test_default_stage_is_identified(self):
        """A new organization starts in the first stage, Identified."""
        self.assertEqual(self.movement.stage_id, self.stage_identified)
        self.assertEqual(
            self.env["ms.link.stage"].search([], limit=1), self.stage_identified
        )

    def test_stage_change_updates_date_and_is_tracked(self):
        """Changing the stage stamps date_last_stage_update and logs the old and
        new stage in the chatter; other writes leave the date alone."""
        with freeze_time("2025-01-10 09:00:00"):
            movement = self._create_movement("Colectivo Tierra")
            # end the creation's precommit, which discards tracking (disabled
            # in these tests) for the records it created
            self.env.flush_all()
            self.env.cr.flush()
        self.assertEqual(movement.date_last_stage_update, datetime(2025, 1, 10, 9))

        with freeze_time("2025-02-20 16:30:00"):
            movement.with_context(
                tracking_disable=False
            ).stage_id = self.stage_first_contact
            self.env.flush_all()
            self.env.cr.flush()  # runs the tracking precommit
        self.assertEqual(movement.date_last_stage_update, datetime(2025, 2, 20, 16, 30))
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "ms.movement"),
                ("mail_message_id.res_id", "=", movement.id),
                ("field_id.name", "=", "stage_id"),
            ]
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_char, "Identified")
        self.assertEqual(tracking.new_value_char, "First Contact")

        with freeze_time("2025-03-01 10:00:00"):
            movement.member_estimate = 300
            self.env.flush_all()
        self.assertEqual(movement.date_last_stage_update, datetime(2025, 2, 20, 16, 30))

    def test_group_expand_returns_all_stages(self):
        """Kanban columns show every stage, the folded No Relation included,
        even without organizations in them."""
        Stage = self.env["ms.link.stage"]
        all_stages = Stage.search([])
        self.assertIn(self.stage_no_relation, all_stages)
        self.assertEqual(
            self.env["ms.movement"]._read_group_stage_ids(Stage, []), all_stages
        )
        groups = (
            self.env["ms.movement"]
            .with_context(read_group_expand=True)
            .formatted_read_group(
                [("id", "=", self.movement.id)], ["stage_id"], ["__count"]
            )
        )
        by_stage = {group["stage_id"][0]: group for group in groups}
        self.assertEqual(set(by_stage), set(all_stages.ids))
        self.assertEqual(by_stage[self.stage_identified.id]["__count"], 1)
        self.assertEqual(by_stage[self.stage_no_relation.id]["__count"], 0)
        self.assertTrue(by_stage[self.stage_no_relation.id]["__fold"])
        self.assertFalse(by_stage[self.stage_identified.id]["__fold"])

    # Territory --------------------------------------------------------------

    def test_mexican_organization_needs_state_on_create(self):
        """A Mexican organization without a state is refused at creation."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_movement("Sin Estado", state_id=False)
        self.assertFalse(self.env["ms.movement"].search([("name", "=", "Sin Estado")]))

    def test_mexican_organization_needs_state_on_write(self):
        """Removing the state of a Mexican organization is refused."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.movement.write({"state_id": False})
        self.env.invalidate_all()
        self.assertEqual(self.movement.state_id, self.state_oax)

    def test_foreign_organization_without_state(self):
        """An organization abroad needs no state; moving it to Mexico does."""
        movement = self._create_movement(
            "Migrantes Unidos",
            country_id=self.env.ref("base.us").id,
            state_id=False,
        )
        self.assertFalse(movement.state_id)
        self.assertEqual(movement.country_id.code, "US")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            movement.write({"country_id": self.mx.id})

    def test_organization_needs_country_on_create(self):
        """An organization without a country is refused at creation."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_movement("Sin País", country_id=False, state_id=False)

    def test_organization_needs_country_on_write(self):
        """Removing the country of an organization is refused."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.movement.write({"country_id": False, "state_id": False})
        self.env.invalidate_all()
        self.assertEqual(self.movement.country_id, self.mx)

    # Counters and smart buttons ---------------------------------------------

    def test_contact_count_and_action(self):
        """contact_count counts the organization's child contacts, which its
        action lists."""
        self.assertEqual(self.movement.contact_count, 0)
        people = self.env["res.partner"].create(
            [
                {"name": "Ana", "parent_id": self.movement.partner_id.id},
                {"name": "Beto", "parent_id": self.movement.partner_id.id},
            ]
        )
        self.env["res.partner"].create({"name": "Outsider"})
        self.movement.invalidate_recordset(["contact_count"])
        self.assertEqual(self.movement.contact_count, 2)
        action = self.movement.action_view_contacts()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), people)
        self.assertEqual(
            action["context"]["default_parent_id"], self.movement.partner_id.id
        )

    def test_insertion_count_and_action(self):
        """insertion_count counts only active insertions; the action lists all
        the insertions of this organization and no other."""
        other = self._create_movement("Otra Organización")
        insertions = self.env["ms.cadre.insertion"]
        for index, state in enumerate(
            ["proposed", "approved", "active", "active", "done", "cancelled"]
        ):
            cadre = self._create_cadre(f"Cadre {index}")
            insertions |= self._create_insertion(
                cadre, self.movement, state=state, start_date=date(2025, 1, 1)
            )
        foreign = self._create_insertion(
            self._create_cadre("Cadre X"), other, state="active"
        )
        (self.movement | other).invalidate_recordset(["insertion_count"])
        self.assertEqual(self.movement.insertion_count, 2)
        self.assertEqual(other.insertion_count, 1)
        action = self.movement.action_view_insertions()
        found = self.env["ms.cadre.insertion"].search(action["domain"])
        self.assertEqual(found, insertions)
        self.assertNotIn(foreign, found)
        self.assertEqual(action["res_model"], "ms.cadre.insertion")
        self.assertEqual(action["context"]["default_movement_id"], self.movement.id)

    def test_evaluation_count_and_action(self):
        """evaluation_count counts draft and validated evaluations; the action
        lists those of this organization only."""
        other = self._create_movement("Otra Organización")
        draft = self._create_evaluation(self.movement, score=3)
        validated = self._create_evaluation(self.movement, score=4)
        validated.action_validate()
        foreign = self._create_evaluation(other, score=1)
        (self.movement | other).invalidate_recordset(["evaluation_count"])
        self.assertEqual(self.movement.evaluation_count, 2)
        self.assertEqual(other.evaluation_count, 1)
        action = self.movement.action_view_evaluations()
        found = self.env["ms.movement.evaluation"].search(action["domain"])
        self.assertEqual(found, draft | validated)
        self.assertNotIn(foreign, found)
        self.assertEqual(action["res_model"], "ms.movement.evaluation")

    def test_last_score_and_trend(self):
        """last_score, last_evaluation_date and score_trend follow the validated
        evaluations by date; drafts are ignored."""

        def check(score, day, trend):
            self.assertRecordValues(
                self.movement,
                [
                    {
                        "last_score": score,
                        "last_evaluation_date": day,
                        "score_trend": trend,
                    }
                ],
            )

        check(0.0, False, False)
        first = self._create_evaluation(self.movement, 3, date=date(2025, 1, 10))
        check(0.0, False, False)  # still a draft
        first.action_validate()
        check(60.0, date(2025, 1, 10), False)  # nothing to compare with

        self._create_evaluation(
            self.movement, 4, date=date(2025, 2, 10)
        ).action_validate()
        check(80.0, date(2025, 2, 10), "up")

        self._create_evaluation(self.movement, 1, date=date(2025, 3, 10))
        check(80.0, date(2025, 2, 10), "up")  # a later draft changes nothing

        self._create_evaluation(
            self.movement, 4, date=date(2025, 4, 10)
        ).action_validate()
        check(80.0, date(2025, 4, 10), "stable")

        last = self._create_evaluation(self.movement, 2, date=date(2025, 5, 10))
        last.action_validate()
        check(40.0, date(2025, 5, 10), "down")

        # An older evaluation validated late does not become the last one.
        self._create_evaluation(
            self.movement, 5, date=date(2024, 12, 1)
        ).action_validate()
        check(40.0, date(2025, 5, 10), "down")

        last.action_reset_draft()
        check(80.0, date(2025, 4, 10), "stable")

    # Access rights -----------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads organizations but cannot create, write or delete them."""
        movement = self.movement.with_user(self.env.user)
        self.assertEqual(movement.read(["name"])[0]["name"], "Unión Campesina")
        self.assertEqual(movement.stage_id, self.stage_identified)
        with self.assertRaises(AccessError):
            self.env["ms.movement"].create(self._movement_vals("Nueva"))
        with self.assertRaises(AccessError):
            movement.write({"member_estimate": 10})
        with self.assertRaises(AccessError):
            movement.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits organizations but cannot delete them."""
        movement = self.env["ms.movement"].create(
            self._movement_vals(
                "Cooperativa", ms_sector_ids=[Command.link(self.sector_workers.id)]
            )
        )
        self.assertTrue(movement.partner_id.is_company)
        self.assertEqual(movement.user_id, self.env.user)
        movement.write(
            {"member_estimate": 120, "stage_id": self.stage_first_contact.id}
        )
        self.assertEqual(movement.member_estimate, 120)
        with self.assertRaises(AccessError):
            movement.unlink()
        with self.assertRaises(AccessError):
            self.movement.with_user(self.env.user).unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes organizations."""
        movement = self.movement.with_user(self.env.user)
        movement.unlink()
        self.assertFalse(movement.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read organizations."""
        with self.assertRaises(AccessError):
            self.movement.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ms.movement"].search([])
        with self.assertRaises(AccessError):
            self.env["ms.movement"].create(self._movement_vals("Nueva"))

    # Performance -------------------------------------------------------------

    def _count_web_search_read(self, movements, specification):
        """Number of queries of one web_search_read of `movements`, as the
        operator, starting from an empty cache."""
        Movement = self.env["ms.movement"].with_user(self.user_operator)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = Movement.web_search_read(
            [("id", "in", movements.ids)], specification, limit=80
        )
        count = self.env.cr.sql_log_count - before
        self.assertEqual(result["length"], len(movements))
        self.assertEqual({rec["id"] for rec in result["records"]}, set(movements.ids))
        return count

    def test_list_and_kanban_query_count_is_constant(self):
        """Reading the list and kanban views costs the same number of queries
        for 10 organizations as for 50."""
        kinds = self.env["ms.movement.kind"].search([])
        sectors = self.env["ms.sector"].search([])
        strategies = self.env["ms.strategy"].search([])
        stages = self.env["ms.link.stage"].search([])
        users_ = self.user_operator | self.user_coordinator | self.user_manager
        states = self.state_oax | self.state_chis
        movements = self.env["ms.movement"].create(
            [
                self._movement_vals(
                    f"Org {index:02d}",
                    email=f"org{index}@example.mx",
                    kind_id=kinds[index % len(kinds)].id,
                    ms_sector_ids=[
                        Command.set((sectors[index % 5] | sectors[(index + 1) % 7]).ids)
                    ],
                    strategy_ids=[Command.set(strategies[index % 3].ids)],
                    stage_id=stages[index % len(stages)].id,
                    state_id=states[index % 2].id,
                    user_id=users_[index % 3].id,
                    member_estimate=10 * index,
                )
                for index in range(50)
            ]
        )
        for index, movement in enumerate(movements):
            movement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=date(2025, 1, 1 + index % 28),
                summary=f"Call {movement.name}",
                user_id=users_[index % 3].id,
            )
        small, large = movements[:10], movements
        for name, spec in (("list", LIST_SPEC), ("kanban", KANBAN_SPEC)):
            with self.subTest(view=name):
                # warm up the ormcaches (access rights, rules, views...)
                self._count_web_search_read(small, spec)
                self._count_web_search_read(large, spec)
                count_small = self._count_web_search_read(small, spec)
                with self.assertQueryCount(count_small):
                    count_large = self._count_web_search_read(large, spec)
                self.assertEqual(
                    count_small,
                    count_large,
                    f"{name} view: {count_small} queries for 10 organizations, "
                    f"{count_large} for 50",
                )

    def test_too_long_name_is_refused_in_words(self):
        """A 20,000-character name is refused with a clear message (it used to
        reach PostgreSQL: "index row size exceeds maximum"), creating or
        renaming, an organization or a contact; nothing is saved."""
        Movement = self.env["ms.movement"].with_user(self.user_operator)
        count = Movement.search_count([])
        with self.assertRaisesRegex(ValidationError, "at most 512 characters"):
            Movement.create(self._movement_vals("X" * 20000))
        self.assertEqual(Movement.search_count([]), count)
        movement = self._create_movement("Nombre corto")
        with (
            self.assertRaisesRegex(ValidationError, "at most 512 characters"),
            self.env.cr.savepoint(),
        ):
            movement.with_user(self.user_operator).name = "Y" * 20000
        movement.invalidate_recordset()
        with self.assertRaisesRegex(ValidationError, "at most 512 characters"):
            self.env["res.partner"].with_user(self.user_operator).create(
                {"name": "Z" * 600}
            )
        self.assertEqual(movement.name, "Nombre corto")


@tagged("post_install", "-at_install", "ms_movement", "ms_territory")
class TestMsMovementTerritory(MsCase):
    @users("ms_operator")
    def test_postal_code_fills_the_organization_territory(self):
        """Typing a postal code on an organization fills its state and
        municipality (its contact's), and offers the code's settlements."""
        form = Form(self.env["ms.movement"])
        form.name = "Unión de Vecinos del Centro"
        form.zip = "68000"
        self.assertEqual(form.state_id, self.state_oax)
        self.assertEqual(form.municipality_id.name, "Oaxaca de Juárez")
        form.ms_settlement_id = self.env["ms.settlement"].search(
            [("zip_id", "=", form.zip_id.id)], limit=1
        )
        movement = form.save()
        self.assertRecordValues(
            movement.partner_id,
            [
                {
                    "zip": "68000",
                    "street2": "Oaxaca",
                    "state_id": self.state_oax.id,
                    "city_id": movement.municipality_id.id,
                }
            ],
        )
        # choosing a municipality sets its state; one of another state is refused
        form = Form(movement)
        form.municipality_id = self._municipality("CHP", "Tapachula")
        self.assertEqual(form.state_id, self.state_chis)
        self.assertFalse(form.zip_id, "68000 is not a postal code of Tapachula")
        form.save()
        self.assertEqual(movement.partner_id.city_id.name, "Tapachula")
        # (assertRaises rolls back: the state written before the refusal)
        with self.assertRaises(ValidationError) as refused:
            movement.write(
                {
                    "state_id": self.state_oax.id,
                    "municipality_id": self._municipality("CHP", "Tapachula").id,
                }
            )
        self.assertIn(
            "Tapachula is a municipality of Chiapas, not of Oaxaca",
            str(refused.exception),
        )

    @users("ms_operator")
    def test_import_organizations_with_territory(self):
        Movement = self.env["ms.movement"]
        fields = ["name", "state_id", "municipality_id", "zip"]
        result = Movement.load(
            fields,
            [
                ["Colectivo del Valle", "Oaxaca", "Santa Lucia del Camino", ""],
                ["Frente Costeño", "", "", "70000"],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(
            [
                (movement.state_id.code, movement.municipality_id.name)
                for movement in Movement.browse(result["ids"])
            ],
            [
                ("OAX", "Santa Lucía del Camino"),
                ("OAX", "Heroica Ciudad de Juchitán de Zaragoza"),
            ],
        )
        count = Movement.search_count([])
        result = Movement.load(
            fields,
            [
                ["Colectivo Bien", "Oaxaca", "Oaxaca de Juárez", ""],
                ["Colectivo Mal", "Oaxaca", "Juchitán", ""],
            ],
        )
        self.assertFalse(result["ids"])
        self.assertEqual(Movement.search_count([]), count)
        self.assertEqual(len(result["messages"]), 1)
        self.assertIn("Row 2", result["messages"][0]["message"])

    @users("ms_operator")
    def test_import_organizations_with_people(self):
        """Organizations imported with their contact people (one2many sub-rows,
        as Odoo exports them): each contact is created with its people and its
        address, and the organization's copies of it are the contact's."""
        Movement = self.env["ms.movement"]
        fields = [
            "name",
            "code",
            "state_id",
            "municipality_id",
            "zip",
            "street",
            "email",
            "phone",
            "ms_sector_ids",
            "child_ids/name",
            "child_ids/email",
        ]
        result = Movement.load(
            fields,
            [
                [
                    "Unión Campesina del Valle",
                    "UCV",
                    "Oaxaca",
                    "Santa Lucia del Camino",
                    "",
                    "Hidalgo 12",
                    "ucv@example.com",
                    "+52 951 000 0000",
                    "Peasants",
                    "Rosa Matus",
                    "rosa@example.com",
                ],
                [
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Benito Toledo",
                    "benito@example.com",
                ],
                [
                    "Frente Costeño",
                    "FC",
                    "",
                    "",
                    "70000",
                    "",
                    "",
                    "",
                    "",
                    "Itzel",
                    "i@example.com",
                ],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        # a country written is kept (not the organizations' default, Mexico)
        abroad = Movement.load(
            ["name", "country_id", "child_ids/name", "child_ids/email"],
            [["Comité de Solidaridad", "Guatemala", "Juana López", "j@example.com"]],
        )
        self.assertFalse(abroad["messages"], abroad["messages"])
        valle, coast = Movement.browse(result["ids"])
        abroad = Movement.browse(abroad["ids"])
        self.assertEqual(
            [(m.code, m.state_id.code, m.municipality_id.name) for m in (valle, coast)],
            [
                ("UCV", "OAX", "Santa Lucía del Camino"),
                ("FC", "OAX", "Heroica Ciudad de Juchitán de Zaragoza"),
            ],
        )
        contact = valle.partner_id
        self.assertTrue(contact.is_company)
        self.assertEqual(
            (contact.name, contact.street, contact.email, contact.phone),
            (
                "Unión Campesina del Valle",
                "Hidalgo 12",
                "ucv@example.com",
                "+52 951 000 0000",
            ),
        )
        self.assertEqual(
            (contact.state_id, contact.city_id, contact.country_id),
            (valle.state_id, valle.municipality_id, self.mx),
        )
        self.assertEqual(valle.ms_sector_ids, self.sector_peasants)
        self.assertEqual(contact.ms_sector_ids, self.sector_peasants)
        self.assertEqual(valle.country_id, self.mx)
        self.assertEqual(coast.partner_id.zip, "70000")
        self.assertEqual(abroad.country_id, self.env.ref("base.gt"))
        self.assertEqual(abroad.partner_id.country_id, self.env.ref("base.gt"))
        # each person under their own organization, with its address
        people = {person.email: person for person in (valle | coast | abroad).child_ids}
        self.assertEqual(len(people), 4)
        for email, movement in (
            ("rosa@example.com", valle),
            ("benito@example.com", valle),
            ("i@example.com", coast),
            ("j@example.com", abroad),
        ):
            with self.subTest(email=email):
                person = people[email]
                self.assertEqual(person.parent_id, movement.partner_id)
                self.assertFalse(person.is_company)
                self.assertEqual(person.state_id, movement.state_id)
                self.assertEqual(person.city_id, movement.municipality_id)
                self.assertEqual(person.country_id, movement.country_id)
        self.assertEqual(people["rosa@example.com"].street, "Hidalgo 12")
        self.assertEqual(people["i@example.com"].zip, "70000")

    @users("ms_operator")
    def test_create_with_people(self):
        """An organization created with its contact people and address (the
        form): the contact has them, the organization's copies are its."""
        movement = self.env["ms.movement"].create(
            {
                "name": "Colectivo Xóchitl",
                "state_id": self.state_oax.id,
                "email": "colectivo@example.com",
                "street": "Reforma 5",
                "ms_sector_ids": [Command.set(self.sector_youth.ids)],
                "child_ids": [
                    Command.create({"name": "Citlali Ruiz", "email": "c@example.com"})
                ],
            }
        )
        contact = movement.partner_id
        self.assertEqual(
            (contact.name, contact.email, contact.street, contact.state_id),
            ("Colectivo Xóchitl", "colectivo@example.com", "Reforma 5", self.state_oax),
        )
        self.assertEqual(contact.country_id, self.mx)
        self.assertEqual(movement.country_id, self.mx)
        self.assertEqual(movement.state_id, self.state_oax)
        self.assertEqual(movement.ms_sector_ids, self.sector_youth)
        self.assertEqual(movement.child_ids.mapped("name"), ["Citlali Ruiz"])
        self.assertEqual(movement.child_ids.parent_id, contact)
        self.assertEqual(movement.child_ids.state_id, self.state_oax)
        self.assertEqual(movement.child_ids.street, "Reforma 5")
