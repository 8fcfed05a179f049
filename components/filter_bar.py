"""The shared filter bar (sidebar). Widgets are views of the canonical state in
:mod:`components.state`: each is seeded from the state when drawn and writes back through a
callback, so a page switch or a shared link never loses a filter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components import popover
from components import state as S
from components.text import isolate, md
from data import cache, geodata, scores, tables, vocab
from data.tables import slug


def state_widget(widget: Callable, field: str, key: str, to_widget=lambda v: v, from_widget=lambda v: v, **kw):
    """Draw ``widget`` as a view of ViewState.``field``: its value comes from the state, a change
    goes through :func:`components.state.update` (validated, written to the URL, kept across pages).

    Not Streamlit's own ``bind="query-params"``: that stores each widget under its key in the URL,
    unvalidated and per page, while our one allow-listed state owns the URL for every page."""
    value = to_widget(getattr(S.current(), field))
    if st.session_state.get(key) != value:
        st.session_state[key] = value

    def _changed():
        # a late widget event from a page the session has left (fast clicks, a slow link) finds no
        # value any more: nothing to apply, and no traceback (found by bench/bench_soak.py)
        if key in st.session_state:
            S.update(**{field: from_widget(st.session_state[key])})

    return widget(key=key, on_change=_changed, **kw)


def _tuple(v) -> tuple:
    return tuple(sorted(v or ()))


@dataclass(frozen=True)
class Options:
    """Everything the filter bar lists, with its labels: built once per process (the same for every
    session and run, read-only), so a run only draws the widgets."""

    countries: tuple[str, ...]  # sorted by name
    country_labels: dict[str, str]
    chain_labels: dict[str, str]  # "Hydrogen (14)"
    initiatives: tuple[str, ...]  # sorted by label
    initiative_labels: dict[str, str]  # "Hy2Tech · IPCEI"
    ecosystem_labels: dict[str, str]
    type_labels: dict[str, str]


@cache.resource
def options() -> Options:
    ini = tables.initiatives()
    names = geodata.country_names()
    counts = ini["chain_id"].value_counts()
    labels = dict(zip(ini["initiative_id"], ini["short_name"].map(isolate) + " · " + ini["type"], strict=True))
    return Options(
        countries=tuple(sorted(names, key=names.get)),
        country_labels={c: f"{isolate(n)} ({c})" for c, n in names.items()},
        chain_labels={slug(c): f"{c} ({counts.get(slug(c), 0)})" for c in vocab.VALUE_CHAINS},
        initiatives=tuple(sorted(labels, key=labels.get)), initiative_labels=labels,
        ecosystem_labels={slug(e): e for e in vocab.ECOSYSTEMS}, type_labels={slug(t): t for t in vocab.TYPES})


def draw_filters() -> None:
    o = options()
    st.sidebar.header("Filters")
    state_widget(st.sidebar.multiselect, "countries", "w_country", list, _tuple,
                 label="Countries", options=o.countries, format_func=lambda c: o.country_labels.get(c, c),
                 placeholder="All countries")
    state_widget(st.sidebar.multiselect, "chains", "w_chain", list, _tuple,
                 label="Value chains", options=list(o.chain_labels), format_func=o.chain_labels.get,
                 placeholder="All value chains")
    state_widget(st.sidebar.segmented_control, "tier", "w_tier", label="Tier", options=list(S.TIERS),
                 format_func={"both": "Both tiers", "1": "Tier 1", "2": "Tier 2"}.get, required=True)
    cur = S.current()
    more = popover.lazy_expander("More filters", "pop_more_filters", where=st.sidebar,
                                 reveal=cur.ecosystems + cur.types + cur.initiatives + cur.groups)
    if more is not None:  # collapsed: its four lists cost a run nothing (the initiatives list is 8 KB)
        _draw_more_filters(more, o)
    state_widget(st.sidebar.toggle, "scope", "w_scope", lambda v: v == "all", lambda on: "all" if on else "eu",
                 label="Include EEA/EFTA and candidate countries",
                 help="Off (default): only the 27 EU member states are analysed; regions of other NUTS countries are "
                      "drawn as “Outside the scope” and not counted. On: every NUTS country is counted.")
    if not S.current().selection().is_default():
        st.sidebar.button("Clear filters", on_click=lambda: S.update(
            countries=(), chains=(), ecosystems=(), tier="both", types=(), initiatives=(), groups=(),
            scope="eu"))


def _draw_more_filters(more, o: Options) -> None:
    with more:
        state_widget(st.multiselect, "ecosystems", "w_eco", list, _tuple, label="Industrial ecosystems",
                     options=list(o.ecosystem_labels), format_func=o.ecosystem_labels.get,
                     placeholder="All ecosystems")
        state_widget(st.multiselect, "types", "w_type", list, _tuple, label="Initiative types",
                     options=list(o.type_labels), format_func=o.type_labels.get, placeholder="All types")
        labels = o.initiative_labels
        state_widget(st.multiselect, "initiatives", "w_init", list, _tuple, label="Initiatives (type to search)",
                     options=o.initiatives, format_func=labels.get, placeholder="All initiatives")
        for iid in S.current().initiatives[:3]:  # each chosen initiative links to its profile
            st.page_link("pages/initiative_profile.py", label=f"Profile: {md(labels[iid])}", icon=":material/hub:",
                         query_params=S.encode(S.current().replace(initiatives=(iid,))))
        state_widget(st.multiselect, "groups", "w_group", list, _tuple,
                     label="RIS 2023 performance group (regions)", options=list(S.GROUP_SLUGS),
                     format_func=S.GROUP_SLUGS.get, placeholder="All groups")


def draw_level() -> None:
    state_widget(st.sidebar.segmented_control, "level", "w_level", label="Regions", options=list(S.LEVELS),
                 format_func={0: "Countries", 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"}.get, required=True)


def draw_view_settings() -> None:
    cur = S.current()
    st.sidebar.header("View")
    draw_level()
    from components import userdata

    ud = userdata.current()
    metrics = [m for m in S.METRICS if m != "yours" or (ud is not None and not ud.scores.empty)
               or cur.metric == "yours"]
    state_widget(st.sidebar.selectbox, "metric", "w_metric", label="Map shows", options=metrics,
                 format_func=S.METRICS.get)
    score = scores.SCORES.get(cur.metric)
    if score and score.years:
        state_widget(st.sidebar.select_slider, "year", "w_year", lambda v: v or score.default_year,
                     lambda v: None if v == score.default_year else v, label="Year", options=list(score.years))
    numeric = cur.metric != "profile" and not (score and score.kind == "categorical")
    if numeric:
        state_widget(st.sidebar.selectbox, "scheme", "w_scheme", label="Classification",
                     options=list(S.SCHEMES), format_func=S.SCHEMES.get)
        state_widget(st.sidebar.slider, "k", "w_k", label="Classes", min_value=min(S.K_RANGE),
                     max_value=max(S.K_RANGE))
    state_widget(st.sidebar.toggle, "tiles", "w_tiles", label="Background map tiles (needs internet)")
