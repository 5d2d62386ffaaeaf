from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_privacy")
class TestMsPrivacyNotice(MsCase):
    """Versions of the privacy notice (ms.privacy.notice)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.notice_old = cls._create_notice(
            "T-2024-1", date_published=today - timedelta(days=400)
        )
        cls.notice_latest = cls._create_notice(
            "T-2026-1", date_published=today - timedelta(days=3)
        )
        cls.notice_future = cls._create_notice(
            "T-2099-1", date_published=today + timedelta(days=30)
        )
        cls.person = cls._create_contact("Rosa Consentida", "rosa@example.mx")

    def test_current_is_latest_published(self):
        """The current notice is the one published last, not a newer one whose
        publication date is still to come, nor an older one."""
        self.assertEqual(self.env["ms.privacy.notice"]._current(), self.notice_latest)

    def test_current_ignores_archived(self):
        """An archived notice is no longer the current one: the previous
        published version is."""
        self.notice_latest.active = False
        self.assertEqual(self.env["ms.privacy.notice"]._current(), self.notice_old)

    def test_consent_default_notice(self):
        """A new consent points by default to the current notice; publishing a
        newer version today makes it the default of the next consents, and the
        earlier consents keep the version they accepted."""
        first = self._create_consent(self.person)
        self.assertEqual(first.privacy_notice_id, self.notice_latest)
        newer = self._create_notice("T-2026-2")
        self.assertEqual(newer.date_published, fields.Date.context_today(newer))
        second = self._create_consent(self.person, purpose="contact")
        self.assertEqual(second.privacy_notice_id, newer)
        self.assertEqual(first.privacy_notice_id, self.notice_latest)

    def test_consent_default_notice_as_operator(self):
        """An Operador, who only reads notices, gets the current one as the
        default notice of the consent they record."""
        consent = self._create_consent(
            self.person, env=self.env(user=self.user_operator)
        )
        self.assertEqual(consent.privacy_notice_id, self.notice_latest)

    def test_unique_version_and_kind(self):
        """A version exists once per kind: the same version as a simplified
        notice is accepted, a second full notice of that version is not."""
        simplified = self._create_notice("T-2026-1", kind="simplified")
        self.assertEqual(simplified.kind, "simplified")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(ValidationError),
            self.env.cr.savepoint(),
        ):
            self._create_notice("T-2026-1", kind="full")
            self.env.flush_all()

    def test_consent_count(self):
        """Each notice counts the consents that accepted it."""
        self._create_consent(self.person, privacy_notice_id=self.notice_old.id)
        self._create_consent(
            self.person, purpose="contact", privacy_notice_id=self.notice_old.id
        )
        self._create_consent(self.person, purpose="sensitive_data")
        notices = self.notice_old | self.notice_latest | self.notice_future
        notices.invalidate_recordset(["consent_count"])
        self.assertEqual(notices.mapped("consent_count"), [2, 1, 0])
