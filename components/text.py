"""Untrusted text (names from data, values from a URL) inside Streamlit markdown, shown literally.

Streamlit renders markdown in st.markdown, headings, captions, alerts and widget labels: a name
like ``[x](javascript:…)``, ``**a**``, ``:red[b]``, ``$c$`` or ``<b>`` would be formatted, linked or
hidden. :func:`md` backslash-escapes every markdown, directive and HTML character and isolates
the text's direction, so a right-to-left override inside a name cannot reorder what follows it.
"""

from __future__ import annotations

import re

# what markdown, Streamlit's directives (:red[x], :material/icon:, :smile:), LaTeX and entities act on
# (an underscore inside a word, as in ids like ipcei_me1, is never emphasis)
_MD = re.compile(r"[\\`*\[\]<>#~$|]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)|:(?=\w)")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


def isolate(text: object) -> str:
    """Plain text (widget options, table cells): bidi controls contained, line breaks flattened."""
    s = " ".join(str(text).split())
    return f"{FSI}{s}{PDI}" if _BIDI.search(s) else s


def md(text: object) -> str:
    """``text`` as literal markdown: the characters markdown acts on escaped, direction isolated."""
    return _MD.sub(lambda m: "\\" + m.group(0), isolate(text))
