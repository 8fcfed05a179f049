"""Score tables: the scoreboard and Eurostat files of ``<shared>/data/scores`` -> long tables
in ``data/derived/`` (project schema: code, year, value, group, edition, source; unit and
licence per source in ``data/derived/sources.csv``).

Figures are copied as text, exactly as published (no rounding, no float round trip). A
missing figure gets no row (unknown is not zero). Country prefixes follow Eurostat (EL, UK).
"""

from __future__ import annotations

import pandas as pd

from geo.hierarchy import normalize_country

RIS23 = "scores/ris_regions_2023.csv"
RIS23_IND = "scores/ris_2023_indicators.csv"
RIS19 = "scores/ris_regions.csv"
EIS23 = "scores/eis_countries.csv"
EUROSTAT = "scores/eurostat_regional_indicators.csv"
SOURCE_FILES = (RIS23, RIS23_IND, RIS19, EIS23, EUROSTAT)

RIS_PAGE = ("https://research-and-innovation.ec.europa.eu/statistics/performance-indicators/"
            "regional-innovation-scoreboard_en")
EIS_PAGE = ("https://research-and-innovation.ec.europa.eu/statistics/performance-indicators/"
            "european-innovation-scoreboard_en")
EUROSTAT_PAGE = "https://ec.europa.eu/eurostat/web/science-technology-innovation/database"
EC_LICENCE = ("© European Union; reuse authorised provided the source is acknowledged "
              "(Commission Decision 2011/833/EU, CC BY 4.0)")

# Output file name -> (source key, source file). The source key is the `source` column.
OUTPUTS = {
    "scores_ris2023_rii.csv": ("ris2023", RIS23),
    "scores_ris2023_indicators.csv": ("ris2023_indicators", RIS23_IND),
    "scores_ris2019_rii.csv": ("ris2019", RIS19),
    "scores_eis2023_sii.csv": ("eis2023", EIS23),
    "scores_eurostat.csv": ("eurostat", EUROSTAT),
}
INDICATOR_NAMES = "scores_ris2023_indicator_names.csv"

# One row per source key in data/derived/sources.csv (with the context sources).
META = {
    "ris2023": dict(
        title="Regional Innovation Scoreboard 2023: Regional Innovation Index 2016-2023 and official groups",
        edition="RIS 2023", unit="index, EU27 in 2016 = 100", licence=EC_LICENCE,
        attribution="European Commission, Regional Innovation Scoreboard 2023", official_page=RIS_PAGE,
        coverage="239 regions + 5 countries published at country level (CY, EE, LU, LV, MT); "
                 "NUTS 2 where published, else NUTS 1 (FR, UK, AT, BE, parts of DE, ES, PT, EL, FI)"),
    "ris2023_indicators": dict(
        title="Regional Innovation Scoreboard 2023: 21 regional indicator scores 2016-2023",
        edition="RIS 2023", unit="score relative to EU27 in 2016 = 100", licence=EC_LICENCE,
        attribution="European Commission, Regional Innovation Scoreboard 2023", official_page=RIS_PAGE,
        coverage="21 indicators x 8 years for every RIS 2023 region (and the EU row); same codes as the RII"),
    "ris2019": dict(
        title="Regional Innovation Scoreboard 2019: Regional Innovation Index (partial)",
        edition="RIS 2019", unit="index as published (EU28 = 104.71)", licence=EC_LICENCE,
        attribution="European Commission, Regional Innovation Scoreboard 2019", official_page=RIS_PAGE,
        coverage="180 of 238 regions from a secondary source; AT, BE, FR, UK, FI, SK, SI, NO, CH missing; "
                 "NUTS 2016 codes"),
    "eis2023": dict(
        title="European Innovation Scoreboard 2023: Summary Innovation Index 2016-2023 and groups",
        edition="EIS 2023", unit="index, EU27 in 2016 = 100", licence=EC_LICENCE,
        attribution="European Commission, European Innovation Scoreboard 2023", official_page=EIS_PAGE,
        coverage="27 EU member states, the EU27 row and 11 other European countries; national values"),
    "eurostat": dict(
        title="Eurostat regional R&D and HRST indicators (2020 extract)",
        edition="Eurostat (2020 extract)", unit="see indicator (% of GDP, % of population, % of employment)",
        licence="© European Union, Eurostat; reuse authorised provided the source is acknowledged "
                "(Commission Decision 2011/833/EU)",
        attribution="Eurostat (rd_e_gerdreg, htec_emp_reg2, hrst_st_rcat, rd_p_persreg)",
        official_page=EUROSTAT_PAGE,
        coverage="latest year per region in a 2020 extract: R&D mostly 2013-2016, HRST/employment "
                 "mostly 2018; mixed NUTS versions"),
}


def _code(c: str) -> str:
    c = c.strip()
    return normalize_country(c[:2]) + c[2:] if len(c) >= 2 else c


def _long(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    return out[out["value"] != ""].reset_index(drop=True)


def ris2023(src: pd.DataFrame) -> pd.DataFrame:
    """RII per year (2016-2022 from rii_YYYY, 2023 from rii); group on the 2023 row only."""
    rows = []
    for r in src.to_dict("records"):
        for year in range(2016, 2024):
            rows.append({
                "code": _code(r["ris_code"]), "name": r["region_name"], "level": r["nuts_level"],
                "zone": r["zone"], "year": year,
                "value": (r["rii"] if year == 2023 else r[f"rii_{year}"]).strip(),
                "group": r["performance_group"] if year == int(r["reference_year"]) else "",
                "edition": r["edition"], "source": "ris2023",
            })
    return _long(rows)


def ris2023_indicators(src: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(long indicator scores, indicator names)."""
    if set(src["edition"]) != {META["ris2023_indicators"]["edition"]}:
        raise ValueError(f"{RIS23_IND}: edition is not {META['ris2023_indicators']['edition']}")
    rows = []
    for r in src.to_dict("records"):
        for year in range(2016, 2024):
            # edition and source are the same on every row: kept once, in sources.csv
            rows.append({"code": _code(r["ris_code"]), "indicator_id": r["indicator_code"], "year": year,
                         "value": r[f"score_{year}"].strip()})
    names = (src[["indicator_code", "indicator_name", "source_indicator_as_written"]]
             .drop_duplicates("indicator_code")
             .rename(columns={"indicator_code": "indicator_id", "indicator_name": "indicator",
                              "source_indicator_as_written": "indicator_as_written"})
             .sort_values("indicator_id").reset_index(drop=True))
    return _long(rows), names


def ris2019(src: pd.DataFrame) -> pd.DataFrame:
    rows = [{"code": r["ris_code"].strip(), "name": r["region_name"], "level": r["nuts_level"], "year": 2019,
             "value": r["rii"].strip(), "edition": r["edition"], "source": "ris2019"}
            for r in src.to_dict("records")]
    return _long(rows)


def eis2023(src: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in src.to_dict("records"):
        for year in range(2016, 2024):
            rows.append({"code": _code(r["country_code"]), "name": r["country_name"], "zone": r["zone"],
                         "year": year, "value": r[f"sii_{year}"].strip(),
                         "group": r["performance_group"] if year == 2023 else "",
                         "edition": r["edition"], "source": "eis2023"})
    return _long(rows)


def eurostat(src: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "code": src["nuts2_code"].str.strip(), "code_status": src["code_status"],
        "indicator": src["indicator"], "year": src["year"], "value": src["value"].str.strip(),
        "edition": META["eurostat"]["edition"], "source": "eurostat",
    })
    return out[out["value"] != ""].reset_index(drop=True)


def build(src: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Source frames (keyed by relative path, read as text) -> output frames keyed by file name."""
    ind, names = ris2023_indicators(src[RIS23_IND])
    return {
        "scores_ris2023_rii.csv": ris2023(src[RIS23]),
        "scores_ris2023_indicators.csv": ind,
        INDICATOR_NAMES: names,
        "scores_ris2019_rii.csv": ris2019(src[RIS19]),
        "scores_eis2023_sii.csv": eis2023(src[EIS23]),
        "scores_eurostat.csv": eurostat(src[EUROSTAT]),
    }
