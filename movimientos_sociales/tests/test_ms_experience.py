from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import MsCase


@tagged("post_install", "-at_install", "ms_experience")
class TestMsExperience(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector_first = cls._create_sector(
            "Pescadores", "TEST_FISH", sequence=1, color=7
        )
        cls.sector_second = cls._create_sector(
            "Artesanos", "TEST_CRAFT", sequence=2, color=3
        )

    @classmethod
    def _create_experience(cls, name="Cooperativa de Agua", env=None, **vals):
        env = env or cls.env
        return env["ms.experience"].create({"name": name, **vals})

    def _words_domain(self, word):
        """The domain of the search view's "Words" filter for `word`, read from
        the view's arch as the web client evaluates it."""
        arch = self.env["ms.experience"].get_views([(False, "search")])["views"][
            "search"
        ]["arch"]
        nodes = etree.fromstring(arch).xpath("//field[@string='Words']")
        self.assertEqual(len(nodes), 1, "the search view has one Words field")
        return safe_eval(nodes[0].get("filter_domain"), {"self": word})

    # Lifecycle -------------------------------------------------------------------

    def test_lifecycle(self):
        """Draft, validated by a coordinator, published; a coordinator may put
        a validated or published experience back to draft."""
        experience = self._create_experience().with_user(self.user_coordinator)
        self.assertEqual(experience.state, "draft")
        experience.action_validate()
        self.assertEqual(experience.state, "validated")
        experience.action_reset_draft()
        self.assertEqual(experience.state, "draft")
        experience.action_validate()
        experience.action_publish()
        self.assertEqual(experience.state, "published")
        experience.action_reset_draft()
        self.assertEqual(experience.state, "draft")

    def test_operator_cannot_validate_or_reset(self):
        """An operator can neither validate an experience nor put it back to
        draft, but may publish a validated one."""
        experience = self._create_experience()
        as_operator = experience.with_user(self.user_operator)
        with self.assertRaises(AccessError):
            as_operator.action_validate()
        self.assertEqual(experience.state, "draft")
        experience.with_user(self.user_coordinator).action_validate()
        as_operator.action_publish()
        self.assertEqual(experience.state, "published")
        with self.assertRaises(AccessError):
            as_operator.action_reset_draft()
        self.assertEqual(experience.state, "published")

    def test_publish_says_what_it_did(self):
        """Publishing says what it did, and only that: the experience moves to
        the Published filter (every commission user already reads experiences
        in any status; nothing leaves Odoo). The notification goes away by
        itself and the form reloads; the chatter keeps a note of it."""
        experience = self._create_experience("Tienda comunitaria de San Juan")
        experience.with_user(self.user_coordinator).action_validate()
        action = experience.with_user(self.user_operator).action_publish()
        self.assertEqual(experience.state, "published")
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertFalse(params["sticky"])
        self.assertEqual(params["title"], "Experience published")
        self.assertIn("“Tienda comunitaria de San Juan”", params["message"])
        self.assertIn("Published filter", params["message"])
        self.assertIn("nothing is sent outside Odoo", params["message"])
        self.assertEqual(
            params["next"], {"type": "ir.actions.client", "tag": "soft_reload"}
        )
        note = experience.message_ids[:1]
        self.assertIn("Experience published", note.body)
        self.assertEqual(note.author_id, self.user_operator.partner_id)
        search = self.env["ms.experience"].get_views([(False, "search")])["views"]
        published = etree.fromstring(search["search"]["arch"]).xpath(
            "//filter[@name='published']"
        )[0]
        self.assertEqual(published.get("string"), "Published")
        self.assertEqual(
            safe_eval(published.get("domain")), [("state", "=", "published")]
        )

    def test_forbidden_transitions(self):
        """A draft cannot be published nor reset; a validated experience cannot
        be validated again, nor a published one validated or published."""
        experience = self._create_experience()
        with self.assertRaises(UserError):
            experience.action_publish()
        with self.assertRaises(UserError):
            experience.action_reset_draft()
        experience.action_validate()
        with self.assertRaises(UserError):
            experience.action_validate()
        experience.action_publish()
        with self.assertRaises(UserError):
            experience.action_validate()
        with self.assertRaises(UserError):
            experience.action_publish()
        self.assertEqual(experience.state, "published")

    # Data ------------------------------------------------------------------------

    def test_dates_check(self):
        """An experience cannot end before it starts; a one-day experience or
        an open end is fine."""
        experience = self._create_experience(
            date_from=date(2024, 5, 1), date_to=date(2024, 5, 1)
        )
        experience.date_to = False
        self.env.flush_all()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                experience.date_to = date(2024, 4, 30)
                experience.flush_recordset()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._create_experience(
                    date_from=date(2024, 5, 1), date_to=date(2024, 4, 1)
                ).flush_recordset()

    def test_words_filter_searches_every_text(self):
        """The "Words" filter of the search view finds an experience by a word
        that appears only in one of its texts, and not the others."""
        texts = ("context", "activities", "results", "lessons", "recommendations")
        experiences = {
            field: self._create_experience(
                f"Experiencia {field}",
                **{field: f"<p>Lo que aprendimos: zz{field}qq en la asamblea.</p>"},
            )
            for field in texts
        }
        other = self._create_experience(
            "Brigada Zapoteca de Salud", lessons="<p>Nothing in common.</p>"
        )
        Experience = self.env["ms.experience"]
        for field in texts:
            with self.subTest(field=field):
                found = Experience.search(self._words_domain(f"zz{field}qq"))
                self.assertEqual(found, experiences[field])
        # case-insensitive, and the title is searched too
        self.assertEqual(
            Experience.search(self._words_domain("ZZLESSONSQQ")),
            experiences["lessons"],
        )
        self.assertEqual(
            Experience.search(self._words_domain("brigada zapoteca")), other
        )

    def test_color_of_first_sector(self):
        """The color of an experience is the color of its first sector (in the
        sectors' order), 0 without sectors."""
        experience = self._create_experience(
            sector_ids=[Command.set((self.sector_second | self.sector_first).ids)]
        )
        # read back as stored, in the sectors' order
        experience.invalidate_recordset()
        self.assertEqual(experience.sector_ids[0], self.sector_first)
        self.assertEqual(experience.color, 7)
        self.assertEqual(self._create_experience("Sin sector").color, 0)

    def test_color_follows_sectors(self):
        """The color follows a change of sectors, or of the first sector's
        color, without waiting for the cache to be cleared."""
        experience = self._create_experience(
            sector_ids=[Command.set((self.sector_first | self.sector_second).ids)]
        )
        self.assertEqual(experience.color, 7)
        experience.sector_ids = [Command.unlink(self.sector_first.id)]
        self.assertEqual(experience.color, 3)
        self.sector_second.color = 5
        self.assertEqual(experience.color, 5)

    def test_conferences(self):
        """An experience is linked to the conferences where it was shared, and
        can be found by them."""
        conference = self._create_conference()
        other_conference = self._create_conference("Foro Obrero")
        experience = self._create_experience(
            conference_ids=[Command.set(conference.ids)]
        )
        self.assertEqual(experience.conference_ids, conference)
        Experience = self.env["ms.experience"]
        self.assertEqual(
            Experience.search([("conference_ids", "in", conference.ids)]), experience
        )
        self.assertFalse(
            Experience.search([("conference_ids", "in", other_conference.ids)])
        )

    # Access rights ---------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads experiences but cannot create, write or delete them."""
        experience = self._create_experience().with_user(self.env.user)
        self.assertEqual(experience.read(["name"])[0]["name"], "Cooperativa de Agua")
        with self.assertRaises(AccessError):
            self._create_experience(env=self.env)
        with self.assertRaises(AccessError):
            experience.write({"name": "Otra"})
        with self.assertRaises(AccessError):
            experience.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits experiences but cannot delete them."""
        experience = self._create_experience(env=self.env)
        experience.write({"lessons": "<p>Organize first.</p>"})
        self.assertIn("Organize first.", experience.lessons)
        with self.assertRaises(AccessError):
            experience.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes experiences."""
        experience = self._create_experience(env=self.env)
        experience.unlink()
        self.assertFalse(experience.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read experiences."""
        experience = self._create_experience()
        with self.assertRaises(AccessError):
            experience.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._create_experience(env=self.env)
