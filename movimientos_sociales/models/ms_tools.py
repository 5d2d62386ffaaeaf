"""Small helpers shared by the addon's models."""

from collections import Counter

from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date


def set_counts(records, count_field, model, field, domain=()):
    """Set `count_field` on each record to the number of `model` records whose
    `field` points to it: one grouped query for the whole recordset."""
    counts = dict(
        records.env[model]._read_group(
            [(field, "in", records.ids), *domain], [field], ["__count"]
        )
    )
    for record in records:
        record[count_field] = counts.get(record, 0)


def related_action(record, xmlid, field):
    """The window action `xmlid` on the records whose `field` is `record`, new
    ones defaulting to it (the smart buttons of a form)."""
    record.ensure_one()
    action = record.env["ir.actions.act_window"]._for_xml_id(xmlid)
    action["domain"] = [(field, "=", record.id)]
    action["context"] = {f"default_{field}": record.id}
    return action


def movements_of(partners):
    """{commercial partner: its ms.movement} for the given partners, in one query."""
    movements = partners.env["ms.movement"].search(
        [("partner_id", "in", partners.commercial_partner_id.ids)]
    )
    return {movement.partner_id: movement for movement in movements}


def without_open_activity(records, activity_type):
    """The records with no open activity of this type, in one query: daily
    crons use it to never schedule the same reminder twice."""
    having = set(
        records.env["mail.activity"]
        .search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        .mapped("res_id")
    )
    return records.filtered(lambda record: record.id not in having)


def for_reader(records, user):
    """`records` in the language of `user`, who will read what is written
    (an activity scheduled by a cron, which runs in English)."""
    return records.with_context(lang=user.lang or records.env.lang)


def in_writer_lang(records):
    """`records` in the language of what they store for people to read (a
    chatter message stays as written): the caller's, else the user's, when the
    call carries no language (module install and demo data, XML-RPC/JSON-RPC
    clients that send no context, crons)."""
    if records.env.lang:
        return records
    return records.with_context(lang=records.env.user.lang or "en_US")


def short_date(env, value):
    """A date as people read it here: dd/mm/aaaa."""
    return format_date(env, value, date_format="dd/MM/yyyy") if value else ""


# Python twins of the table constraints (models.Constraint, models.UniqueIndex).
# Over XML-RPC/JSON-RPC, Odoo turns the database's refusal into a message after
# the call, without the caller's context: in English. The twin of the constraint
# `_<name>` is the method `_check_<name>`, an @api.constrains that refuses the
# same rows first, in the caller's language; it also runs before the INSERT
# (see models.py). The SQL constraint stays as the backstop.


def constraint_error(records, name):
    """The ValidationError of the table constraint `_<name>` of `records`' model:
    its own message, in the caller's language (the one the web client shows)."""
    model = records.browse()
    cons = next(cons for cons in model._table_objects.values() if cons.name == name)
    message = (
        model.env["ir.model.constraint"]
        .sudo()
        .search_fetch(
            [("name", "=", cons.full_name(model)), ("model.model", "=", model._name)],
            ["message"],
            limit=1,
        )
        .message
    )
    return ValidationError(message or cons.get_error_message(model))


def check_unique(records, fnames, name, where=None):
    """Refuse `records` when two of them, or one and another row (archived
    too), have the same values of `fnames`: the constraint `_<name>`,
    UNIQUE(fnames) [WHERE `where`]. One query, which flushes nothing (the
    database would refuse the new values): other rows are compared as stored."""
    fields_ = [records._fields[fname] for fname in fnames]
    keys = Counter()
    for record in records:
        key = tuple(
            field.convert_to_write(record[field.name], record) for field in fields_
        )
        if not any(value is False or value is None for value in key):
            keys[key] += 1
    if not keys:
        return
    if max(keys.values()) > 1:
        raise constraint_error(records, name)
    conditions = [
        SQL(
            "(%s) IN %s",
            SQL(", ").join(SQL.identifier(fname) for fname in fnames),
            tuple(keys),
        )
    ]
    if ids := tuple(id_ for id_ in records._ids if isinstance(id_, int)):
        conditions.append(SQL("id NOT IN %s", ids))
    if where:
        conditions.append(where)
    records.env.cr.execute(
        SQL(
            "SELECT 1 FROM %s WHERE %s LIMIT 1",
            SQL.identifier(records._table),
            SQL(" AND ").join(conditions),
        )
    )
    if records.env.cr.fetchone():
        raise constraint_error(records, name)
