"""What a chapter tells the student about the live session it runs in.

A chapter's imports cell calls ``session.explain_widgets()`` once. In JupyterLab it
prints one line saying why a saved notebook, opened again, shows "Error displaying
widget: model not found" where its sliders, playground and quiz were: widgets live
in the running kernel, and the notebook file keeps only a reference to them. The
line is saved with the cell's output, so it is there to read exactly when the
message appears. On the static pages of the book (``NNLIB_STATIC_WIDGETS=1``) the
widgets are saved with the page and the function prints nothing.
"""

from __future__ import annotations

from nnbook.widgets import static_mode

WIDGETS_NOTE = (
    "Sliders, the playground and the quiz are widgets that live in the running kernel: "
    'after you reopen this notebook they show "Error displaying widget: model not found" '
    "until you run its cells again (Run > Run All Cells)."
)


def explain_widgets() -> None:
    """Print why widgets of a reopened notebook are missing (nothing on the static page)."""
    if static_mode():
        return
    print(WIDGETS_NOTE)
