"""make bench SIZE=xlarge: a copy of the large bench database grown to a national
size in SQL (run through `odoo-bin shell` by tools/bench_xlarge.sh).

Odoo's populate keeps the demo's proportions (about 5 contacts per organization):
at 100,000 organizations it would give 480,000 contacts, not a million. Copying
rows in SQL gives both, in minutes. Each organization is copied
MS_XLARGE_ORG_COPIES times with its contact and the contact's people (copy k of
a person belongs to copy k of their organization); then the other people are
copied until there are about MS_XLARGE_CONTACTS contacts. A copy keeps every
column of its original (stored fields, scope, sectors, states): what a copied
record would compute. Its links to a copied contact or organization point at
the copy of the same rank; emails and acronyms get the rank, so that they stay
distinct. Many2many rows are copied to tags (sectors, strategies, categories)
and leaders only. Not copied: what hangs from an organization or a person in
other tables (insertions, evaluations, memberships, participations, consents,
chatter): the board's and the map's other figures keep the large size's.
Prints one line, AMPLIFIED, with the counts and the seconds."""

import os
import time

ORG_COPIES = int(os.environ.get("MS_XLARGE_ORG_COPIES", "4"))
CONTACTS = int(os.environ.get("MS_XLARGE_CONTACTS", "1000000"))
COPIED = ("res_partner", "ms_movement")
# many2many rows copied with a copy: its tags (sectors, strategies, categories),
# and an organization's leaders (the copy of the same rank when copied)
TAGS = {"ms_sector", "ms_strategy", "res_partner_category"}


def rows(cr, query, params=None):
    cr.execute(query, params or [])
    return cr.fetchall()


def columns(cr, table):
    return [
        name
        for (name,) in rows(
            cr,
            """SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = %s
                  AND column_name != 'id'
                ORDER BY ordinal_position""",
            [table],
        )
    ]


def foreign_keys(cr, table, targets=COPIED):
    """{column: referenced table} of the single-column links of `table` to one
    of `targets`."""
    return dict(
        rows(
            cr,
            """SELECT a.attname, c.confrelid::regclass::text
                 FROM pg_constraint c
                 JOIN pg_attribute a
                   ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.conrelid = %s::regclass
                  AND c.confrelid::regclass::text = ANY(%s)""",
            [table, list(targets)],
        )
    )


def link_tables(cr, target):
    """(table, column) of the many2many tables (no id) with a link to `target`."""
    return rows(
        cr,
        """SELECT c.conrelid::regclass::text, a.attname
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = %s::regclass
              AND NOT EXISTS (SELECT 1 FROM information_schema.columns i
                               WHERE i.table_schema = 'public'
                                 AND i.table_name = c.conrelid::regclass::text
                                 AND i.column_name = 'id')""",
        [target],
    )


def mapped(column, table, rank="m.k"):
    """SQL: the copy of the same rank of what `column` links to, or the same."""
    return (
        f"coalesce((SELECT x.new_id FROM ms_amp_map x WHERE x.tbl = '{table}' "
        f"AND x.k = {rank} AND x.old_id = {column}), {column})"
    )


def copy(cr, table, source_ids, ranks, overrides, linked=TAGS):
    """Copy the rows of `table` whose id `source_ids` (SQL) selects, once per
    rank in `ranks`, their links remapped; then their many2many rows to tables
    of `linked`."""
    cr.execute(
        f"""INSERT INTO ms_amp_map (tbl, k, old_id, new_id)
            SELECT %s, k, s.id, nextval('{table}_id_seq')
              FROM ({source_ids}) s CROSS JOIN unnest(%s::int[]) k""",
        [table, list(ranks)],
    )
    links = foreign_keys(cr, table)
    names = columns(cr, table)
    values = [
        overrides.get(name)
        or (mapped(f"s.{name}", links[name]) if name in links else f"s.{name}")
        for name in names
    ]
    cr.execute(
        f"""INSERT INTO {table} (id, {", ".join(names)})
            SELECT m.new_id, {", ".join(values)}
              FROM {table} s
              JOIN ms_amp_map m ON m.tbl = %s AND m.old_id = s.id
             WHERE m.k = ANY(%s)""",
        [table, list(ranks)],
    )
    for rel, column in link_tables(cr, table):
        others = [name for name in columns(cr, rel) if name != column]
        # every other column links to a tag (or, for leaders, a contact)
        if len(foreign_keys(cr, rel, [*linked, table])) != len(others) + 1:
            continue
        rel_links = foreign_keys(cr, rel)
        cr.execute(
            f"""INSERT INTO {rel} ({column}, {", ".join(others)})
                SELECT m.new_id, {
                ", ".join(
                    mapped(f"r.{o}", rel_links[o]) if o in rel_links else f"r.{o}"
                    for o in others
                )
            }
                  FROM {rel} r
                  JOIN ms_amp_map m ON m.tbl = %s AND m.old_id = r.{column}
                 WHERE m.k = ANY(%s)
                ON CONFLICT DO NOTHING""",
            [table, list(ranks)],
        )


def without_indexes(cr, table):
    """Drop the plain indexes of `table` (trigram ones are slow to fill row by
    row); the definitions to create them again after the copy."""
    found = rows(
        cr,
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
             FROM pg_index i
            WHERE i.indrelid = %s::regclass AND NOT i.indisunique
              AND NOT i.indisprimary""",
        [table],
    )
    for name, _definition in found:
        cr.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


cr = env.cr  # noqa: F821 (odoo shell)
start = time.time()
cr.execute(
    """CREATE UNLOGGED TABLE ms_amp_map (tbl text, k int, old_id int, new_id int);
       CREATE INDEX ON ms_amp_map (tbl, old_id, k)"""
)
indexes = without_indexes(cr, "res_partner") + without_indexes(cr, "ms_movement")
email = "CASE WHEN s.{0} IS NULL THEN NULL ELSE 'x' || m.k || '.' || s.{0} END"
partner_overrides = {
    "email": email.format("email"),
    "email_normalized": email.format("email_normalized"),
}
org_people = """SELECT id FROM res_partner
                 WHERE id IN (SELECT partner_id FROM ms_movement)
                    OR parent_id IN (SELECT partner_id FROM ms_movement)"""
copy(cr, "res_partner", org_people, range(1, ORG_COPIES + 1), partner_overrides)
copy(
    cr,
    "ms_movement",
    "SELECT id FROM ms_movement",
    range(1, ORG_COPIES + 1),
    {"code": "CASE WHEN s.code IS NULL THEN NULL ELSE s.code || '-' || m.k END"},
    linked=TAGS | {"res_partner"},
)
# the other people: not a user's, a cadre's, an organization's, nor P9's invitees
people = """SELECT id FROM res_partner p WHERE p.active AND NOT p.is_company
    AND p.id NOT IN (SELECT old_id FROM ms_amp_map WHERE tbl = 'res_partner')
    AND p.id NOT IN (SELECT new_id FROM ms_amp_map WHERE tbl = 'res_partner')
    AND p.id NOT IN (SELECT partner_id FROM res_users)
    AND p.id NOT IN (SELECT partner_id FROM ms_cadre)
    AND p.ref IS DISTINCT FROM 'ms_bench_p9'"""
(total,) = rows(cr, "SELECT count(*) FROM res_partner")[0]
(plain,) = rows(cr, f"SELECT count(*) FROM ({people}) p")[0]
copies = max(0, -(-(CONTACTS - total) // plain))  # ceiling
first = ORG_COPIES + 1
copy(cr, "res_partner", people, range(first, first + copies), partner_overrides)
copied = time.time()
for definition in indexes:
    cr.execute(definition)
cr.execute("DROP TABLE ms_amp_map")
cr.execute(
    "SELECT setval('res_partner_id_seq', (SELECT max(id) FROM res_partner)),"
    " setval('ms_movement_id_seq', (SELECT max(id) FROM ms_movement))"
)
cr.commit()
(partners, organizations) = rows(
    cr, "SELECT (SELECT count(*) FROM res_partner), (SELECT count(*) FROM ms_movement)"
)[0]
print(
    f"AMPLIFIED partners={partners} organizations={organizations} "
    f"people_copies={copies} copy_s={copied - start:.0f} "
    f"indexes_s={time.time() - copied:.0f}"
)
