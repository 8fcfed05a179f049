"""components/text.py: untrusted text shown literally inside Streamlit markdown."""

from __future__ import annotations

import re

from components.text import FSI, PDI, isolate, md


def test_markup_is_escaped():
    assert md("[x](javascript:alert(1))") == r"\[x\](javascript\:alert(1))"
    assert md("**b** _i_ `c` ~~s~~ $x$") == r"\*\*b\*\* \_i\_ \`c\` \~\~s\~\~ \$x\$"
    assert md(":red[r] :material/warning:") == r"\:red\[r\] \:material/warning:"
    assert md("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert md("&lt;b&gt; & co") == r"\&lt;b\&gt; & co"
    assert md("# heading") == r"\# heading"


def test_plain_names_are_unchanged():
    for name in ["IPCEI Hy2Tech (Hydrogen Technology)", "Île-de-France", "Łódzkie", "Hy2Tech: x", "A & B", "50%",
                 "ipcei_me1"]:
        assert md(name) == name


def test_no_unescaped_special_character_survives():
    hostile = "\\`*_[]<>#~$| :a &x; " * 3
    out = md(hostile)
    assert not re.search(r"(?<!\\)[`*_\[\]<>#~$|]", out.replace("\\\\", ""))


def test_direction_isolated_and_lines_flattened():
    assert isolate("\u202eevil") == f"{FSI}\u202eevil{PDI}"
    assert isolate("plain") == "plain"
    assert isolate("two\nlines\r\n") == "two lines"
    assert md("\u202e[x]").startswith(FSI) and md("\u202e[x]").endswith(PDI)
