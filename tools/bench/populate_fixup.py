"""After `odoo-bin populate` (odoo shell, see tools/bench.sh): fill what populate
doesn't copy and check what it made.

populate copies each table in SQL, k times, remapping a many2one column to the k-th
copy of its comodel when that comodel was populated before (res.partner comes first in
--models). So copy k of an organization (ms.movement) or of a cadre (ms.cadre) holds
copy k of its own contact, and UNIQUE(partner_id) holds; copied insertions point at
copied cadres and organizations. It copies stored related fields as they are (the
contact's copy carries the same state and country), but not the relation table of a
stored related many2many (copy=False): the sectors of the copied organizations
(ms_movement_sector_rel, read by the board, the scope rules and mailings) are set
here from their contacts' sectors, as the related field would have set them.
Consents are given here too (consent is required in a new database).

Prints one line starting with POPULATED; raises if the data is inconsistent."""

env.cr.execute(  # noqa: F821 (odoo shell)
    """INSERT INTO ms_movement_sector_rel (movement_id, sector_id)
       SELECT m.id, r.sector_id
         FROM ms_movement m
         JOIN ms_sector_res_partner_rel r ON r.partner_id = m.partner_id
           ON CONFLICT DO NOTHING"""
)
sectors_added = env.cr.rowcount  # noqa: F821
# Stored related fields must be their contact's (they are, unless populate changes)
env.cr.execute(  # noqa: F821
    """UPDATE ms_movement m
          SET name = p.name, state_id = p.state_id, country_id = p.country_id
         FROM res_partner p
        WHERE p.id = m.partner_id
          AND (m.name IS DISTINCT FROM p.name OR m.state_id IS DISTINCT FROM p.state_id
               OR m.country_id IS DISTINCT FROM p.country_id)"""
)
movements_fixed = env.cr.rowcount  # noqa: F821
env.cr.execute(  # noqa: F821
    """UPDATE ms_cadre c SET name = p.name, state_id = p.state_id
         FROM res_partner p
        WHERE p.id = c.partner_id
          AND (c.name IS DISTINCT FROM p.name
               OR c.state_id IS DISTINCT FROM p.state_id)"""
)
cadres_fixed = env.cr.rowcount  # noqa: F821
# Consent for mass communications is required in a new database: every contact
# the commission records with an email consents (as the bench measured mailings
# to all of them), so the mailing cases send to as many people as before and
# pay for the consent filter at full size.
env.cr.execute(  # noqa: F821
    """INSERT INTO ms_consent (partner_id, purpose, channel, date_given,
                               create_uid, write_uid, create_date, write_date)
       SELECT p.id, 'mass_communications', 'paper', CURRENT_DATE - 30, 1, 1,
              now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
         FROM res_partner p
        WHERE p.ms_recorded AND p.email IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ms_consent c
                           WHERE c.partner_id = p.id
                             AND c.purpose = 'mass_communications')"""
)
consents_added = env.cr.rowcount  # noqa: F821

CHECKS = {
    "organizations without their own contact": """
        SELECT count(*) - count(DISTINCT m.partner_id) + count(*) - count(p.id)
          FROM ms_movement m LEFT JOIN res_partner p ON p.id = m.partner_id""",
    "cadres without their own contact": """
        SELECT count(*) - count(DISTINCT c.partner_id) + count(*) - count(p.id)
          FROM ms_cadre c LEFT JOIN res_partner p ON p.id = c.partner_id""",
    "insertions without cadre or organization": """
        SELECT count(*) FROM ms_cadre_insertion i
          LEFT JOIN ms_cadre c ON c.id = i.cadre_id
          LEFT JOIN ms_movement m ON m.id = i.movement_id
         WHERE c.id IS NULL OR m.id IS NULL""",
    "organizations with another sector than their contact's": """
        SELECT count(*) FROM ms_movement_sector_rel s JOIN ms_movement m
            ON m.id = s.movement_id
         WHERE NOT EXISTS (SELECT 1 FROM ms_sector_res_partner_rel r
                            WHERE r.partner_id = m.partner_id
                              AND r.sector_id = s.sector_id)""",
}
problems = []
for label, query in CHECKS.items():
    env.cr.execute(query)  # noqa: F821
    if count := env.cr.fetchone()[0]:  # noqa: F821
        problems.append(f"{count} {label}")
if problems:
    raise SystemExit("populate: " + "; ".join(problems))
env.cr.commit()  # noqa: F821
env.invalidate_all()  # noqa: F821
counts = {
    model: env[model].with_context(active_test=False).search_count([])  # noqa: F821
    for model in ("ms.movement", "ms.cadre", "ms.cadre.insertion", "ms.cadre.report")
}
print(
    "POPULATED "
    + " ".join(f"{model}={count}" for model, count in counts.items())
    + f" sectors_set={sectors_added} related_fixed={movements_fixed + cadres_fixed}"
    + f" consents={consents_added}"
)
