"""Innovation scores: RIS 2023 (primary), EIS 2023, RIS 2019 and Eurostat indicators.

Each score is described by a :class:`Score` (label, unit, edition, scale, source) and read
into a frame indexed by the *source's* code (any NUTS level, older codes included) with
columns ``value``, ``year`` and, where the source has one, ``group``. Placing the values on
NUTS 2021 regions is the model's job (:mod:`data.model`). Nothing here fills a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import cache

RIS_YEARS = tuple(range(2016, 2024))
GROUPS = ("Innovation Leader", "Strong Innovator", "Moderate Innovator", "Emerging Innovator")


@dataclass(frozen=True)
class Score:
    key: str
    label: str
    dataset: str  # source key in data/derived/sources.csv
    edition: str
    unit: str
    kind: str = "numeric"  # numeric | categorical
    years: tuple[int, ...] = ()  # selectable years; empty = one vintage per value
    default_year: int | None = None
    source_level: str = ""
    note: str = ""
    eu_reference: dict[int, float] = field(default_factory=dict)

    def title(self, year: int | None = None) -> str:
        y = f" {year}" if year and self.years else ""
        return f"{self.label}{y} ({self.edition})"


_RIS_EU = {2016: 100.0, 2023: 108.47}  # EU row of the RIS 2023 database (see SOURCES.md)
_RIS_LEVELS = "NUTS 2 / NUTS 1 (FR, UK, AT, BE, parts of DE, ES, PT, EL, FI) / country (CY, EE, LU, LV, MT)"

_EUROSTAT = {
    "gerd": ("gerd_pc_gdp", "R&D expenditure, all sectors (GERD)", "% of GDP"),
    "berd": ("berd_pc_gdp", "Business R&D expenditure (BERD)", "% of GDP"),
    "goverd": ("goverd_pc_gdp", "Government R&D expenditure", "% of GDP"),
    "herd": ("herd_pc_gdp", "Higher-education R&D expenditure", "% of GDP"),
    "hrst": ("hrst_pc_pop", "Human resources in science and technology", "% of population"),
    "emp_ht": ("emp_hightech_sectors_pc", "Employment in high-tech sectors", "% of employment"),
    "emp_htm": ("emp_ht_mht_manuf_pc", "Employment in high/medium-high-tech manufacturing",
                "% of employment"),
    "emp_kis": ("emp_kis_pc", "Employment in knowledge-intensive services", "% of employment"),
    "rd_pers": ("rd_personnel_pc_emp_hc", "R&D personnel (headcount)", "% of employment"),
}

SCORES: dict[str, Score] = {
    s.key: s
    for s in [
        Score("rii", "Regional Innovation Index", "ris2023", "RIS 2023",
              "index, EU27 in 2016 = 100", years=RIS_YEARS, default_year=2023,
              source_level=_RIS_LEVELS, eu_reference=_RIS_EU,
              note="239 regions; NUTS 2 maps reuse NUTS 1 or country values where RIS publishes only those."),
        Score("rii_group", "RIS performance group", "ris2023", "RIS 2023", "official group",
              kind="categorical", source_level=_RIS_LEVELS,
              note="Official RIS 2023 groups (36 Leaders, 70 Strong, 69 Moderate, 64 Emerging)."),
        Score("rii_change", "RII change 2016-2023", "ris2023", "RIS 2023",
              "index points (derived: RII 2023 - RII 2016)", source_level=_RIS_LEVELS,
              note="Derived by subtraction from the two official values."),
        Score("sii", "Summary Innovation Index (national)", "eis2023", "EIS 2023",
              "index, EU27 in 2016 = 100", years=RIS_YEARS, default_year=2023,
              source_level="country", note="National score: every region shows its country's value."),
        Score("sii_group", "EIS performance group (national)", "eis2023", "EIS 2023",
              "official group", kind="categorical", source_level="country"),
        Score("rii2019", "Regional Innovation Index 2019 (partial)", "ris2019", "RIS 2019",
              "index as published (EU28 = 104.71)", source_level="NUTS 2 (NUTS 2016 codes)",
              eu_reference={2019: 104.714481},
              note="180 of 238 regions from a secondary source; AT, BE, FR, UK, FI, SK, SI, NO, CH missing."),
        *(Score(k, lab, "eurostat", "Eurostat (2020 extract)", unit,
                source_level="NUTS 2 (mixed NUTS versions)",
                note="Latest year per region in a 2020 extract: R&D mostly 2013-2016, HRST/employment mostly 2018.")
          for k, (_, lab, unit) in _EUROSTAT.items()),
    ]
}


def _table(name: str) -> pd.DataFrame:
    """A committed score table; empty (and reported on the page) when it is missing or broken."""
    from data.tables import derived_or_empty

    return derived_or_empty(name)


def _wide(long: pd.DataFrame, prefix: str, latest: int, latest_col: str) -> pd.DataFrame:
    """Long (code, year, value) -> one row per code with columns <prefix>_<year>; <latest_col> for ``latest``."""
    wide = long.pivot(index="code", columns="year", values="value")
    wide.columns = [latest_col if y == latest else f"{prefix}_{y}" for y in wide.columns]
    cols = [latest_col if y == latest else f"{prefix}_{y}" for y in RIS_YEARS]
    return wide.reindex(columns=cols).astype("float64")


@cache.resource
def ris2023() -> pd.DataFrame:
    """RIS 2023 per code: rii (2023), rii_2016..rii_2022, performance_group, change, nuts_level, region_name."""
    long = _table("scores_ris2023_rii.csv")
    first = long.drop_duplicates("code").set_index("code")
    df = _wide(long, "rii", 2023, "rii")
    df["performance_group"] = long.dropna(subset=["group"]).set_index("code")["group"]
    df["change_2016_2023_points_derived"] = (df["rii"] - df["rii_2016"]).round(2)
    df["nuts_level"] = first["level"]
    df["region_name"] = first["name"]
    df["zone"] = first["zone"]
    df["edition"] = first["edition"]
    return df.loc[first.index]


@cache.resource
def eis2023() -> pd.DataFrame:
    """EIS 2023 per country (EU27 row included): sii_2016..sii_2023, performance_group, country_name, zone."""
    long = _table("scores_eis2023_sii.csv")
    first = long.drop_duplicates("code").set_index("code")
    df = _wide(long, "sii", -1, "")
    df["performance_group"] = long.dropna(subset=["group"]).set_index("code")["group"]
    df["country_name"] = first["name"]
    df["zone"] = first["zone"]
    df["edition"] = first["edition"]
    return df.loc[first.index]


@cache.resource
def ris2019() -> pd.DataFrame:
    long = _table("scores_ris2019_rii.csv")
    return long.rename(columns={"value": "rii", "level": "nuts_level", "name": "region_name"}).set_index("code")


@cache.resource
def eurostat() -> pd.DataFrame:
    df = _table("scores_eurostat.csv").rename(columns={"code": "nuts2_code"})
    return df[df["code_status"] != "aggregate (not a region)"]


def _with_meta(df: pd.DataFrame, source: str) -> pd.DataFrame:
    from data.tables import sources_meta

    meta = sources_meta()
    m = meta.loc[source] if source in meta.index else pd.Series("", index=meta.columns)
    out = df.copy()
    for col in ("edition", "unit", "licence", "coverage"):
        if col not in out:
            out[col] = m[col]
    out["source"] = source
    out.attrs.update(title=m["title"], coverage=m["coverage"], licence=m["licence"],
                     official_page=m["official_page"])
    return out


@cache.resource
def _ris_indicators() -> pd.DataFrame:
    names = _table("scores_ris2023_indicator_names.csv")[["indicator_id", "indicator"]]
    long = _table("scores_ris2023_indicators.csv").merge(names, on="indicator_id", how="left")
    cols = ["code", "indicator_id", "indicator", "year", "value"]
    return _with_meta(long[cols], "ris2023_indicators")


def ris_indicators() -> pd.DataFrame:
    """The 21 regional RIS 2023 indicator scores 2016-2023, long.

    Columns: code (RIS code, Eurostat country prefixes; 'EU' = the EU27 row), indicator_id
    (e.g. '1.1.2'), indicator (name), year, value, edition, unit, licence, coverage, source.
    A missing score has no row. Returns a copy (the cached frame is never handed out).
    """
    return _ris_indicators().copy()


@cache.resource
def values(key: str, year: int | None = None) -> pd.DataFrame:
    """Score ``key`` for ``year`` -> frame indexed by source code: value, year, group."""
    s = SCORES[key]
    if s.years:
        year = year if year in s.years else s.default_year
    if s.dataset == "ris2023":
        df = ris2023()
        if key == "rii":
            v = df["rii"] if year == 2023 else df[f"rii_{year}"]
            out = pd.DataFrame({"value": v, "year": year})
        elif key == "rii_change":
            out = pd.DataFrame({"value": df["change_2016_2023_points_derived"], "year": 2023})
        else:
            out = pd.DataFrame({"value": df["performance_group"], "year": 2023})
        out["group"] = df["performance_group"]
    elif s.dataset == "eis2023":
        df = eis2023().drop(index="EU27", errors="ignore")
        col = "performance_group" if key == "sii_group" else f"sii_{year}"
        out = pd.DataFrame({"value": df[col], "year": year or 2023, "group": df["performance_group"]})
    elif s.dataset == "ris2019":
        df = ris2019()
        out = pd.DataFrame({"value": df["rii"], "year": 2019})
    else:
        ind = _EUROSTAT[key][0]
        df = eurostat()
        df = df[df["indicator"] == ind].set_index("nuts2_code")
        out = pd.DataFrame({"value": df["value"], "year": df["year"].astype("Int64")})
    out = out[out["value"].notna()]
    return out


def eu_reference(key: str, year: int | None = None) -> float | None:
    s = SCORES[key]
    if s.dataset == "eis2023" and s.kind == "numeric":
        y = year if year in s.years else s.default_year
        eu = eis2023()
        return float(eu.loc["EU27", f"sii_{y}"]) if "EU27" in eu.index else None
    if s.years:
        return s.eu_reference.get(year if year in s.years else s.default_year)
    return next(iter(s.eu_reference.values()), None)


def country_groups() -> pd.Series:
    """EIS 2023 national performance group per country."""
    return eis2023().drop(index="EU27", errors="ignore")["performance_group"]
