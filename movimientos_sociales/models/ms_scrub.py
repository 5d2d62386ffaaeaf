"""Find and scrub every stored text that still names a person, generically.

Like Odoo's privacy_lookup (which finds references to a person by their email
and name in every model's stored fields), rather than a hand-made list of
models: every stored, untranslated char/text/html column of every table the
ORM manages is searched for the person's name, email and phone, and each
occurrence is replaced. Tracking values, audit log names and values, message
bodies and subjects, mailing traces, calendar attendees, stored names of
records (an insertion's "cadre → organization")... all are such columns."""

import logging
import re

from markupsafe import escape

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Text columns that are code or technical, never a person's data.
SKIPPED_FIELDS = frozenset(
    {"arch_db", "arch_fs", "code", "password", "key", "res_model", "model"}
)
SKIPPED_MODELS = frozenset({"ir.model.data", "ir.module.module", "ir.ui.view"})
# Shorter names would hit other words: only the email and phone are scrubbed.
MIN_NAME_LENGTH = 5


def _pattern(text):
    """A PostgreSQL regular expression matching `text` literally."""
    return "".join(char if char.isalnum() else "\\" + char for char in text)


def _text_columns(env):
    for model in env.registry.values():
        if (
            model._abstract
            or model._transient
            or not model._auto
            or model._name in SKIPPED_MODELS
        ):
            continue
        columns = [
            field.name
            for field in model._fields.values()
            if field.store
            and field.type in ("char", "text", "html")
            and field.column_type
            and field.column_type[0] in ("varchar", "text")
            and field.name not in SKIPPED_FIELDS
        ]
        if columns:
            yield model._table, columns


def personal_needles(name, email, phone):
    """{text to find: replacement} of a person's identifying texts."""
    needles = {}
    name = (name or "").strip()
    if len(name) >= MIN_NAME_LENGTH:
        needles[name] = "[…]"
        if str(escape(name)) != name:
            needles[str(escape(name))] = "[…]"
    for value in (email, phone):
        text = (value or "").strip()
        if len(text) >= MIN_NAME_LENGTH:
            needles[text] = "[…]"
    return needles


def find_personal_data(env, needles):
    """[(table, column, rows)] where a needle is still stored."""
    if not needles:
        return []
    env.flush_all()
    regex = "|".join(_pattern(needle) for needle in needles)
    found = []
    for table, columns in _text_columns(env):
        for column in columns:
            env.cr.execute(
                SQL(
                    "SELECT COUNT(*) FROM %s WHERE %s ~* %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    regex,
                )
            )
            count = env.cr.fetchone()[0]
            if count:
                found.append((table, column, count))
    return found


def scrub_personal_data(env, needles):
    """Replace every stored occurrence of the needles; returns what was hit."""
    found = find_personal_data(env, needles)
    for table, column, _count in found:
        for needle, replacement in needles.items():
            env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = regexp_replace(%s, %s, %s, 'gi')"
                    " WHERE %s ~* %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    SQL.identifier(column),
                    _pattern(needle),
                    re.sub(r"\\", r"\\\\", replacement),
                    SQL.identifier(column),
                    _pattern(needle),
                )
            )
    if found:
        _logger.info("Personal data scrubbed from %s columns", len(found))
        env.invalidate_all()
    return found
