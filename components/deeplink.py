"""Deep links on the very first request after a server start (Streamlit 1.67, pages/ folder).

Streamlit decides once per process, when the first session starts, whether the app is an old
(v1) multipage app: ``PagesManager.uses_pages_directory`` becomes True because ``pages/``
exists next to app.py. That first run then goes through Streamlit's v1 wrapper, which resolves
the URL path against the *file names* in pages/ before app.py's ``st.navigation`` can: a path
that is not a file name (``/divide`` for ``pages/divide_view.py``) gets a "Page not found"
dialog and the URL is rewritten to ``/``. ``st.navigation`` switches the process to v2 routing
for good, so only the first run after a start is affected.

The Streamlit-native fix: for every URL path of app.py's router there is a file
``pages/<url_path>.py`` that only calls :func:`run_router`. The v1 wrapper finds it by name and
runs it; it runs app.py, whose ``st.navigation`` resolves the same URL path to the real page,
keeps the query string and takes over. From then on these files are never reached (the router
does not list them). tests/test_deeplinks.py checks that every route has its file.

"""

from __future__ import annotations

import runpy
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def run_router() -> None:
    runpy.run_path(str(APP), run_name="__main__")

