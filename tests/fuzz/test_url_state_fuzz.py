"""URL fuzz, pure level: hostile query strings through components.state (no Streamlit, no data).

Properties, for every generated query string (as Streamlit hands it to the app, parse_qs):
parse never raises; it keeps only allow-listed values; encode(parse(x)) is canonical (parses back
to the same state without notices) and idempotent; a parameter that was not used in full gets a
notice naming it, and a parameter used in full gets none; notices stay short whatever the input.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as hst

from components import state as S
from tests.fuzz import strategies as F

FAKE = S.Allowed(
    countries=frozenset({"PL", "DE", "EL", "UK", "FR"}),
    initiatives=frozenset({"ipcei_me1", "ia_eba", "s3p-im-sport"}),
    regions=frozenset({"PL91", "PL92", "DE30", "EL30", "UK11", "FR10", "PL", "DE3"}),
)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NOTICE_MAX = 300  # characters; 5 clipped values at most


def used_in_full(name: str, raws: list[str], state: S.ViewState, a: S.Allowed) -> bool:
    """Did ``state`` keep everything parameter ``name`` asked for (by the module's own rules)?"""
    text = ",".join(raws)
    if len(text) > S.MAX_VALUE_LEN * 10:
        return False
    if name in S.MULTI:
        ok, norm = S._multi_allowed(name, a)
        items = {norm(i.strip()) for i in text.split(",") if i.strip()}
        return items <= ok and items <= set(getattr(state, S.MULTI[name]))
    try:
        want = S._single(name, text.strip(), a)
    except ValueError:
        return False
    return getattr(state, S.SINGLE[name]) == want


def check(params: dict[str, list[str]], a: S.Allowed) -> None:
    state, notices, rejected = S.parse_full(params, a)
    # only allow-listed values survive
    assert set(state.countries) <= a.countries and set(state.chains) <= a.chains
    assert set(state.initiatives) <= a.initiatives and set(state.peers) <= a.regions
    assert set(state.ecosystems) <= a.ecosystems and set(state.types) <= a.types and set(state.groups) <= a.groups
    assert state.region is None or state.region in a.regions
    assert state.metric in a.metrics and (state.year is None or state.year in a.years)
    assert len(state.peers) <= S.MAX_PEERS
    # canonical and idempotent
    q = S.encode(state)
    assert S.parse(q, a) == (state, [])
    assert S.encode(S.parse(q, a)[0]) == q
    assert S.query_string(state) == S.query_string(S.parse(q, a)[0])
    # a notice for whatever was not used, none for what was; short whatever the input
    assert all(len(n) <= NOTICE_MAX for n in notices), max(notices, key=len)[:80]
    assert all(len(v) <= S.MAX_VALUE_LEN for vs in rejected.values() for v in vs)
    for name, raws in params.items():
        if name in S.RESERVED:
            continue
        if name not in S.PARAMS:
            assert any(S._clip(name) in n for n in notices), (name, notices)
            continue
        full = used_in_full(name, raws, state, a)
        mentioned = any(n.startswith((f"Ignored {name} ", f"Ignored “{name}”", f"Ignored {name}=“")) for n in notices)
        if name == "peers" and len(state.peers) == S.MAX_PEERS:
            continue  # "Kept the first 5 peers of N" covers a capped list
        assert full != mentioned, (name, raws[:2], full, notices)
    if not notices:
        assert all(n in S.RESERVED or used_in_full(n, r, state, a) for n, r in params.items())


@settings(FUZZ, max_examples=1400)
@given(pairs=F.query_pairs(F.vocabulary(FAKE)))
@example(pairs=[("metric", "rii_group"), ("year", "2019")])  # a year the metric has no series for
@example(pairs=[("peers", ",".join(sorted(FAKE.regions)))])  # over the cap
@example(pairs=[("level", "1"), ("level", "1")])  # a repeated single-valued name
@example(pairs=[("embed", "true"), ("embed_options", "<script>")])  # reserved: Streamlit's, silently kept
def test_hostile_query_strings_parse_canonically_with_notices(pairs):
    check(F.as_params(F.query_string(pairs)), FAKE)


@settings(FUZZ, max_examples=150)
@given(hst.dictionaries(hst.text(max_size=12), hst.text(max_size=30) | hst.lists(hst.text(max_size=10), max_size=3)
                        | hst.integers() | hst.none() | hst.floats(allow_nan=True), max_size=6))
def test_parse_never_raises_on_any_mapping(params):
    """Not only parse_qs output: any mapping of names to str / list / number / None."""
    state, notices = S.parse(params, FAKE)
    assert isinstance(state, S.ViewState) and isinstance(notices, list)
    assert S.parse(S.encode(state), FAKE) == (state, [])


@pytest.fixture(scope="module")
def real_allowed(mirror):
    S.default_allowed.clear()
    yield S.default_allowed()
    S.default_allowed.clear()


@settings(FUZZ, max_examples=450)
@given(data=hst.data())
def test_hostile_query_strings_against_the_real_allow_list(real_allowed, data):
    pairs = data.draw(F.query_pairs(F.vocabulary(real_allowed)))
    check(F.as_params(F.query_string(pairs)), real_allowed)


def test_the_page_list_comes_from_app_py():
    pages = F.pages()
    assert len(pages) >= 4 and sum(p["default"] for p in pages) == 1
    assert {"map", "divide", "region", "data"} <= {p["path"] for p in pages}
    assert [p["path"] for p in pages if p["default"]] == [""]
    assert all((F.REPO_ROOT / p["script"]).is_file() for p in pages)


def test_the_vocabulary_covers_every_single_valued_choice():
    words = set(F.vocabulary(FAKE))
    for name in S.SINGLE:
        if name == "region":
            continue
        accepted = [w for w in words if _accepts(name, w)]
        assert accepted, f"no valid value for {name} in the fuzz vocabulary"


def _accepts(name: str, raw: str) -> bool:
    try:
        S._single(name, raw, FAKE)
        return True
    except ValueError:
        return False
