import math
from collections import Counter, defaultdict
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

# The most nodes drawn: past it, the most connected are kept (the browser
# draws 2,000 nodes and 5,000 edges in about a second, see `make bench`).
NODE_LIMIT = 2000
# Lengths of the lists beside the network
TOP_COUNT = 10
ISOLATED_COUNT = 50


class MsNetwork(models.AbstractModel):
    """The network of alliances: the organizations (and, on request, people)
    as nodes; alliance memberships, joint actions of struggle and relations
    between contacts (OCA partner_multi_relation) as edges. Everything is read
    as the current user, so the scopes and the boundary of relations apply:
    an edge appears only when the user may read it and both its ends."""

    _name = "ms.network"
    _description = "Social Movements Network"

    @api.model
    def get_network_data(self, filters=None):
        """Nodes, edges and the lists beside the network, for `filters`
        (state_id, sector_id, alliance_id, date_from, date_to: the period the
        memberships, actions and relations overlap; people: draw people)."""
        if not self.env.user.has_group("movimientos_sociales.group_ms_reader"):
            raise AccessError(
                self.env._("The network is for the commission's members.")
            )
        filters = self._ms_network_filters(filters)
        # Rows rather than records: what the user may read (_search applies
        # the record rules), without building 20,000 records.
        query = self.env["ms.movement"]._search(
            self._ms_movement_domain(filters), order="name, id"
        )
        movements = self.env.execute_query(
            query.select(
                "ms_movement.id",
                "ms_movement.name",
                "ms_movement.partner_id",
                "ms_movement.member_estimate",
            )
        )
        ids = [row[0] for row in movements]
        sectors = dict(
            self.env.execute_query(
                SQL(
                    """SELECT rel.movement_id,
                              (array_agg(rel.sector_id
                                         ORDER BY s.sequence, s.name->>'en_US',
                                                  s.id))[1]
                         FROM ms_movement_sector_rel rel
                         JOIN ms_sector s ON s.id = rel.sector_id
                        WHERE rel.movement_id = ANY(%s)
                     GROUP BY rel.movement_id""",
                    ids,
                )
            )
        )
        graph = _Graph()
        for movement_id, name, _partner, members in movements:
            graph.node(
                f"m{movement_id}",
                kind="movement",
                res_model="ms.movement",
                res_id=movement_id,
                label=name,
                sector_id=sectors.get(movement_id, False),
                members=members,
            )
        by_partner = {partner: f"m{id_}" for id_, _name, partner, _m in movements}
        self._ms_alliance_edges(graph, filters)
        self._ms_action_edges(graph, ids, filters)
        self._ms_relation_edges(graph, by_partner, ids, filters)
        return graph.result(self._ms_network_options())

    # Filters -----------------------------------------------------------------

    @api.model
    def _ms_network_filters(self, filters):
        if filters is None:
            filters = {}
        if not isinstance(filters, dict):
            raise ValidationError(self.env._("The network's filters are not valid."))
        result = {"people": bool(filters.get("people"))}
        for name, model in (
            ("state_id", "res.country.state"),
            ("sector_id", "ms.sector"),
            ("alliance_id", "ms.alliance"),
        ):
            value = filters.get(name) or False
            if value is not False and (type(value) is not int or value <= 0):
                raise ValidationError(
                    self.env._("The network's filter “%s” is not valid.", name)
                )
            result[name] = self.env[model].browse(value) if value else False
        for name in ("date_from", "date_to"):
            value = filters.get(name) or False
            try:
                result[name] = fields.Date.to_date(value) if value else False
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._("“%s” is not a date (YYYY-MM-DD).", str(value)[:40])
                ) from None
        if (
            result["date_from"]
            and result["date_to"]
            and result["date_from"] > result["date_to"]
        ):
            raise ValidationError(self.env._("The period's start is after its end."))
        return result

    @api.model
    def _ms_movement_domain(self, filters):
        domain = Domain.TRUE
        if filters["state_id"]:
            domain &= Domain("state_id", "=", filters["state_id"].id)
        if filters["sector_id"]:
            domain &= Domain("ms_sector_ids", "in", filters["sector_id"].ids)
        if filters["alliance_id"]:
            domain &= Domain(
                "alliance_member_ids",
                "any",
                self._ms_membership_domain(filters)
                & Domain("alliance_id", "=", filters["alliance_id"].id),
            )
        return domain

    @api.model
    def _ms_overlap(self, filters, start, end):
        """The records whose [start, end] overlaps the period (no end: still
        going)."""
        domain = Domain.TRUE
        if filters["date_to"]:
            domain &= Domain(start, "=", False) | Domain(
                start, "<=", filters["date_to"]
            )
        if filters["date_from"]:
            domain &= Domain(end, "=", False) | Domain(end, ">=", filters["date_from"])
        return domain

    @api.model
    def _ms_membership_domain(self, filters):
        """Memberships of the period, or current ones without a period."""
        if not (filters["date_from"] or filters["date_to"]):
            return Domain("status", "=", "active")
        return self._ms_overlap(filters, "date_joined", "date_left")

    # Edges -------------------------------------------------------------------

    @api.model
    def _ms_alliance_edges(self, graph, filters):
        """Alliances as nodes, joined to their member organizations (drawn)."""
        domain = self._ms_membership_domain(filters) & Domain(
            "movement_id", "any", self._ms_movement_domain(filters)
        )
        if filters["alliance_id"]:
            domain &= Domain("alliance_id", "=", filters["alliance_id"].id)
        members = self.env.execute_query(
            self.env["ms.alliance.member"]
            ._search(domain)
            .select("ms_alliance_member.alliance_id", "ms_alliance_member.movement_id")
        )
        alliances = self.env["ms.alliance"].search_fetch(
            [("id", "in", list({row[0] for row in members}))], ["name"]
        )
        for alliance in alliances:
            graph.node(
                f"a{alliance.id}",
                kind="alliance",
                res_model="ms.alliance",
                res_id=alliance.id,
                label=alliance.name,
            )
        for alliance_id, movement_id in members:
            graph.edge(f"m{movement_id}", f"a{alliance_id}", "alliance")

    @api.model
    def _ms_action_edges(self, graph, ids, filters):
        """Two organizations that took part in the same actions of struggle
        (not cancelled, of the period)."""
        domain = Domain("state", "!=", "cancelled") & Domain(
            "movement_ids", "any", self._ms_movement_domain(filters)
        )
        if filters["date_from"]:
            domain &= Domain(
                "date_start", ">=", datetime.combine(filters["date_from"], time.min)
            )
        if filters["date_to"]:
            domain &= Domain(
                "date_start", "<=", datetime.combine(filters["date_to"], time.max)
            )
        actions = self.env["ms.action"]._search(domain)
        rows = self.env.execute_query(
            SQL(
                """SELECT action_id, array_agg(movement_id ORDER BY movement_id)
                     FROM ms_action_movement_rel
                    WHERE action_id IN %s AND movement_id = ANY(%s)
                 GROUP BY action_id""",
                actions.subselect(),
                ids,
            )
        )
        for _action, movement_ids in rows:
            for index, left in enumerate(movement_ids):
                for right in movement_ids[index + 1 :]:
                    graph.edge(f"m{left}", f"m{right}", "action")

    @api.model
    def _ms_relation_edges(self, graph, by_partner, ids, filters):
        """Relations between contacts (partner_multi_relation) of the period
        or current: between organizations; with people, also the relations of
        people with them and the organizations' leaders."""
        partners = list(by_partner)
        query = self.env["res.partner.relation"]._search(
            self._ms_overlap(filters, "date_start", "date_end")
            & (
                Domain("left_partner_id", "in", partners)
                | Domain("right_partner_id", "in", partners)
            )
        )
        relations = self.env.execute_query(
            query.select(
                "res_partner_relation.left_partner_id",
                "res_partner_relation.right_partner_id",
                "res_partner_relation.type_id",
            )
        )
        types = {
            kind.id: kind.name
            for kind in self.env["res.partner.relation.type"].search_fetch(
                [("id", "in", list({row[2] for row in relations}))], ["name"]
            )
        }
        people = defaultdict(list)  # person id: [(organization node, label)]
        for left_id, right_id, type_id in relations:
            left = by_partner.get(left_id)
            right = by_partner.get(right_id)
            if left and right:
                graph.edge(left, right, "relation", types.get(type_id, ""))
            elif filters["people"] and (left or right):
                person = right_id if left else left_id
                people[person].append((left or right, types.get(type_id, "")))
        if not filters["people"]:
            return
        leader_label = self.env._("Leader")
        for movement_id, leader_id in self.env.execute_query(
            SQL(
                """SELECT movement_id, partner_id FROM ms_movement_leader_rel
                    WHERE movement_id = ANY(%s)""",
                ids,
            )
        ):
            people[leader_id].append((f"m{movement_id}", leader_label))
        # the people the user may read (the contacts' rule)
        persons = self.env["res.partner"].search_fetch(
            [("id", "in", list(people)), ("id", "not in", partners)],
            ["name", "is_company"],
        )
        for person in persons:
            node = f"p{person.id}"
            graph.node(
                node,
                # a company that isn't one of the commission's organizations
                kind="contact" if person.is_company else "person",
                res_model="res.partner",
                res_id=person.id,
                label=person.name,
            )
            for organization, label in people[person.id]:
                graph.edge(node, organization, "relation", label)

    # Options -----------------------------------------------------------------

    @api.model
    def _ms_network_options(self):
        states = self.env["res.country.state"].search_fetch(
            [("country_id.code", "=", "MX")], ["name"], order="name"
        )
        sectors = self.env["ms.sector"].search_fetch([], ["name", "color"])
        alliances = self.env["ms.alliance"].search_fetch(
            [("state", "!=", "dissolved")], ["name"], order="name"
        )
        return {
            "states": [{"id": state.id, "name": state.name} for state in states],
            "sectors": [
                {"id": sector.id, "name": sector.name, "color": sector.color}
                for sector in sectors
            ],
            "alliances": [
                {"id": alliance.id, "name": alliance.name} for alliance in alliances
            ],
        }


class _Graph:
    """Nodes and edges as the client draws them; edges between the same two
    nodes of the same kind are one edge with a count."""

    def __init__(self):
        self.nodes = {}
        self.edges = Counter()
        self.labels = {}

    def node(self, node_id, members=0, **values):
        self.nodes[node_id] = dict(values, id=node_id, members=members or 0)

    def edge(self, source, target, kind, label=""):
        if source == target or source not in self.nodes or target not in self.nodes:
            return
        key = (source, target, kind) if source < target else (target, source, kind)
        self.edges[key] += 1
        if label:
            self.labels.setdefault(key, set()).add(label)

    def result(self, options):
        degree = Counter()
        for source, target, _kind in self.edges:
            degree[source] += 1
            degree[target] += 1
        nodes = list(self.nodes.values())
        truncated = len(nodes) > NODE_LIMIT
        if truncated:
            # the most connected, then by name: what can be drawn and read
            nodes.sort(key=lambda node: (-degree[node["id"]], node["label"] or ""))
            nodes = nodes[:NODE_LIMIT]
        kept = {node["id"] for node in nodes}
        for node in nodes:
            node["degree"] = degree[node["id"]]
            members = node.pop("members")
            # organizations by their members (1 to 10 on a log scale: 10,
            # 100, 1,000... members), the others by their degree
            node["size"] = (
                max(1, min(10, round(2 * math.log10(1 + members))))
                if members
                else max(1, min(10, 1 + node["degree"]))
            )
        edges = [
            {
                "id": f"e{index}",
                "from": source,
                "to": target,
                "kind": kind,
                "count": count,
                "label": ", ".join(sorted(self.labels.get((source, target, kind), ()))),
            }
            for index, ((source, target, kind), count) in enumerate(
                sorted(self.edges.items())
            )
            if source in kept and target in kept
        ]
        organizations = [
            node for node in self.nodes.values() if node["kind"] == "movement"
        ]

        def item(node):
            return {
                key: node[key] for key in ("id", "res_model", "res_id", "label")
            } | {"degree": degree[node["id"]]}

        isolated = [node for node in organizations if not degree[node["id"]]]
        top = sorted(
            (node for node in organizations if degree[node["id"]]),
            key=lambda node: (-degree[node["id"]], node["label"] or ""),
        )[:TOP_COUNT]
        return {
            "nodes": nodes,
            "edges": edges,
            "sectors": options["sectors"],
            "isolated": [item(node) for node in isolated[:ISOLATED_COUNT]],
            "isolated_count": len(isolated),
            "top": [item(node) for node in top],
            "options": options,
            "truncated": truncated,
            "limit": NODE_LIMIT,
        }
