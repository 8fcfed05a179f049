"""data/classify.py: class breaks, labels and colours on known arrays."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import theme
from components.theme import NO_DATA_COLOUR
from data import classify
from data.classify import NO_DATA

pytestmark = [
    pytest.mark.filterwarnings("ignore:Numba not installed:UserWarning"),
    pytest.mark.filterwarnings("ignore:Not enough unique values:UserWarning"),
]

ONE_TO_TEN = pd.Series(np.arange(1.0, 11.0), index=[f"R{i}" for i in range(1, 11)])
FIB = pd.Series([0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89], dtype=float)


def by_label(c: classify.Classes) -> dict[str, list]:
    out: dict[str, list] = {lab: [] for lab in c.labels}
    for code, lab in c.assigned.items():
        out[lab].append(code)
    return out


def test_quantiles_one_to_ten():
    # numpy linear percentiles of 1..10 at 20 % steps: 1 + 9 * p -> 2.8, 4.6, 6.4, 8.2, 10
    c = classify.numeric(ONE_TO_TEN, "quantiles", k=5)
    assert c.labels == ("1.00 – 2.80", "2.80 – 4.60", "4.60 – 6.40", "6.40 – 8.20", "8.20 – 10.0")
    assert c.counts == (2, 2, 2, 2, 2)
    assert by_label(c)["1.00 – 2.80"] == ["R1", "R2"]
    assert by_label(c)["8.20 – 10.0"] == ["R9", "R10"]
    assert c.note == ""


def test_quantiles_integer_labels():
    # 11 values, terciles at positions 10/3 and 20/3: 3 + 1/3 * 2 = 3.67 and 13 + 2/3 * 8 = 18.33
    c = classify.numeric(FIB, "quantiles", k=3, integer=True)
    assert c.labels == ("0–3", "4–18", "19–89")
    assert c.counts == (4, 3, 4)


def test_equal_interval():
    # range 0..89 in 4 equal steps of 22.25: 22.25, 44.5, 66.75, 89
    c = classify.numeric(FIB, "equal", k=4, integer=True)
    assert c.labels == ("0–22", "23–44", "45–66", "67–89")
    assert c.counts == (8, 1, 1, 1)
    assert c.assigned[8] == "23–44" and c.assigned[10] == "67–89"
    f = classify.numeric(FIB, "equal", k=4)
    assert f.labels == ("0.00 – 22.2", "22.2 – 44.5", "44.5 – 66.8", "66.8 – 89.0")


def test_natural_breaks_finds_the_gaps():
    # three obvious clusters; Fisher-Jenks puts the breaks in the gaps
    v = pd.Series([1, 2, 3, 20, 21, 22, 100, 101], dtype=float)
    c = classify.numeric(v, "natural", k=3, integer=True)
    assert c.labels == ("1–3", "4–22", "23–101")
    assert c.counts == (3, 3, 2)
    # 1..10 into 5 classes: consecutive pairs have the least within-class variance
    n = classify.numeric(ONE_TO_TEN, "natural", k=5)
    assert n.counts == (2, 2, 2, 2, 2)
    assert by_label(n)[n.labels[2]] == ["R5", "R6"]


def test_unknown_scheme():
    with pytest.raises(ValueError, match="unknown scheme"):
        classify.numeric(ONE_TO_TEN, "jenks")


@pytest.mark.parametrize("scheme", classify.SCHEMES)
def test_nan_gets_no_data_class_and_grey(scheme):
    v = pd.Series([1.0, np.nan, 3.0, 4.0, None, 8.0, 9.0, 12.0], index=list("abcdefgh"))
    c = classify.numeric(v, scheme, k=3)
    assert c.labels[-1] == NO_DATA and c.colours[-1] == NO_DATA_COLOUR
    assert c.assigned["b"] == NO_DATA and c.assigned["e"] == NO_DATA
    assert c.counts[-1] == 2
    assert NO_DATA_COLOUR not in c.colours[:-1]
    colours = c.colour_of()
    assert colours["b"] == NO_DATA_COLOUR
    assert (colours.drop(["b", "e"]) != NO_DATA_COLOUR).all()
    assert sum(c.counts) == len(v)


def test_no_data_class_only_when_needed():
    c = classify.numeric(ONE_TO_TEN, "quantiles", k=5)
    assert NO_DATA not in c.labels


def test_all_missing():
    c = classify.numeric(pd.Series([np.nan, np.nan], index=["a", "b"]), "quantiles")
    assert c.labels == (NO_DATA,) and c.colours == (NO_DATA_COLOUR,) and c.counts == (2,)


@pytest.mark.parametrize("n", range(1, 10))
def test_ramp_never_uses_the_no_data_or_zero_colour(n):
    ramp = theme.ramp(n)
    assert len(ramp) == n == len(set(ramp))
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in ramp)
    assert NO_DATA_COLOUR not in ramp and theme.ZERO_COLOUR not in ramp


def test_zero_class_for_counts():
    v = pd.Series([0, 0, 1, 2, 3, 4, np.nan, 10], index=list("abcdefgh"))
    c = classify.numeric(v, "quantiles", k=3, integer=True, zero_class="0 (none recorded)")
    assert c.labels[0] == "0 (none recorded)"
    assert c.labels[-1] == NO_DATA
    assert c.assigned["a"] == c.assigned["b"] == "0 (none recorded)"
    assert c.assigned["g"] == NO_DATA  # missing is not zero
    assert c.counts[0] == 2 and c.counts[-1] == 1
    # the non-zero values are classified among themselves: 1, 2, 3, 4, 10 -> terciles 2.33, 3.67
    assert c.labels[1:-1] == ("1–2", "3", "4–10")
    zero_colour = c.colours[0]
    assert zero_colour not in c.colours[1:] and zero_colour != NO_DATA_COLOUR


def test_zero_class_absent_without_zeros():
    c = classify.numeric(pd.Series([1, 2, 3]), "quantiles", 3, integer=True, zero_class="0")
    assert "0" not in c.labels


def test_all_zero_counts():
    c = classify.numeric(pd.Series([0, 0, 0]), "quantiles", 5, integer=True, zero_class="none")
    assert c.labels == ("none",) and c.counts == (3,)


def test_fewer_distinct_values_than_k():
    c = classify.numeric(pd.Series([1.0, 1.0, 2.0, 2.0, np.nan]), "quantiles", k=5)
    assert len(c.labels) == 3  # two classes + No data
    assert c.note == "2 classes: only 2 distinct values."
    one = classify.numeric(pd.Series([3, 3, 3]), "equal", k=5, integer=True)
    assert one.labels == ("3",) and one.counts == (3,)
    assert one.note == "1 class: only 1 distinct value."


def test_quantile_ties_drop_classes_with_a_note():
    # quartiles of 1,1,1,1,2,2,3,50 are 1, 1.5, 2.25, 50: (1, 1.5] holds no whole number
    c = classify.numeric(pd.Series([1, 1, 1, 1, 2, 2, 3, 50]), "quantiles", k=4, integer=True)
    assert c.labels == ("1", "2", "3–50")
    assert c.counts == (4, 2, 2)
    assert c.note == "3 classes: many regions share the same values."


def parse_int_label(label: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d+)(?:–(\d+))?", label)
    assert m, f"unexpected integer label {label!r}"
    lo = int(m[1])
    return lo, int(m[2]) if m[2] else lo


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.integers(0, 60), st.just(None)), min_size=1, max_size=40),
    st.sampled_from(classify.SCHEMES),
    st.integers(3, 7),
)
def test_integer_labels_contiguous_non_overlapping_and_true(values, scheme, k):
    v = pd.Series([np.nan if x is None else float(x) for x in values])
    c = classify.numeric(v, scheme, k, integer=True, zero_class="0")
    assert len(set(c.labels)) == len(c.labels)
    assert sum(c.counts) == len(v)
    assert len(c.colours) == len(c.labels)
    ranges = [parse_int_label(lab) for lab in c.labels if lab not in ("0", NO_DATA)]
    for (lo, hi), (lo2, _) in itertools.pairwise(ranges):
        assert lo <= hi and lo2 == hi + 1  # contiguous, no overlap, no gap
    lut = {lab: parse_int_label(lab) for lab in c.labels if lab not in ("0", NO_DATA)}
    for x, lab in zip(v, c.assigned, strict=True):
        if np.isnan(x):
            assert lab == NO_DATA
        elif x == 0:
            assert lab == "0"
        else:
            lo, hi = lut[lab]
            assert lo <= x <= hi, (x, lab)
    n_classes = len(ranges)
    assert n_classes <= k
    if n_classes:  # a note says why there are fewer classes than asked for
        assert (n_classes < k) == bool(c.note)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=40), st.sampled_from(classify.SCHEMES))
def test_classes_are_monotonic_in_the_value(values, scheme):
    v = pd.Series(values)
    c = classify.numeric(v, scheme, 5)
    order = {lab: i for i, lab in enumerate(c.labels)}
    ranks = [order[lab] for lab in c.assigned[v.sort_values(kind="stable").index]]
    assert ranks == sorted(ranks)
    assert NO_DATA not in c.labels


GROUP_COLOURS = {"Leader": "#111111", "Strong": "#222222", "Moderate": "#333333"}


def test_categorical_order_and_no_data():
    v = pd.Series(["Strong", None, "Leader", "Strong", "Unknown", np.nan], index=list("abcdef"))
    c = classify.categorical(v, GROUP_COLOURS)
    assert c.labels == ("Leader", "Strong", "Moderate", NO_DATA)  # the colour map's order, then No data
    assert c.colours == ("#111111", "#222222", "#333333", NO_DATA_COLOUR)
    assert c.counts == (1, 2, 0, 3)
    assert c.assigned.to_dict() == {"a": "Strong", "b": NO_DATA, "c": "Leader", "d": "Strong",
                                    "e": NO_DATA, "f": NO_DATA}
    assert c.colour_of()["e"] == NO_DATA_COLOUR


def test_categorical_without_missing_has_no_no_data_class():
    c = classify.categorical(pd.Series(["Leader", "Moderate"]), GROUP_COLOURS)
    assert NO_DATA not in c.labels and c.counts == (1, 0, 1)
