from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import email_normalize

from odoo.addons.mail.tests.common import MockEmail

from .common import MsCase


class Killed(BaseException):
    """The process dies (SIGKILL): no `except Exception` of Odoo's catches it."""


@tagged("post_install", "-at_install", "ms_mailing")
class TestMsMailQueue(MsCase, MockEmail):
    """The addon's mailings are sent at most once by Odoo's mail queue, even if
    the process running it dies mid-send: each mail is committed as
    interrupted just before it goes to the SMTP server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sector = cls._create_sector("Cola de Envío", "TCOLA")
        cls.people = cls.env["res.partner"]
        for i in range(3):
            cls.people |= cls._create_contact(
                f"Cola {i}", f"cola{i}@example.mx", sector
            )
        action = sector.action_ms_send_mailing()
        cls.addon_mailing = cls.env["mailing.mailing"].browse(action["res_id"])
        cls.plain_mailing = cls.env["mailing.mailing"].create(
            {
                "subject": "Plain",
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "in", cls.people.ids)]),
            }
        )
        (cls.addon_mailing | cls.plain_mailing).body_html = "<p>Hola</p>"

    def _queued(self):
        """Both mailings' mails, created as by the mailing queue (in a test,
        Odoo doesn't send them: they stay in the mail queue)."""
        self.addon_mailing.action_send_mail()
        self.plain_mailing.action_send_mail()
        mails = self.env["mail.mail"].search(
            [("mailing_id", "in", (self.addon_mailing | self.plain_mailing).ids)],
            order="id",
        )
        self.assertEqual(len(mails), 6)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        return mails

    def _received(self, subject, messages=None):
        """How many messages each address got for a mailing's subject."""
        counts = {}
        for sent in self._mails if messages is None else messages:
            if sent["subject"] == subject:
                for to in sent["email_to"]:
                    counts[email_normalize(to)] = counts.get(email_normalize(to), 0) + 1
        return counts

    def test_committed_before_smtp(self):
        """With auto-commit (the queue cron), an addon mailing's mail is
        committed in exception, interrupted, before each SMTP send, then sent;
        a plain mailing's keeps Odoo's single commit after sending."""
        mails = self._queued()
        commits = []

        def commit():
            in_exception = mails.filtered(
                lambda m: m.state == "exception" and m.failure_reason
            )
            commits.append((len(self._mails), in_exception.mailing_id))

        with (
            self.mock_mail_gateway(mail_unlink_sent=False),
            patch.object(self.env.cr, "commit", commit),
        ):
            mails.send(auto_commit=True)
        addon = self.addon_mailing.subject
        self.assertEqual(self._received(addon), {p.email: 1 for p in self.people})
        self.assertEqual(self._received("Plain"), {p.email: 1 for p in self.people})
        # addon mailing: marker (nothing sent yet for that mail), then Odoo's
        # commit; the plain mailing: Odoo's commit only
        self.assertEqual(
            commits,
            [
                (0, self.addon_mailing),
                (1, self.env["mailing.mailing"]),
                (1, self.addon_mailing),
                (2, self.env["mailing.mailing"]),
                (2, self.addon_mailing),
                (3, self.env["mailing.mailing"]),
                (4, self.env["mailing.mailing"]),
                (5, self.env["mailing.mailing"]),
                (6, self.env["mailing.mailing"]),
            ],
        )
        self.assertEqual(set(mails.mapped("state")), {"sent"})
        self.assertFalse(any(mails.mapped("failure_reason")))

    def test_killed_mid_send_not_sent_twice(self):
        """The process dies after the marker of the second mail: the next run
        of the queue sends the others and not that one, which stays failed as
        interrupted; nobody gets a message twice."""
        mails = self._queued()
        calls = []

        def commit():
            calls.append(len(self._mails))
            if len(calls) == 3:  # marker, Odoo's commit, then the next marker
                raise Killed

        # not assertRaises: Odoo's rolls back to a savepoint, as no process
        # death does to what was committed
        killed = False
        with (
            self.mock_mail_gateway(mail_unlink_sent=False),
            patch.object(self.env.cr, "commit", commit),
        ):
            try:
                mails.send(auto_commit=True)
            except Killed:
                killed = True
        self.assertTrue(killed)
        self.assertEqual(len(self._mails), 1)
        before = list(self._mails)
        interrupted = mails.filtered(lambda m: m.state == "exception")
        self.assertEqual(len(interrupted), 1)
        self.assertIn("interrupted", interrupted.failure_reason)
        # the queue after a restart
        with self.mock_mail_gateway(mail_unlink_sent=False):
            self.env["mail.mail"].process_email_queue(email_ids=mails.ids)
        self.assertEqual(len(self._mails), 4)  # the third mail, the plain three
        messages = before + self._mails
        lost = interrupted.mailing_trace_ids.email
        self.assertEqual(
            self._received(self.addon_mailing.subject, messages),
            {p.email: 1 for p in self.people if p.email != lost},
        )
        self.assertEqual(
            self._received("Plain", messages), {p.email: 1 for p in self.people}
        )
        self.assertEqual(interrupted.state, "exception")
        self.assertEqual(interrupted.mailing_trace_ids.trace_status, "error")
        self.assertEqual(
            set((mails - interrupted).mailing_trace_ids.mapped("trace_status")),
            {"sent"},
        )


@tagged("post_install", "-at_install", "ms_mailing")
class TestMsMailQueueContinues(MsCase, MockEmail):
    """Run by its cron, the mail queue runs again at once while due mails are
    left after its batch (Odoo 19 waited for its next scheduled run)."""

    def _triggers(self):
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action")
        return self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])

    def test_queue_triggers_itself_while_mails_are_due(self):
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action")
        Mail = self.env["mail.mail"].sudo()
        mails = Mail.create(
            [
                {"email_to": f"cola{i}@example.mx", "subject": "Cola", "body_html": "x"}
                for i in range(3)
            ]
        )
        # only these (the database may hold other queued mails)
        queue = Mail.with_context(cron_id=cron.id, filters=[("id", "in", mails.ids)])
        before = self._triggers()
        with self.mock_mail_gateway():
            queue.process_email_queue(batch_size=2)
        self.assertEqual(len(self._mails), 2)
        self.assertEqual(self._triggers(), before + 1)  # one mail is left
        with self.mock_mail_gateway():
            queue.process_email_queue(batch_size=2)
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._triggers(), before + 1)  # none left: no trigger
        self.assertEqual(set(mails.exists().mapped("state")) - {"sent"}, set())
        # outside its cron (a button, a script), mails left trigger nothing
        others = Mail.create(
            [
                {"email_to": f"otra{i}@example.mx", "subject": "x", "body_html": "x"}
                for i in range(2)
            ]
        )
        with self.mock_mail_gateway():
            Mail.with_context(filters=[("id", "in", others.ids)]).process_email_queue(
                batch_size=1
            )
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._triggers(), before + 1)
