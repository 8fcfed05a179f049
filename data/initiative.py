"""Everything the compilation knows about one initiative, as plain frames for the profile page.

Pure functions over the curated tables (``initiatives.csv``, ``participation.csv``) and the
NUTS registry (names and GISCO label points). Nothing is estimated: a figure the sources do
not give is reported as not given. The ``confidence`` and ``nuts_method`` columns of the
second-pass participation data are carried where present and shown as "not recorded" where the
table does not have them yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

NOT_GIVEN = "not given in the sources compiled"
NOT_RECORDED = "not recorded"
NOT_RATED = "not rated"  # confidence of a first-pass row (as data/profile.py says it)
COUNTRY_ROLE_LABELS = {
    "member_state": "member state",
    "eea_state": "EEA state",
    "associated_participant_country": "associated participant country",
    "indirect_partner_country": "indirect partner country",
    "alliance_members_count": "country of alliance members (count)",
}
BASIS_LABELS = {  # geo_basis -> what a reader needs to know about the place on the row
    "city_site": "site (named town or plant)",
    "region_named": "site (named region)",
    "hq_city": "head office city (not a project site)",
    "region_only": "area larger than one region (country only)",
    "none": "country only",
    "mapped_by_name": "region (mapped from its name)",
    "given_by_source": "region (code given by the source)",
    "mapped_by_name (NUTS 2021 UK code)": "region (UK name mapped to NUTS 2021)",
    "country": "country",
}
SITE_BASES = frozenset({"city_site", "region_named"})
TIER2_ROLE_ORDER = ("lead", "co-lead", "member")


@dataclass(frozen=True)
class Profile:
    initiative_id: str
    name: str
    short_name: str
    type: str
    tier: int
    facts: pd.DataFrame  # fact, value
    countries: pd.DataFrame  # code, country, role, rows, detail, source_url
    participants: pd.DataFrame  # one row per named participant and place
    places: pd.DataFrame  # map points: code, name, lon, lat, kind, label
    coverage: str
    sources: pd.DataFrame  # url, used for, rows
    notes: str


def _text(v: object) -> str:
    return v.strip() if isinstance(v, str) else ""


def _money(v: object) -> str:
    if pd.isna(v):
        return NOT_GIVEN
    v = float(v)
    return f"EUR {v / 1e9:.2f} bn" if v >= 1e9 else f"EUR {v / 1e6:.1f} m"


def facts(row: pd.Series) -> pd.DataFrame:
    """The initiative's own figures, each as stated in the compilation (or 'not given')."""
    tier1 = row["tier"] == 1
    out = [("Type", row["type"]), ("Tier", f"Tier {row['tier']}"), ("Value chain", row["value_chain"])]
    if _text(row.get("value_chain_as_written")) and row.get("value_chain_as_written") != row["value_chain"]:
        out.append(("Value chain as the source writes it", row["value_chain_as_written"]))
    eco = _text(row.get("ecosystems")).replace(";", "; ")
    basis = _text(row.get("ecosystem_basis"))
    out.append(("Industrial ecosystem(s)", f"{eco} ({basis})" if eco and basis else eco or NOT_GIVEN))
    if _text(row.get("thematic_area")):
        out.append(("Thematic area", row["thematic_area"]))
    year_label = "Approval year" if row["type"] == "IPCEI" else "Launch year"
    out.append((year_label, str(int(row["year"])) if pd.notna(row.get("year")) else NOT_GIVEN))
    if tier1 and _text(row.get("approval_or_launch_date")):
        out.append(("Approval or launch date", row["approval_or_launch_date"]))
    if row["type"] == "IPCEI":
        out += [("State aid approved (up to)", _money(row.get("aid_eur"))),
                ("Private investment expected", _money(row.get("private_investment_eur"))),
                ("Member states", _count(row.get("member_state_count"))),
                ("Projects", _count(row.get("projects"))),
                ("Direct participants (Commission count)", _count(row.get("companies")))]
    elif tier1:
        out.append(("Members, signatories or stakeholders (source count)", _count(row.get("companies"))))
    else:
        out.append(("Participants reported by the source", _count(row.get("region_count"))))
    return pd.DataFrame(out, columns=["fact", "value"])


def _count(v: object) -> str:
    return NOT_GIVEN if pd.isna(v) else f"{int(v):,}"


def _col(rows: pd.DataFrame, name: str, missing: str = NOT_RECORDED) -> pd.Series:
    """A participation column, ``missing`` where a row (or the whole table) does not have it."""
    if name in rows:
        return rows[name].map(lambda v: _text(v) if isinstance(v, str) else ("" if pd.isna(v) else str(v)))\
            .replace("", missing)
    return pd.Series(missing, index=rows.index)


def countries(rows: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Countries taking part, with their role.

    Tier 1: the country rows (member state, EEA state, ...), plus the countries of named
    participants that have no country row (role "country of a named participant"). Tier 2: the
    strongest role of any of the country's regions (lead > co-lead > member).
    """
    cols = ["code", "country", "role", "rows", "detail", "source_url"]
    out = []
    located = rows[rows["country_code"].fillna("") != ""]
    if (rows["tier"] == 1).all():
        crow = located[located["role"].isin(COUNTRY_ROLE_LABELS)]
        for r in crow.itertuples():
            detail = []
            if pd.notna(r.count_reported):
                detail.append(f"{int(r.count_reported)} reported by a national source")
            if pd.notna(r.state_aid_eur):
                detail.append(f"aid {_money(r.state_aid_eur)}")
            if _text(r.as_of):
                detail.append(f"as of {r.as_of}")
            out.append((r.country_code, COUNTRY_ROLE_LABELS[r.role], 1, "; ".join(detail), r.source_url))
        rest = located[~located["country_code"].isin(crow["country_code"])]
        for cc, g in rest.groupby("country_code"):
            out.append((cc, "country of a named participant", len(g), "", g["source_url"].iloc[0]))
    else:
        for cc, g in located.groupby("country_code"):
            role = next(x for x in (*TIER2_ROLE_ORDER, *g["role"]) if x in set(g["role"]))
            out.append((cc, role, len(g), f"{len(g)} region row(s)", g["source_url"].iloc[0]))
    df = pd.DataFrame(out, columns=["code", "role", "rows", "detail", "source_url"])
    df.insert(1, "country", df["code"].map(lambda c: names.get(c, c)))
    rank = {r: i for i, r in enumerate([*COUNTRY_ROLE_LABELS.values(), *TIER2_ROLE_ORDER])}
    df = df.sort_values(["role", "country"], key=lambda s: s.map(rank).fillna(99) if s.name == "role" else s)
    return df[cols].reset_index(drop=True)


def participants(rows: pd.DataFrame, reg: pd.DataFrame) -> pd.DataFrame:
    """One row per participation row naming a participant (tier 1) or a partner region (tier 2).

    ``basis`` says how the place was obtained (site vs head office vs country only); ``source``
    is the page naming the location where there is one, else the membership source.
    """
    named = rows[~rows["role"].isin(COUNTRY_ROLE_LABELS)]
    if named.empty:
        return pd.DataFrame(columns=["participant", "kind", "country", "place_as_in_source", "nuts",
                                     "basis", "role", "confidence", "nuts_method", "source"])
    place = named["place_code"].fillna("")
    region_name = place.map(lambda c: f"{reg.at[c, 'name']} ({c})" if c in reg.index else c)
    name = named["participant_name"].fillna("").astype(str)
    if (named["tier"] == 2).all():
        name = name.where(name != "", named["place_name_as_in_source"].fillna(""))
    role = named["status"].fillna("").where(named["tier"] == 1, named["role"])
    out = pd.DataFrame({
        "participant": name.where(name != "", "(not named)"),
        "kind": named["participant_kind"].fillna(""),
        "country": named["country_code"].fillna("not stated"),
        "place_as_in_source": named["place_name_as_in_source"].fillna(""),
        "nuts": region_name.where(place.str.len() > 2, ""),
        "basis": _basis(named),
        "role": role.astype(str).str.replace("_", " "),
        "confidence": _col(named, "confidence", NOT_RATED),
        "nuts_method": _col(named, "nuts_method"),
        "source": named["site_source_url"].fillna("").where(
            named["site_source_url"].fillna("") != "", named["source_url"]),
    })
    return out.sort_values(["country", "participant", "nuts"], kind="stable").reset_index(drop=True)


def _basis(rows: pd.DataFrame) -> pd.Series:
    label = rows["geo_basis"].map(lambda b: BASIS_LABELS.get(b, b))
    tier2_country = (rows["tier"] == 2) & (rows["place_level"] == 0)
    label = label.where(~tier2_country.fillna(False), "country only (" + rows["geo_basis"].astype(str) + ")")
    return label.where(rows["place_code"].notna(), "not located (no state given)")


def places(rows: pd.DataFrame, reg: pd.DataFrame) -> pd.DataFrame:
    """Map points at GISCO label points: ``site`` (a place the source ties to the project),
    ``hq`` (a head office placed in a region, not a project site) and ``region`` (a tier 2
    partner region). Rows known only by country are not points (they colour the country)."""
    r = rows[rows["place_code"].notna() & (rows["place_level"].fillna(0) >= 1)]
    r = r[r["place_code"].isin(reg.index)]
    kind = r["geo_basis"].map(lambda b: "site" if b in SITE_BASES else "hq" if b == "hq_city" else "region")
    kind = kind.where(r["tier"] == 2, kind.replace({"region": "site"}))
    label = r["participant_name"].fillna("").astype(str)
    label = label.where(label != "", r["place_name_as_in_source"].fillna("").astype(str))
    df = pd.DataFrame({"code": r["place_code"], "kind": kind, "label": label})
    agg = (df.groupby(["code", "kind"], sort=True)["label"]
           .agg(lambda s: "; ".join(sorted({x for x in s if x}))).reset_index())
    agg["n"] = df.groupby(["code", "kind"]).size().values
    agg["name"] = agg["code"].map(reg["name"])
    agg["lon"], agg["lat"] = agg["code"].map(reg["lon"]), agg["code"].map(reg["lat"])
    return agg[["code", "name", "lon", "lat", "kind", "label", "n"]]


def coverage(row: pd.Series, rows: pd.DataFrame) -> str:
    """'N of M participants named', M from the official or source count where known.

    Tier 1 participants are counted once per (name, country) (multi-site projects have a row per
    site). For an IPCEI, where the sources give statuses, only ``direct`` participants are held
    against the Commission's count of direct participants; the others are listed after it. A
    named count above the official one is said as such, never shown as more than 100 %.
    """
    extra = ""
    if row["tier"] == 1:
        named = rows[rows["participant_name"].fillna("") != ""].drop_duplicates(["participant_name", "country_code"])
        status = named["status"].fillna("").astype(str) if "status" in named else pd.Series("", index=named.index)
        if row["type"] == "IPCEI" and (status == "direct").any():
            others = status[status != "direct"].replace("", "no status").str.replace("_", " ").value_counts()
            extra = "; also named: " + ", ".join(f"{n} {k}" for k, n in others.items()) if len(others) else ""
            named = named[status == "direct"]
        n, total = len(named), row.get("companies")
        what = "direct participants" if row["type"] == "IPCEI" else "members"
        basis = "the Commission's count" if row["type"] == "IPCEI" else "the source's member count"
    else:
        n = int((~rows["role"].isin(COUNTRY_ROLE_LABELS)).sum())
        total = row.get("region_count")
        what, basis = "participants", "the source's participant count"
    verb = "named" if row["tier"] == 1 else "documented (as regions or countries)"
    if pd.isna(total):
        return f"{n} {what} {verb}; the sources compiled give no total, so coverage is unknown{extra}."
    total = int(total)
    if n > total:
        return (f"{n} {what} {verb}, more than {basis} of {total:,} (the sources name entities the count "
                f"groups, or later additions), so coverage cannot be stated{extra}.")
    pct = f" ({n / total:.0%})" if total else ""
    return f"{n} of {total:,} {what} {verb}{pct} — total from {basis}{extra}."


def sources(row: pd.Series, rows: pd.DataFrame) -> pd.DataFrame:
    """Every URL behind the profile, with what it is used for and on how many rows."""
    out = [(row["source_url"], "initiative record (figures above)", 1)]
    for url, n in rows["source_url"].value_counts(sort=False).items():
        out.append((url, "membership / participant rows", int(n)))
    sites = rows["site_source_url"].fillna("")
    for url, n in sites[sites != ""].value_counts(sort=False).items():
        out.append((url, "location of a site", int(n)))
    df = pd.DataFrame(out, columns=["url", "used for", "rows"])
    df = df.groupby("url", sort=False).agg({"used for": lambda s: "; ".join(dict.fromkeys(s)), "rows": "sum"})
    return df.reset_index()


def build(initiative_id: str, ini: pd.DataFrame, par: pd.DataFrame, reg: pd.DataFrame) -> Profile | None:
    """The profile of ``initiative_id``, or None when no such initiative exists."""
    hit = ini[ini["initiative_id"] == initiative_id]
    if hit.empty:
        return None
    row = hit.iloc[0]
    rows = par[par["initiative_id"] == initiative_id]
    names = reg.loc[reg["level"] == 0, "name"].to_dict()
    return Profile(
        initiative_id=initiative_id, name=row["name"], short_name=row["short_name"], type=row["type"],
        tier=int(row["tier"]), facts=facts(row), countries=countries(rows, names),
        participants=participants(rows, reg), places=places(rows, reg), coverage=coverage(row, rows),
        sources=sources(row, rows), notes=_text(row.get("notes")),
    )


def profile(initiative_id: str) -> Profile | None:
    from data import geodata, tables

    return build(initiative_id, tables.initiatives(), tables.participation(), geodata.registry())
