"""Tier 1 (IPCEIs and Industrial Alliances): ``<shared>/data/tier1`` and ``tier1/pass2`` -> rows of
``data/initiatives.csv`` and ``data/participation.csv``.

Second pass:

* ``participants_add.csv`` rows join the first-pass participants (same columns plus
  ``nuts_method`` and ``confidence``);
* ``participants_corrections.csv`` is applied to the participant rows of *both* passes, matched
  on (initiative_id, participant_name, country_code) exactly as written in the corrections
  file (the key before any correction, or the key after an earlier correction); a correction
  that matches no row stops the build (nothing is dropped silently);
* ``country_participation_add.csv`` fills ``participants_reported`` of existing country rows
  (or adds the row when it does not exist);
* ``initiatives_add.csv`` confirms/corrects existing initiatives (differences are noted);
* ``initiatives_pipeline_not_approved.csv`` lists IPCEIs in preparation: never counted, and a
  row that refers to one stops the build;
* ``alliance_members.csv`` (AZEA founding members) is cross-checked against the alliance
  members in ``participants_add.csv`` and the alliance's member total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import vocab
from data.build.common import eurostat_country, s

INITIATIVES = "tier1/initiatives.csv"
COUNTRIES = "tier1/country_participation.csv"
PARTICIPANTS = "tier1/participants.csv"
P2_PARTICIPANTS = "tier1/pass2/participants_add.csv"
P2_CORRECTIONS = "tier1/pass2/participants_corrections.csv"
P2_COUNTRIES = "tier1/pass2/country_participation_add.csv"
P2_INITIATIVES = "tier1/pass2/initiatives_add.csv"
P2_PIPELINE = "tier1/pass2/initiatives_pipeline_not_approved.csv"
P2_ALLIANCE = "tier1/pass2/alliance_members.csv"
SOURCE_FILES = (INITIATIVES, COUNTRIES, PARTICIPANTS)
PASS2_FILES = (P2_PARTICIPANTS, P2_CORRECTIONS, P2_COUNTRIES, P2_INITIATIVES, P2_PIPELINE, P2_ALLIANCE)

KEY = ("initiative_id", "participant_name", "country_code")
CONFIDENCE_ORDER = ("low", "medium", "medium-high", "high")
FIELD_OF_ACTION = {"set_country": "country_code", "set_role": "participation_role", "rename": "participant_name"}


def lower_confidence(a: str, b: str) -> str:
    """The lower of two confidence labels; '' (not rated) yields to the other."""
    if not a or not b:
        return a or b
    return min(a, b, key=CONFIDENCE_ORDER.index)


# --------------------------------------------------------------------------- participants


def participants(first: pd.DataFrame, add: pd.DataFrame | None = None) -> pd.DataFrame:
    """First-pass participants plus the second pass's additions, as text, with ``_file``/``_row``
    (1-based source row), ``nuts_method``/``confidence`` ('' where the source has none) and
    the original key (``_key_*``) that the corrections match on."""
    frames = []
    for df, rel in ((first, PARTICIPANTS), (add, P2_PARTICIPANTS)):
        if df is None:
            continue
        df = df.copy()
        for col in ("nuts_method", "confidence"):
            if col not in df:
                df[col] = ""
        df["_file"], df["_row"] = rel, range(1, len(df) + 1)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True).fillna("")
    dup = out[out.duplicated([*KEY, "city", "nuts2"], keep=False)]
    if not dup.empty:
        raise ValueError(f"tier 1 participants: duplicate rows {dup[['_file', '_row']].values.tolist()[:5]}")
    for k in KEY:
        out[f"_key_{k}"] = out[k]
    out["_corrections"] = ""
    return out


@dataclass
class CorrectionReport:
    applied: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    added_rows: int = 0


def _matches(df: pd.DataFrame, c: dict) -> pd.Series:
    orig = pd.Series(True, index=df.index)
    cur = pd.Series(True, index=df.index)
    for k in KEY:
        orig &= df[f"_key_{k}"] == s(c[k])
        cur &= df[k] == s(c[k])
    return orig | cur


def _note(c: dict, ref: str) -> str:
    what = c["action"]
    if s(c.get("field")):
        what += f" {c['field']}: {s(c.get('old_value')) or '(blank)'} -> {s(c.get('new_value'))}"
    if s(c.get("nuts2")) or s(c.get("city")):
        what += f" site {s(c.get('city'))} {s(c.get('nuts2'))}".rstrip()
    src = s(c.get("source_url"))
    return f"[correction {ref}: {what}" + (f"; source {src}" if src else "") + "]"


def _set_site(df: pd.DataFrame, idx, c: dict) -> None:
    df.loc[idx, "city"] = s(c.get("city"))
    df.loc[idx, "nuts2"] = s(c.get("nuts2"))
    if s(c.get("geo_basis")):
        df.loc[idx, "geo_basis"] = s(c["geo_basis"])
    df.loc[idx, "site_source_url"] = s(c.get("site_source_url")) or s(c.get("source_url"))
    df.loc[idx, "nuts_method"] = s(c.get("nuts_method"))


def apply_corrections(df: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, CorrectionReport]:
    """Apply ``participants_corrections.csv`` in file order to the frame made by :func:`participants`.

    Pure: returns a new frame and a report. Actions: set_country, set_role, rename, set_site,
    add_site (fills the site of a matched row that has none, else adds a row for the extra site).
    Each corrected row gets the correction's confidence (the lower of the two when both are
    rated) and a note naming the correction, its old and new value and its source URL.
    """
    df = df.copy()
    rep = CorrectionReport()
    for i, c in enumerate(corrections.to_dict("records"), start=1):
        ref = f"{P2_CORRECTIONS.rsplit('/', 1)[-1]}:{i}"
        m = _matches(df, c)
        if not m.any():
            rep.unmatched.append(f"{ref} {c['action']} {tuple(s(c[k]) for k in KEY)}")
            continue
        action, new = s(c["action"]), s(c.get("new_value"))
        idx = df.index[m]
        col = FIELD_OF_ACTION.get(action)
        if col:
            old = s(c.get("old_value"))
            if old and not (df.loc[idx, col] == old).all():
                rep.conflicts.append(f"{ref}: {col} is {sorted(set(df.loc[idx, col]))}, correction expects {old!r}")
            df.loc[idx, col] = new
        elif action == "set_site":
            _set_site(df, idx, c)
        elif action == "add_site":
            free = [j for j in idx if not df.at[j, "nuts2"] and df.at[j, "geo_basis"] != "city_site"]
            if free:
                idx = pd.Index([free[0]])
                _set_site(df, idx, c)
            else:
                row = df.loc[[idx[0]]].copy()
                row.index = [df.index.max() + 1]
                row["_file"], row["_row"], row["_corrections"] = P2_CORRECTIONS, i, ""
                _set_site(row, row.index, c)
                df = pd.concat([df, row])
                idx = row.index
                rep.added_rows += 1
        else:
            raise ValueError(f"{ref}: unknown action {action!r}")
        conf = s(c.get("confidence"))
        for j in idx:
            df.at[j, "confidence"] = lower_confidence(df.at[j, "confidence"], conf) if conf else df.at[j, "confidence"]
            df.at[j, "_corrections"] = (df.at[j, "_corrections"] + " " + _note(c, ref)).strip()
            if s(c.get("notes")):
                df.at[j, "_corrections"] += f" ({s(c['notes'])})"
        rep.applied.append(ref)
    return df.reset_index(drop=True), rep


def participant_rows(df: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for r in df.to_dict("records"):
        nuts2 = s(r.get("nuts2"))
        country_src = s(r.get("country_code"))
        country = eurostat_country(country_src)
        if nuts2:
            place, level, role, code_src = nuts2, 2, "site", nuts2
        elif country:
            # hq_city / region_only / no location: the city is not a project site
            place, level, role, code_src = country, 0, "participant", country_src
        else:
            place, level, role, code_src = "", None, "participant", ""
        notes = " ".join(x for x in (s(r.get("notes")), s(r.get("_corrections"))) if x)
        rows.append({
            "initiative_id": s(r["initiative_id"]), "tier": 1, "place_code": place, "place_level": level,
            "country_code": country, "place_name_as_in_source": s(r.get("city")),
            "participant_name": s(r.get("participant_name")), "participant_kind": s(r.get("participant_kind")),
            "role": role, "status": s(r.get("participation_role")), "geo_basis": s(r.get("geo_basis")) or "none",
            "code_as_in_source": code_src, "count_reported": None, "state_aid_eur": None, "as_of": "",
            "source_url": s(r["source_url"]), "site_source_url": s(r.get("site_source_url")),
            "nuts_method": s(r.get("nuts_method")), "confidence": s(r.get("confidence")),
            "notes": notes, "source_file": r["_file"], "source_row": r["_row"],
        })
    return rows


# --------------------------------------------------------------------------- country rows


def country_rows(first: pd.DataFrame, add: pd.DataFrame | None = None) -> list[dict[str, object]]:
    """Country rows; the second pass fills ``participants_reported`` where it was empty."""
    rows = []
    for i, r in enumerate(first.to_dict("records"), start=1):
        code = s(r["country_code"])
        rows.append({
            "initiative_id": s(r["initiative_id"]), "tier": 1, "place_code": eurostat_country(code),
            "place_level": 0 if code else None, "country_code": eurostat_country(code),
            "place_name_as_in_source": "", "participant_name": "", "participant_kind": "",
            "role": s(r["role"]), "status": "", "geo_basis": "country" if code else "none",
            "code_as_in_source": code,
            # alliance per-country member counts sit in the same source column
            "count_reported": s(r.get("participants_reported")), "state_aid_eur": r.get("state_aid_eur"),
            "as_of": s(r.get("as_of")), "source_url": s(r["source_url"]), "site_source_url": "",
            "nuts_method": "", "confidence": "", "notes": s(r.get("notes")),
            "source_file": COUNTRIES, "source_row": i,
        })
    if add is None:
        return rows
    by_key = {(r["initiative_id"], r["code_as_in_source"], r["role"]): r for r in rows}
    for i, a in enumerate(add.to_dict("records"), start=1):
        key = (s(a["initiative_id"]), s(a["country_code"]), s(a["role"]))
        ref = f"{P2_COUNTRIES.rsplit('/', 1)[-1]}:{i}"
        target = by_key.get(key)
        if target is None:  # a new country row
            code = key[1]
            target = {**rows[0], "initiative_id": key[0], "place_code": eurostat_country(code), "place_level": 0,
                      "country_code": eurostat_country(code), "role": key[2], "code_as_in_source": code,
                      "count_reported": "", "state_aid_eur": "", "as_of": "", "notes": "",
                      "source_url": s(a["source_url"]), "source_file": P2_COUNTRIES, "source_row": i}
            rows.append(target)
            by_key[key] = target
        for col_src, col in (("participants_reported", "count_reported"), ("state_aid_eur", "state_aid_eur")):
            new = s(a.get(col_src))
            old = s(target.get(col))
            if new and old and new != old:
                raise ValueError(f"{ref}: {col} {old} in the first pass, {new} in the second (resolve in the source)")
            if new:
                target[col] = new
        if s(a.get("as_of")):
            target["as_of"] = s(a["as_of"])
        target["notes"] = (s(target["notes"]) + f" [{ref}: {s(a.get('notes'))}; source {s(a['source_url'])}]").strip()
    return rows


# --------------------------------------------------------------------------- initiatives


def initiative_notes(t1: pd.DataFrame, add: pd.DataFrame | None) -> pd.DataFrame:
    """Second-pass confirmation rows: figures that differ are taken (and noted), the rest noted."""
    t1 = t1.copy()
    if add is None:
        return t1
    pos = {iid: k for k, iid in enumerate(t1["initiative_id"])}
    for i, a in enumerate(add.to_dict("records"), start=1):
        iid = s(a["initiative_id"])
        ref = f"{P2_INITIATIVES.rsplit('/', 1)[-1]}:{i}"
        if iid not in pos:
            raise ValueError(f"{ref}: {iid} is not a first-pass initiative (new initiatives need a full row)")
        k = t1.index[pos[iid]]
        changed = []
        for col in ("year", "member_state_count", "aid_eur", "private_investment_eur", "projects", "companies",
                    "approval_or_launch_date"):
            new, old = s(a.get(col)), s(t1.at[k, col])
            if new and new != old:
                changed.append(f"{col} {old or '(blank)'} -> {new}")
                t1.at[k, col] = new
        extra = f" [second pass {ref}{': ' + '; '.join(changed) if changed else ''}: {s(a.get('notes'))} " \
                f"(source {s(a['source_url'])})]"
        t1.at[k, "notes"] = (s(t1.at[k, "notes"]) + extra).strip()
    return t1


def check_pipeline(pipeline: pd.DataFrame | None, ids: set[str]) -> list[str]:
    """IPCEIs in preparation must appear nowhere: returns their ids (for the report)."""
    if pipeline is None:
        return []
    ids_p = [s(x) for x in pipeline["initiative_id"]]
    bad = sorted(set(ids_p) & ids)
    if bad:
        raise ValueError(f"{P2_PIPELINE}: not-approved IPCEIs must not be counted, but rows refer to {bad}")
    return ids_p


def check_alliance_members(members: pd.DataFrame | None, parts: pd.DataFrame, initiatives: pd.DataFrame) -> list[str]:
    """alliance_members.csv against the alliance rows of participants_add and the initiative's total."""
    if members is None:
        return []
    problems = []
    named = members[members["member_name"].map(s) != ""]
    have = parts[parts["participation_role"] == "alliance_member"]
    for r in named.to_dict("records"):
        nm = s(r["member_name"]).split(" (")[0]
        hit = have[(have["initiative_id"] == r["initiative_id"]) & (have["participant_name"] == nm)]
        if hit.empty:
            problems.append(f"{P2_ALLIANCE}: {r['initiative_id']} member {r['member_name']!r} not in {P2_PARTICIPANTS}")
    totals = members[(members["member_name"].map(s) == "") & (members["member_count"].map(s) != "")]
    comp = initiatives.set_index("initiative_id")["companies"]
    for r in totals.to_dict("records"):
        if s(comp.get(r["initiative_id"])) != s(r["member_count"]):
            problems.append(f"{P2_ALLIANCE}: {r['initiative_id']} total {r['member_count']} but "
                            f"initiatives.companies {comp.get(r['initiative_id'])}")
    return problems


def ecosystems(value_chain: str, initiative_id: str) -> tuple[str, str]:
    if value_chain not in vocab.TIER1_ECOSYSTEM_BY_VALUE_CHAIN:
        raise ValueError(f"{initiative_id}: tier 1 value chain {value_chain!r} has no entry in "
                         "data/vocab.py TIER1_ECOSYSTEM_BY_VALUE_CHAIN")
    assigned = vocab.TIER1_ECOSYSTEM_BY_VALUE_CHAIN[value_chain]
    if not assigned:
        return "", ""
    return vocab.ECOSYSTEM_SEP.join(assigned), vocab.ECOSYSTEM_BASIS_ASSIGNED


def initiative_rows(t1: pd.DataFrame, chains: pd.Series) -> list[dict[str, object]]:
    rows = []
    for (_, r), chain in zip(t1.iterrows(), chains, strict=True):
        iid = s(r["initiative_id"])
        eco, basis = ecosystems(chain, iid) if chain else ("", "")
        rows.append({
            "initiative_id": iid, "name": s(r["name"]), "short_name": s(r.get("short_name")) or s(r["name"]),
            "type": s(r["type"]), "tier": 1, "value_chain": chain, "value_chain_as_written": s(r["value_chain"]),
            "ecosystems": eco, "ecosystem_basis": basis, "thematic_area": "", "year": r.get("year"),
            "approval_or_launch_date": s(r.get("approval_or_launch_date")),
            "member_state_count": r.get("member_state_count"), "aid_eur": r.get("aid_eur"),
            "private_investment_eur": r.get("private_investment_eur"), "projects": r.get("projects"),
            "companies": r.get("companies"), "region_count": None, "source_url": s(r["source_url"]),
            "confidence": "", "notes": s(r.get("notes")), "source_file": INITIATIVES,
        })
    return rows
