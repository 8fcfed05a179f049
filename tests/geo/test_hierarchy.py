"""geo/hierarchy.py: code arithmetic and value resolution on small hand-made fixtures."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.hierarchy import (
    BASIS_COUNTRY,
    BASIS_PARENT,
    BASIS_PREDECESSOR,
    BASIS_REGION,
    BASIS_SAME,
    ancestor_at,
    ancestors,
    children,
    descendants,
    level_of,
    normalize_code,
    normalize_country,
    parent,
    resolve,
    rollup_codes,
    same_territory_groups,
)

# A miniature NUTS: PL with two level-1 units; LU a single-child chain down to level 3;
# DE with DE3 = DE30 = DE300 (Berlin) next to a DE1 with two children.
CODES = frozenset({
    "PL", "PL9", "PL91", "PL911", "PL912", "PL92", "PL8", "PL81", "PL82",
    "LU", "LU0", "LU00", "LU000",
    "DE", "DE3", "DE30", "DE300", "DE1", "DE11", "DE12",
    "FR", "FRF", "FRF2", "FRF1",
})


# --------------------------------------------------------------------------- codes

@pytest.mark.parametrize(("raw", "want"), [
    ("GR", "EL"), ("EL", "EL"), ("GB", "UK"), ("UK", "UK"),
    ("gr", "EL"), (" gb ", "UK"), ("pl", "PL"), ("DE", "DE"),
])
def test_normalize_country(raw, want):
    assert normalize_country(raw) == want


@pytest.mark.parametrize(("raw", "want"), [
    ("GB11", "UK11"), ("gr30", "EL30"), ("EL30", "EL30"), ("UKI3", "UKI3"),
    (" pl911 ", "PL911"), ("GR", "EL"), ("ukc", "UKC"),
])
def test_normalize_code(raw, want):
    assert normalize_code(raw) == want


def test_normalize_code_only_touches_the_country_prefix():
    # "GB" inside a code is not a country prefix
    assert normalize_code("DEGB1") == "DEGB1"


@pytest.mark.parametrize(("code", "level"), [("PL", 0), ("PL9", 1), ("PL91", 2), ("PL911", 3), ("FRF2", 2)])
def test_level_of(code, level):
    assert level_of(code) == level


@pytest.mark.parametrize("bad", ["", "P", "pl91", "PL9111", "P1", "PL 9", "91PL", None, 42])
def test_level_of_rejects_non_codes(bad):
    with pytest.raises(ValueError, match="not a NUTS code"):
        level_of(bad)


def test_parent_and_ancestors():
    assert parent("PL911") == "PL91"
    assert parent("PL9") == "PL"
    assert parent("PL") is None
    assert ancestors("PL911") == ["PL91", "PL9", "PL"]
    assert ancestors("PL9") == ["PL"]
    assert ancestors("PL") == []


def test_ancestor_at():
    assert ancestor_at("PL911", 0) == "PL"
    assert ancestor_at("PL911", 1) == "PL9"
    assert ancestor_at("PL911", 2) == "PL91"
    assert ancestor_at("PL911", 3) == "PL911"
    assert ancestor_at("PL9", 2) is None  # coarser than the level asked for
    assert ancestor_at("PL", 1) is None


def test_children_and_descendants():
    assert children("PL", CODES) == ["PL8", "PL9"]
    assert children("PL9", CODES) == ["PL91", "PL92"]
    assert children("PL92", CODES) == []
    assert descendants("PL9", CODES) == ["PL91", "PL911", "PL912", "PL92"]
    assert descendants("PL", CODES, level=2) == ["PL81", "PL82", "PL91", "PL92"]
    assert descendants("PL", CODES, level=3) == ["PL911", "PL912"]
    assert descendants("PL911", CODES) == []


def test_same_territory_groups():
    g = same_territory_groups(CODES)
    lu = frozenset({"LU", "LU0", "LU00", "LU000"})
    for c in lu:
        assert g[c] == lu
    berlin = frozenset({"DE3", "DE30", "DE300"})
    for c in berlin:
        assert g[c] == berlin
    assert g["DE"] == {"DE"}  # two children: not the same territory as either
    assert g["DE1"] == {"DE1"} and g["DE11"] == {"DE11"}
    assert g["PL9"] == {"PL9"} and g["PL92"] == {"PL92"}
    assert set(g) == set(CODES)


def test_same_territory_needs_the_direct_child():
    # DE30 missing: DE3 and DE300 are not known to be the same territory
    g = same_territory_groups({"DE", "DE3", "DE300", "DE1"})
    assert g["DE3"] == {"DE3"} and g["DE300"] == {"DE300"}


def test_rollup_codes():
    s = pd.Series(["PL911", "PL9", "PL", None, "DE30"], index=list("abcde"))
    out = rollup_codes(s, 1)
    assert list(out.index) == list("abcde")
    assert out["a"] == "PL9" and out["b"] == "PL9" and out["e"] == "DE3"
    assert pd.isna(out["c"]) and pd.isna(out["d"])  # coarser than the level, or missing
    assert rollup_codes(s.dropna(), 0).tolist() == ["PL", "PL", "PL", "DE"]


# --------------------------------------------------------------------------- resolve

def frame(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"value": list(values.values())}, index=pd.Index(list(values), dtype=object))


def one(out: pd.DataFrame, code: str) -> tuple[float, str | None, str | None]:
    r = out.loc[code]
    return r["value"], r["value_code"], r["basis"]


def test_resolve_region_same_territory_parent_country():
    vals = frame({"PL91": 10.0, "PL9": 5.0, "PL": 1.0, "LU": 7.0, "DE3": 3.0, "DE1": 2.0})
    targets = ["PL91", "PL92", "PL81", "LU00", "DE30", "DE11", "DE12", "PL911"]
    out = resolve(vals, targets, CODES)
    assert list(out.index) == targets
    assert one(out, "PL91") == (10.0, "PL91", BASIS_REGION)
    assert one(out, "PL92") == (5.0, "PL9", BASIS_PARENT)  # nearest ancestor, not the country
    assert one(out, "PL81") == (1.0, "PL", BASIS_COUNTRY)
    assert one(out, "LU00") == (7.0, "LU", BASIS_SAME)
    assert one(out, "DE30") == (3.0, "DE3", BASIS_SAME)
    assert one(out, "DE11") == (2.0, "DE1", BASIS_PARENT)
    assert one(out, "PL911") == (10.0, "PL91", BASIS_PARENT)  # NUTS 3 under a valued NUTS 2


def test_resolve_same_territory_prefers_the_finest_twin():
    out = resolve(frame({"LU": 1.0, "LU00": 2.0}), ["LU0"], CODES)
    assert one(out, "LU0") == (2.0, "LU00", BASIS_SAME)


def test_resolve_parent_reached_through_a_twin():
    # DE300's ancestor DE30 has no value, but its twin DE3 does: DE300 itself is a twin too
    out = resolve(frame({"DE3": 4.0}), ["DE300"], CODES)
    assert one(out, "DE300") == (4.0, "DE3", BASIS_SAME)


def test_resolve_never_aggregates_upwards():
    vals = frame({"PL91": 10.0, "PL92": 20.0, "PL911": 1.0})
    out = resolve(vals, ["PL9", "PL", "PL8", "PL81"], CODES)
    for code in ["PL9", "PL", "PL8", "PL81"]:
        v, src, basis = one(out, code)
        assert math.isnan(v) and pd.isna(src) and pd.isna(basis), code


def test_resolve_predecessor_recode_and_split():
    successors = {
        "FR21": [("FRF2", "recode")],
        "PL12": [("PL91", "split"), ("PL92", "split")],
        "XX99": [("PL81", "recode")],  # old code without a value: ignored
    }
    vals = frame({"FR21": 8.0, "PL12": 6.0, "PL": 1.0})
    out = resolve(vals, ["FRF2", "FRF1", "PL91", "PL92", "PL911", "PL81"], CODES, successors)
    assert one(out, "FRF2") == (8.0, "FR21", f"{BASIS_PREDECESSOR} (recode)")
    assert one(out, "PL91") == (6.0, "PL12", f"{BASIS_PREDECESSOR} (split)")
    assert one(out, "PL92") == (6.0, "PL12", f"{BASIS_PREDECESSOR} (split)")
    assert one(out, "PL911") == (6.0, "PL12", BASIS_PARENT)  # inside a split successor
    assert one(out, "PL81") == (1.0, "PL", BASIS_COUNTRY)
    assert math.isnan(one(out, "FRF1")[0])  # FR21 is FRF2 only; FRF gets nothing from it


def test_resolve_order_current_code_then_recode_then_split():
    successors = {"OLD1": [("PL91", "split")], "OLD2": [("PL91", "recode")]}
    both = frame({"OLD1": 1.0, "OLD2": 2.0})
    assert one(resolve(both, ["PL91"], CODES, successors), "PL91")[1] == "OLD2"
    current = frame({"OLD1": 1.0, "OLD2": 2.0, "PL91": 3.0})
    assert one(resolve(current, ["PL91"], CODES, successors), "PL91") == (3.0, "PL91", BASIS_REGION)


def test_resolve_keeps_every_value_column():
    vals = pd.DataFrame({"value": [1.0], "year": [2019], "group": ["Strong Innovator"]}, index=["PL9"])
    out = resolve(vals, ["PL91"], CODES)
    assert list(out.columns) == ["value", "year", "group", "value_code", "basis"]
    assert out.loc["PL91", "group"] == "Strong Innovator" and out.loc["PL91", "year"] == 2019


# --------------------------------------------------------------------------- properties

code_st = st.from_regex(r"[A-Z]{2}[A-Z0-9]{0,3}", fullmatch=True)


@settings(deadline=None)
@given(code_st)
def test_parent_ancestors_and_levels_agree(code):
    lv = level_of(code)
    anc = ancestors(code)
    assert len(anc) == lv
    chain, c = [], parent(code)
    while c is not None:
        chain.append(c)
        c = parent(c)
    assert anc == chain
    assert [level_of(a) for a in anc] == list(range(lv - 1, -1, -1))
    assert ancestor_at(code, lv) == code
    for a in anc:
        assert ancestor_at(code, level_of(a)) == a
        assert code in descendants(a, [code])


# A random NUTS-like tree: a couple of countries, each node with 0-3 children.
@st.composite
def trees(draw) -> frozenset[str]:
    codes: set[str] = set()
    frontier = list(draw(st.sets(st.sampled_from(["AA", "BB", "CC"]), min_size=1)))
    codes.update(frontier)
    while frontier:
        node = frontier.pop()
        if len(node) == 5:
            continue
        kids = draw(st.sets(st.sampled_from("123"), max_size=3))
        for k in kids:
            codes.add(node + k)
            frontier.append(node + k)
    return frozenset(codes)


@st.composite
def resolve_cases(draw):
    codes = draw(trees())
    valued = draw(st.sets(st.sampled_from(sorted(codes)), max_size=len(codes)))
    vals = {c: float(draw(st.integers(0, 1000))) for c in sorted(valued)}
    # old codes (not in the tree) recoded or split into tree codes
    olds = {}
    for i, news in enumerate(draw(st.lists(st.sets(st.sampled_from(sorted(codes)), min_size=1, max_size=3),
                                           max_size=3))):
        old = f"ZZ{i}"
        rel = "recode" if len(news) == 1 and draw(st.booleans()) else "split"
        olds[old] = [(n, rel) for n in sorted(news)]
        if draw(st.booleans()):
            vals[old] = float(draw(st.integers(0, 1000)))
    level = draw(st.integers(0, 3))
    targets = sorted(c for c in codes if level_of(c) == level)
    return codes, vals, olds, targets


@settings(max_examples=150, deadline=None)
@given(resolve_cases())
def test_resolve_never_invents_a_value(case):
    codes, vals, olds, targets = case
    out = resolve(frame(vals), targets, codes, olds)
    groups = same_territory_groups(codes)
    assert list(out.index) == targets
    for t, r in out.iterrows():
        if pd.isna(r["value_code"]):
            assert math.isnan(r["value"]) and pd.isna(r["basis"])
            # nothing covering t had a value: t, its twins and its ancestors are all unvalued
            assert t not in vals and not any(a in vals for a in ancestors(t))
            continue
        src = r["value_code"]
        assert src in vals and r["value"] == vals[src]  # a real input value, copied unchanged
        if src in codes:
            # the source covers the target: an ancestor, the target itself or a twin of either;
            # never a strictly smaller unit (no aggregation upwards)
            covering = {t, *ancestors(t)}
            assert any(src in groups[c] for c in covering)
        else:
            # an old code: it maps to the target or to one of its ancestors
            assert any(n in {t, *ancestors(t)} for n, _ in olds[src])
        assert (r["basis"] == BASIS_REGION) == (src == t)
        if r["basis"] == BASIS_COUNTRY:
            assert len(src) == 2
