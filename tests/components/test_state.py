"""components/state.py: the URL <-> ViewState mapping (pure functions, no data, no Streamlit)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import state as S
from components.state import Allowed, ViewState, encode, parse, query_string
from data import scores

ALLOWED = Allowed(
    countries=frozenset({"PL", "DE", "EL", "UK", "FR"}),
    chains=frozenset({"batteries", "hydrogen", "cloud-data"}),
    initiatives=frozenset({"ipcei_me1", "ia_eba", "s3p-im-sport"}),
    regions=frozenset({"PL91", "PL92", "DE30", "EL30", "UK11", "FR10", "PL", "DE3"}),
    ecosystems=frozenset({"digital", "health", "energy-renewables"}),
    types=frozenset({"ipcei", "eurocluster", "s3-partnership"}),
    metrics=frozenset({"profile", "tier1", "tier2_all", "rii", "rii_group", "sii", "gerd"}),
)

# single-valued options added by pages (e.g. the Divide page's dgroup/dlinks), where present
EXTRA_CHOICES = {name: sorted(getattr(S, const))
                 for name, const in (("dgroup", "DIVIDE_GROUPS"), ("dlinks", "DIVIDE_LINKS"),
                                     ("nlevel", "NETWORK_LEVELS"))
                 if name in S.SINGLE and hasattr(S, const)}


def p(**params: object) -> tuple[ViewState, list[str]]:
    return parse(params, ALLOWED)


def subset(values: frozenset[str] | set[str], max_size: int | None = None):
    return st.sets(st.sampled_from(sorted(values)), max_size=max_size).map(lambda s: tuple(sorted(s)))


@st.composite
def states(draw) -> ViewState:
    metric = draw(st.sampled_from(sorted(ALLOWED.metrics)))
    score = scores.SCORES.get(metric)
    year_ok = score is None or bool(score.years)  # a metric without years carries no year
    fields = dict(
        countries=draw(subset(ALLOWED.countries)),
        chains=draw(subset(ALLOWED.chains)),
        ecosystems=draw(subset(ALLOWED.ecosystems)),
        tier=draw(st.sampled_from(sorted(S.TIERS))),
        types=draw(subset(ALLOWED.types)),
        initiatives=draw(subset(ALLOWED.initiatives)),
        groups=draw(subset(ALLOWED.groups)),
        level=draw(st.sampled_from(S.LEVELS)),
        metric=metric,
        year=draw(st.none() | st.sampled_from(sorted(ALLOWED.years))) if year_ok else None,
        scheme=draw(st.sampled_from(sorted(S.SCHEMES))),
        k=draw(st.sampled_from(list(S.K_RANGE))),
        region=draw(st.none() | st.sampled_from(sorted(ALLOWED.regions))),
        peers=draw(subset(ALLOWED.regions, max_size=S.MAX_PEERS)),
        tiles=draw(st.booleans()),
    )
    for name, choices in EXTRA_CHOICES.items():
        fields[S.SINGLE[name]] = draw(st.sampled_from(choices))
    return ViewState(**fields)


# --------------------------------------------------------------------------- round trips

@settings(max_examples=300, deadline=None)
@given(states())
def test_encode_then_parse_round_trips(s):
    assert parse(encode(s), ALLOWED) == (s, [])


@settings(max_examples=100, deadline=None)
@given(states())
def test_query_string_round_trips(s):
    qs = query_string(s)
    assert qs == "" or qs.startswith("?")
    assert parse(dict(parse_qsl(qs[1:])), ALLOWED) == (s, [])


@settings(deadline=None)
@given(states())
def test_encode_omits_defaults_and_is_canonical(s):
    q = encode(s)
    default = ViewState()
    for name, field in S.PARAMS.items():
        assert (name in q) == (getattr(s, field) != getattr(default, field)), name
    assert list(q) == [n for n in S.PARAMS if n in q]  # fixed parameter order
    for name in S.MULTI:
        if name in q:
            items = q[name].split(",")
            assert items == sorted(set(items))
    assert encode(s) == q and query_string(s) == query_string(s)


def test_defaults_give_an_empty_url():
    assert encode(ViewState()) == {}
    assert query_string(ViewState()) == ""
    assert encode(ViewState(level=2, metric="profile", tier="both", k=5, scheme="quantiles", tiles=False)) == {}
    assert parse({}, ALLOWED) == (ViewState(), [])


def test_encode_sorts_multi_values_and_orders_params():
    a = ViewState(countries=("PL", "DE", "EL"), level=0, chains=("hydrogen", "batteries"))
    b = ViewState(countries=("EL", "PL", "DE"), level=0, chains=("batteries", "hydrogen"))
    assert encode(a) == encode(b) == {"country": "DE,EL,PL", "chain": "batteries,hydrogen", "level": "0"}
    assert list(encode(a)) == ["country", "chain", "level"]
    assert query_string(a) == query_string(b) == "?country=DE,EL,PL&chain=batteries,hydrogen&level=0"


def test_encode_values():
    q = encode(ViewState(tiles=True, year=2019, k=7, region="PL91", tier="2"))
    assert q == {"tier": "2", "year": "2019", "k": "7", "region": "PL91", "tiles": "1"}


# --------------------------------------------------------------------------- parsing good input

def test_parse_every_kind_of_value():
    s, notices = p(country="PL,DE", chain="batteries", eco="digital", type="ipcei", init="ipcei_me1",
                   group="leader,strong", peers="PL92,DE30", tier="1", level="3", metric="rii", year="2019",
                   scheme="natural", k="4", region="PL91", tiles="1")
    assert notices == []
    assert s == ViewState(countries=("DE", "PL"), chains=("batteries",), ecosystems=("digital",), types=("ipcei",),
                          initiatives=("ipcei_me1",), groups=("leader", "strong"), peers=("DE30", "PL92"),
                          tier="1", level=3, metric="rii", year=2019, scheme="natural", k=4, region="PL91",
                          tiles=True)


def test_country_codes_are_normalised():
    s, notices = p(country="gb,GR,pl, de ")
    assert notices == []
    assert s.countries == ("DE", "EL", "PL", "UK")
    s, _ = p(region="gb11", peers="el30,uk11")
    assert s.region == "UK11" and s.peers == ("EL30", "UK11")


def test_case_insensitive_slugs():
    s, notices = p(chain="Batteries", group="LEADER", tier="1", eco="Digital")
    assert notices == []
    assert s.chains == ("batteries",) and s.groups == ("leader",) and s.ecosystems == ("digital",)


def test_repeated_params_and_duplicates():
    s, notices = p(country=["PL", "DE"], chain="hydrogen,hydrogen,,")
    assert notices == []
    assert s.countries == ("DE", "PL") and s.chains == ("hydrogen",)


def test_year_dropped_for_a_metric_without_years():
    s, notices = p(metric="rii_group", year="2019")
    assert s.year is None
    assert notices == ["Ignored year=“2019”: “rii_group” has no yearly series."]
    s, _ = p(metric="rii", year="2019")
    assert s.year == 2019


def test_reserved_params_ignored_silently():
    assert p(embed="true", embed_options="dark_theme") == (ViewState(), [])
    s, notices = p(embed="true", level="1")
    assert s == ViewState(level=1) and notices == []
    assert "embed" not in encode(s)


def test_peers_capped():
    regions = ["PL91", "PL92", "DE30", "EL30", "UK11", "FR10", "DE3"]
    s, notices = p(peers=",".join(regions))
    assert len(s.peers) == S.MAX_PEERS
    assert s.peers == tuple(sorted(regions)[: S.MAX_PEERS])
    assert len(notices) == 1 and "5 peers of 7" in notices[0]


def test_selection_maps_slugs_to_labels():
    s = ViewState(countries=("PL",), tier="2", groups=("leader", "emerging"), ecosystems=("digital",),
                  types=("s3-partnership",))
    sel = s.selection()
    assert sel.countries == ("PL",)
    assert sel.tiers == (2,)
    assert sel.groups == ("Innovation Leader", "Emerging Innovator")
    assert sel.ecosystems == ("Digital",)
    assert sel.types == ("S3 Partnership",)
    assert ViewState().selection().is_default()


# --------------------------------------------------------------------------- parsing garbage

@pytest.mark.parametrize(("params", "field", "needle"), [
    ({"foo": "bar"}, None, "foo"),
    ({"level": "9"}, "level", "level"),
    ({"level": "two"}, "level", "level"),
    ({"level": "-1"}, "level", "level"),
    ({"metric": "drop_table"}, "metric", "metric"),
    ({"metric": "RII"}, "metric", "metric"),
    ({"k": "12"}, "k", "k"),
    ({"scheme": "jenks"}, "scheme", "scheme"),
    ({"tier": "3"}, "tier", "tier"),
    ({"year": "1999"}, "year", "year"),
    ({"tiles": "yes"}, "tiles", "tiles"),
    ({"region": "XX99"}, "region", "region"),
    ({"country": "XX"}, "countries", "XX"),
    ({"init": "no_such_initiative"}, "initiatives", "no_such_initiative"),
    ({"country": "PL'; DROP TABLE regions;--"}, "countries", "DROP TABLE"),
    ({"region": "' OR 1=1 --"}, "region", "OR 1=1"),
    ({"metric": "<script>alert(1)</script>"}, "metric", "<script>"),
    ({"<img src=x onerror=alert(1)>": "1"}, None, "<img"),
])
def test_garbage_is_dropped_with_a_notice(params, field, needle):
    s, notices = parse(params, ALLOWED)
    if field is not None:
        assert getattr(s, field) == getattr(ViewState(), field)
    else:
        assert s == ViewState()
    assert len(notices) == 1
    assert needle in notices[0]


def test_good_values_survive_next_to_bad_ones():
    s, notices = p(country="PL,XX,de", level="7", metric="rii", bogus="1")
    assert s.countries == ("DE", "PL") and s.level == 2 and s.metric == "rii"
    assert len(notices) == 3  # one per bad parameter
    assert any("XX" in n and "country" in n for n in notices)
    assert any("level" in n for n in notices)
    assert any("bogus" in n for n in notices)


def test_overlong_values_dropped_and_notices_stay_short():
    long_list = ",".join(["PL"] * 1500)  # over the length limit even though every item is valid
    s, notices = p(country=long_list)
    assert s.countries == () and len(notices) == 1 and "too long" in notices[0]
    junk = "A" * 1500
    cases = [{"country": junk}, {"metric": junk}, {"region": junk}, {junk: "1"}, {"peers": f"PL91,{junk}"}]
    for params in cases:
        s, notices = parse(params, ALLOWED)
        assert len(notices) == 1, params.keys()
        assert len(notices[0]) < 120, notices[0][:80]
    s, _ = p(peers=f"PL91,{junk}")
    assert s.peers == ("PL91",)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(
    st.sampled_from([*S.PARAMS, "embed", "zzz"]) | st.text(max_size=20),
    st.text(max_size=60) | st.lists(st.text(max_size=20), max_size=3),
    max_size=6,
))
def test_parse_never_raises_and_only_keeps_allowed_values(params):
    s, notices = parse(params, ALLOWED)
    assert set(s.countries) <= ALLOWED.countries
    assert set(s.chains) <= ALLOWED.chains and set(s.initiatives) <= ALLOWED.initiatives
    assert set(s.peers) <= ALLOWED.regions and len(s.peers) <= S.MAX_PEERS
    assert s.region is None or s.region in ALLOWED.regions
    assert s.level in S.LEVELS and s.metric in ALLOWED.metrics and s.k in S.K_RANGE
    assert s.year is None or s.year in ALLOWED.years
    assert all(len(n) < 200 for n in notices)
    # what was kept encodes and parses back to itself
    assert parse(encode(s), ALLOWED) == (s, [])


def test_scope_param_is_allow_listed():
    st, notes = S.parse({"scope": "ALL"}, ALLOWED)
    assert (st.scope, notes) == ("all", []) and st.selection().scope == "all"
    assert S.encode(st) == {"scope": "all"}
    assert S.encode(S.ViewState()) == {}  # eu is the default, kept out of the URL
    st, notes = S.parse({"scope": "world"}, ALLOWED)
    assert st.scope == "eu" and len(notes) == 1


def test_rejected_values_are_reported_per_parameter():
    state, notices, rejected = S.parse_full({"init": "ipcei_me1,ipcei_hy2", "region": "XX99", "nlevel": "7"},
                                            ALLOWED)
    assert state.initiatives == ("ipcei_me1",) and state.region is None and state.nlevel == 0
    assert rejected == {"init": ("ipcei_hy2",), "region": ("XX99",), "nlevel": ("7",)}
    assert len(notices) == 3


def test_network_level_parsed_and_encoded():
    state, notices = p(nlevel="2")
    assert state.nlevel == 2 and not notices
    assert encode(state) == {"nlevel": "2"}
    assert encode(ViewState()) == {}
