from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail, mail_new_test_user

from .common import MsCase

TODAY = date(2026, 3, 10)


@tagged("post_install", "-at_install", "ms_privacy")
class TestMsConsent(MsCase):
    """Consents (ms.consent): validity, revocation and its constraint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._create_contact("Rosa Consentida", "rosa@example.mx")

    def _consent(self, given, revoked=False, purpose="mass_communications"):
        """A consent of a person of its own (a revocation ends all the consents
        of a person for the purpose: these are separate cases)."""
        person = self._create_contact("Persona Consentida")
        return self._create_consent(
            person, purpose=purpose, date_given=given, date_revoked=revoked
        )

    @freeze_time("2026-03-10 12:00:00")
    def test_is_valid(self):
        """A consent is valid from the day it is given until the day it is
        revoked: given today is valid, revoked today or before is not, given in
        the future is not yet, revoked in the future still is."""
        given_today = self._consent(TODAY)
        revoked_today = self._consent(TODAY - timedelta(days=5), TODAY)
        revoked_before = self._consent(
            TODAY - timedelta(days=5), TODAY - timedelta(days=1)
        )
        given_tomorrow = self._consent(TODAY + timedelta(days=1))
        revoked_tomorrow = self._consent(
            TODAY - timedelta(days=5), TODAY + timedelta(days=1)
        )
        self.assertTrue(given_today.is_valid)
        self.assertFalse(revoked_today.is_valid)
        self.assertFalse(revoked_before.is_valid)
        self.assertFalse(given_tomorrow.is_valid)
        self.assertTrue(revoked_tomorrow.is_valid)

        # the next day, the future consent is valid and the revocation applies
        with freeze_time("2026-03-11 12:00:00"):
            self.env.invalidate_all()
            self.assertTrue(given_tomorrow.is_valid)
            self.assertFalse(revoked_tomorrow.is_valid)
            self.assertTrue(given_today.is_valid)

    @freeze_time("2026-03-10 12:00:00")
    def test_search_is_valid(self):
        """Searching on the validity finds the valid consents (is_valid = True)
        and exactly the others (is_valid = False, is_valid != True)."""
        valid = self._consent(TODAY) | self._consent(
            TODAY - timedelta(days=5), TODAY + timedelta(days=1)
        )
        invalid = (
            self._consent(TODAY - timedelta(days=5), TODAY)
            | self._consent(TODAY - timedelta(days=5), TODAY - timedelta(days=1))
            | self._consent(TODAY + timedelta(days=1))
        )
        Consent = self.env["ms.consent"]
        mine = [("id", "in", (valid | invalid).ids)]
        self.assertEqual(Consent.search([*mine, ("is_valid", "=", True)]), valid)
        self.assertEqual(Consent.search([*mine, ("is_valid", "=", False)]), invalid)
        self.assertEqual(Consent.search([*mine, ("is_valid", "!=", True)]), invalid)

    @freeze_time("2026-03-10 12:00:00")
    def test_search_is_valid_either(self):
        """Searching for valid or not valid consents (is_valid in [True, False])
        finds them all."""
        consents = self._consent(TODAY) | self._consent(TODAY + timedelta(days=1))
        self.assertEqual(
            self.env["ms.consent"].search(
                [("id", "in", consents.ids), ("is_valid", "in", [True, False])]
            ),
            consents,
        )

    @freeze_time("2026-03-10 12:00:00")
    def test_is_valid_follows_date_given(self):
        """Moving the date a consent was given to the future makes it not valid
        yet, in the same transaction (the validity depends on that date)."""
        consent = self._consent(TODAY)
        self.assertTrue(consent.is_valid)
        consent.date_given = TODAY + timedelta(days=1)
        self.assertFalse(consent.is_valid)

    @freeze_time("2026-03-10 12:00:00")
    def test_revocation_cannot_be_undone_by_a_copy_or_backdating(self):
        """A revoked consent can't be brought back by copying it, nor by
        recording a consent given before the revocation; a new consent given
        after it is recorded (the person consents again)."""
        person = self._create_contact("Revocadora", "revoca@example.mx")
        consent = self._create_consent(person, date_given=TODAY - timedelta(days=30))
        env = self.env(user=self.user_operator)
        consent.with_env(env).action_revoke()
        with self.assertRaises(UserError):
            consent.with_env(env).copy()
        with self.assertRaises(ValidationError):
            self._create_consent(person, env=env, date_given=TODAY - timedelta(days=10))
        again = self._create_consent(person, env=env, date_given=TODAY)
        self.assertTrue(again.is_valid)

    def test_revoke_ends_every_consent_for_the_purpose(self):
        """Revoking ends the person's consent for the purpose: all their valid
        consents for it are revoked, not only the one clicked."""
        person = self._create_contact("Doble", "doble@example.mx")
        first = self._create_consent(person, date_given=TODAY - timedelta(days=60))
        second = self._create_consent(person, date_given=TODAY - timedelta(days=5))
        other = self._create_consent(person, purpose="contact")
        first.with_user(self.user_operator).action_revoke()
        self.assertTrue(first.date_revoked and second.date_revoked)
        self.assertFalse(other.date_revoked)

    @users("ms_operator")
    @freeze_time("2026-03-10 12:00:00")
    def test_action_revoke(self):
        """Revoking sets today's date on the consents not revoked yet, makes them
        not valid, and leaves the date of an earlier revocation unchanged."""
        consent = self._consent(TODAY - timedelta(days=30))
        already = self._consent(
            TODAY - timedelta(days=30), TODAY - timedelta(days=5), purpose="contact"
        )
        consents = (consent | already).with_user(self.env.user)
        consents.action_revoke()
        self.assertEqual(consent.date_revoked, TODAY)
        self.assertEqual(already.date_revoked, TODAY - timedelta(days=5))
        self.assertFalse(consent.is_valid)
        self.assertFalse(already.is_valid)

    def test_revocation_not_before_consent(self):
        """The database refuses a revocation dated before the consent, on
        creation and on update; the same day is accepted."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(ValidationError),
            self.env.cr.savepoint(),
        ):
            self._consent(TODAY, TODAY - timedelta(days=1))
            self.env.flush_all()
        consent = self._consent(TODAY)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(ValidationError),
            self.env.cr.savepoint(),
        ):
            consent.date_revoked = TODAY - timedelta(days=1)
            self.env.flush_all()
        self.env.invalidate_all()
        consent.date_revoked = TODAY
        self.env.flush_all()
        self.assertEqual(consent.date_revoked, TODAY)


@tagged("post_install", "-at_install", "ms_privacy", "ms_mailing")
@freeze_time("2026-03-10 18:00:00")  # the same day in Mexico City and in UTC
class TestMsConsentMailing(MsCase, MockEmail):
    """The setting "Require consent for mass communications" on the mailings of
    the addon, and only on them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        long_ago = today - timedelta(days=60)
        sector = cls.sector_consent = cls._create_sector("Consentimiento", "TCON")
        contact = cls._create_contact
        cls.valid = contact("Valeria", "valeria@example.mx", sector)
        cls.revoked = contact("Renata", "renata@example.mx", sector)
        cls.revoked_today = contact("Hoy Revoca", "hoy@example.mx", sector)
        cls.other_purpose = contact("Otilia", "otilia@example.mx", sector)
        cls.revoked_tomorrow = contact("Mañana Revoca", "manana@example.mx", sector)
        cls.given_tomorrow = contact("Futura", "futura@example.mx", sector)
        cls.twice = contact("Dos Veces", "dosveces@example.mx", sector)
        cls.none = contact("Nadie", "nadie@example.mx", sector)
        cls.no_email = contact("Sin Correo", sectors=sector)

        consent = cls._create_consent
        consent(cls.valid, date_given=long_ago)
        consent(cls.revoked, date_given=long_ago, date_revoked=today - timedelta(1))
        consent(cls.revoked_today, date_given=long_ago, date_revoked=today)
        consent(cls.other_purpose, purpose="contact", date_given=long_ago)
        consent(cls.other_purpose, purpose="sensitive_data", date_given=long_ago)
        consent(
            cls.revoked_tomorrow, date_given=long_ago, date_revoked=today + timedelta(1)
        )
        consent(cls.given_tomorrow, date_given=today + timedelta(days=1))
        consent(cls.twice, date_given=long_ago, date_revoked=today - timedelta(30))
        consent(cls.twice, date_given=today - timedelta(days=10))
        consent(cls.no_email, date_given=long_ago)

        cls.with_email = (
            cls.valid
            | cls.revoked
            | cls.revoked_today
            | cls.other_purpose
            | cls.revoked_tomorrow
            | cls.given_tomorrow
            | cls.twice
            | cls.none
        )
        cls.consenting = cls.valid | cls.revoked_tomorrow | cls.twice

    def _require_consent(self, required):
        self.env.company.sudo().ms_require_consent = required
        self.env.invalidate_all()

    def _sector_mailing(self):
        action = self.sector_consent.with_user(self.env.user).action_ms_send_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertTrue(mailing.ms_addon_mailing)
        return mailing

    def _plain_mailing(self):
        """A partner mailing made in Email Marketing on the same contacts."""
        return self.env["mailing.mailing"].create(
            {
                "subject": "Boletín",
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr(
                    [
                        ("ms_sector_ids", "child_of", self.sector_consent.ids),
                        ("email", "!=", False),
                    ]
                ),
            }
        )

    def _recipients_domain_partners(self, mailing):
        partners = self.env["res.partner"].search(mailing._get_recipients_domain())
        self.assertEqual(set(mailing._get_recipients()), set(partners.ids))
        return partners

    def _send(self, mailing):
        """Send `mailing` through a mocked SMTP server; return the partners
        its emails were addressed to."""
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail()
        self.assertEqual(mailing.state, "done")
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(len(mails), len(mails.recipient_ids))
        return mails.recipient_ids

    @users("ms_operator")
    def test_consent_not_required(self):
        """Without the setting, a sector mailing reaches every contact of the
        sector with an email, with or without consent."""
        self._require_consent(False)
        mailing = self._sector_mailing()
        self.assertEqual(self._recipients_domain_partners(mailing), self.with_email)
        self.assertEqual(mailing.ms_audience_count, 8)
        self.assertEqual(self.sector_consent.mailing_audience_count, 8)
        self.assertEqual(self._send(mailing), self.with_email)

    @users("ms_operator")
    def test_consent_required(self):
        """With the setting, a sector mailing reaches only the contacts with a
        valid consent for mass communications: not a revoked one (yesterday or
        today), not one given tomorrow, not a consent for another purpose, not
        without consent; a revocation tomorrow still counts as valid, and a new
        consent after a revoked one too."""
        self._require_consent(True)
        mailing = self._sector_mailing()
        self.assertEqual(self._recipients_domain_partners(mailing), self.consenting)
        self.assertEqual(mailing.ms_audience_count, 3)
        self.assertEqual(self.sector_consent.mailing_audience_count, 3)
        self.assertEqual(self._send(mailing), self.consenting)
        traced = self.env["mailing.trace"].search(
            [("mass_mailing_id", "=", mailing.id)]
        )
        self.assertEqual(set(traced.mapped("res_id")), set(self.consenting.ids))

    @users("ms_operator")
    def test_consent_checked_at_send_time(self):
        """The setting and the consents apply when the mailing is sent, not when
        it was created: a mailing prepared before the setting was turned on only
        reaches the consenting contacts, and a consent revoked in between
        removes its contact."""
        self._require_consent(False)
        mailing = self._sector_mailing()
        self._require_consent(True)
        self.valid.ms_consent_ids.sudo().action_revoke()
        self.assertEqual(mailing.ms_audience_count, 2)
        self.assertEqual(self._send(mailing), self.revoked_tomorrow | self.twice)

    @users("ms_operator")
    def test_copied_mailing_keeps_consent_filter(self):
        """A duplicate of an addon mailing is still an addon mailing: the
        setting applies to it."""
        self._require_consent(True)
        copy = self._sector_mailing().copy()
        self.assertTrue(copy.ms_addon_mailing)
        self.assertEqual(self._recipients_domain_partners(copy), self.consenting)

    @users("ms_operator")
    def test_plain_mailing_needs_consent_too(self):
        """Consent applies to every mailing that reaches people the commission
        records, whichever menu created it: a mailing made in Email Marketing
        on the same contacts reaches only the consenting ones when consent is
        required; an ordinary contact (not recorded by the commission) is
        reached either way."""
        ordinary = self._create_contact("Cliente Común", "cliente@example.mx")
        for required in (False, True):
            with self.subTest(require_consent=required):
                self._require_consent(required)
                mailing = self._plain_mailing()
                self.assertFalse(mailing.ms_addon_mailing)
                expected = self.consenting if required else self.with_email
                self.assertEqual(self._recipients_domain_partners(mailing), expected)
                self.assertEqual(mailing.ms_audience_count, len(expected))
                self.assertEqual(self._send(mailing), expected)
                by_email = self.env["mailing.mailing"].create(
                    {
                        "subject": "Aviso",
                        "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                        "mailing_domain": repr(
                            [
                                (
                                    "email",
                                    "in",
                                    ["cliente@example.mx", "renata@example.mx"],
                                )
                            ]
                        ),
                    }
                )
                self.assertEqual(
                    self._send(by_email),
                    ordinary if required else ordinary | self.revoked,
                )

    def test_commission_mailing_closed_to_marketing_outsiders(self):
        """The commission's mailings (whom they target, who was reached) are the
        commission's: an Email Marketing user outside it doesn't find them,
        can't read, count or send them; the commission's Operador does."""
        marketer = mail_new_test_user(
            self.env,
            login="ms_marketer",
            groups="base.group_user,mass_mailing.group_mass_mailing_user",
            name="Marta Mercadotecnia",
            email="ms_marketer@example.mx",
        )
        self._require_consent(True)
        mailing = self._sector_mailing()
        self.assertTrue(mailing.ms_commission_mailing)
        Mailing = self.env["mailing.mailing"].with_user(marketer)
        self.assertFalse(Mailing.search([("id", "=", mailing.id)]))
        with self.assertRaises(AccessError):
            mailing.with_user(marketer).read(["subject", "mailing_domain"])
        with self.assertRaises(AccessError):
            mailing.with_user(marketer).action_send_mail()
        self.assertEqual(mailing.with_user(self.user_operator).ms_audience_count, 3)
        self.assertEqual(self._send(mailing), self.consenting)

    def test_require_consent_setting(self):
        """The setting is stored on the company, on for a new company (as in a
        new database; MsCase turns it off for the tests' company), shown in the
        general settings to an Administrador who configures Odoo, edited
        there."""
        company = self.env["res.company"].create({"name": "Otra Comisión"})
        self.assertTrue(company.ms_require_consent)
        self.assertFalse(self.env.company.ms_require_consent)
        admin = self._create_user(
            "ms_settings",
            "base.group_system,movimientos_sociales.group_ms_manager",
            "Sara Sistemas",
        )
        Settings = self.env["res.config.settings"].with_user(admin)
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="ms_require_consent"', arch)
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.ms_require_consent)
        settings.ms_require_consent = True
        settings.execute()
        self.assertTrue(self.env.company.ms_require_consent)
        self.assertEqual(
            self.sector_consent.with_user(self.user_operator).mailing_audience_count,
            3,
        )
