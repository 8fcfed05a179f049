"""Build every committed table: ``python -m data.build_tables [--shared PATH] [--out DIR]``.

* ``data/initiatives.csv``, ``data/participation.csv`` (both tiers, first and second pass:
  :mod:`data.build.tier1`, :mod:`data.build.tier2`, :mod:`data.build.curated`);
* ``data/derived/*.csv`` (scores and context layers: :mod:`data.build.scores`,
  :mod:`data.build.context`).

PATH is the shared folder that holds ``data/tier1``, ``data/tier2`` and
``geo/gisco``. Default: the environment variable ``INNOV_MIRROR``, else
``../shared`` next to the repository root.

The build only reshapes what the shared compilation says. It adds nothing
without a source and estimates no figure: unknown stays blank. The only codes it
sets itself are the tier 2 UK rows that the compilation left uncoded (see
``data.build.tier2.UK_NUTS_BY_NAME``). Every place code is checked against the GISCO NUTS 2021
files, which are read at build time and never copied into the repository.

The functions ``build_initiatives`` and ``build_participation`` are pure (they
take and return DataFrames) so that tests can feed them small fixtures.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from data.build import tier1, tier2
from data.build.common import (
    OUT_DIR,
    REPO_ROOT,
    default_shared,
    read_source,
    to_int,
    write_csv,
)
from data.build.curated import (
    INITIATIVE_COLUMNS,
    INITIATIVE_INT_COLUMNS,
    PARTICIPATION_COLUMNS,
    PARTICIPATION_INT_COLUMNS,
    BuildReport,
    build_initiatives,
    build_participation,
    map_value_chains,
)

# Source files, relative to <shared>/data. These strings also fill `source_file`.
T1_INITIATIVES = tier1.INITIATIVES
T1_COUNTRIES = tier1.COUNTRIES
T1_PARTICIPANTS = tier1.PARTICIPANTS
T2_INITIATIVES = tier2.INITIATIVES
T2_REGIONS = tier2.REGIONS
SOURCE_FILES = (*tier1.SOURCE_FILES, *tier2.SOURCE_FILES)
PASS2_FILES = (*tier1.PASS2_FILES, *tier2.PASS2_FILES)
T2_UK_NUTS_BY_NAME = tier2.UK_NUTS_BY_NAME
t2_participant_name = tier2.participant_name

__all__ = [
    "INITIATIVE_COLUMNS", "INITIATIVE_INT_COLUMNS", "OUT_DIR", "PARTICIPATION_COLUMNS", "PARTICIPATION_INT_COLUMNS",
    "REPO_ROOT", "BuildReport", "build_all", "build_initiatives", "build_participation", "default_shared",
    "load_nuts_index", "main", "map_value_chains", "read_curated", "read_source", "summary", "t2_participant_name",
    "write_csv",
]


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
            df[col] = to_int(df[col], f"{path.name}.{col}")
    return df




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


def build_all(data_dir: Path, nuts=None) -> tuple[pd.DataFrame, pd.DataFrame, BuildReport]:
    """Both curated tables from ``<shared>/data`` (first and second pass), and the build report.

    Second-pass files that are absent are skipped (the build then reproduces the first pass).
    """
    present = {rel for rel in PASS2_FILES if (data_dir / rel).is_file()}
    src = {rel: read_source(data_dir, rel) for rel in (*SOURCE_FILES, *present)}
    opt = src.get
    report = BuildReport()
    initiatives = build_initiatives(src[T1_INITIATIVES], src[T2_INITIATIVES], t1_add=opt(tier1.P2_INITIATIVES),
                                    t2_add=opt(tier2.P2_INITIATIVES), t2_add_notes=opt(tier2.P2_NOTES), report=report)
    ids = initiatives["initiative_id"].tolist()
    report.pipeline_not_counted = tier1.check_pipeline(opt(tier1.P2_PIPELINE), set(ids))
    participation = build_participation(
        src[T1_COUNTRIES], src[T1_PARTICIPANTS], src[T2_REGIONS], nuts=nuts, initiative_ids=ids,
        t1_country_add=opt(tier1.P2_COUNTRIES), t1_participants_add=opt(tier1.P2_PARTICIPANTS),
        t1_corrections=opt(tier1.P2_CORRECTIONS), t2_regions_add=opt(tier2.P2_REGIONS), report=report)
    if tier1.P2_PARTICIPANTS in src:
        problems = tier1.check_alliance_members(opt(tier1.P2_ALLIANCE), src[tier1.P2_PARTICIPANTS],
                                                src[T1_INITIATIVES])
        if problems:
            raise ValueError(" | ".join(problems))
    return initiatives, participation, report


def report_text(report: BuildReport) -> str:
    c = report.corrections
    lines = [f"corrections applied: {len(c.applied)} (rows added for extra sites: {c.added_rows})"]
    if report.pipeline_not_counted:
        lines.append("IPCEIs in preparation, not approved, not counted: " + ", ".join(report.pipeline_not_counted))
    if report.unmapped_value_chains:
        lines.append("UNMAPPED value chains (rows kept with a blank value_chain; add them to data/vocab.py): "
                     + "; ".join(report.unmapped_value_chains))
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
    nuts = load_nuts_index()
    initiatives, participation, report = build_all(data_dir, nuts)
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(initiatives, args.out / "initiatives.csv")
    write_csv(participation, args.out / "participation.csv")
    print(summary(initiatives, participation))
    print(report_text(report))
    from data.build import derived_tables, write_derived

    derived = derived_tables(data_dir)
    write_derived(derived, args.out / "derived")
    print("derived/: " + ", ".join(f"{name} {len(df)}" for name, df in derived.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
