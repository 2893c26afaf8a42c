"""Components that compute in the reader's browser: the Python side.

In the static book a live explorable cannot call Python, so a chapter cell shows a
*component*: an HTML element naming a browser module of the book
(``book/js/components/NAME.js``) and carrying its settings as JSON. The page's
loader (``book/js/nnz-components.js``) mounts each one with the browser twin of
nnlib (``book/js/nnlib/``). Inside the element sits a fallback — a picture with its
text alternative — for readers without scripts and for print; a mounted component
hides it.

>>> html = component_html("quiz", {"chapter": 3}, fallback_html="<p>Quiz</p>")
>>> 'data-nnz-component="quiz"' in html
True
"""

from __future__ import annotations

import html
import json
import re

from IPython.display import HTML

_NAME = re.compile(r"^[a-z0-9_-]+$")


def _cut(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def settings_json(settings: dict) -> str:
    """``settings`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so no string in the
    settings can close the script element; NaN and infinity are refused (JSON has
    neither, and a component must never be handed one).
    """
    try:
        text = json.dumps(settings, allow_nan=False, separators=(",", ":"), sort_keys=True)
    except ValueError:  # NaN or infinity, or a loop of references
        raise ValueError(
            "settings must hold finite numbers only: JSON has no NaN or infinity "
            f"(got {_cut(settings)})"
        ) from None
    except TypeError as error:  # an object JSON cannot write, or keys of mixed types
        raise TypeError(
            f"settings must be made of dicts, lists, text, numbers, True/False and None "
            f"({error}); got {_cut(settings)}"
        ) from None
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def component_html(name: str, settings: dict, fallback_html: str = "", label: str = "") -> str:
    """The HTML of one component: its name, its settings and its fallback.

    ``label`` (optional) becomes the element's ``aria-label``.
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"component name must be lower-case letters, digits, '-' or '_' "
            f"(the file book/js/components/NAME.js); got {name!r}"
        )
    if not isinstance(settings, dict):
        raise TypeError(f"settings must be a dict (sent to the page as JSON); got {settings!r}")
    aria = f' role="group" aria-label="{html.escape(label)}"' if label else ""
    return (
        f'<div class="nnz-component" data-nnz-component="{name}"{aria}>'
        f'<script type="application/json">{settings_json(settings)}</script>'
        f'<div class="nnz-fallback">{fallback_html}</div>'
        "</div>"
    )


def component(name: str, settings: dict, fallback_html: str = "", label: str = "") -> HTML:
    """``component_html`` wrapped for display as a cell's output."""
    return HTML(component_html(name, settings, fallback_html, label))
