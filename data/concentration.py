"""How concentrated participation is: Lorenz curve, Gini and top-5 share of links per unit.

A link recorded at a larger region (a NUTS 1 partnership seen from its NUTS 2 children) is
never multiplied: :func:`concentration` adds up :func:`data.links.own_count` (links recorded at
the unit itself) and reports the via-parent links it leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import links


def _clean(values: Iterable[float]) -> np.ndarray:
    v = pd.to_numeric(pd.Series(list(values), dtype="float64"), errors="coerce").dropna().to_numpy()
    if (v < 0).any():
        raise ValueError("concentration measures need non-negative values")
    return v


def lorenz(values: Iterable[float]) -> pd.DataFrame:
    """Lorenz curve: units sorted ascending; cumulative share of units and of the total.

    Columns ``units_share`` and ``value_share``, from (0, 0) to (1, 1), one row per unit plus
    the origin. NaN values are left out. Empty, or a total of 0 (no curve exists), gives an
    empty frame.
    """
    v = np.sort(_clean(values))
    if len(v) == 0 or v.sum() == 0:
        return pd.DataFrame({"units_share": [], "value_share": []}, dtype="float64")
    return pd.DataFrame({
        "units_share": np.arange(len(v) + 1) / len(v),
        "value_share": np.concatenate([[0.0], np.cumsum(v) / v.sum()]),
    })


def gini(values: Iterable[float]) -> float:
    """Gini coefficient, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄).

    This is the standard (population) definition, equal to 1 − 2 × the area under the
    Lorenz curve built by :func:`lorenz`. It is 0 when every unit has the same value and at
    most (n − 1) / n when one unit holds everything: [1, 1, 1, 1] -> 0, [0, 0, 0, 1] -> 0.75.
    NaN values are left out; empty or an all-zero total gives NaN.
    """
    v = np.sort(_clean(values))
    n = len(v)
    if n == 0 or v.sum() == 0:
        return float("nan")
    i = np.arange(1, n + 1)
    # sorted form of the double sum: Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x)
    return float(((2 * i - n - 1) * v).sum() / (n * v.sum()))


def top_share(values: Iterable[float], n: int = 5) -> float:
    """Share of the total held by the ``n`` largest units (NaN when the total is 0 or empty)."""
    v = np.sort(_clean(values))[::-1]
    if len(v) == 0 or v.sum() == 0:
        return float("nan")
    return float(v[:n].sum() / v.sum())


@dataclass(frozen=True)
class Concentration:
    tier: int
    column: str
    units: int  # units counted (zeros included)
    with_link: int  # units with at least one link
    total: int  # region-initiative links
    gini: float
    top5: float
    top5_units: tuple[str, ...]  # "Name (code)" of the five largest
    curve: pd.DataFrame


    via_parent: int = 0  # region-initiative links via a parent region, left out (never multiplied)


def concentration(table: pd.DataFrame, rule: str = "regional", tiers: Iterable[int] = (1, 2)) -> list[Concentration]:
    """Gini, top-5 share and Lorenz curve of the links recorded at each unit, per counted tier."""
    out = []
    for tier in (1, 2):
        if tier not in set(tiers) or table.empty:
            continue
        v = links.own_count(table, tier, rule).astype("float64")
        ranked = v.sort_index().sort_values(ascending=False, kind="stable")
        top = ranked.head(5)
        top = top[top > 0]
        names = [f"{table.at[c, 'name']} ({c})" for c in top.index]
        if len(ranked) > 5 and len(top) == 5 and ranked.iloc[5] == ranked.iloc[4]:
            tied = int((ranked == ranked.iloc[4]).sum())
            names.append(f"… {tied} tied at {ranked.iloc[4]:.0f} for 5th place, first by code shown")
        par_col = f"t{tier}_parent"
        via = table[par_col] if par_col in table else pd.Series(0, index=table.index)
        out.append(Concentration(
            tier, f"t{tier}_own", len(v), int((v > 0).sum()), int(v.sum()), gini(v), top_share(v, 5),
            tuple(names), lorenz(v), int(via.sum())))
    return out
