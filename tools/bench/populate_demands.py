"""Create citizen demands until there are MS_BENCH_ROWS of them (odoo shell)."""

import os

rows = int(os.environ.get("MS_BENCH_ROWS", "50000"))
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))  # noqa: F821
Demand = env["ms.demand"]
missing = rows - Demand.search_count([])
if missing > 0:
    states = env["res.country.state"].search([("country_id.code", "=", "MX")])
    # each state's first 120 municipalities of the catalog
    municipalities = {
        state: env["res.city"].search([("state_id", "=", state.id)], limit=120)
        for state in states
    }
    categories = env["ms.demand.category"].search([])
    people = env["res.partner"].create(
        [{"name": f"Solicitante {i}", "email": f"s{i}@example.mx"} for i in range(500)]
    )
    authorities = env["res.partner"].create(
        [
            {"name": f"Dependencia {i}", "is_company": True, "ms_is_authority": True}
            for i in range(40)
        ]
    )
    done = 0
    while done < missing:
        batch = min(5000, missing - done)
        Demand.create(
            [
                {
                    "requester_id": people[(done + i) % 500].id,
                    "state_id": states[(done + i) % len(states)].id,
                    "category_id": categories[(done + i) % len(categories)].id,
                    "authority_id": authorities[(done + i) % 40].id,
                    "government_level": ("municipal", "state", "federal")[i % 3],
                    "filing_date": "2026-01-15",
                    "description": "<p>Agua potable para la colonia.</p>",
                    "beneficiaries": 100 + i % 900,
                    "municipality_id": (
                        cities := municipalities[states[(done + i) % len(states)]]
                    )[i % len(cities)].id,
                }
                for i in range(batch)
            ]
        )
        env.cr.commit()
        done += batch
print("demands:", Demand.search_count([]))
