"""Small helpers shared by the addon's models."""

from odoo.tools import format_date


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


def for_reader(records, user):
    """`records` in the language of `user`, who will read what is written
    (an activity scheduled by a cron, which runs in English)."""
    return records.with_context(lang=user.lang or records.env.lang)


def short_date(env, value):
    """A date as people read it here: dd/mm/aaaa."""
    return format_date(env, value, date_format="dd/MM/yyyy") if value else ""
