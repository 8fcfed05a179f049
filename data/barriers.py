"""Barriers: which RIS 2023 indicators hold a region back, and which separate groups of regions.

Pure functions over the long indicator table (code, indicator_id, indicator, year, value,
edition, unit; scores relative to the EU27 in 2016 = 100, higher is better for every
indicator). A region is read through the RIS unit that publishes it (``ris_code``: itself,
a larger region or its country, as :func:`data.model.resolved_score` resolves the RII), and the
caller says so. References are computed, never estimated: the EU row of the database, the
median of the RIS units of the same country, and the median of the units of the same RIS 2023
performance group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

EU = "EU"
YEARS = tuple(range(2016, 2024))


def indicators() -> pd.DataFrame:
    """The long RIS 2023 indicator table (:func:`data.scores.ris_indicators`)."""
    from data import scores

    return scores.ris_indicators()


def _year(ind: pd.DataFrame, year: int) -> pd.DataFrame:
    """code x indicator_id matrix of the scores of ``year``."""
    y = ind[ind["year"] == year]
    return y.pivot_table(index="code", columns="indicator_id", values="value", aggfunc="first")


def labels(ind: pd.DataFrame) -> pd.Series:
    """indicator_id -> indicator name, in indicator order."""
    lab = ind.drop_duplicates("indicator_id").set_index("indicator_id")["indicator"]
    return lab.sort_index(key=lambda s: s.map(lambda i: tuple(int(p) for p in i.split("."))))


@dataclass(frozen=True)
class Profile:
    ris_code: str
    year: int
    table: pd.DataFrame  # per indicator: indicator, region, eu, country, group, vs_eu, vs_group, rank
    n_country: int  # RIS units of the country behind the country median
    n_group: int  # RIS units of the group behind the group median
    group: str | None
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]


def region_profile(ind: pd.DataFrame, ris_code: str, groups: pd.Series, year: int = 2023,
                   n_named: int = 3) -> Profile | None:
    """The region's indicator scores against the EU, its country and its group (medians).

    ``groups``: RIS 2023 performance group per RIS code. ``vs_group`` = region score minus the
    group median (points on the EU27 2016 = 100 scale); the weaknesses are the ``n_named``
    indicators with the lowest ``vs_group``, the strengths those with the highest. None if the
    code has no indicator scores.
    """
    m = _year(ind, year)
    if ris_code not in m.index:
        return None
    units = m.drop(index=EU, errors="ignore")
    same_country = units[units.index.str[:2] == ris_code[:2]]
    group = groups.get(ris_code)
    same_group = units[units.index.map(groups.get) == group] if isinstance(group, str) else units.iloc[0:0]
    lab = labels(ind)
    t = pd.DataFrame({"indicator": lab})
    t.index.name = "indicator_id"
    t["region"] = m.loc[ris_code].reindex(t.index)
    t["eu"] = m.loc[EU].reindex(t.index) if EU in m.index else np.nan
    t["country"] = same_country.median().reindex(t.index) if len(same_country) else np.nan
    t["group"] = same_group.median().reindex(t.index) if len(same_group) else np.nan
    t["vs_eu"] = t["region"] - t["eu"]
    t["vs_group"] = t["region"] - t["group"]
    t["rank"] = t["vs_group"].rank(method="first").astype("Int64")
    ranked = t.dropna(subset=["vs_group"]).sort_values(["vs_group", "indicator"], kind="stable")
    weak = tuple(ranked["indicator"].head(n_named))
    strong = tuple(ranked["indicator"].iloc[::-1].head(n_named))
    return Profile(ris_code, year, t.reset_index(), len(same_country), len(same_group),
                   group if isinstance(group, str) else None, strong, weak)


def series(ind: pd.DataFrame, ris_code: str) -> pd.DataFrame:
    """The region's scores 2016-2023: one row per indicator, one column per year."""
    s = ind[ind["code"] == ris_code].pivot_table(index="indicator_id", columns="year", values="value",
                                                  aggfunc="first")
    lab = labels(ind)
    s = s.reindex(lab.index)
    s.columns = [str(c) for c in s.columns]
    s.insert(0, "indicator", lab)
    return s.reset_index()


def separation(ind: pd.DataFrame, a: Iterable[str], b: Iterable[str], year: int = 2023) -> pd.DataFrame:
    """Which indicators separate two sets of RIS units most.

    Per indicator: ``n_a``, ``n_b``, medians ``median_a``, ``median_b``, ``difference`` =
    median_a - median_b, and ``effect`` = (mean_a - mean_b) / pooled standard deviation
    (Cohen's d; NaN with fewer than 2 units on a side or no spread). Sorted by |effect|, largest first.
    """
    m = _year(ind, year).drop(index=EU, errors="ignore")
    A = m.reindex([c for c in dict.fromkeys(a) if c in m.index])
    B = m.reindex([c for c in dict.fromkeys(b) if c in m.index])
    lab = labels(ind)
    out = pd.DataFrame({"indicator": lab})
    out.index.name = "indicator_id"
    out["n_a"] = A.notna().sum().reindex(out.index).fillna(0).astype(int)
    out["n_b"] = B.notna().sum().reindex(out.index).fillna(0).astype(int)
    out["median_a"] = A.median().reindex(out.index)
    out["median_b"] = B.median().reindex(out.index)
    out["difference"] = out["median_a"] - out["median_b"]
    na, nb = out["n_a"], out["n_b"]
    pooled = np.sqrt(((na - 1) * A.var().reindex(out.index) + (nb - 1) * B.var().reindex(out.index)) / (na + nb - 2))
    ok = (na >= 2) & (nb >= 2) & (pooled > 0)
    out["effect"] = ((A.mean().reindex(out.index) - B.mean().reindex(out.index)) / pooled).where(ok)
    out = out.reset_index()
    order = out["effect"].abs().sort_values(ascending=False, na_position="last", kind="stable").index
    return out.loc[order].reset_index(drop=True)


def caption_profile(p: Profile, region_label: str, basis: str, edition: str, unit: str) -> str:
    """Strengths and weaknesses named from the data, with edition, scale and the references."""
    if p.group:
        ref = (f"Group median = median of the {p.n_group} RIS units in the {p.group} group; country median = "
               f"median of the {p.n_country} RIS units of {p.ris_code[:2]}; EU = the database's EU row.")
    else:
        ref = (f"No RIS 2023 group, so no group median; country median = median of the {p.n_country} RIS units of "
               f"{p.ris_code[:2]}; EU = the database's EU row.")
    text = f"{edition}, {p.year} scores, {unit}; higher is better for every indicator. {region_label}: {basis}. {ref}"
    if p.weaknesses:
        text += (f" Weakest relative to its group: {', '.join(p.weaknesses)}. "
                 f"Strongest relative to its group: {', '.join(p.strengths)}.")
    return text


def caption_separation(sep: pd.DataFrame, a: str, b: str, edition: str, n_top: int = 3) -> str:
    top = sep.dropna(subset=["effect"]).head(n_top)
    if top.empty:
        return f"Too few RIS units on each side ({a} and {b}) to compare indicators."
    na, nb = int(sep["n_a"].max()), int(sep["n_b"].max())
    names = "; ".join(f"{r.indicator} (median {r.median_a:.0f} vs {r.median_b:.0f}, d = {r.effect:.1f})"
                      for r in top.itertuples())
    return (f"{edition}, 2023 scores (EU27 2016 = 100). {a}: {na} RIS units, {b}: {nb}. Separating most "
            f"(standardised difference of means, Cohen's d): {names}.")


def units_by(table, mask) -> list[str]:
    """Distinct RIS units (``value_code``) of the regions of ``table`` where ``mask`` holds."""
    sub = table[mask & table["value"].notna()] if "value" in table else table.iloc[0:0]
    return list(dict.fromkeys(sub["value_code"].dropna()))


def own_units_by(table, mask) -> list[str]:
    """RIS units of the regions with their own RIS value (one unit per region, none shared)."""
    own = table["basis"].isin(["region", "same territory"]) if "basis" in table else False
    return units_by(table, mask & own)
