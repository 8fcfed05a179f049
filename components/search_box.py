"""One search box (sidebar, every page): regions, countries, initiatives, named participants.

Matching lives in :mod:`data.search`; here each hit becomes a link to the page that shows it,
carrying the current filters (regions and countries -> region profile, initiatives and
participants -> initiative profile).
"""

from __future__ import annotations

import streamlit as st

from components import state as S
from components.text import md
from data import search

REGION_PAGE = "pages/region_profile.py"
INITIATIVE_PAGE = "pages/initiative_profile.py"
ICONS = {"country": ":material/flag:", "region": ":material/location_on:",
         "initiative": ":material/hub:", "participant": ":material/factory:"}
LIMIT = 8


def target(kind: str, entry_id: str) -> tuple[str, dict[str, str]]:
    """(page file, query params) that open one search hit."""
    cur = S.current()
    if kind in ("country", "region"):
        return REGION_PAGE, S.encode(cur.replace(region=entry_id))
    return INITIATIVE_PAGE, S.encode(cur.replace(initiatives=(entry_id,)))


def links(hits, *, container=st) -> None:
    for hit in hits.itertuples():
        page, params = target(hit.kind, hit.id)
        container.page_link(page, label=f"{md(hit.label)} — {md(hit.detail)}", icon=ICONS[hit.kind],
                            query_params=params, help=f"{md(hit.label)} — {md(hit.detail)}")


def render() -> None:
    q = st.sidebar.text_input("Search", key="w_search", placeholder="Region, country, initiative, company…",
                              help="Accents and case do not matter; the start of each word is enough "
                                   "(e.g. “dussel”, “hy2”, “bosch”).")
    if not q.strip():
        return
    hits = search.search(search.default_index(), q, limit=LIMIT)
    if hits.empty:
        st.sidebar.caption(f"Nothing found for “{md(q[:40])}”.")
        return
    links(hits, container=st.sidebar)
