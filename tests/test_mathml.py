"""nnbook.mathml: LaTeX in HTML texts becomes KaTeX's MathML; the quiz component uses it.

The expected MathML is computed here by KaTeX itself (node_modules, run in Node
directly), not typed by hand. Needs Node and `npm ci`.
"""

from __future__ import annotations

import html
import json
import subprocess
import unicodedata

import pytest

from nnbook import mathml, quiz_html
from nnbook.quiz import SingleChoice


def katex(tex: str, display: bool = False) -> str:
    script = (
        "const katex = require(process.argv[1]);"
        "process.stdout.write(katex.renderToString(process.argv[2], "
        "{displayMode: process.argv[3] === 'display', output: 'mathml'}));"
    )
    finished = subprocess.run(
        ["node", "-e", script, str(mathml.KATEX), tex, "display" if display else "inline"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return finished.stdout


def test_inline_and_display_math_become_katex_mathml():
    text = r"If $x_1 &lt; 2$ then $$\frac{\partial L}{\partial w} = \sigma'(z)$$ holds."
    (converted,) = mathml.html_with_mathml([text])
    expected = (
        "If "
        + katex("x_1 < 2")
        + " then "
        + katex(r"\frac{\partial L}{\partial w} = \sigma'(z)", display=True)
        + " holds."
    )
    assert converted == expected
    assert converted.count("<math") == 2 and 'display="block"' in converted


def test_dollar_signs_that_are_not_math_stay():
    texts = [r"It costs \$5.", "between $5 and $10 a day", "no math here"]
    assert mathml.html_with_mathml(texts) == texts


def test_the_same_expression_is_converted_once(monkeypatch):
    expected = katex("a + b")
    mathml.convert([("a + b", False)])
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(
        mathml.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k)
    )
    assert mathml.mathml("a + b") == expected
    assert calls == []
    mathml.mathml("a + c")  # not converted yet: one run of Node
    assert len(calls) == 1


def test_latex_katex_refuses_names_the_expression():
    with pytest.raises(mathml.MathError, match=r"\\frac\{1\}"):
        mathml.mathml(r"\frac{1}", display=False)


def test_katex_is_the_version_package_json_pins():
    pinned = json.loads((mathml.ROOT / "package.json").read_text())["dependencies"]["katex"]
    assert mathml.katex_version() == pinned


def test_a_static_quiz_carries_mathml_and_keeps_its_fingerprint():
    question = SingleChoice(
        prompt=r"What is $\sigma'(0)$?",
        options=["$0.25$", "$0.5$", "1"],
        answer=0,
        explanations=[r"$\sigma(0)\,(1 - \sigma(0)) = 0.25$.", "No.", "No."],
    )
    plain = quiz_html.quiz_settings([question])
    converted = quiz_html.settings_with_mathml(plain)
    entry = converted["questions"][0]
    assert entry["prompt"] == "What is " + katex(r"\sigma'(0)") + "?"
    assert entry["options"] == [katex("0.25"), katex("0.5"), "1"]
    assert entry["fingerprint"] == quiz_html.fingerprint(question)
    page = quiz_html.quiz_component([question]).data
    assert "$" not in page and page.count("<math") >= 4


def test_bold_script_and_double_struck_letters_become_unicode_math_letters():
    converted = mathml.mathml(r"\mathbf{W}\mathcal{L}\mathbb{R}\boldsymbol{\theta}\mathbf{0}")
    for name in (
        "MATHEMATICAL BOLD CAPITAL W",
        "SCRIPT CAPITAL L",  # Unicode's older ℒ: the mathematical block leaves a hole there
        "DOUBLE-STRUCK CAPITAL R",
        "MATHEMATICAL BOLD ITALIC SMALL THETA",
        "MATHEMATICAL BOLD DIGIT ZERO",
    ):
        assert unicodedata.lookup(name) in converted, name
    assert "mathvariant" not in converted.split("<annotation")[0]
    # "normal" (upright names such as ReLU) is MathML Core's own: it stays.
    assert 'mathvariant="normal"' in mathml.mathml(r"\operatorname{ReLU}(z)")


def test_a_labelled_formula_is_named_by_what_it_shows_not_its_tex():
    # A table header of a formula alone is named by it (axe-core reads no text in <math>).
    for tex, shown in [("x_1", "x1"), ("f(z)", "f(z)"), (r"\max(0, z) < 1", "max⁡(0,z)<1")]:
        markup = mathml.mathml(tex)
        named = mathml.labelled(markup)
        assert named.count("aria-label=") == 1
        label = named.split('aria-label="', 1)[1].split('"', 1)[0]
        assert html.unescape(label).replace("\u2061", "") == shown.replace("\u2061", ""), tex
        assert named.replace(f' aria-label="{label}"', "") == markup
