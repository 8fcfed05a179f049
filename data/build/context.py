"""Context layers for the divide: ``<shared>/data/context/*.csv`` -> ``data/derived/context_*.csv``.

Columns are renamed to the project schema (code, level, country, name, value or category,
year/period/edition, source, source_url, confidence, notes); figures and categories are copied
as text, exactly as compiled. Every row keeps its source URL. The lists are partial (see
``coverage`` in data/derived/sources.csv): a region without a row is unknown, not "no".
"""

from __future__ import annotations

import pandas as pd

from data.build.common import eurostat_country

GDP = "context/context_gdp_pps_nuts2.csv"
WIDENING = "context/context_widening_countries.csv"
COHESION = "context/context_cohesion_category_2021_2027.csv"
OUTERMOST = "context/context_outermost_regions.csv"
RIV = "context/context_regional_innovation_valleys.csv"
PRI = "context/context_pri_pilot.csv"
SOURCE_FILES = (GDP, WIDENING, COHESION, OUTERMOST, RIV, PRI)

OUTPUTS = {
    "context_gdp_pps.csv": ("gdp_pps", GDP),
    "context_widening.csv": ("widening", WIDENING),
    "context_cohesion.csv": ("cohesion", COHESION),
    "context_outermost.csv": ("outermost", OUTERMOST),
    "context_riv.csv": ("riv", RIV),
    "context_pri.csv": ("pri", PRI),
}

_FACTS = ("facts compiled by the project from the public pages cited in source_url "
          "(each page under its own terms)")
META = {
    "gdp_pps": dict(
        title="GDP per inhabitant in PPS by NUTS 2 (Eurostat nama_10r_2gdp)",
        edition="Eurostat nama_10r_2gdp, API extract of 2026-02-08 (NUTS 2024 dissemination)",
        unit="PPS (EU27 from 2020) per inhabitant; value_pct_eu27 = % of EU27 average",
        licence="© European Union, Eurostat; reuse authorised provided the source is acknowledged "
                "(Commission Decision 2011/833/EU); read from a public third-party copy (source_url)",
        attribution="Eurostat, nama_10r_2gdp",
        official_page="https://ec.europa.eu/eurostat/databrowser/view/nama_10r_2gdp/default/table",
        coverage="latest year per region: 2023 for 237 of 242 EU NUTS 2 regions; NUTS 2024 codes, flagged "
                 "nuts2021_valid=false (NL35, NL36, PT19, PT1A-PT1D); NL31, NL33, PT16-PT18 have no "
                 "NUTS 2021 value; non-EU countries older years"),
    "widening": dict(
        title="Horizon Europe widening countries (Work Programme 2023-2024)",
        edition="Horizon Europe, Work Programme 2023-2024", unit="category", licence=_FACTS,
        attribution="Regulation (EU) 2021/695; Work Programme 2023-2024",
        official_page="https://rea.ec.europa.eu/horizon-europe-widening-participation-and-spreading-excellence_en",
        coverage="complete: 15 EU member states + 14 associated countries (associated list can change)"),
    "cohesion": dict(
        title="Cohesion policy 2021-2027 region categories (partial)",
        edition="Commission Implementing Decision (EU) 2021/1130", unit="category", licence=_FACTS,
        attribution="Commission Implementing Decision (EU) 2021/1130, via secondary summaries",
        official_page="https://eur-lex.europa.eu/eli/dec_impl/2021/1130/oj",
        coverage="partial: 42 of 242 EU NUTS 2 regions (IT 21, ES 19, DEE0, CZ01); other regions unknown, "
                 "not derived from GDP on purpose"),
    "outermost": dict(
        title="Outermost regions (Art. 349 TFEU)", edition="Art. 349 TFEU", unit="category",
        licence=_FACTS, attribution="Treaty on the Functioning of the EU, Art. 349",
        official_page="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E349",
        coverage="complete: 9 regions (Saint-Martin has no NUTS 2021 code)"),
    "riv": dict(
        title="Regional Innovation Valleys (label of 19 June 2024; partial)",
        edition="RIV 2023-2024 round", unit="category", licence=_FACTS,
        attribution="European Commission, Regional Innovation Valleys",
        official_page="https://research-and-innovation.ec.europa.eu/strategy/support-policy-making/"
                      "shaping-eu-research-and-innovation-policy/new-european-innovation-agenda/"
                      "new-european-innovation-agenda-roadmap/flagship-5-regional-innovation-valleys_en",
        coverage="partial: 20 of 151 labelled regions; others unknown"),
    "pri": dict(
        title="Partnerships for Regional Innovation pilot (2022; partial)",
        edition="PRI pilot action 2022", unit="category", licence=_FACTS,
        attribution="European Committee of the Regions and JRC, PRI pilot action",
        official_page="https://cor.europa.eu/en/news/Pages/Partnerships-for-Regional-Innovation.aspx",
        coverage="partial: 16 of 74 participants (63 regions, 7 cities, 4 member states); others unknown"),
}


def _place(src: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "code": src["code"].str.strip(),
        "level": src["nuts_level"],
        "country": src["country_code"].map(eurostat_country),
        "name": src["region_name_nuts2021"],
        "name_as_in_source": src["region_name_as_in_source"],
        "category": src["value"],
    })


def gdp_pps(src: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "code": src["code"].str.strip(), "level": src["nuts_level"],
        "country": src["country_code"].map(eurostat_country), "name": src["region_name"],
        "year": src["year"], "value": src["value"].str.strip(), "value_pct_eu27": src["value_pct_eu27"].str.strip(),
        "nuts2021_valid": src["nuts2021_code_valid"], "edition": src["edition"], "source": "gdp_pps",
        "source_url": src["source_url"], "source_url_pct_eu27": src["source_url_pct_eu27"], "notes": src["notes"],
    })
    return out[out["value"] != ""].reset_index(drop=True)


def widening(src: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "country": src["code"].str.strip(), "name": src["country_name"], "category": src["value"],
        "group": src["group"], "edition": src["edition"], "source": "widening", "source_url": src["source_url"],
        "notes": src["notes"], "confidence": src["confidence"],
    })


def cohesion(src: pd.DataFrame) -> pd.DataFrame:
    out = _place(src)
    out["period"], out["edition"], out["source"] = src["period"], src["edition"], "cohesion"
    out["source_url"], out["notes"], out["confidence"] = src["source_url"], src["notes"], src["confidence"]
    return out


def outermost(src: pd.DataFrame) -> pd.DataFrame:
    out = _place(src)
    out["legal_basis"], out["source"] = src["legal_basis"], "outermost"
    out["source_url"], out["notes"], out["confidence"] = src["source_url"], src["notes"], src["confidence"]
    return out


def _listing(src: pd.DataFrame, key: str) -> pd.DataFrame:
    out = _place(src)
    out["year"], out["edition"], out["source"] = src["year"], src["edition"], key
    out["source_url"], out["notes"], out["confidence"] = src["source_url"], src["notes"], src["confidence"]
    return out


def build(src: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {
        "context_gdp_pps.csv": gdp_pps(src[GDP]),
        "context_widening.csv": widening(src[WIDENING]),
        "context_cohesion.csv": cohesion(src[COHESION]),
        "context_outermost.csv": outermost(src[OUTERMOST]),
        "context_riv.csv": _listing(src[RIV], "riv"),
        "context_pri.csv": _listing(src[PRI], "pri"),
    }
