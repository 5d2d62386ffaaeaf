"""19.0.3.0.0: the free-text municipality of organizations, citizen demands and
actions of struggle becomes `municipality_text`, "to resolve"; post-migrate
matches it to the new catalog (`municipality_id`).

The scope rules (a noupdate block) now also match the user's municipalities:
post-migrate writes their new domains."""

TABLES = ("ms_movement", "ms_demand", "ms_action")


def migrate(cr, version):
    for table in TABLES:
        cr.execute(
            """SELECT 1 FROM information_schema.columns
                WHERE table_name = %s AND column_name = 'municipality'""",
            [table],
        )
        if cr.fetchone():
            cr.execute(
                f'ALTER TABLE "{table}" RENAME COLUMN municipality TO municipality_text'
            )
