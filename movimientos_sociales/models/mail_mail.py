from odoo import api, fields, models


class MailMail(models.Model):
    """A mail of the addon's mailings is sent at most once, even if the process
    sending it dies (SIGKILL, OOM, a machine restart) mid-queue.

    Odoo's queue (`_send` with auto_commit) commits each mail once the SMTP
    server accepted it: a process killed between the server's 250 and that
    commit leaves the mail "outgoing", and the next run sends it again. For the
    addon's mailings the mail is committed "in exception, interrupted" just
    before it goes to the SMTP server: a run that dies then leaves it there,
    visible as failed (the mailing's "Retry" sends it again), instead of
    mailing the person twice.
    Other mailings keep Odoo's behaviour.

    The queue also goes on while mails are due (`process_email_queue`)."""

    _inherit = "mail.mail"

    @api.model
    def process_email_queue(self, email_ids=(), batch_size=1000):
        """Odoo 19's queue sends one batch (1,000 mails) per run and means to
        report its progress to the cron so that it runs again at once, but
        checks `self.env.get('ir_cron')`, which is never true: the rest waited
        for the next scheduled run, an hour later (a 10,000-recipient mailing
        took ten hours). Run from its cron with due mails left, the queue
        triggers itself again."""
        result = super().process_email_queue(email_ids=email_ids, batch_size=batch_size)
        if (
            not email_ids
            and self.env.context.get("cron_id")
            and self.search_count(
                [
                    ("state", "=", "outgoing"),
                    "|",
                    ("scheduled_date", "=", False),
                    ("scheduled_date", "<=", fields.Datetime.now()),
                    *self.env.context.get("filters", []),
                ],
                limit=1,
            )
        ):
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return result

    def send(self, auto_commit=False, raise_exception=False, post_send_callback=None):
        # Odoo commits after each mail in this run: so may we, before SMTP
        mails = self.with_context(ms_commit_before_smtp=auto_commit is True)
        return super(MailMail, mails).send(
            auto_commit=auto_commit,
            raise_exception=raise_exception,
            post_send_callback=post_send_callback,
        )

    def _prepare_outgoing_list(self, mail_server=False, doc_to_followers=None):
        email_list = super()._prepare_outgoing_list(
            mail_server=mail_server, doc_to_followers=doc_to_followers
        )
        if (
            self.env.context.get("ms_commit_before_smtp")
            and self.mailing_id.ms_addon_mailing
        ):
            # `_send` has already put the mail in exception (in this transaction,
            # for the failures it doesn't catch); success writes "sent" and clears
            # the reason. Committed now, the mail is no longer in the queue, and
            # the mailing counts it failed (its "Retry" sends it again) until
            # then.
            self.mailing_trace_ids.set_failed(failure_type="unknown")
            self.write(
                {
                    "state": "exception",
                    "failure_type": "unknown",
                    "failure_reason": self.env._(
                        "Sending was interrupted: the mail was not sent again, "
                        "to avoid a duplicate. It may have reached its "
                        "recipient; retry it only if they say it did not."
                    ),
                }
            )
            self.env.cr.commit()  # pylint: disable=invalid-commit
        return email_list
