"""The one place where the project's tables are described: pandera schemas.

Used by the build (``data/build``, before writing), the loaders (``data/tables.py``,
``data/scores.py``, ``data/context.py``, on reading) and the data check (``data/check.py``).
Column meanings are documented in data/README.md.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from data import vocab

URL = r"^https?://\S+$"
PLACE_CODE = r"^[A-Z]{2}[A-Z0-9]{0,3}$"
COUNTRY = r"^[A-Z]{2}$"
GROUPS = ("Innovation Leader", "Strong Innovator", "Moderate Innovator", "Emerging Innovator")
CONFIDENCE = ("high", "medium-high", "medium", "low")


def _ecosystems_ok(s: pd.Series) -> pd.Series:
    allowed = set(vocab.ECOSYSTEMS)
    return s.fillna("").map(lambda v: all(e.strip() in allowed for e in v.split(";")) if v else True)


# --------------------------------------------------------------------------- curated tables

INITIATIVES = pa.DataFrameSchema(
    {
        "initiative_id": pa.Column(str, unique=True),
        "name": pa.Column(str),
        "short_name": pa.Column(str),
        "type": pa.Column(str, pa.Check.isin(vocab.TYPES)),
        "tier": pa.Column(int, pa.Check.isin([1, 2])),
        "value_chain": pa.Column(str, pa.Check.isin(vocab.VALUE_CHAINS), nullable=True),
        "ecosystems": pa.Column(str, pa.Check(_ecosystems_ok, element_wise=False), nullable=True),
        "year": pa.Column("Int64", pa.Check.in_range(1990, 2030), nullable=True),
        "source_url": pa.Column(str, pa.Check.str_matches(URL)),
    },
    strict=False,
    coerce=True,
)

PARTICIPATION = pa.DataFrameSchema(
    {
        "initiative_id": pa.Column(str),
        "tier": pa.Column(int, pa.Check.isin([1, 2])),
        "place_code": pa.Column(str, pa.Check.str_matches(PLACE_CODE), nullable=True),
        "place_level": pa.Column("Int64", pa.Check.isin([0, 1, 2, 3]), nullable=True),
        "country_code": pa.Column(str, pa.Check.str_matches(COUNTRY), nullable=True),
        "role": pa.Column(str, pa.Check.isin(vocab.ROLES)),
        "source_url": pa.Column(str, pa.Check.str_matches(URL)),
    },
    checks=[
        pa.Check(lambda d: (d["place_code"].isna() | (d["place_code"].str.len() - 2 == d["place_level"])).all(),
                 error="place_level must equal len(place_code) - 2"),
        pa.Check(lambda d: (d["place_code"].isna() | (d["place_code"].str[:2] == d["country_code"])).all(),
                 error="place_code must start with country_code"),
    ],
    strict=False,
    coerce=True,
)

# --------------------------------------------------------------------------- derived score tables

_SCORE_KEYS = ("ris2023", "ris2023_indicators", "ris2019", "eis2023", "eurostat")


def _score(extra: dict[str, pa.Column], source: str, years=(2000, 2030), group: bool = False) -> pa.DataFrameSchema:
    cols = {
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}[A-Z0-9]{0,3}$|^EU\d{0,2}$|^EA\d{0,2}$")),
        **extra,
        "year": pa.Column(int, pa.Check.in_range(*years)),
        "value": pa.Column(float),
        "edition": pa.Column(str),
        "source": pa.Column(str, pa.Check.isin([source])),
    }
    if group:
        cols["group"] = pa.Column(str, pa.Check.isin(GROUPS), nullable=True)
    return pa.DataFrameSchema(cols, strict=True, coerce=True, ordered=False)


SCORE_TABLES: dict[str, pa.DataFrameSchema] = {
    "scores_ris2023_rii.csv": _score({
        "name": pa.Column(str, nullable=True), "level": pa.Column(int, pa.Check.isin([0, 1, 2])),
        "zone": pa.Column(str, pa.Check.isin(["EU", "non-EU"]))}, "ris2023", (2016, 2023), group=True),
    # edition and source are constant (RIS 2023, ris2023_indicators): stored once in sources.csv
    "scores_ris2023_indicators.csv": pa.DataFrameSchema({
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}[A-Z0-9]{0,3}$")),
        "indicator_id": pa.Column(str, pa.Check.str_matches(r"^\d\.\d\.\d$")),
        "year": pa.Column(int, pa.Check.in_range(2016, 2023)),
        "value": pa.Column(float)}, strict=True, coerce=True,
        unique=["code", "indicator_id", "year"]),
    "scores_ris2019_rii.csv": _score({
        "name": pa.Column(str, nullable=True), "level": pa.Column(int, pa.Check.isin([2]))}, "ris2019", (2019, 2019)),
    "scores_eis2023_sii.csv": _score({
        "name": pa.Column(str, nullable=True), "zone": pa.Column(str, pa.Check.isin(["EU", "non-EU"]))},
        "eis2023", (2016, 2023), group=True),
    "scores_eurostat.csv": _score({
        "code_status": pa.Column(str), "indicator": pa.Column(str)}, "eurostat"),
    "scores_ris2023_indicator_names.csv": pa.DataFrameSchema({
        "indicator_id": pa.Column(str, pa.Check.str_matches(r"^\d\.\d\.\d$"), unique=True),
        "indicator": pa.Column(str), "indicator_as_written": pa.Column(str)}, strict=True, coerce=True),
}

# --------------------------------------------------------------------------- derived context tables

_CONTEXT_KEYS = ("gdp_pps", "widening", "cohesion", "outermost", "riv", "pri")


def _context(extra: dict[str, pa.Column], source: str) -> pa.DataFrameSchema:
    cols = {
        "code": pa.Column(str, pa.Check.str_matches(PLACE_CODE), nullable=True),
        "level": pa.Column("Int64", pa.Check.isin([0, 1, 2, 3]), nullable=True),
        "country": pa.Column(str, pa.Check.str_matches(COUNTRY)),
        "name": pa.Column(str, nullable=True),
        "name_as_in_source": pa.Column(str),
        "category": pa.Column(str),
        **extra,
        "source": pa.Column(str, pa.Check.isin([source])),
        "source_url": pa.Column(str, pa.Check.str_matches(URL)),
        "notes": pa.Column(str, nullable=True),
        "confidence": pa.Column(str, pa.Check.isin(CONFIDENCE)),
    }
    return pa.DataFrameSchema(cols, strict=True, coerce=True)


CONTEXT_TABLES: dict[str, pa.DataFrameSchema] = {
    "context_gdp_pps.csv": pa.DataFrameSchema({
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}[A-Z0-9]{0,3}$|^EU27_2020$"), unique=True),
        "level": pa.Column("Int64", pa.Check.isin([2]), nullable=True),
        "country": pa.Column(str, nullable=True),
        "name": pa.Column(str, nullable=True),
        "year": pa.Column(int, pa.Check.in_range(2000, 2030)),
        "value": pa.Column(float, pa.Check.gt(0)),
        "value_pct_eu27": pa.Column(float, pa.Check.gt(0), nullable=True),
        "nuts2021_valid": pa.Column(bool),
        "edition": pa.Column(str),
        "source": pa.Column(str, pa.Check.isin(["gdp_pps"])),
        "source_url": pa.Column(str, pa.Check.str_matches(URL)),
        "source_url_pct_eu27": pa.Column(str, pa.Check.str_matches(URL)),
        "notes": pa.Column(str, nullable=True),
    }, strict=True, coerce=True),
    "context_widening.csv": pa.DataFrameSchema({
        "country": pa.Column(str, pa.Check.str_matches(COUNTRY), unique=True),
        "name": pa.Column(str), "category": pa.Column(str, pa.Check.isin(["widening"])),
        "group": pa.Column(str), "edition": pa.Column(str),
        "source": pa.Column(str, pa.Check.isin(["widening"])),
        "source_url": pa.Column(str, pa.Check.str_matches(URL)),
        "notes": pa.Column(str, nullable=True),
        "confidence": pa.Column(str, pa.Check.isin(CONFIDENCE)),
    }, strict=True, coerce=True),
    "context_cohesion.csv": _context({
        "period": pa.Column(str), "edition": pa.Column(str)}, "cohesion").update_column(
        "category", checks=pa.Check.isin(["less developed", "transition", "more developed"])),
    "context_outermost.csv": _context({"legal_basis": pa.Column(str)}, "outermost"),
    "context_riv.csv": _context({"year": pa.Column(int), "edition": pa.Column(str)}, "riv"),
    "context_pri.csv": _context({"year": pa.Column(int), "edition": pa.Column(str)}, "pri"),
}

SOURCES_TABLE = pa.DataFrameSchema({
    "source": pa.Column(str, pa.Check.isin([*_SCORE_KEYS, *_CONTEXT_KEYS]), unique=True),
    "title": pa.Column(str), "edition": pa.Column(str), "unit": pa.Column(str),
    "licence": pa.Column(str), "attribution": pa.Column(str),
    "official_page": pa.Column(str, pa.Check.str_matches(URL)),
    "coverage": pa.Column(str), "built_from": pa.Column(str),
    "built_from_sha256": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{64}$")),
}, strict=True, coerce=True)

DERIVED: dict[str, pa.DataFrameSchema] = {**SCORE_TABLES, **CONTEXT_TABLES, "sources.csv": SOURCES_TABLE}

# --------------------------------------------------------------------------- build-time checks
# Stricter than INITIATIVES/PARTICIPATION (which the app applies on load): the builder runs
# these on the frames it is about to write, where blanks are '' and counts nullable Int64.


def _blank_or(values) -> pa.Check:
    allowed = [*values, ""]
    return pa.Check.isin(allowed, error=f"must be one of {list(values)} or blank")


def initiatives_build() -> pa.DataFrameSchema:
    eco_ok = pa.Check(lambda d: ((d["ecosystems"] != "") == d["ecosystem_basis"].isin(vocab.ECOSYSTEM_BASES[:2])),
                      error="ecosystems and ecosystem_basis must be both set or both blank")
    return pa.DataFrameSchema(
        {
            "initiative_id": pa.Column(str, [pa.Check.str_length(min_value=1)], unique=True),
            "type": pa.Column(str, pa.Check.isin(vocab.TYPES)),
            "tier": pa.Column("Int64", pa.Check.isin([1, 2])),
            "value_chain": pa.Column(str, _blank_or(vocab.VALUE_CHAINS)),
            "ecosystems": pa.Column(str, pa.Check(_ecosystems_ok, element_wise=False)),
            "ecosystem_basis": pa.Column(str, pa.Check.isin(vocab.ECOSYSTEM_BASES)),
            "source_url": pa.Column(str, pa.Check.str_matches(URL)),
            "confidence": pa.Column(str, _blank_or(CONFIDENCE)),
        },
        checks=[eco_ok],
        strict=False,
    )


def participation_build(nuts: dict[str, tuple[int, str]] | None = None,
                        initiative_ids: list[str] | None = None) -> pa.DataFrameSchema:
    """``nuts`` (NUTS_ID -> (level, CNTR_CODE)) switches on the check of every place and country
    code against GISCO NUTS 2021; ``initiative_ids`` the check that every row has a known initiative."""
    checks = [
        pa.Check(lambda d: (d["place_level"].isna() == (d["place_code"] == "")),
                 error="place_level without place_code (or reverse)"),
        pa.Check(lambda d: ((d["tier"] == 2) == d["role"].isin(vocab.TIER2_ROLES)),
                 error="tier 1 role on tier 2 row or reverse"),
    ]
    if nuts is not None:
        def place_known(d: pd.DataFrame) -> pd.Series:
            return (d["place_code"] == "") | d["place_code"].isin(list(nuts))

        def level_matches(d: pd.DataFrame) -> pd.Series:
            lv = d["place_code"].map(lambda c: nuts.get(c, (None, ""))[0])
            return (d["place_code"] == "") | ~d["place_code"].isin(list(nuts)) | (lv == d["place_level"])

        def country_matches(d: pd.DataFrame) -> pd.Series:
            cn = d["place_code"].map(lambda c: nuts.get(c, (None, ""))[1])
            ok_place = (d["place_code"] == "") | (d["country_code"] == "") | (cn == d["country_code"])
            ok_country = (d["country_code"] == "") | d["country_code"].map(lambda c: nuts.get(c, (None,))[0] == 0)
            return ok_place & ok_country

        checks += [
            pa.Check(place_known, error="place_code not in GISCO NUTS 2021"),
            pa.Check(level_matches, error="place_level differs from the GISCO level of place_code"),
            pa.Check(country_matches, error="country_code not a NUTS 2021 country, or place in another country"),
        ]
    init_checks = [pa.Check.isin(list(initiative_ids), error="unknown initiative_id")] if initiative_ids else []
    return pa.DataFrameSchema(
        {
            "initiative_id": pa.Column(str, init_checks),
            "tier": pa.Column("Int64", pa.Check.isin([1, 2])),
            "place_level": pa.Column("Int64", pa.Check.isin(list(vocab.PLACE_LEVELS)), nullable=True),
            "role": pa.Column(str, pa.Check.isin(vocab.ROLES)),
            "status": pa.Column(str, _blank_or(vocab.STATUSES)),
            "geo_basis": pa.Column(str, pa.Check.isin(vocab.GEO_BASES)),
            "participant_kind": pa.Column(str, _blank_or(vocab.PARTICIPANT_KINDS)),
            "source_url": pa.Column(str, pa.Check.str_matches(URL)),
            "confidence": pa.Column(str, _blank_or(CONFIDENCE)),
        },
        checks=checks,
        strict=False,
    )


def describe(exc: Exception, df: pd.DataFrame, where: tuple[str, ...] = ("source_file", "source_row")) -> str:
    """A pandera SchemaErrors as 'check: rows' lines naming the source rows (for build messages)."""
    cases = getattr(exc, "failure_cases", None)
    if cases is None:
        return str(exc)
    lines = []
    for (col, check), grp in cases.groupby(["column", "check"], dropna=False, sort=False):
        idx = [i for i in grp["index"].dropna().tolist() if i in df.index][:10]
        refs = [":".join(str(df.at[i, w]) for w in where if w in df) or str(i) for i in idx]
        vals = sorted({str(v) for v in grp["failure_case"].tolist()})[:10]
        lines.append(f"{col if isinstance(col, str) else 'table'} {check}: values {vals} rows {refs}")
    return " | ".join(lines)
