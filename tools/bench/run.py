"""make bench, the in-database cases (run through `odoo-bin shell` by tools/bench.sh).

Each case runs 5 times warm and is compared with Odoo doing the equivalent native
work in the same run, their runs interleaved. Prints one JSON line per case,
prefixed with CASE."""

import json
import os
import statistics
import time

RUNS = 5


def measure_all(env, *funcs):
    """For each function: median and spread (min..max) of 5 warm runs, and the
    queries of one. Their runs are interleaved (a b a b ...), so that background
    load on a shared machine falls on a case and its baseline alike."""
    for func in funcs:
        func()  # warm-up
    times = [[] for _ in funcs]
    queries = [0 for _ in funcs]
    for _ in range(RUNS):
        for i, func in enumerate(funcs):
            env.invalidate_all()
            start_q = env.cr.sql_log_count
            start = time.perf_counter()
            func()
            times[i].append((time.perf_counter() - start) * 1000)
            queries[i] = env.cr.sql_log_count - start_q
    return [
        {
            "median_ms": round(statistics.median(runs), 2),
            "min_ms": round(min(runs), 2),
            "max_ms": round(max(runs), 2),
            "queries": count,
        }
        for runs, count in zip(times, queries, strict=True)
    ]


def case(name, ours, baseline, note=""):
    ratio = ours["median_ms"] / baseline["median_ms"] if baseline["median_ms"] else 0
    print(
        "CASE "
        + json.dumps(
            {
                "case": name,
                "ours": ours,
                "baseline": baseline,
                "ratio": round(ratio, 2),
                "note": note,
            }
        )
    )


def p1_audience(env):
    """Sector audience (blacklist excluded) vs a plain count of the sector."""
    Partner = env["res.partner"]
    sectors = env["ms.sector"].search([])
    biggest = max(sectors, key=lambda s: s.partner_count)
    smallest = min(sectors, key=lambda s: s.partner_count or 10**9)
    domain = biggest._ms_mailing_partner_domain()
    plain = [*domain, ("email", "!=", False)]
    ours, baseline, native, small = measure_all(
        env,
        lambda: Partner._ms_mailing_audience_count(domain),
        lambda: Partner.search_count(plain),
        lambda: Partner.search_count([*plain, ("is_blacklisted", "=", False)]),
        lambda: Partner._ms_mailing_audience_count(
            smallest._ms_mailing_partner_domain()
        ),
    )
    case(
        "P1 sector audience",
        ours,
        baseline,
        f"sector of {biggest.partner_count} contacts; Odoo's is_blacklisted filter: "
        f"{native['median_ms']} ms; queries {small['queries']} for a sector of "
        f"{smallest.partner_count} vs {ours['queries']} for {biggest.partner_count}",
    )


BOARD_SQL = [
    "SELECT stage_id, count(*) FROM ms_movement WHERE active GROUP BY stage_id",
    """SELECT r.sector_id, count(*) FROM ms_movement m
       JOIN ms_movement_sector_rel r ON r.movement_id = m.id
       WHERE m.active GROUP BY r.sector_id""",
    "SELECT state_id, count(*) FROM ms_movement WHERE active GROUP BY state_id",
    """SELECT r.strategy_id, count(*) FROM ms_movement m
       JOIN ms_movement_strategy_rel r ON r.movement_id = m.id
       WHERE m.active GROUP BY r.strategy_id""",
    """SELECT o.user_id, count(*) FROM ms_agreement a
       JOIN ms_agreement_owner_rel o ON o.agreement_id = a.id
       WHERE a.is_overdue GROUP BY o.user_id""",
    """SELECT state_id, count(*) FROM ms_demand
       WHERE state IN ('received', 'filed', 'in_process') GROUP BY state_id""",
    """SELECT authority_id, count(*) FROM ms_demand
       WHERE is_overdue GROUP BY authority_id""",
    """SELECT r.sector_id, count(*) FROM ms_alliance a
       JOIN ms_alliance_sector_rel r ON r.alliance_id = a.id
       WHERE a.state = 'in_force' GROUP BY r.sector_id""",
    "SELECT count(*) FROM ms_movement WHERE active",
    "SELECT count(*) FROM ms_cadre_insertion WHERE state = 'active'",
    "SELECT count(*) FROM ms_agreement WHERE state IN ('pending', 'in_progress')",
    "SELECT count(*) FROM ms_demand WHERE state IN ('received', 'filed', 'in_process')",
    "SELECT count(*) FROM ms_alliance WHERE state = 'in_force'",
    "SELECT avg(score) FROM ms_movement_evaluation WHERE state = 'validated'",
    """SELECT date_trunc('month', date), avg(score) FROM ms_movement_evaluation
       WHERE state = 'validated' GROUP BY 1""",
]
# The board's other figures, which the baseline of the first runs left out
BOARD_SQL_MORE = [
    """SELECT count(*) FROM ms_movement m JOIN ms_link_stage s ON s.id = m.stage_id
       WHERE m.active AND s.is_linked""",
    """SELECT count(*) FROM ms_cadre_insertion
       WHERE state = 'active' AND next_report_date < current_date""",
    """SELECT count(*) FROM ms_agreement
       WHERE state IN ('pending', 'in_progress') AND is_overdue""",
    """SELECT id, name, date_start FROM ms_conference
       WHERE date_start >= now() AND state != 'cancelled'
       ORDER BY date_start LIMIT 5""",
    """SELECT id, name, date_start FROM ms_session
       WHERE date_start >= now() AND state != 'cancelled'
       ORDER BY date_start LIMIT 5""",
    # the coverage block (sector x state: organizations, linked, with insertion)
    """SELECT r.sector_id, m.state_id, m.stage_id, count(*) FROM ms_movement m
       LEFT JOIN ms_movement_sector_rel r ON r.movement_id = m.id
       WHERE m.active GROUP BY 1, 2, 3""",
    """SELECT r.sector_id, m.state_id, count(*) FROM ms_movement m
       LEFT JOIN ms_movement_sector_rel r ON r.movement_id = m.id
       WHERE m.active AND EXISTS (SELECT 1 FROM ms_cadre_insertion i
                                   WHERE i.movement_id = m.id AND i.state = 'active')
       GROUP BY 1, 2""",
]


def p2_board(env):
    """The whole board vs the same figures as raw SQL (GROUP BY, counts), as admin."""
    admin = env.ref("base.user_admin")
    board = env["ms.dashboard"].with_user(admin)

    def raw(queries):
        for query in queries:
            env.cr.execute(query)
            env.cr.fetchall()

    ours, baseline, first = measure_all(
        env,
        board.get_board_data,
        lambda: raw(BOARD_SQL + BOARD_SQL_MORE),
        lambda: raw(BOARD_SQL),
    )
    case(
        "P2 board",
        ours,
        baseline,
        f"9 KPIs, 8 grouped blocks, upcoming, trend, coverage by sector and "
        f"state; without the 7 figures the first baseline left out: "
        f"{first['median_ms']} ms, ratio "
        f"{ours['median_ms'] / first['median_ms']:.2f}",
    )


MAP_STATES_SQL = [
    """SELECT state_id, count(*) FROM ms_movement WHERE active GROUP BY state_id""",
    """SELECT s.id, s.name, s.code FROM res_country_state s
       JOIN res_country c ON c.id = s.country_id WHERE c.code = 'MX'""",
]
MAP_TABLE_SQL = [
    """SELECT m.municipality_id, l.is_linked, count(*) FROM ms_movement m
       LEFT JOIN ms_link_stage l ON l.id = m.stage_id
       WHERE m.active AND m.state_id = %(state)s GROUP BY 1, 2""",
    """SELECT m.municipality_id, count(*) FROM ms_cadre_insertion i
       JOIN ms_movement m ON m.id = i.movement_id
       WHERE i.state = 'active' AND m.state_id = %(state)s GROUP BY 1""",
    """SELECT municipality_id, is_overdue, count(*) FROM ms_demand
       WHERE state IN ('received', 'filed', 'in_process') AND state_id = %(state)s
       GROUP BY 1, 2""",
    """SELECT municipality_id, count(*) FROM ms_action
       WHERE state != 'cancelled' AND state_id = %(state)s GROUP BY 1""",
    """SELECT c.municipality_id, count(*) FROM ms_conference_participant p
       JOIN ms_conference c ON c.id = p.conference_id
       WHERE p.attended AND c.state_id = %(state)s GROUP BY 1""",
    """SELECT id, name FROM res_city WHERE id IN (
         SELECT municipality_id FROM ms_movement WHERE state_id = %(state)s)""",
]


def p12_map(env):
    """The map (ms.map): the states coloured by organizations, and the
    municipalities of a state with their 7 figures, as admin, vs the same
    grouped counts (and names) in raw SQL; the state's Operador for reference."""
    admin = env.ref("base.user_admin")
    state = env.ref(SCOPED_STATE)
    _national, scoped = bench_users(env)
    ours_map = env["ms.map"].with_user(admin).with_context(tz="America/Mexico_City")
    scoped_map = ours_map.with_user(scoped)

    def raw(queries):
        for query in queries:
            env.cr.execute(query, {"state": state.id})
            env.cr.fetchall()

    table = ours_map.get_map_data("organizations", state_id=state.id)
    ours, baseline, operator = measure_all(
        env,
        lambda: ours_map.get_map_data("organizations"),
        lambda: raw(MAP_STATES_SQL),
        lambda: scoped_map.get_map_data("organizations"),
    )
    case(
        "P12 map, states by organizations",
        ours,
        baseline,
        "one grouped query and the 32 states (baseline: the same GROUP BY and "
        f"states); an Operador of {state.name}: {operator['median_ms']} ms, "
        f"{operator['queries']} queries",
    )
    ours, baseline, operator = measure_all(
        env,
        lambda: ours_map.get_map_data("organizations", state_id=state.id),
        lambda: raw(MAP_TABLE_SQL),
        lambda: scoped_map.get_map_data("organizations", state_id=state.id),
    )
    case(
        f"P12 map, municipalities of {state.name}",
        ours,
        baseline,
        f"{len(table['rows'])} rows, 7 figures from 5 grouped queries (baseline: "
        f"the same GROUP BYs and names); its Operador: {operator['median_ms']} ms, "
        f"{operator['queries']} queries",
    )


# What the network reads, in raw SQL: organizations (their first sector),
# current memberships and their alliances, the organizations of the actions not
# cancelled, the relations of the organizations' contacts and their types.
NETWORK_SQL = [
    """SELECT m.id, m.name, m.partner_id, m.member_estimate FROM ms_movement m
        WHERE m.active AND (%(state)s IS NULL OR m.state_id = %(state)s)
        ORDER BY m.name, m.id""",
    """SELECT r.movement_id, min(r.sector_id) FROM ms_movement_sector_rel r
         JOIN ms_movement m ON m.id = r.movement_id
        WHERE m.active AND (%(state)s IS NULL OR m.state_id = %(state)s)
        GROUP BY r.movement_id""",
    """SELECT am.alliance_id, am.movement_id, a.name FROM ms_alliance_member am
         JOIN ms_alliance a ON a.id = am.alliance_id
         JOIN ms_movement m ON m.id = am.movement_id
        WHERE am.status = 'active' AND m.active
          AND (%(state)s IS NULL OR m.state_id = %(state)s)""",
    """SELECT r.action_id, r.movement_id FROM ms_action_movement_rel r
         JOIN ms_action a ON a.id = r.action_id
         JOIN ms_movement m ON m.id = r.movement_id
        WHERE a.state != 'cancelled' AND m.active
          AND (%(state)s IS NULL OR m.state_id = %(state)s)""",
    """SELECT rel.left_partner_id, rel.right_partner_id, t.name->>'en_US'
         FROM res_partner_relation rel
         JOIN res_partner_relation_type t ON t.id = rel.type_id
        WHERE rel.active AND (rel.left_partner_id IN (SELECT partner_id
                FROM ms_movement WHERE active
                 AND (%(state)s IS NULL OR state_id = %(state)s))
             OR rel.right_partner_id IN (SELECT partner_id FROM ms_movement
                WHERE active AND (%(state)s IS NULL OR state_id = %(state)s)))""",
]


def p10_network(env):
    """The network of alliances (ms.network), national and of one state, as
    admin, vs the same rows read in raw SQL; the state's Operador for
    reference."""
    admin = env.ref("base.user_admin")
    state = env.ref(SCOPED_STATE)
    _national, scoped = bench_users(env)
    network = env["ms.network"].with_user(admin)

    def raw(state_id):
        for query in NETWORK_SQL:
            env.cr.execute(query, {"state": state_id})
            env.cr.fetchall()

    for label, filters, state_id in (
        ("P10 network, national", {}, None),
        (f"P10 network, {state.name}", {"state_id": state.id}, state.id),
    ):
        data = network.get_network_data(filters)
        ours, baseline, operator = measure_all(
            env,
            lambda f=filters: network.get_network_data(f),
            lambda s=state_id: raw(s),
            lambda f=filters: network.with_user(scoped).get_network_data(f),
        )
        case(
            label,
            ours,
            baseline,
            f"{len(data['nodes'])} nodes, {len(data['edges'])} edges"
            + (" (the 2,000 most connected)" if data["truncated"] else "")
            + f", {data['isolated_count']} isolated organizations (baseline: "
            f"the same rows in 5 queries); an Operador of {state.name}: "
            f"{operator['median_ms']} ms, {operator['queries']} queries",
        )


def spec_of(model, names):
    """The web_search_read specification of these fields of `model` (a
    relation by its display name; activities left out, as lists load them
    apart)."""
    return {
        name: {"fields": {"display_name": {}}}
        if model._fields[name].relational and not name.startswith("activity")
        else {}
        for name in names
        if name in model._fields
    }


def spec_for(model, view_type):
    return spec_of(
        model, model.get_views([(False, view_type)])["models"][model._name]["fields"]
    )


# The lists that grow with the country, against Odoo's own contacts list and
# kanban (the fields of base's views, not of the addon's inheritance) at 80
# records: organizations against companies, the contacts list against Odoo's
NATIVE_VIEWS = (
    ("ms.movement", "list", "base.view_partner_tree", [("is_company", "=", True)]),
    (
        "ms.movement",
        "kanban",
        "base.res_partner_kanban_view",
        [("is_company", "=", True)],
    ),
    ("res.partner", "list", "base.view_partner_tree", []),
)


def native_spec(env, xmlid):
    """The specification of the fields of `xmlid`'s own arch (without the
    views that inherit it)."""
    from lxml import etree

    arch = etree.fromstring(env.ref(xmlid).arch_db.encode())
    return spec_of(
        env["res.partner"], {node.get("name") for node in arch.iter("field")}
    )


def p4_native(env):
    """web_search_read at 80 records of the addon's organizations and contacts
    against Odoo's own contacts views at 80 records, as admin."""
    admin = env.ref("base.user_admin")
    Partner = env["res.partner"].with_user(admin)
    for model_name, view_type, xmlid, domain in NATIVE_VIEWS:
        model = env[model_name].with_user(admin)
        spec, native = spec_for(model, view_type), native_spec(env, xmlid)
        ours, baseline = measure_all(
            env,
            lambda m=model, s=spec: m.web_search_read([], s, limit=80),
            lambda d=domain, s=native: Partner.web_search_read(d, s, limit=80),
        )
        case(
            f"P4 {model_name} {view_type} vs Odoo's contacts {view_type}",
            ours,
            baseline,
            f"80 records: the addon's {view_type} ({len(spec)} fields) against "
            f"Odoo's {xmlid} ({len(native)} fields)"
            + (" on companies" if domain else ""),
        )


def p4_views(env):
    """web_search_read at 10 and 80 records: the same number of queries."""
    admin = env.ref("base.user_admin")
    for model_name, view_type in (
        ("ms.movement", "list"),
        ("ms.movement", "kanban"),
        ("ms.cadre.insertion", "list"),
        ("ms.conference", "list"),
        ("ms.agreement", "list"),
        ("ms.demand", "list"),
        ("ms.alliance", "list"),
        ("res.partner", "list"),
    ):
        model = env[model_name].with_user(admin)
        spec = spec_for(model, view_type)
        counts = dict(
            zip(
                (10, 40, 80),
                measure_all(
                    env,
                    *(
                        lambda m=model, s=spec, n=limit: m.web_search_read(
                            [], s, limit=n
                        )
                        for limit in (10, 40, 80)
                    ),
                ),
                strict=True,
            )
        )
        case(
            f"P4 {model_name} {view_type}",
            counts[80],
            counts[10],
            "queries at 10 / 40 / 80 records: "
            + " / ".join(str(counts[n]["queries"]) for n in (10, 40, 80)),
        )


def p5_mailing(env):
    """Queries per recipient when a sector mailing is queued, vs the same
    mailing on a plain partner domain (same recipients)."""
    from unittest.mock import patch

    from odoo import modules

    sector = max(env["ms.sector"].search([]), key=lambda s: s.partner_count)
    Partner = env["res.partner"]
    domain = sector._ms_mailing_partner_domain()
    partner_ids = Partner.search([*domain, ("email", "!=", False)], limit=200).ids
    results = {}
    for label, mailing_domain in (
        ("sector", [*domain, ("id", "in", partner_ids)]),
        ("plain", [("id", "in", partner_ids)]),
    ):
        costs = []
        for _ in range(RUNS + 1):
            mailing = env["mailing.mailing"].create(
                {
                    "subject": f"Bench {label}",
                    "body_html": "<p>Hola</p>",
                    "mailing_model_id": env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr(mailing_domain),
                    "ms_addon_mailing": label == "sector",
                }
            )
            env.invalidate_all()
            start = env.cr.sql_log_count
            with patch.object(modules.module, "current_test", True):  # no auto-commit
                mailing.action_send_mail()
            costs.append(env.cr.sql_log_count - start)
            env.cr.rollback()
        results[label] = statistics.median(costs[1:])
    n = len(partner_ids)
    print(
        "CASE "
        + json.dumps(
            {
                "case": "P5 mailing",
                "recipients": n,
                "sector_queries": results["sector"],
                "plain_queries": results["plain"],
                "sector_per_recipient": round(results["sector"] / n, 2),
                "plain_per_recipient": round(results["plain"] / n, 2),
            }
        )
    )


CONTACTS_SPEC = {
    "display_name": {},
    "email": {},
    "phone": {},
    "city": {},
    "state_id": {"fields": {"display_name": {}}},
    "country_id": {"fields": {"display_name": {}}},
}
SCOPED_STATE = "base.state_mx_oax"
NAME_FRAGMENT = "Mar"


def bench_user(env, login, scope, states):
    """An Operador (group_ms_user) of the bench database, created once."""
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    values = {
        "ms_scope": scope,
        "ms_scope_state_ids": [(6, 0, states.ids)],
        "ms_scope_sector_ids": [(5, 0, 0)],
    }
    user = Users.search([("login", "=", login)])
    if not user:
        user = Users.create(
            {
                "name": f"Bench {login}",
                "login": login,
                "group_ids": [
                    (6, 0, [env.ref("movimientos_sociales.group_ms_user").id])
                ],
                **values,
            }
        )
    elif user.ms_scope != scope or user.ms_scope_state_ids != states:
        user.write(values)
    return user


def bench_users(env):
    """(national, scoped) Operadores; created before the cases run, as a
    commission's users are created after its contacts (P2 sees them too)."""
    state = env.ref(SCOPED_STATE)
    national = bench_user(env, "ms_bench_national", "national", state.browse())
    scoped = bench_user(env, "ms_bench_scoped", "restricted", state)
    env.cr.commit()  # the users stay: idempotent, in the bench database only
    # Statistics that know these users: with stale ones (users added since the last
    # ANALYZE), PostgreSQL merge-joins res_partner whole for the many2many groupings
    # on res.users (P2's owners block: ~24 ms instead of ~4 ms at 100k contacts).
    env.cr.execute("ANALYZE res_users")
    return national, scoped


def p11_scoped_contacts(env):
    """Contacts list and name_search of an Operador scoped to one state vs a
    national Operador: the cost of the boundary rule's scope on contacts."""
    state = env.ref(SCOPED_STATE)
    national, scoped = bench_users(env)
    shown = {}

    def contacts_list(user):
        # the list as the web client loads it: one page, then the total count
        # (web_search_read runs search_count itself when the page is full)
        Partner = env["res.partner"].with_user(user)
        result = Partner.web_search_read([], CONTACTS_SPEC, limit=80)
        shown[user] = result["length"]
        return result

    def name_search(user):
        Partner = env["res.partner"].with_user(user)
        found = Partner.name_search(NAME_FRAGMENT, limit=8)
        shown[user, "name_search"] = len(found)
        return found

    for func, label in (
        (contacts_list, "P11 contacts list, scoped vs national"),
        (
            name_search,
            f"P11 contacts name_search '{NAME_FRAGMENT}', scoped vs national",
        ),
    ):
        ours, baseline = measure_all(
            env, lambda f=func: f(scoped), lambda f=func: f(national)
        )
        if func is contacts_list:
            note = (
                f"{shown[scoped]} contacts seen by an Operador of {state.name} vs "
                f"{shown[national]} by a national Operador; 80 read, then counted"
            )
        else:
            note = (
                f"{shown[scoped, 'name_search']} vs "
                f"{shown[national, 'name_search']} names (limit 8)"
            )
        case(label, ours, baseline, note)


CASES = (
    p1_audience,
    p2_board,
    p4_views,
    p4_native,
    p11_scoped_contacts,
    p12_map,
    p10_network,
    p5_mailing,
)
# MS_BENCH_CASES: the names of the cases to run (make bench SIZE=xlarge), else all
chosen = os.environ.get("MS_BENCH_CASES")
bench_users(env)  # noqa: F821 (odoo shell)
for bench_case in CASES:
    if chosen and bench_case.__name__ not in chosen.split(","):
        continue
    bench_case(env)  # noqa: F821 (odoo shell)
    env.cr.rollback()  # noqa: F821
