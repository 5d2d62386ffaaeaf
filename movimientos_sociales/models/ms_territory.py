"""Mexico's territory as the commission names it: matching what people type
("Edo. de México", "CDMX", "oaxaca de juarez") to the states and the
municipalities of the catalog (res.city, data/territory)."""

import re
import unicodedata

# What people write for a state, normalized (see place_key), to its code
STATE_ALIASES = {
    "cdmx": "CMX",
    "df": "CMX",
    "d f": "CMX",
    "distrito federal": "CMX",
    "ciudad de mexico": "CMX",
    "mexico city": "CMX",
    "edo de mexico": "MEX",
    "edomex": "MEX",
    "estado de mexico": "MEX",
    "mexico": "MEX",
    "coahuila de zaragoza": "COA",
    "michoacan de ocampo": "MIC",
    "veracruz de ignacio de la llave": "VER",
    "qroo": "ROO",
    "q roo": "ROO",
    "bc": "BCN",
    "bcs": "BCS",
    "nl": "NLE",
    "slp": "SLP",
}


MEXICO = ("mexico", "mx", "mex", "estados unidos mexicanos")


def place_key(text):
    """A place name as it is compared: without accents, case, punctuation
    or repeated spaces ("Edo. de México" -> "edo de mexico")."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def mexican_states(env):
    return env["res.country.state"].sudo().search([("country_id.code", "=", "MX")])


def state_index(states):
    """({place key of a name or code: (position, state)}, {code: (position,
    state)}) of `states`, the first in their order for each."""
    by_key, by_code = {}, {}
    for position, state in enumerate(states):
        for key in (place_key(state.name), place_key(state.code)):
            by_key.setdefault(key, (position, state))
        by_code.setdefault(state.code, (position, state))
    return by_key, by_code


def find_state(env, text, states=None, index=None):
    """The Mexican state (res.country.state) named by `text`: its name, code or
    a usual alias, whatever the accents and case (the first of `states` that
    matches); empty if none. `states`: mexican_states(env), and `index`:
    state_index(states), when matching many names."""
    text, code = _split_country_code(str(text or ""))
    key = place_key(text)
    if (code and code.upper() != "MX") or not key:
        return env["res.country.state"]
    if index is None:
        index = state_index(states if states is not None else mexican_states(env))
    by_key, by_code = index
    hits = [
        hit for hit in (by_code.get(STATE_ALIASES.get(key)), by_key.get(key)) if hit
    ]
    if not hits:
        return env["res.country.state"]
    return min(hits, key=lambda hit: hit[0])[1].with_env(env)


def municipality_index(env):
    """{(state id, place key): [city ids]} and {place key: [city ids]} of the
    catalog's municipalities: one query, for matching many names."""
    env.cr.execute(
        """SELECT city.id, city.state_id, city.name->>'en_US'
             FROM res_city city
             JOIN res_country country ON country.id = city.country_id
            WHERE country.code = 'MX'"""
    )
    by_state, by_name = {}, {}
    for city_id, state_id, name in env.cr.fetchall():
        key = place_key(name)
        by_state.setdefault((state_id, key), []).append(city_id)
        by_name.setdefault(key, []).append(city_id)
    return by_state, by_name


def find_municipality(env, text, state=None, index=None):
    """The municipality (res.city of Mexico) named by `text`, in `state` when
    given; empty when there is none, or when several states have one of that
    name and none is given. `index`: municipality_index(env), when matching
    many names."""
    by_state, by_name = index or municipality_index(env)
    key = place_key(text)
    ids = by_state.get((state.id, key), []) if state else by_name.get(key, [])
    return env["res.city"].browse(ids if len(ids) == 1 else [])


def zip_code(text):
    """A Mexican postal code as spreadsheets leave it ("1000", "68000.0")
    written with its five digits; None when it isn't one."""
    text = str(text or "").strip()
    if re.fullmatch(r"\d{4,5}(\.0+)?", text):
        return text.split(".")[0].zfill(5)
    return None


def _cell(row, column):
    if column is None or column >= len(row) or row[column] is None:
        return ""
    value = row[column]
    return str(value).strip() if not isinstance(value, str) else value.strip()


def load_with_territory(records, fields, data, city_field, mexican=False):
    """`load` (the import) of organizations or contacts, with the territory
    understood: the state and municipality columns given by name ("CDMX",
    "Edo. de México", "oaxaca de juarez", "Oaxaca (MX)") and a Mexican postal
    code ("1000" for 01000), which places a row by itself. Those name columns
    become database ids; columns given by external or database id are left to
    Odoo. A row of another country keeps Odoo's exact names. A row that can't
    be placed is reported, and then nothing is imported. `mexican`: rows
    without a country are Mexican (organizations); otherwise they are when
    their state or postal code is. None: nothing to understand."""
    env = records.env
    paths = [field.replace(":id", "/id") for field in fields]
    names = ("country_id", "state_id", city_field)
    plain = {name: paths.index(name) for name in (*names, "zip") if name in paths}
    given_by_id = {
        name
        for name in names
        for path in paths
        if path in (f"{name}/id", f"{name}/.id")
    }
    if not {"state_id", city_field, "zip"} & plain.keys():
        return None
    # what every row is matched against, read once for the whole file
    codes = {zip_code(_cell(row, plain.get("zip"))) for row in data} - {None}
    states = mexican_states(env)
    context = {
        "env": env,
        "index": municipality_index(env),
        "states": states,
        "state_index": state_index(states),
        # a postal code of one municipality only places a row
        "zips": env["res.partner"]._ms_zip_locations(codes),
        "country_of": _country_reader(env, paths),
    }
    places, errors = [], []
    # a place depends on the row's texts and country only: each one read once
    # (the people's sub-rows, the organizations of a municipality)
    placed = {}
    for number, row in enumerate(data):
        texts = {name: _cell(row, column) for name, column in plain.items()}
        key = (tuple(texts.values()), context["country_of"](row))
        if key not in placed:
            placed[key] = _place_row(context, row, texts, city_field, mexican)
        place = placed[key]
        if place["problem"]:
            errors.append(_row_error(env, number, place["problem"], place["field"]))
        places.append(place)
    if errors:
        return {"ids": False, "messages": errors, "nextrow": 0}
    return _with_ids(fields, data, plain, given_by_id, places, names)


def _with_ids(fields, data, plain, given_by_id, places, names):
    """`fields` and `data` with the places found: the postal codes written
    with five digits, the name columns as ids ("state_id/.id"), a state and
    municipality given only by a postal code added (unless given by id)."""
    fields = list(fields)
    data = [[*row, *[""] * (len(fields) - len(row))] for row in data]
    if "zip" in plain:
        for row, place in zip(data, places, strict=True):
            if place.get("zip"):
                row[plain["zip"]] = place["zip"]
    for name in names:
        values = [place.get(name) for place in places]
        if name in given_by_id or not any(values):
            continue
        if name not in plain:
            if name == "country_id":
                continue
            fields.append(name)
            plain[name] = len(fields) - 1
            for row in data:
                row.append("")
        fields[plain[name]] = f"{name}/.id"
        for row, value in zip(data, values, strict=True):
            row[plain[name]] = str(value.id) if value else ""
    return fields, data


def _country_reader(env, paths):
    """A function (row -> res.country or None) reading a country column given
    by external or database id; None when there is none."""
    for suffix in ("/id", "/.id"):
        path = f"country_id{suffix}"
        if path in paths:
            column = paths.index(path)

            def country(row, column=column, suffix=suffix):
                value = _cell(row, column)
                if not value:
                    return None
                if suffix == "/.id":
                    found = (
                        env["res.country"].browse(int(value))
                        if value.isdigit()
                        else None
                    )
                    return found if found and found.exists() else None
                xmlid = value if "." in value else f"__import__.{value}"
                return env.ref(xmlid, raise_if_not_found=False)

            return country
    return lambda row: None


def _place_row(context, row, texts, city_field, mexican):
    """{country_id, state_id, <city_field>, zip, problem, field} of a row."""
    env = context["env"]
    mexico = env.ref("base.mx")
    country_text = texts.get("country_id")
    country = context["country_of"](row)
    if country_text:
        if place_key(country_text) in MEXICO:
            country = mexico
        else:
            country = _find_country(env, country_text)
            if not country:
                return {
                    "problem": env._(
                        "“%(country)s” is not a country.", country=country_text
                    ),
                    "field": "country_id",
                }
    state_text, city_text = texts.get("state_id"), texts.get(city_field)
    zip_text = texts.get("zip")
    if country is None and (
        mexican
        or (
            state_text
            and find_state(env, state_text, context["states"], context["state_index"])
        )
    ):
        # no country: an organization is Mexican, a contact when its state is
        # (a postal code alone says nothing: 28001 is Colima's and Madrid's)
        country = mexico
    if country == mexico:
        place = _mexican_place(context, state_text, city_text, zip_text)
    else:
        place = _foreign_place(env, country, state_text, city_text)
    place["country_id"] = country if country_text else None
    place[city_field] = place.pop("city", None)
    if place["field"] == "city":
        place["field"] = city_field
    return place


def _mexican_place(context, state_text, city_text, zip_text):
    """The state, municipality and postal code of a Mexican address as written,
    or the problem that keeps it from being placed and its column."""
    env, index = context["env"], context["index"]
    state = find_state(env, state_text, context["states"], context["state_index"])
    city = env["res.city"].browse()

    def refused(problem, field):
        return {"problem": problem, "field": field}

    if state_text and not state:
        return refused(
            env._("“%(state)s” is not a state of Mexico.", state=state_text), "state_id"
        )
    code = zip_code(zip_text)
    zip_location = context["zips"].get(code)
    if zip_text and not zip_location:
        return refused(
            env._(
                "The postal code “%(code)s” is not in the catalog of Mexico's "
                "postal codes.",
                code=zip_text,
            ),
            "zip",
        )
    if zip_location:
        if state and zip_location.city_id.state_id != state:
            return refused(
                env._(
                    "The postal code %(code)s is in %(its_state)s, not in %(state)s.",
                    code=code,
                    its_state=zip_location.city_id.state_id.name,
                    state=state.name,
                ),
                "zip",
            )
        state, city = zip_location.city_id.state_id, zip_location.city_id
    if city_text:
        named = find_municipality(env, city_text, state or None, index)
        if not named:
            return refused(
                env._(
                    "“%(municipality)s” is not a municipality of %(state)s.",
                    municipality=city_text,
                    state=state.name,
                )
                if state
                else env._(
                    "“%(municipality)s” names no municipality, or several: give "
                    "its state.",
                    municipality=city_text,
                ),
                "city",
            )
        if city and named != city:
            return refused(
                env._(
                    "The postal code %(code)s is in %(its_municipality)s, not in "
                    "%(municipality)s.",
                    code=code,
                    its_municipality=city.name,
                    municipality=named.name,
                ),
                "zip",
            )
        city = named
    return {
        "state_id": state or city.state_id,
        "city": city,
        "zip": code if zip_location else None,
        "problem": None,
        "field": None,
    }


def _find_country(env, text):
    countries = env["res.country"].search(
        ["|", ("name", "=ilike", text), ("code", "=ilike", text)], limit=2
    )
    return countries if len(countries) == 1 else None


def _row_error(env, number, problem, field):
    return {
        "type": "error",
        "message": env._("Row %(row)s: %(problem)s", row=number + 1, problem=problem),
        "record": number,
        "rows": {"from": number, "to": number},
        "field": field,
    }


def _foreign_place(env, country, state_text, city_text):
    """The state and city of an address outside Mexico (or of no country), by
    Odoo's exact names ("Texas", "California (US)"), or the problem."""
    State, City = env["res.country.state"], env["res.city"]
    state = city = None
    where = [("country_id", "=", country.id)] if country else []
    if state_text:
        name, code = _split_country_code(state_text)
        domain = [*where, "|", ("name", "=ilike", name), ("code", "=ilike", name)]
        if code:
            domain.append(("country_id.code", "=ilike", code))
        state = State.search(domain, limit=2)
        if len(state) != 1:
            return {
                "problem": env._(
                    "“%(state)s” is not a state of %(country)s.",
                    state=state_text,
                    country=country.name,
                )
                if country
                else env._("“%(state)s” names no state, or several.", state=state_text),
                "field": "state_id",
            }
    if city_text:
        domain = [*where, ("name", "=ilike", city_text)]
        if state:
            domain.append(("state_id", "=", state.id))
        city = City.search(domain, limit=2)
        if len(city) != 1:
            return {
                "problem": env._(
                    "“%(city)s” is not a city of %(country)s.",
                    city=city_text,
                    country=country.name,
                )
                if country
                else env._("“%(city)s” names no city, or several.", city=city_text),
                "field": "city",
            }
    return {"state_id": state, "city": city, "problem": None, "field": None}


def _split_country_code(text):
    """("Oaxaca", "MX") for "Oaxaca (MX)", as Odoo exports a state."""
    found = re.fullmatch(r"(.*?)\s*\((\w{2})\)", text.strip())
    return (found[1], found[2]) if found else (text, None)
