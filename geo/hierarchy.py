"""NUTS code arithmetic: levels, parents, children, roll-up and value resolution.

NUTS codes nest by prefix: ``PL`` (country, level 0) > ``PL9`` (level 1) > ``PL91`` (level 2)
> ``PL911`` (level 3). Country codes follow Eurostat: Greece is ``EL`` and the United Kingdom
``UK`` (ISO 3166 uses GR and GB); :func:`normalize_country` accepts both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

NUTS_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")
ISO_TO_EUROSTAT = {"GR": "EL", "GB": "UK"}
EUROSTAT_TO_ISO = {v: k for k, v in ISO_TO_EUROSTAT.items()}


def normalize_country(code: str) -> str:
    """ISO or Eurostat country code -> Eurostat/NUTS country code (GR->EL, GB->UK)."""
    c = str(code).strip().upper()
    return ISO_TO_EUROSTAT.get(c, c)


def normalize_code(code: str) -> str:
    """Any NUTS-like code -> NUTS form, fixing an ISO country prefix (GB11 -> UK11)."""
    c = str(code).strip().upper()
    return normalize_country(c[:2]) + c[2:]


def is_nuts_like(code: object) -> bool:
    return isinstance(code, str) and bool(NUTS_RE.match(code))


def level_of(code: str) -> int:
    if not is_nuts_like(code):
        raise ValueError(f"not a NUTS code: {code!r}")
    return len(code) - 2


def parent(code: str) -> str | None:
    return None if level_of(code) == 0 else code[:-1]


def ancestors(code: str) -> list[str]:
    """Strict ancestors, nearest first: PL911 -> [PL91, PL9, PL]."""
    return [code[:n] for n in range(len(code) - 1, 1, -1)]


def ancestor_at(code: str, level: int) -> str | None:
    """The code's ancestor (or itself) at ``level``; None if the code is coarser."""
    return code[: level + 2] if level_of(code) >= level else None


def country_of(code: str) -> str:
    return code[:2]


def children(code: str, all_codes: Iterable[str]) -> list[str]:
    n = len(code) + 1
    return sorted(c for c in all_codes if len(c) == n and c.startswith(code))


def descendants(code: str, all_codes: Iterable[str], level: int | None = None) -> list[str]:
    out = [c for c in all_codes if len(c) > len(code) and c.startswith(code)]
    if level is not None:
        out = [c for c in out if len(c) == level + 2]
    return sorted(out)


def same_territory_groups(all_codes: Iterable[str]) -> dict[str, frozenset[str]]:
    """Codes that cover the same territory because a unit has exactly one child.

    ``LU`` = ``LU0`` = ``LU00`` = ``LU000``; ``DE3`` = ``DE30`` = ``DE300``. Every code maps
    to the set of codes identical to it (itself included).
    """
    codes = set(all_codes)
    kids: dict[str, list[str]] = {}
    for c in codes:
        if len(c) > 2 and c[:-1] in codes:
            kids.setdefault(c[:-1], []).append(c)
    groups: dict[str, set[str]] = {c: {c} for c in codes}
    for p, ks in kids.items():
        if len(ks) == 1:
            merged = groups[p] | groups[ks[0]]
            for m in merged:
                groups[m] = merged
    return {c: frozenset(g) for c, g in groups.items()}


def rollup_codes(codes: pd.Series, level: int) -> pd.Series:
    """Each code at ``level`` or finer -> its ancestor at ``level``; coarser codes -> NA."""
    s = codes.astype("string")
    lv = s.str.len() - 2
    return s.str.slice(0, level + 2).where(lv >= level)


BASIS_REGION = "region"
BASIS_SAME = "same territory"
BASIS_PARENT = "parent region"
BASIS_COUNTRY = "country"
BASIS_PREDECESSOR = "predecessor code"


def resolve(values: pd.DataFrame, targets: Iterable[str], all_codes: Iterable[str],
            successors: dict[str, list[tuple[str, str]]] | None = None) -> pd.DataFrame:
    """Give every target region the value of the finest unit that covers it.

    ``values`` is indexed by source code (any level, possibly an older NUTS code) and holds
    any columns. For each target code, in order:

    1. the code itself -> basis ``region``;
    2. a code covering the same territory (single-child chain) -> ``same territory``;
    3. an older code recoded to it (same territory) -> ``predecessor code``;
    4. an older code it was split from -> ``predecessor code``;
    5. the nearest ancestor with a value (or its same-territory twins) -> ``parent region``
       (``country`` when that ancestor is the country).

    A target covered by none gets NaN. Finer source values are never aggregated upwards.
    Returns a frame indexed by target with the value columns plus ``value_code`` (where the
    value came from) and ``basis``.
    """
    all_codes = set(all_codes)
    groups = same_territory_groups(all_codes)
    have = set(values.index)
    pred: dict[str, list[tuple[str, str]]] = {}
    for old, news in (successors or {}).items():
        if old in have:
            for new, relation in news:
                pred.setdefault(new, []).append((old, relation))

    def lookup(code: str) -> tuple[str, str] | None:
        if code in have:
            return code, BASIS_REGION
        twins = sorted(groups.get(code, {code}) & have, key=len)
        if twins:
            return twins[-1], BASIS_SAME
        for old, relation in sorted(pred.get(code, []), key=lambda t: t[1] != "recode"):
            return old, f"{BASIS_PREDECESSOR} ({relation})"
        return None

    rows = []
    targets = list(targets)
    for t in targets:
        hit = lookup(t)
        if hit is None:
            for a in ancestors(t):
                h = lookup(a)
                if h is not None:
                    src = h[0]
                    hit = (src, BASIS_COUNTRY if len(src) == 2 else BASIS_PARENT)
                    break
        rows.append(hit or (None, None))
    out = pd.DataFrame(rows, index=pd.Index(targets, name="code"), columns=["value_code", "basis"])
    vals = values.reindex(out["value_code"]).set_axis(out.index)
    return pd.concat([vals, out], axis=1)
