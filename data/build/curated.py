"""The curated tables ``data/initiatives.csv`` and ``data/participation.csv`` from both tiers.

Pure functions (frames in, frames out) so that tests can feed hand-made fixtures. Every frame
is checked with the build schemas of :mod:`data.schemas` before it is returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from data import schemas, vocab
from data.build import tier1, tier2
from data.build.common import s, to_int

INITIATIVE_COLUMNS = [
    "initiative_id", "name", "short_name", "type", "tier", "value_chain", "value_chain_as_written", "ecosystems",
    "ecosystem_basis", "thematic_area", "year", "approval_or_launch_date", "member_state_count", "aid_eur",
    "private_investment_eur", "projects", "companies", "region_count", "source_url", "confidence", "notes",
    "source_file",
]
INITIATIVE_INT_COLUMNS = ["tier", "year", "member_state_count", "aid_eur", "private_investment_eur", "projects",
                          "companies", "region_count"]
PARTICIPATION_COLUMNS = [
    "initiative_id", "tier", "place_code", "place_level", "country_code", "place_name_as_in_source",
    "participant_name", "participant_kind", "role", "status", "geo_basis", "code_as_in_source", "count_reported",
    "state_aid_eur", "as_of", "source_url", "site_source_url", "nuts_method", "confidence", "notes", "source_file",
    "source_row",
]
PARTICIPATION_INT_COLUMNS = ["tier", "place_level", "count_reported", "state_aid_eur", "source_row"]


@dataclass
class BuildReport:
    """What the build did that a person should see (printed by the CLI and the data check)."""

    unmapped_value_chains: list[str] = field(default_factory=list)
    corrections: tier1.CorrectionReport = field(default_factory=tier1.CorrectionReport)
    pipeline_not_counted: list[str] = field(default_factory=list)


def map_value_chains(as_written: pd.Series, report: BuildReport | None = None) -> pd.Series:
    """As-written value chains -> controlled labels; unmapped ones become '' (row kept) and are
    listed in ``report`` (without a report: fail loudly)."""
    values = as_written.map(s)
    unmapped = sorted({v for v in values if v not in vocab.VALUE_CHAIN_MAP})
    if unmapped and report is None:
        raise ValueError("value_chain not in data/vocab.py VALUE_CHAIN_MAP (add it there): "
                         + "; ".join(repr(v) for v in unmapped))
    if report is not None:
        report.unmapped_value_chains += unmapped
    return values.map(lambda v: vocab.VALUE_CHAIN_MAP.get(v, ""))


def _frame(rows: list[dict], columns: list[str], ints: list[str], what: str) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=columns)
    for col in columns:
        if col not in ints:
            out[col] = out[col].map(s)
    for col in ints:
        out[col] = to_int(out[col], f"{what}.{col}")
    return out


def _validate(schema, df: pd.DataFrame, what: str, where=("source_file", "source_row")) -> None:
    try:
        schema.validate(df, lazy=True)
    except Exception as exc:
        raise ValueError(f"{what}: {schemas.describe(exc, df, where)}") from exc


def build_initiatives(t1: pd.DataFrame, t2: pd.DataFrame, *, t1_add: pd.DataFrame | None = None,
                      t2_add: pd.DataFrame | None = None, t2_add_notes: pd.DataFrame | None = None,
                      report: BuildReport | None = None) -> pd.DataFrame:
    """One row per initiative: tier 1 rows (source order) then tier 2 rows (first, then second pass)."""
    t1 = tier1.initiative_notes(t1, t1_add)
    t2 = tier2.initiatives(t2, t2_add, t2_add_notes)
    rows = tier1.initiative_rows(t1, map_value_chains(t1["value_chain"], report))
    rows += tier2.initiative_rows(t2, map_value_chains(t2["value_chain"], report))
    out = _frame(rows, INITIATIVE_COLUMNS, INITIATIVE_INT_COLUMNS, "initiatives")
    _validate(schemas.initiatives_build(), out, "initiatives", ("initiative_id",))
    return out.reset_index(drop=True)


def build_participation(
    t1_country: pd.DataFrame,
    t1_participants: pd.DataFrame,
    t2_regions: pd.DataFrame,
    nuts: Mapping[str, tuple[int, str]] | None = None,
    initiative_ids: Sequence[str] | None = None,
    *,
    t1_country_add: pd.DataFrame | None = None,
    t1_participants_add: pd.DataFrame | None = None,
    t1_corrections: pd.DataFrame | None = None,
    t2_regions_add: pd.DataFrame | None = None,
    report: BuildReport | None = None,
) -> pd.DataFrame:
    """One row per (initiative, place, participant) at the level the source gives.

    ``nuts`` (NUTS_ID -> (level, CNTR_CODE)) switches on the check of every place and country
    code; ``initiative_ids`` the check that every row belongs to a known initiative. A
    correction that matches no participant row, or contradicts it, stops the build.
    Rows are sorted by tier, initiative_id, source_file, source_row.
    """
    parts = tier1.participants(t1_participants, t1_participants_add)
    if t1_corrections is not None:
        parts, rep = tier1.apply_corrections(parts, t1_corrections)
        if rep.unmatched or rep.conflicts:
            raise ValueError("tier 1 corrections: " + " | ".join(
                [f"matches no participant row: {u}" for u in rep.unmatched] + rep.conflicts))
        if report is not None:
            report.corrections = rep
    rows = tier1.country_rows(t1_country, t1_country_add) + tier1.participant_rows(parts)
    rows += tier2.region_rows(t2_regions, t2_regions_add)
    out = _frame(rows, PARTICIPATION_COLUMNS, PARTICIPATION_INT_COLUMNS, "participation")
    out = out.sort_values(["tier", "initiative_id", "source_file", "source_row"], kind="stable")
    out = out.reset_index(drop=True)
    schema = schemas.participation_build(dict(nuts) if nuts is not None else None,
                                         list(initiative_ids) if initiative_ids is not None else None)
    _validate(schema, out, "participation")
    return out
