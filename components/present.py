"""Presentation mode (``?present=1``), content-only embedding (``?embed=true``) and the phone layout.

All three are layout only: CSS injected once per run and a high-contrast recolouring of a map
view (classes keep their labels, only colours change, so map, legend and downloads agree).
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from components import theme
from data.classify import NO_DATA

PHONE_MAX_PX = 640
MAIN = '[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]'
BASE_CSS = f"""<style>
/* phone: map first, full width; legend below it, then the intro. Streamlit's main block is not a
   flex box and wraps each keyed container in a layout wrapper, so both are styled here. */
@media (max-width: {PHONE_MAX_PX}px) {{
  .block-container {{ padding: 3.8rem .6rem 2rem !important; }}
  {MAIN} > div:has(> .st-key-ie-head) {{ order: 0; }}
  {MAIN} > div:has(> .st-key-ie-story) {{ order: 1; }}
  {MAIN} > div:has(> .st-key-ie-body) {{ order: 2; }}
  {MAIN} > div:has(> .st-key-ie-intro) {{ order: 3; }}
  {MAIN} > div:has(> .st-key-ie-extra) {{ order: 4; }}
  .st-key-ie-head h1 {{ font-size: 1.15rem !important; padding: 0 !important; line-height: 1.3; }}
  .st-key-ie-head [data-testid="stHorizontalBlock"] {{ gap: .3rem; }}
}}
</style>"""
PRESENT_CSS = f"""<style>
html, body, [data-testid="stAppViewContainer"] {{ font-size: {theme.PRESENT_FONT_PX}px; }}
header[data-testid="stHeader"] {{ display: none; }}
.block-container {{ padding: .4rem 1.2rem 0 !important; max-width: 100% !important; }}
.st-key-ie-head h1, .st-key-ie-head h3 {{ font-size: 1.45rem !important; padding: 0 !important; margin: 0 !important;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.st-key-ie-intro {{ display: none; }}
.st-key-ie-story {{ font-size: 1.1rem; line-height: 1.35; }}
.ie-story-caption {{ margin-top: .15rem; }}
.ie-legend {{ font-size: 1.1rem !important; }}
[data-testid="stCaptionContainer"] {{ color: #222 !important; }}
</style>"""
EMBED_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], .st-key-ie-head, .st-key-ie-intro, .st-key-ie-story, .st-key-ie-extra {
  display: none !important; }
.block-container { padding: .3rem .5rem 0 !important; max-width: 100% !important; }
</style>"""


def css(present: bool, embed: bool) -> str:
    return BASE_CSS + (PRESENT_CSS if present else "") + (EMBED_CSS if embed else "")


def apply(present: bool, embed: bool) -> None:
    st.html(css(present, embed))


def high_contrast(view):
    """The same view with the presentation palette (labels, classes and counts unchanged)."""
    c = view.classes
    fixed = {**theme.HIGH_CONTRAST_PROFILE, **theme.HIGH_CONTRAST_GROUPS, NO_DATA: theme.HIGH_CONTRAST_NO_DATA}
    from data.scope import OUTSIDE

    keep = {OUTSIDE}  # outside the analysis scope: the neutral colour stays
    categorical = any((lab in theme.PROFILE_COLOURS or lab in theme.GROUP_COLOURS) and lab not in keep
                      for lab in c.labels)
    numeric = [] if categorical else [lab for lab in c.labels
                                      if lab not in fixed and lab not in keep and not lab.startswith("0 (")]
    ramp = dict(zip(numeric, theme.high_contrast_ramp(len(numeric)), strict=True))
    colours = tuple(fixed.get(lab) or ramp.get(lab) or col for lab, col in zip(c.labels, c.colours, strict=True))
    classes = dataclasses.replace(c, colours=colours)
    table = view.table.copy()
    table["colour"] = classes.colour_of().reindex(table.index)
    return dataclasses.replace(view, table=table, classes=classes)


def map_view_and_layer(s, user=None):
    """(view, map lookup JSON) for the state ``s``. The plain view is the shared one
    (data/shared.py); uploaded data or presentation mode make a per-session copy."""
    from data import shared, views, webassets

    args = (s.level, s.selection(), s.metric, s.year, s.scheme, s.k)
    if user is None and not s.present:
        return shared.map_view(*args), shared.map_layer(*args)
    view = views.map_view(*args, user=user) if user is not None else shared.map_view(*args)
    if s.present:
        view = high_contrast(view)
    if user is not None and "your_data" in view.table and view.table["your_data"].any():
        t = view.table.copy()  # the client tooltip shows value_text: say where uploaded rows count
        t.loc[t["your_data"], "value_text"] = t.loc[t["your_data"], "value_text"] + " · includes your data"
        view = dataclasses.replace(view, table=t)
    codes = list(getattr(view, "frame", ()) or view.table.index)
    context = bool(s.countries or s.groups) or view.table.empty
    lookup = shared.layer_lookup(view, webassets.view_bounds(codes, s.level), context)
    return view, shared._script_json(lookup)
