"""The network of alliances at size (odoo shell, see tools/bench.sh): populate
copies alliances and their members but not actions of struggle nor relations
between contacts. Until there are MS_BENCH_RELATIONS relations, this relates
organizations ("works with", within a state, as organizing does) and their
people ("is a member of" another organization), and makes joint actions of 2 to 5
organizations (a tenth of the relations). Deterministic; prints NETWORK."""

import os
from datetime import datetime, timedelta

wanted = int(os.environ.get("MS_BENCH_RELATIONS", "20000"))
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))  # noqa: F821
Relation = env["res.partner.relation"]
existing = Relation.search_count([])
if existing < wanted:
    works_with = env.ref("movimientos_sociales.ms_relation_type_works_with")
    member = env.ref("movimientos_sociales.ms_relation_type_member")
    env.cr.execute(
        """SELECT m.id, m.partner_id, m.state_id FROM ms_movement m
            WHERE m.active ORDER BY m.state_id, m.id"""
    )
    movements = env.cr.fetchall()
    env.cr.execute(
        """SELECT c.id, m.partner_id FROM res_partner c
             JOIN ms_movement m ON m.partner_id = c.parent_id
            WHERE c.active AND NOT c.is_company ORDER BY c.id"""
    )
    people = env.cr.fetchall()
    count = len(movements)
    rows = set()
    # organizations: each with its 1st and 3rd neighbour of the same state
    for step in (1, 3, 7):
        for index, (_id, partner, _state) in enumerate(movements):
            other = movements[(index + step) % count]
            if other[1] != partner:
                rows.add((partner, works_with.id, other[1]))
            if len(rows) >= wanted * 2 // 3:
                break
    # people: a member of an organization other than their own
    for index, (person, own) in enumerate(people):
        other = movements[(index * 13) % count][1]
        if other != own:
            rows.add((person, member.id, other))
        if len(rows) >= wanted:
            break
    start = datetime(2024, 1, 1)
    env.cr.execute(
        """INSERT INTO res_partner_relation (left_partner_id, type_id,
               right_partner_id, date_start, active, create_uid, write_uid,
               create_date, write_date)
           SELECT l, t, r, %s::date + (l %% 700), TRUE, 1, 1,
                  now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM unnest(%s::int[], %s::int[], %s::int[]) AS x(l, t, r)""",
        (
            start.date(),
            [row[0] for row in sorted(rows)][: wanted - existing],
            [row[1] for row in sorted(rows)][: wanted - existing],
            [row[2] for row in sorted(rows)][: wanted - existing],
        ),
    )
    # joint actions: 2 to 5 neighbouring organizations each
    kind = env.ref("movimientos_sociales.ms_action_kind_march")
    actions = env["ms.action"].create(
        [
            {
                "name": f"Acción conjunta {index}",
                "kind_id": kind.id,
                "date_start": start + timedelta(days=index % 700, hours=15),
                "date_end": start + timedelta(days=index % 700, hours=18),
                "state_id": movements[(index * 10) % count][2],
                "state": ("planned", "done")[index % 2],
            }
            for index in range(wanted // 10)
        ]
    )
    env.cr.execute(
        """INSERT INTO ms_action_movement_rel (action_id, movement_id)
           SELECT a, m FROM unnest(%s::int[], %s::int[]) AS x(a, m)
           ON CONFLICT DO NOTHING""",
        (
            [a.id for i, a in enumerate(actions) for _k in range(2 + i % 4)],
            [
                movements[(i * 10 + k) % count][0]
                for i in range(len(actions))
                for k in range(2 + i % 4)
            ],
        ),
    )
    env.cr.commit()
env.cr.execute("SELECT count(*) FROM res_partner_relation")
relations = env.cr.fetchone()[0]
env.cr.execute("SELECT count(*) FROM ms_action_movement_rel")
participations = env.cr.fetchone()[0]
env.cr.execute("SELECT count(*) FROM ms_alliance_member")
memberships = env.cr.fetchone()[0]
print(
    f"NETWORK relations={relations} action_participations={participations} "
    f"memberships={memberships}"
)
