"""The fast HTML extractor (``Config(extractor="fast")``): no trafilatura, the page's tree and the
text rules; every removal in the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_html import P1, P2, P3

import cleaner.html as html_mode
from cleaner import Config, clean
from cleaner.cli import main

FAST = Config(extractor="fast")

# The article paragraphs of the default mode's HTML tests, and one more.
P4 = (
    "Le maire a rappelé que la ville avait reçu une subvention de la région pour ces projets, "
    "et que les habitants seraient consultés lors de deux réunions publiques en octobre."
)
MENU = "".join(f'<li><a href="/{w}">{w}</a></li>' for w in ("Accueil", "Monde", "Sport", "Météo"))


def page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def article(*paragraphs: str) -> str:
    return "<article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"


@pytest.fixture
def no_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast extractor must never call trafilatura."""

    def fail(*args: object, **kwargs: object) -> str:
        raise AssertionError("trafilatura called by the fast extractor")

    monkeypatch.setattr(html_mode, "_trafilatura", fail)


def test_unknown_extractor_is_refused_when_the_config_is_made() -> None:
    with pytest.raises(ValueError, match=r"unknown extractor 'x'.*'trafilatura' or 'fast'"):
        Config(extractor="x")  # type: ignore[arg-type]


@pytest.mark.usefixtures("no_trafilatura")
def test_landmarks_go_to_the_audit_and_the_article_stays() -> None:
    body = (
        f"<header><nav><ul>{MENU}</ul></nav></header>"
        + article(P1, P2, P3)
        + "<aside><p>Les plus lus : la météo du week-end.</p></aside>"
        + "<footer><p>© 2024 Le Courrier. Tous droits réservés.</p></footer>"
    )
    result = clean(page(body), config=FAST)
    assert result.kind == "html" and "extract:fast" in result.steps
    assert result.text.split("\n\n") == [P1, P2, P3]
    pruned = {r.text: r.evidence for r in result.removed if r.rule == "html_prune"}
    assert pruned == {
        "Accueil Monde Sport Météo": "nav: <nav> element",
        "Les plus lus : la météo du week-end.": "aside: <aside> element",
        "© 2024 Le Courrier. Tous droits réservés.": "footer: <footer> element",
    }


@pytest.mark.usefixtures("no_trafilatura")
def test_link_dense_lines_are_a_link_list() -> None:
    links = "".join(f'<p><a href="/a{k}">Un autre sujet numéro {k}</a></p>' for k in range(3))
    result = clean(page(f"<div>{P1}</div><div>{links}</div><div>{P2}</div>"), config=FAST)
    assert P1 in result.text and P2 in result.text
    link_lists = [r for r in result.removed if r.rule == "link_list"]
    assert [r.text for r in link_lists] == [f"Un autre sujet numéro {k}" for k in range(3)]
    assert all(r.evidence == "100% of its characters are links" for r in link_lists)


@pytest.mark.usefixtures("no_trafilatura")
def test_lines_outside_the_main_region_are_left_out_as_the_extractor_does() -> None:
    # Over 60 words of prose paragraphs, all in <main>: what lies outside it goes.
    teaser = "Un autre texte qui parle de tout autre chose, dans une autre colonne de la page."
    body = f"<div><p>{teaser}</p></div><main><div>{article(P1, P2, P3, P4)}</div></main>"
    result = clean(page(body), config=FAST)
    assert result.text.split("\n\n") == [P1, P2, P3, P4]
    assert [(r.rule, r.text) for r in result.removed] == [("html_extractor", teaser)]


@pytest.mark.usefixtures("no_trafilatura")
def test_without_a_main_region_the_zone_rules_judge_the_lines() -> None:
    # Under 60 words of prose paragraphs: no region, every line goes to the text rules.
    body = "<div>Accueil &gt; Monde</div>" + f"<div>{P1}</div>"
    result = clean(page(body), config=FAST)
    assert result.text == P1
    assert [(r.rule, r.text) for r in result.removed] == [("breadcrumb", "Accueil > Monde")]


@pytest.mark.usefixtures("no_trafilatura")
def test_a_big_comment_thread_under_an_article_is_pruned() -> None:
    comments = "".join(
        f"<div class='comment'><p>Lecteur {k} : je ne suis pas d'accord avec ce qui est écrit "
        f"ici, et je le dis haut et fort pour la {k}e fois dans ce fil.</p></div>"
        for k in range(12)
    )
    # Over 30% of the page's words, but 60 words of prose lie outside it.
    body = article(P1, P2, P3, P4) + f"<section id='comments'>{comments}</section>"
    result = clean(page(body), config=FAST)
    assert result.text.split("\n\n") == [P1, P2, P3, P4]
    pruned = [r for r in result.removed if r.rule == "html_prune"]
    assert len(pruned) == 1 and pruned[0].evidence == "comments: <section> element"
    assert "Lecteur 11" in pruned[0].text


@pytest.mark.usefixtures("no_trafilatura")
def test_a_page_rendered_by_scripts_is_read_from_its_noscript() -> None:
    posts = "".join(f"<div class='post'><p>{p}</p></div>" for p in (P1, P2, P3))
    html = page(f"<div id='app'></div><noscript>{posts}</noscript>")
    result = clean(html, config=FAST)
    assert result.text.split("\n\n") == [P1, P2, P3]
    assert any(step.startswith("noscript:") for step in result.steps)


@pytest.mark.usefixtures("no_trafilatura")
def test_every_visible_line_is_kept_or_in_the_audit() -> None:
    body = (
        f"<nav><ul>{MENU}</ul></nav><div class='share'>Partager sur Facebook</div>"
        + article(P1, P2)
        + "<div><a href='/x'>Lire aussi : le budget voté</a></div>"
        + f"<div>{P3}</div><footer>Mentions légales</footer>"
    )
    result = clean(page(body), config=FAST)
    visible = html_mode.visible_text(page(body)).split("\n\n")
    removed = " ".join(r.text for r in result.removed)
    for line in visible:
        assert line in result.text or line in removed, line


def test_clean_extractor_fast_on_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(page(f"<nav><ul>{MENU}</ul></nav>" + article(P1, P2, P3)), "utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(source), "--extractor", "fast", "-o", str(out), "-q"]) == 0
    record = json.loads(out.read_text("utf-8").splitlines()[0])
    assert record["text"].split("\n\n") == [P1, P2, P3]
    assert main([str(source), "--extractor", "slow", "-o", str(out), "-q"]) == 2


def test_an_element_matching_several_selectors_is_removed_once() -> None:
    nav = "<nav class='social' hidden><a href='/'>Facebook</a></nav>"
    result = clean(page(nav + article(P1, P2)), config=FAST)
    assert [(r.rule, r.text, r.evidence) for r in result.removed] == [
        ("html_prune", "Facebook", "hidden: <nav> element")
    ]


def test_deep_nesting_under_the_unchecked_bound_is_extracted_by_walks_without_recursion() -> None:
    # 9,000 levels (18,000 tags): no depth scan, no cap; the walks up the tree are bounded.
    html = "<html><body>" + "<div><span>" * 9_000 + f"<p>{P1}</p>"
    assert html.count("<") <= html_mode.FAST_UNCHECKED_TAGS
    result = clean(html, config=FAST)
    assert result.text == P1
    assert not any(step.startswith("cap:") for step in result.steps)


def test_deep_nesting_over_the_bound_is_capped_as_in_the_default_mode() -> None:
    html = "<html><body>" + "<div><span>" * 12_000 + f"<p>{P1}</p>"
    result = clean(html, config=FAST)
    assert result.text == P1
    assert any(step.startswith("cap:html_depth=") for step in result.steps)
