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


def find_state(env, text):
    """The Mexican state (res.country.state) named by `text`: its name, code or
    a usual alias, whatever the accents and case; empty if none."""
    key = place_key(text)
    states = env["res.country.state"].sudo().search([("country_id.code", "=", "MX")])
    if not key:
        return states.browse()
    code = STATE_ALIASES.get(key)
    for state in states:
        if code == state.code or key in (place_key(state.name), place_key(state.code)):
            return state.with_env(env)
    return states.browse()


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


def load_with_territory(records, fields, data, city_field):
    """`load` (the import) of organizations or contacts, with the territory
    understood: the state and municipality columns (names: "CDMX", "Edo. de
    México", "oaxaca de juarez") and a postal code, which places a row by
    itself. The columns become database ids; a row that can't be placed is
    reported, and then nothing is imported. None: nothing to understand."""
    env = records.env
    paths = [field.replace(":id", "/id") for field in fields]
    columns = {
        name: paths.index(name)
        for name in ("state_id", city_field, "zip", "country_id")
        if name in paths
    }
    if not {"state_id", city_field, "zip"} & columns.keys():
        return None
    index = municipality_index(env)
    mexico = env.ref("base.mx")
    states, cities, countries, errors = [], [], [], []
    for number, row in enumerate(data):
        texts = {name: (row[column] or "").strip() for name, column in columns.items()}
        country_text = texts.get("country_id")
        if country_text and place_key(country_text) not in MEXICO:
            country, state, city, problem = _foreign_place(
                env, country_text, texts.get("state_id"), texts.get(city_field)
            )
        else:
            country = mexico if country_text else None
            state, city, problem = _mexican_place(
                env,
                texts.get("state_id"),
                texts.get(city_field),
                texts.get("zip"),
                index,
            )
        if problem:
            field = "state_id" if "state_id" in columns else city_field
            errors.append(_row_error(env, number, problem, field))
        states.append(state.id if state else None)
        cities.append(city.id if city else None)
        countries.append(country.id if country else None)
    if errors:
        return {"ids": False, "messages": errors, "nextrow": 0}
    # the names become ids ("state_id/.id"), added where only a postal code was
    fields, data = list(fields), [list(row) for row in data]
    for name, values in (
        ("country_id", countries),
        ("state_id", states),
        (city_field, cities),
    ):
        if not any(values):
            continue
        if name not in columns:
            fields.append(name)
            columns[name] = len(fields) - 1
            for row in data:
                row.append("")
        fields[columns[name]] = f"{name}/.id"
        for row, value in zip(data, values, strict=True):
            row[columns[name]] = str(value) if value else ""
    return fields, data


def _mexican_place(env, state_text, city_text, zip_text, index):
    """(state, municipality, problem) of a Mexican address as written."""
    state = find_state(env, state_text)
    city = env["res.city"].browse()
    if state_text and not state:
        return (
            state,
            city,
            env._("“%(state)s” is not a state of Mexico.", state=state_text),
        )
    zip_location = env["res.partner"]._ms_zip_location(zip_text) if zip_text else None
    if zip_text and not zip_location:
        return (
            state,
            city,
            env._(
                "The postal code “%(code)s” is not in the catalog of Mexico's "
                "postal codes.",
                code=zip_text,
            ),
        )
    if zip_location:
        if state and zip_location.city_id.state_id != state:
            return (
                state,
                city,
                env._(
                    "The postal code %(code)s is in %(its_state)s, not in %(state)s.",
                    code=zip_text,
                    its_state=zip_location.city_id.state_id.name,
                    state=state.name,
                ),
            )
        state, city = zip_location.city_id.state_id, zip_location.city_id
    if city_text:
        named = find_municipality(env, city_text, state or None, index)
        if not named:
            problem = (
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
                )
            )
            return state, city, problem
        if city and named != city:
            return (
                state,
                city,
                env._(
                    "The postal code %(code)s is in %(its_municipality)s, not in "
                    "%(municipality)s.",
                    code=zip_text,
                    its_municipality=city.name,
                    municipality=named.name,
                ),
            )
        city = named
    return state or city.state_id, city, None


def _row_error(env, number, problem, field):
    return {
        "type": "error",
        "message": env._("Row %(row)s: %(problem)s", row=number + 1, problem=problem),
        "record": number,
        "rows": {"from": number, "to": number},
        "field": field,
    }


def _foreign_place(env, country_text, state_text, city_text):
    """(country, state, city, problem) of an address outside Mexico, by
    exact name."""
    State, City = env["res.country.state"], env["res.city"]
    country = env["res.country"].search(
        ["|", ("name", "=ilike", country_text), ("code", "=ilike", country_text)],
        limit=2,
    )
    state = city = None
    problem = None
    if len(country) != 1:
        problem = env._("“%(country)s” is not a country.", country=country_text)
        country = country.browse()
    if not problem and state_text:
        state = State.search(
            [
                ("country_id", "=", country.id),
                "|",
                ("name", "=ilike", state_text),
                ("code", "=ilike", state_text),
            ],
            limit=2,
        )
        if len(state) != 1:
            problem = env._(
                "“%(state)s” is not a state of %(country)s.",
                state=state_text,
                country=country.name,
            )
    if not problem and city_text:
        domain = [("country_id", "=", country.id), ("name", "=ilike", city_text)]
        if state:
            domain.append(("state_id", "=", state.id))
        city = City.search(domain, limit=2)
        if len(city) != 1:
            problem = env._(
                "“%(city)s” is not a city of %(country)s.",
                city=city_text,
                country=country.name,
            )
    if problem:
        return country, State, City, problem
    return country, state, city, None
