"""Shared AppTest helpers for the page tests.

AppTest (Streamlit 1.67) reruns only the page script once a run has finished on a page (it
passes that page's hash back), while a browser always runs the st.navigation entrypoint.
``to_entrypoint`` clears that hash (and the page asked for by ``switch_page``) so the router,
the filter bar and the URL sync run as in a browser; it lands on the default page (the map).
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from components import state as S

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(page: str | None = None, **params: str) -> AppTest:
    """A fresh session opened on a URL with ``params`` (and then switched to ``page``)."""
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
    return at


def to_entrypoint(at: AppTest) -> AppTest:
    at._page_hash = at._finished_page_script_hash = ""  # see module docstring
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """All the text a user reads on the page (markdown, captions, messages, headings, HTML)."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.info]
    parts += [e.value for e in at.title] + [e.value for e in at.header] + [e.value for e in at.subheader]
    parts += [e.value for e in at.warning] + [getattr(e, "body", "") for e in at.get("html")]
    return "\n".join(str(p) for p in parts)


def view(at: AppTest) -> S.ViewState:
    return at.session_state["view_state"]


def open_more_filters(at: AppTest) -> AppTest:
    """Open the sidebar's "More filters" (lazy: collapsed, its lists are not drawn), as a user would."""
    at.session_state["pop_more_filters"] = True
    return to_entrypoint(at)


def open_popovers(at: AppTest) -> AppTest:
    """Open every popover of the page (downloads, stories: lazy, closed they hold nothing), as a
    user clicking each one would, and rerun."""
    keys = [k for k in at.session_state._state.filtered_state if str(k).startswith("pop_")]
    for k in keys:
        at.session_state[k] = True
    at.run()
    assert not at.exception, at.exception
    return at


def assert_valid_charts(at: AppTest) -> None:
    """Every chart on the page is a valid Vega-Lite spec (the app skips altair's validation at run
    time, components/charts), and has alt text."""
    import json

    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    schema = load_schema()
    shown = at.get("vega_lite_chart")
    assert shown, "no chart on the page"
    for c in shown:
        spec = json.loads(c.proto.spec)
        validate_jsonschema(spec, schema)
        assert spec.get("description"), "a chart without alt text"
