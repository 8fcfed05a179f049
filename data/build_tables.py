"""Build the curated tables ``data/initiatives.csv`` and ``data/participation.csv``.

Run from the repository root::

    python -m data.build_tables [--shared PATH]

PATH is the shared folder that holds ``data/tier1``, ``data/tier2`` and
``geo/gisco``. Default: the environment variable ``INNOV_MIRROR``, else
``../shared`` next to the repository root.

The build only reshapes what the shared compilation says. It adds nothing
without a source and estimates no figure: unknown stays blank. The only codes it
sets itself are the four tier 2 UK rows that the compilation left uncoded (see
``T2_UK_NUTS_BY_NAME``). Every place code is checked against the GISCO NUTS 2021
files, which are read at build time and never copied into the repository.

The functions ``build_initiatives`` and ``build_participation`` are pure (they
take and return DataFrames) so that tests can feed them small fixtures.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from data import vocab

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "data"

# Source files, relative to <shared>/data. These strings also fill `source_file`.
T1_INITIATIVES = "tier1/initiatives.csv"
T1_COUNTRIES = "tier1/country_participation.csv"
T1_PARTICIPANTS = "tier1/participants.csv"
T2_INITIATIVES = "tier2/initiatives.csv"
T2_REGIONS = "tier2/region_participation.csv"
SOURCE_FILES = (
    T1_INITIATIVES,
    T1_COUNTRIES,
    T1_PARTICIPANTS,
    T2_INITIATIVES,
    T2_REGIONS,
)

INITIATIVE_COLUMNS = [
    "initiative_id",
    "name",
    "short_name",
    "type",
    "tier",
    "value_chain",
    "value_chain_as_written",
    "ecosystems",
    "ecosystem_basis",
    "thematic_area",
    "year",
    "approval_or_launch_date",
    "member_state_count",
    "aid_eur",
    "private_investment_eur",
    "projects",
    "companies",
    "region_count",
    "source_url",
    "notes",
    "source_file",
]
INITIATIVE_INT_COLUMNS = [
    "tier",
    "year",
    "member_state_count",
    "aid_eur",
    "private_investment_eur",
    "projects",
    "companies",
    "region_count",
]

PARTICIPATION_COLUMNS = [
    "initiative_id",
    "tier",
    "place_code",
    "place_level",
    "country_code",
    "place_name_as_in_source",
    "participant_name",
    "participant_kind",
    "role",
    "status",
    "geo_basis",
    "code_as_in_source",
    "count_reported",
    "state_aid_eur",
    "as_of",
    "source_url",
    "site_source_url",
    "notes",
    "source_file",
    "source_row",
]
PARTICIPATION_INT_COLUMNS = [
    "tier",
    "place_level",
    "count_reported",
    "state_aid_eur",
    "source_row",
]

# Country codes follow Eurostat/NUTS: ISO GB -> UK, ISO GR -> EL.
COUNTRY_CODE_TO_EUROSTAT = {"GB": "UK", "GR": "EL"}

# The tier 2 compilation left its five UK rows without a NUTS code (it believed
# the UK is not in NUTS 2021; the GISCO NUTS 2021 files do contain UK codes).
# Key: `region_name_as_in_source` exactly as written (typo included).
# Value: (NUTS 2021 code, level, note written to the row).
_UK_NOTE = (
    "NUTS code not given by the source compilation (UK thought absent from NUTS 2021); "
    "set by data/build_tables.py from the region name; code present in GISCO NUTS 2021."
)
T2_UK_NUTS_BY_NAME: dict[str, tuple[str, int, str]] = {
    "Wales (UK)": ("UKL", 1, _UK_NOTE),
    "Scotland": ("UKM", 1, _UK_NOTE),
    "Norther Ireland": (
        "UKN",
        1,
        _UK_NOTE + " 'Norther Ireland' as written = Northern Ireland.",
    ),
    "United Kingdom (North West Aerospace Alliance)": (
        "UKD",
        1,
        _UK_NOTE
        + " FLAG: the source names only the country; North West England (UKD) is "
        "taken from the organisation's own name, the compilation's rule for coding "
        "clusters (tier2/SOURCES.md mapping notes list North West England = UKD).",
    ),
}

# Text inside brackets in tier 2 `region_name_as_in_source` that is not an
# organisation name. Compared case-insensitively, per comma-separated segment
# (_T2_QUALIFIERS) or per whole ';'-separated part (_T2_NOT_ORGANISATIONS).
_T2_QUALIFIERS = {
    "lead",
    "co-lead",
    "coordinator",
    "lead partner",
    "partner",
    "initiator",
    "capofila",
    "associated",
    "hosts project page",
    "hosts project pages",
    "at s3p medtech network plenary",
    "on behalf of east central sweden",
    "piedmont",
    # country names used as qualifiers
    "italy",
    "the netherlands",
    "belgium",
    "czech republic",
    "poland",
    "spain",
    "norway",
}
_T2_NOT_ORGANISATIONS = {
    "region",
    "brainport region",
    "ostrobothnia",
    "national government",
    "national level",
    "cities 4.0",
    "co-leader of the vanguard/esther medtech pilot",
    "leader of partnership merging into hydrogen valleys",
    "partner in the epa healthcare pilot area",
    "s3medtech region: yes",
    "leads a group of 9 regions in the bio-economy sector, 2017 interregional pilot action",
    "regional development agency in romania",
    "german partner cluster",
    "czech partner cluster",
    "sustainable building cluster",
    "energy cluster",
    "construction cluster",
}
_BRACKETS = re.compile(r"\(([^()]*)\)")
_INITIATOR_SUFFIX = re.compile(r"\s+-\s+initiators?$", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


# --------------------------------------------------------------------------- helpers


def _s(value: object) -> str:
    """A source cell as a stripped string ('' for missing)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _to_int(series: pd.Series, what: str) -> pd.Series:
    """Nullable integers; blank stays NA (never 0). Fails on non-integral values."""
    text = series.map(_s)
    num = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = text[(text != "") & num.isna()]
    if not bad.empty:
        raise ValueError(f"{what}: not a number: {sorted(set(bad))}")
    frac = num[num.notna() & (num != num.round())]
    if not frac.empty:
        raise ValueError(f"{what}: not an integer: {sorted(set(frac))}")
    return num.astype("Int64")


def _eurostat_country(code: str) -> str:
    return COUNTRY_CODE_TO_EUROSTAT.get(code, code)


def map_value_chains(as_written: pd.Series) -> pd.Series:
    """As-written value chains -> controlled labels. Fails loudly on unmapped values."""
    values = as_written.map(_s)
    unmapped = sorted({v for v in values if v not in vocab.VALUE_CHAIN_MAP})
    if unmapped:
        raise ValueError(
            "value_chain not in data/vocab.py VALUE_CHAIN_MAP (add it there): "
            + "; ".join(repr(v) for v in unmapped)
        )
    mapped = values.map(vocab.VALUE_CHAIN_MAP.__getitem__)
    wrong = sorted({m for m in mapped if m not in vocab.VALUE_CHAINS})
    if wrong:
        raise ValueError(f"VALUE_CHAIN_MAP targets not in VALUE_CHAINS: {wrong}")
    return mapped


def _normalise_ecosystems(text: str, where: str) -> str:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    unknown = [p for p in parts if p not in vocab.ECOSYSTEMS]
    if unknown:
        raise ValueError(f"{where}: ecosystem not in ECOSYSTEMS: {unknown}")
    return vocab.ECOSYSTEM_SEP.join(parts)


def _tier1_ecosystems(value_chain: str, initiative_id: str) -> tuple[str, str]:
    if value_chain not in vocab.TIER1_ECOSYSTEM_BY_VALUE_CHAIN:
        raise ValueError(
            f"{initiative_id}: tier 1 value chain {value_chain!r} has no entry in "
            "data/vocab.py TIER1_ECOSYSTEM_BY_VALUE_CHAIN"
        )
    assigned = vocab.TIER1_ECOSYSTEM_BY_VALUE_CHAIN[value_chain]
    if not assigned:
        return "", ""
    text = _normalise_ecosystems(
        ";".join(assigned), f"TIER1_ECOSYSTEM_BY_VALUE_CHAIN[{value_chain!r}]"
    )
    return text, vocab.ECOSYSTEM_BASIS_ASSIGNED


def t2_participant_name(region_name_as_in_source: str) -> str:
    """The organisation named in brackets in a tier 2 region name, else ''.

    Role words ('lead', 'coordinator', ...), country names/codes and
    descriptions that are not an organisation ('region', 'national government',
    ...) are dropped; several organisations are joined with '; '.
    """
    names: list[str] = []
    for group in _BRACKETS.findall(region_name_as_in_source):
        for part in group.split(";"):
            part = _INITIATOR_SUFFIX.sub("", part.strip())
            if part.lower() in _T2_NOT_ORGANISATIONS:
                continue
            segments = [seg.strip() for seg in part.split(",")]
            kept = [
                seg
                for seg in segments
                if seg
                and seg.lower() not in _T2_QUALIFIERS
                and not _COUNTRY_CODE.match(seg)
            ]
            text = ", ".join(kept)
            if text and text.lower() not in _T2_NOT_ORGANISATIONS:
                names.append(text)
    return "; ".join(names)


# --------------------------------------------------------------------------- initiatives


def build_initiatives(t1: pd.DataFrame, t2: pd.DataFrame) -> pd.DataFrame:
    """One row per initiative: tier 1 rows (source order) then tier 2 rows."""
    rows: list[dict[str, object]] = []
    t1_chains = map_value_chains(t1["value_chain"])
    for (_, r), chain in zip(t1.iterrows(), t1_chains, strict=True):
        iid = _s(r["initiative_id"])
        ecosystems, basis = _tier1_ecosystems(chain, iid)
        rows.append(
            {
                "initiative_id": iid,
                "name": _s(r["name"]),
                "short_name": _s(r.get("short_name")) or _s(r["name"]),
                "type": _s(r["type"]),
                "tier": 1,
                "value_chain": chain,
                "value_chain_as_written": _s(r["value_chain"]),
                "ecosystems": ecosystems,
                "ecosystem_basis": basis,
                "thematic_area": "",
                "year": r.get("year"),
                "approval_or_launch_date": _s(r.get("approval_or_launch_date")),
                "member_state_count": r.get("member_state_count"),
                "aid_eur": r.get("aid_eur"),
                "private_investment_eur": r.get("private_investment_eur"),
                "projects": r.get("projects"),
                "companies": r.get("companies"),
                "region_count": None,
                "source_url": _s(r["source_url"]),
                "notes": _s(r.get("notes")),
                "source_file": T1_INITIATIVES,
            }
        )
    t2_chains = map_value_chains(t2["value_chain"])
    for (_, r), chain in zip(t2.iterrows(), t2_chains, strict=True):
        iid = _s(r["initiative_id"])
        eco = _normalise_ecosystems(_s(r.get("ecosystem")), iid)
        rows.append(
            {
                "initiative_id": iid,
                "name": _s(r["name"]),
                # tier 2 sources give no short name: use the name, invent no acronym
                "short_name": _s(r["name"]),
                "type": _s(r["type"]),
                "tier": 2,
                "value_chain": chain,
                "value_chain_as_written": _s(r["value_chain"]),
                "ecosystems": eco,
                "ecosystem_basis": vocab.ECOSYSTEM_BASIS_SOURCE if eco else "",
                "thematic_area": _s(r.get("thematic_area")),
                "year": r.get("year"),
                "approval_or_launch_date": "",
                "member_state_count": None,
                "aid_eur": None,
                "private_investment_eur": None,
                "projects": None,
                "companies": None,
                "region_count": r.get("region_count"),
                "source_url": _s(r["source_url"]),
                "notes": "",
                "source_file": T2_INITIATIVES,
            }
        )
    out = pd.DataFrame(rows, columns=INITIATIVE_COLUMNS)
    for col in INITIATIVE_INT_COLUMNS:
        out[col] = _to_int(out[col], f"initiatives.{col}")
    validate_initiatives(out)
    return out.reset_index(drop=True)


def validate_initiatives(df: pd.DataFrame) -> None:
    problems: list[str] = []
    dup = df["initiative_id"][df["initiative_id"].duplicated()]
    if not dup.empty:
        problems.append(f"duplicate initiative_id: {sorted(set(dup))}")
    if (df["initiative_id"] == "").any():
        problems.append("blank initiative_id")
    bad = sorted(set(df["type"]) - set(vocab.TYPES))
    if bad:
        problems.append(f"type not in TYPES: {bad}")
    bad = sorted(set(df["value_chain"]) - set(vocab.VALUE_CHAINS))
    if bad:
        problems.append(f"value_chain not in VALUE_CHAINS: {bad}")
    for _, r in df.iterrows():
        if r["ecosystems"] and r["ecosystem_basis"] not in vocab.ECOSYSTEM_BASES[:2]:
            problems.append(f"{r['initiative_id']}: ecosystems without basis")
        if not r["ecosystems"] and r["ecosystem_basis"]:
            problems.append(f"{r['initiative_id']}: basis without ecosystems")
    no_url = df.loc[df["source_url"] == "", "initiative_id"].tolist()
    if no_url:
        problems.append(f"blank source_url: {no_url}")
    if problems:
        raise ValueError("initiatives: " + " | ".join(problems))


# --------------------------------------------------------------------------- participation


def _t1_country_rows(t1_country: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for i, r in enumerate(t1_country.to_dict("records"), start=1):
        code = _s(r["country_code"])
        rows.append(
            {
                "initiative_id": _s(r["initiative_id"]),
                "tier": 1,
                "place_code": _eurostat_country(code),
                "place_level": 0 if code else None,
                "country_code": _eurostat_country(code),
                "place_name_as_in_source": "",
                "participant_name": "",
                "participant_kind": "",
                "role": _s(r["role"]),
                "status": "",
                "geo_basis": "country" if code else "none",
                "code_as_in_source": code,
                # alliance per-country member counts sit in the same source column
                "count_reported": r.get("participants_reported"),
                "state_aid_eur": r.get("state_aid_eur"),
                "as_of": _s(r.get("as_of")),
                "source_url": _s(r["source_url"]),
                "site_source_url": "",
                "notes": _s(r.get("notes")),
                "source_file": T1_COUNTRIES,
                "source_row": i,
            }
        )
    return rows


def _t1_participant_rows(t1_participants: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for i, r in enumerate(t1_participants.to_dict("records"), start=1):
        nuts2 = _s(r.get("nuts2"))
        country_src = _s(r.get("country_code"))
        country = _eurostat_country(country_src)
        if nuts2:
            place, level, role, code_src = nuts2, 2, "site", nuts2
        elif country:
            # hq_city / region_only / no location: the city is not a project site
            place, level, role, code_src = country, 0, "participant", country_src
        else:
            place, level, role, code_src = "", None, "participant", ""
        rows.append(
            {
                "initiative_id": _s(r["initiative_id"]),
                "tier": 1,
                "place_code": place,
                "place_level": level,
                "country_code": country,
                "place_name_as_in_source": _s(r.get("city")),
                "participant_name": _s(r.get("participant_name")),
                "participant_kind": _s(r.get("participant_kind")),
                "role": role,
                "status": _s(r.get("participation_role")),
                "geo_basis": _s(r.get("geo_basis")) or "none",
                "code_as_in_source": code_src,
                "count_reported": None,
                "state_aid_eur": None,
                "as_of": "",
                "source_url": _s(r["source_url"]),
                "site_source_url": _s(r.get("site_source_url")),
                "notes": _s(r.get("notes")),
                "source_file": T1_PARTICIPANTS,
                "source_row": i,
            }
        )
    return rows


def _t2_region_rows(t2_regions: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for i, r in enumerate(t2_regions.to_dict("records"), start=1):
        as_written = _s(r["region_name_as_in_source"])
        country_src = _s(r["country_code"])
        nuts_src = _s(r.get("nuts_code"))
        level: object = r.get("nuts_level")
        geo_basis = _s(r.get("geo_basis"))
        notes = ""
        if nuts_src:
            place = _eurostat_country(nuts_src) if len(nuts_src) == 2 else nuts_src
        elif country_src in ("GB", "UK"):
            if as_written not in T2_UK_NUTS_BY_NAME:
                raise ValueError(
                    f"{T2_REGIONS} row {i}: UK row without NUTS code not in "
                    f"T2_UK_NUTS_BY_NAME: {as_written!r}"
                )
            place, level, notes = T2_UK_NUTS_BY_NAME[as_written]
            geo_basis = vocab.GEO_BASIS_UK_MAPPED
        else:
            place, level = "", None
        rows.append(
            {
                "initiative_id": _s(r["initiative_id"]),
                "tier": 2,
                "place_code": place,
                "place_level": level,
                "country_code": _eurostat_country(country_src),
                "place_name_as_in_source": as_written,
                "participant_name": t2_participant_name(as_written),
                "participant_kind": "",
                "role": _s(r["role"]),
                "status": "",
                "geo_basis": geo_basis or "none",
                "code_as_in_source": nuts_src or country_src,
                "count_reported": None,
                "state_aid_eur": None,
                "as_of": "",
                "source_url": _s(r["source_url"]),
                "site_source_url": "",
                "notes": notes,
                "source_file": T2_REGIONS,
                "source_row": i,
            }
        )
    return rows


def build_participation(
    t1_country: pd.DataFrame,
    t1_participants: pd.DataFrame,
    t2_regions: pd.DataFrame,
    nuts: Mapping[str, tuple[int, str]] | None = None,
    initiative_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per (initiative, place, participant) at the level the source gives.

    ``nuts`` (NUTS_ID -> (level, CNTR_CODE), see ``load_nuts_index``) switches on
    the check of every place and country code; ``initiative_ids`` switches on the
    check that every row belongs to a known initiative.
    Rows are sorted by tier, initiative_id, source_file, source_row.
    """
    rows = (
        _t1_country_rows(t1_country)
        + _t1_participant_rows(t1_participants)
        + _t2_region_rows(t2_regions)
    )
    out = pd.DataFrame(rows, columns=PARTICIPATION_COLUMNS)
    for col in PARTICIPATION_INT_COLUMNS:
        out[col] = _to_int(out[col], f"participation.{col}")
    out = out.sort_values(
        ["tier", "initiative_id", "source_file", "source_row"], kind="stable"
    )
    out = out.reset_index(drop=True)
    validate_participation(out, nuts=nuts, initiative_ids=initiative_ids)
    return out


def validate_participation(
    df: pd.DataFrame,
    nuts: Mapping[str, tuple[int, str]] | None = None,
    initiative_ids: Sequence[str] | None = None,
) -> None:
    problems: list[str] = []

    def where(mask: pd.Series) -> list[str]:
        sub = df[mask]
        return [
            f"{f}:{r}"
            for f, r in zip(sub["source_file"], sub["source_row"], strict=True)
        ][:10]

    checks = {
        "blank source_url": df["source_url"] == "",
        "role not in ROLES": ~df["role"].isin(vocab.ROLES),
        "status not in STATUSES": ~df["status"].isin((*vocab.STATUSES, "")),
        "geo_basis not in GEO_BASES": ~df["geo_basis"].isin(vocab.GEO_BASES),
        "participant_kind not in PARTICIPANT_KINDS": ~df["participant_kind"].isin(
            (*vocab.PARTICIPANT_KINDS, "")
        ),
        "place_level without place_code (or reverse)": df["place_level"].isna()
        != (df["place_code"] == ""),
        "place_level not in PLACE_LEVELS": df["place_level"].notna()
        & ~df["place_level"].isin(vocab.PLACE_LEVELS).fillna(False),
        "tier 1 role on tier 2 row or reverse": (df["tier"] == 2)
        != df["role"].isin(vocab.TIER2_ROLES),
    }
    if initiative_ids is not None:
        checks["unknown initiative_id"] = ~df["initiative_id"].isin(
            list(initiative_ids)
        )
    for label, mask in checks.items():
        mask = mask.fillna(True).astype(bool)
        if mask.any():
            problems.append(f"{label}: {where(mask)}")

    if nuts is not None:
        for _, r in df.iterrows():
            ref = f"{r['source_file']}:{r['source_row']}"
            country, place = r["country_code"], r["place_code"]
            if country and (country not in nuts or nuts[country][0] != 0):
                problems.append(
                    f"{ref}: country_code {country!r} not a NUTS 2021 level-0 id"
                )
            if not place:
                continue
            if place not in nuts:
                problems.append(f"{ref}: place_code {place!r} not in GISCO NUTS 2021")
                continue
            level, cntr = nuts[place]
            if level != r["place_level"]:
                problems.append(
                    f"{ref}: {place} is level {level}, row says {r['place_level']}"
                )
            if country and cntr != country:
                problems.append(
                    f"{ref}: {place} is in {cntr}, row says country {country}"
                )
    if problems:
        raise ValueError("participation: " + " | ".join(problems))


# --------------------------------------------------------------------------- I/O


def default_shared() -> Path:
    env = os.environ.get("INNOV_MIRROR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def read_source(data_dir: Path, rel: str) -> pd.DataFrame:
    """A source CSV as strings; blanks stay '' (so 'NA' etc. are not read as missing)."""
    return pd.read_csv(
        data_dir / rel, dtype=str, keep_default_na=False, encoding="utf-8"
    )


def load_nuts_index() -> dict[str, tuple[int, str]]:
    """NUTS_ID -> (level, CNTR_CODE) for NUTS 2021 levels 0-3, through the project's loader
    (cache -> mirror -> GISCO), like every other use of the geometries."""
    from data import geodata

    reg = geodata.registry()
    return {code: (int(lv), str(c)) for code, lv, c in zip(reg.index, reg["level"], reg["country"], strict=True)}


def read_curated(path: Path) -> pd.DataFrame:
    """Read data/initiatives.csv or data/participation.csv back with its types.

    Text columns: '' for blank. Count/amount/code-level columns: nullable Int64
    (NA where unknown).
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in (*INITIATIVE_INT_COLUMNS, *PARTICIPATION_INT_COLUMNS):
        if col in df.columns:
            df[col] = _to_int(df[col], f"{path.name}.{col}")
    return df


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def summary(initiatives: pd.DataFrame, participation: pd.DataFrame) -> str:
    lines = [f"initiatives.csv: {len(initiatives)} rows"]
    for (tier, typ), n in (
        initiatives.groupby(["tier", "type"], sort=True).size().items()
    ):
        lines.append(f"  tier {tier} {typ}: {n}")
    lines.append(f"participation.csv: {len(participation)} rows")
    for (tier, role), n in (
        participation.groupby(["tier", "role"], sort=True).size().items()
    ):
        lines.append(f"  tier {tier} {role}: {n}")
    levels = (
        participation["place_level"]
        .astype("string")
        .fillna("unlocated")
        .value_counts()
        .sort_index()
    )
    lines.append("  place_level: " + ", ".join(f"{k}={v}" for k, v in levels.items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.build_tables", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="shared folder with data/tier1, data/tier2 and geo/gisco (default: $INNOV_MIRROR, else ../shared)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT_DIR,
        help="output folder (default: data/ of the repo)",
    )
    args = parser.parse_args(argv)
    shared = args.shared or default_shared()
    data_dir = shared / "data"
    if not data_dir.is_dir():
        print(f"shared data folder not found: {data_dir}", file=sys.stderr)
        return 2
    src = {rel: read_source(data_dir, rel) for rel in SOURCE_FILES}
    nuts = load_nuts_index()

    initiatives = build_initiatives(src[T1_INITIATIVES], src[T2_INITIATIVES])
    participation = build_participation(
        src[T1_COUNTRIES],
        src[T1_PARTICIPANTS],
        src[T2_REGIONS],
        nuts=nuts,
        initiative_ids=initiatives["initiative_id"].tolist(),
    )
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(initiatives, args.out / "initiatives.csv")
    write_csv(participation, args.out / "participation.csv")
    print(summary(initiatives, participation))
    from data.build import derived_tables, write_derived

    derived = derived_tables(data_dir)
    write_derived(derived, args.out / "derived")
    print("derived/: " + ", ".join(f"{name} {len(df)}" for name, df in derived.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
