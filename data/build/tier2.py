"""Tier 2 (S3 partnerships, Euroclusters, ESCPs, I3 projects, PRI): ``<shared>/data/tier2`` and
``tier2/pass2`` -> rows of ``data/initiatives.csv`` and ``data/participation.csv``.

The second pass adds initiatives (``initiatives_add.csv``, notes in ``initiatives_add_notes.csv``)
and participation rows (``region_participation_add.csv``); both carry ``nuts_method`` and
``confidence``, kept in the curated tables.
"""

from __future__ import annotations

import re

import pandas as pd

from data import vocab
from data.build.common import eurostat_country, s

INITIATIVES = "tier2/initiatives.csv"
REGIONS = "tier2/region_participation.csv"
P2_INITIATIVES = "tier2/pass2/initiatives_add.csv"
P2_NOTES = "tier2/pass2/initiatives_add_notes.csv"
P2_REGIONS = "tier2/pass2/region_participation_add.csv"
SOURCE_FILES = (INITIATIVES, REGIONS)
PASS2_FILES = (P2_INITIATIVES, P2_NOTES, P2_REGIONS)

# The tier 2 compilation left its UK rows without a NUTS code (it believed the UK is not in
# NUTS 2021; the GISCO NUTS 2021 files do contain UK codes).
# Key: `region_name_as_in_source` exactly as written (typo included).
# Value: (NUTS 2021 code, level, note written to the row).
_UK_NOTE = (
    "NUTS code not given by the source compilation (UK thought absent from NUTS 2021); "
    "set by data/build/tier2.py from the region name; code present in GISCO NUTS 2021."
)
UK_NUTS_BY_NAME: dict[str, tuple[str, int, str]] = {
    "Wales (UK)": ("UKL", 1, _UK_NOTE),
    "Scotland": ("UKM", 1, _UK_NOTE),
    "Norther Ireland": ("UKN", 1, _UK_NOTE + " 'Norther Ireland' as written = Northern Ireland."),
    "United Kingdom (North West Aerospace Alliance)": (
        "UKD", 1,
        _UK_NOTE + " FLAG: the source names only the country; North West England (UKD) is "
        "taken from the organisation's own name, the compilation's rule for coding "
        "clusters (tier2/SOURCES.md mapping notes list North West England = UKD).",
    ),
    # second pass
    "Scozia / Scotland": ("UKM", 1, _UK_NOTE + " The compilation's nuts_method gives NUTS 2016 UKM."),
    "United Kingdom (Anglia Ruskin University, lead)": (
        "UK", 0, _UK_NOTE + " The source names only the country: kept at country level (no region "
        "is inferred from the university's name)."),
}

# Text inside brackets in `region_name_as_in_source` that is not an organisation name. Compared
# case-insensitively, per comma-separated segment (_QUALIFIERS) or per whole ';'-separated part
# (_NOT_ORGANISATIONS).
_QUALIFIERS = {
    "lead", "co-lead", "coordinator", "lead partner", "partner", "initiator", "capofila", "associated",
    "hosts project page", "hosts project pages", "at s3p medtech network plenary",
    "on behalf of east central sweden", "piedmont",
    # country names used as qualifiers
    "italy", "the netherlands", "belgium", "czech republic", "poland", "spain", "norway",
}
_NOT_ORGANISATIONS = {
    "region", "brainport region", "ostrobothnia", "national government", "national level", "cities 4.0",
    "co-leader of the vanguard/esther medtech pilot", "leader of partnership merging into hydrogen valleys",
    "partner in the epa healthcare pilot area", "s3medtech region: yes",
    "leads a group of 9 regions in the bio-economy sector, 2017 interregional pilot action",
    "regional development agency in romania", "german partner cluster", "czech partner cluster",
    "sustainable building cluster", "energy cluster", "construction cluster",
}
_BRACKETS = re.compile(r"\(([^()]*)\)")
_INITIATOR_SUFFIX = re.compile(r"\s+-\s+initiators?$", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def participant_name(region_name_as_in_source: str) -> str:
    """The organisation named in brackets in a tier 2 region name, else ''.

    Role words ('lead', 'coordinator', ...), country names/codes and descriptions that are not
    an organisation ('region', 'national government', ...) are dropped; several organisations
    are joined with '; '.
    """
    names: list[str] = []
    for group in _BRACKETS.findall(region_name_as_in_source):
        for part in group.split(";"):
            part = _INITIATOR_SUFFIX.sub("", part.strip())
            if part.lower() in _NOT_ORGANISATIONS:
                continue
            segments = [seg.strip() for seg in part.split(",")]
            kept = [seg for seg in segments
                    if seg and seg.lower() not in _QUALIFIERS and not _COUNTRY_CODE.match(seg)]
            text = ", ".join(kept)
            if text and text.lower() not in _NOT_ORGANISATIONS:
                names.append(text)
    return "; ".join(names)


def initiatives(first: pd.DataFrame, add: pd.DataFrame | None = None,
                add_notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """First-pass initiatives then the second pass's, as text, with ``_file``, notes and confidence."""
    a = first.copy()
    a["_file"], a["notes"] = INITIATIVES, ""
    frames = [a]
    if add is not None:
        b = add.copy()
        b["_file"] = P2_INITIATIVES
        notes = {} if add_notes is None else dict(zip(add_notes["initiative_id"], add_notes["notes"], strict=True))
        b["notes"] = b["initiative_id"].map(lambda i: notes.get(i, ""))
        frames.append(b)
    out = pd.concat(frames, ignore_index=True).fillna("")
    for col in ("nuts_method", "confidence"):
        if col not in out:
            out[col] = ""
    return out


def initiative_rows(t2: pd.DataFrame, chains: pd.Series) -> list[dict[str, object]]:
    rows = []
    for (_, r), chain in zip(t2.iterrows(), chains, strict=True):
        iid = s(r["initiative_id"])
        parts = [p.strip() for p in s(r.get("ecosystem")).split(";") if p.strip()]
        eco = vocab.ECOSYSTEM_SEP.join(parts)
        notes = s(r.get("notes"))
        if s(r.get("nuts_method")):
            notes = (notes + f" [nuts_method: {s(r['nuts_method'])}]").strip()
        rows.append({
            "initiative_id": iid, "name": s(r["name"]),
            # tier 2 sources give no short name: use the name, invent no acronym
            "short_name": s(r["name"]), "type": s(r["type"]), "tier": 2, "value_chain": chain,
            "value_chain_as_written": s(r["value_chain"]), "ecosystems": eco,
            "ecosystem_basis": vocab.ECOSYSTEM_BASIS_SOURCE if eco else "",
            "thematic_area": s(r.get("thematic_area")), "year": r.get("year"), "approval_or_launch_date": "",
            "member_state_count": None, "aid_eur": None, "private_investment_eur": None, "projects": None,
            "companies": None, "region_count": r.get("region_count"), "source_url": s(r["source_url"]),
            "confidence": s(r.get("confidence")), "notes": notes, "source_file": r["_file"],
        })
    return rows


def region_rows(first: pd.DataFrame, add: pd.DataFrame | None = None) -> list[dict[str, object]]:
    rows = []
    for df, rel in ((first, REGIONS), (add, P2_REGIONS)):
        if df is None:
            continue
        for i, r in enumerate(df.to_dict("records"), start=1):
            as_written = s(r["region_name_as_in_source"])
            country_src = s(r["country_code"])
            nuts_src = s(r.get("nuts_code"))
            level: object = r.get("nuts_level")
            geo_basis = s(r.get("geo_basis"))
            notes = ""
            if nuts_src:
                place = eurostat_country(nuts_src) if len(nuts_src) == 2 else nuts_src
            elif country_src in ("GB", "UK"):
                if as_written not in UK_NUTS_BY_NAME:
                    raise ValueError(f"{rel} row {i}: UK row without NUTS code not in "
                                     f"data/build/tier2.py UK_NUTS_BY_NAME: {as_written!r}")
                place, level, notes = UK_NUTS_BY_NAME[as_written]
                geo_basis = vocab.GEO_BASIS_UK_MAPPED
            else:
                place, level = "", None
            rows.append({
                "initiative_id": s(r["initiative_id"]), "tier": 2, "place_code": place, "place_level": level,
                "country_code": eurostat_country(country_src), "place_name_as_in_source": as_written,
                "participant_name": participant_name(as_written), "participant_kind": "", "role": s(r["role"]),
                "status": "", "geo_basis": geo_basis or "none", "code_as_in_source": nuts_src or country_src,
                "count_reported": None, "state_aid_eur": None, "as_of": "", "source_url": s(r["source_url"]),
                "site_source_url": "", "nuts_method": s(r.get("nuts_method")), "confidence": s(r.get("confidence")),
                "notes": notes, "source_file": rel, "source_row": i,
            })
    return rows
