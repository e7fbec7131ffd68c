"""HTML mode: extraction, pruning, declared charsets, metadata, fallbacks, hostile markup."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner import InputError, Result, clean
from cleaner.html import extract, looks_like_html, prune, visible_text
from cleaner.htmlmeta import read_html_metadata
from cleaner.normalize import repair_markup
from cleaner.types import Config

P1 = (
    "Le conseil municipal a adopté lundi soir le budget de l'année prochaine, après quatre heures "
    "de débats parfois vifs entre la majorité et l'opposition sur le financement des écoles."
)
P2 = (
    "La nouvelle piscine intercommunale ouvrira ses portes au printemps, avec un bassin de "
    "cinquante mètres et des créneaux réservés aux clubs et aux scolaires le matin."
)
P3 = (
    "Les travaux de rénovation de la médiathèque commenceront en septembre et dureront un an ; "
    "un service de prêt provisoire sera installé dans l'ancienne gare pendant le chantier."
)
E1 = (
    "The county council approved its annual budget on Monday night after four hours of debate "
    "over how to pay for repairs to rural schools and the bus routes that serve them."
)
E2 = (
    "A new swimming pool will open in the spring, with a fifty-metre lane pool and early morning "
    "sessions reserved for local clubs and for school groups during term time."
)


def page(body: str, head: str = "", lang: str = "fr") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    )


NAV = (
    '<nav class="menu"><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>'
)
COOKIE = (
    '<div id="cookie-notice" class="cookie-banner"><p>Ce site utilise des cookies pour mesurer '
    "l'audience et personnaliser les contenus publicitaires.</p><button>Accepter</button></div>"
)
SHARE = (
    '<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> '
    '<a href="#">LinkedIn</a> <a href="#">E-mail</a></div>'
)
FOOTER = (
    '<footer class="site-footer"><p>Mentions légales | Contact | Plan du site</p>'
    "<p>© 2024 La Dépêche du Val. Tous droits réservés.</p></footer>"
)


def article_page() -> str:
    return page(
        COOKIE
        + NAV
        + "<main><article><h1>Le budget municipal adopté</h1>"
        + SHARE
        + f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></main>"
        + FOOTER
    )


# ------------------------------------------------------------------------------ extraction


def test_article_paragraphs_kept_furniture_dropped() -> None:
    r = clean(article_page(), kind="html")
    assert r.kind == "html"
    for para in (P1, P2, P3):
        assert para in r.text
    for junk in ("Accueil", "cookies", "Facebook", "LinkedIn", "Mentions légales", "© 2024"):
        assert junk not in r.text
    assert any(s.startswith("prune:") for s in r.steps)


def test_what_html_extraction_left_out_is_in_the_audit() -> None:
    r = clean(article_page(), kind="html")
    pruned = {x.text: x.evidence for x in r.removed if x.rule == "html_prune"}
    left_out = [x.text for x in r.removed if x.rule == "html_extractor"]
    assert pruned["Accueil Monde Sport Culture"] == "nav: <nav> element"
    assert any(t.startswith("Ce site utilise des cookies") for t in pruned)
    assert "Facebook Twitter LinkedIn E-mail" in pruned
    assert "© 2024 La Dépêche du Val. Tous droits réservés." in left_out
    # Extraction removals come first, on line 0; the rules' removals keep their lines.
    n = len(pruned) + len(left_out)
    assert all(x.line == 0 for x in r.removed[:n]) and all(x.line > 0 for x in r.removed[n:])
    for piece in (*pruned, *left_out):
        assert piece not in r.text


def test_visible_text_fallback_reports_no_extractor_removals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleaner import pipeline

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", lambda html, url, fast: "")
    r = clean(article_page(), kind="html")
    assert not any(x.rule == "html_extractor" for x in r.removed)
    assert any(x.rule == "html_prune" for x in r.removed)


def test_one_paragraph_per_line_with_blank_lines_between() -> None:
    r = clean(article_page(), kind="html")
    paras = r.text.split("\n\n")
    assert P1 in paras and P2 in paras and P3 in paras
    assert all("\n" not in p for p in paras)


def test_auto_recognises_html_str_and_bytes() -> None:
    html = article_page()
    assert looks_like_html(html)
    assert clean(html).kind == "html"
    assert clean(html.encode("utf-8")).kind == "html"
    assert clean(P1 + "\n\n" + P2).kind == "text"


def test_boilerplate_inside_article_is_removed_by_the_rules_and_audited() -> None:
    body = (
        f"<article><h1>Budget</h1><p>{P1}</p>"
        "<p>Lire aussi : Le maire présente ses vœux aux habitants</p>"
        f"<p>{P2}</p><p>{P3}</p></article>"
    )
    r = clean(page(body), kind="html")
    assert P1 in r.text and P3 in r.text
    assert "Lire aussi" not in r.text
    assert any(x.rule == "read_more" and "Lire aussi" in x.text for x in r.removed)


def test_pruning_never_removes_the_article() -> None:
    # Class words of furniture on the element that holds the article: not pruned.
    body = (
        f'<div class="social-page comments-enabled"><article class="share-target">'
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></div>"
    )
    r = clean(page(body), kind="html")
    for para in (P1, P2, P3):
        assert para in r.text


def test_pruning_skips_a_class_word_covering_most_of_the_page() -> None:
    # A site whose components are all called "related-*" is not all furniture.
    body = "".join(f'<div class="related-block"><p>{p}</p></div>' for p in (P1, P2, P3))
    tree = LexborHTMLParser(page(body))
    counts = prune(tree)
    assert "related" not in counts
    assert P2 in (tree.body.text() if tree.body else "")


CARDS = (
    '<ul class="more">'
    '<li><a href="/a"><h3>Le maire visite la nouvelle caserne</h3></a><p>Une visite éclair.</p></li>'
    '<li><h3><a href="/b">Fermeture du pont de la Gare en mai</a></h3><p>Trois semaines.</p></li>'
    '<li><h3><a href="/c">Les résultats du marathon du Val</a></h3><p>Un record battu.</p></li>'
    "</ul>"
)
LONG = " ".join((P1, P2, P3))


def test_a_list_of_teaser_cards_after_an_article_is_pruned() -> None:
    body = f"<article><h1>Le budget municipal adopté</h1><p>{LONG}</p><p>{LONG}</p></article>"
    tree = LexborHTMLParser(page(body + CARDS))
    assert prune(tree).get("teasers") == 1
    r = clean(page(body + CARDS), kind="html")
    assert "caserne" not in r.text and "marathon" not in r.text
    assert P3 in r.text
    assert any(x.rule == "html_prune" and "teasers" in x.evidence for x in r.removed)


def test_teaser_cards_stay_on_a_page_without_more_article_prose() -> None:
    # A listing or a shop's category page: the cards are the content (here a quarter of the
    # page's words, under the share that makes a class word not furniture).
    tree = LexborHTMLParser(page(f"<h1>Actualités</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>{CARDS}"))
    assert "teasers" not in prune(tree)
    assert "caserne" in (tree.body.text() if tree.body else "")


def test_a_table_of_contents_with_linked_headings_is_not_a_card_list() -> None:
    toc = "".join(
        f'<li><h3><a href="#s{k}">Section {k} du rapport annuel</a></h3></li>' for k in range(4)
    )
    body = f"<article><ol>{toc}</ol><p>{LONG}</p><p>{LONG}</p></article>"
    tree = LexborHTMLParser(page(body))
    assert "teasers" not in prune(tree)


def test_a_layout_table_cell_gives_one_line_per_paragraph() -> None:
    # An old page laid out in a table: the article is one cell, the teasers another. Flattened
    # as a table row, the whole page would be one line that no line rule could trim.
    cell = "".join(f"<p>{p}</p>" for p in (E1, E2, E1.replace("county", "city"), E2) * 2)
    teasers = "<p>Top stories</p><p>Council to vote on parking fees</p>"
    body = f"<table><tr><td>{cell}</td><td>{teasers}</td></tr></table>"
    tree = LexborHTMLParser(page(body, lang="en"))
    assert prune(tree).get("layout-table") == 1
    assert tree.css_first("table") is None
    r = clean(page(body, lang="en"), kind="html")
    assert E1 in r.text.split("\n") and E2 in r.text.split("\n")


def test_a_data_table_stays_a_table() -> None:
    rows = "".join(
        f"<tr><td><p>Line {k}</p><p>Open</p></td><td>{k * 10} buses</td></tr>" for k in range(4)
    )
    body = f"<article><p>{E1}</p><table>{rows}</table><p>{E2}</p></article>"
    tree = LexborHTMLParser(page(body, lang="en"))
    assert "layout-table" not in prune(tree)
    assert tree.css_first("table") is not None


def test_a_post_tag_list_is_pruned_a_tag_link_in_a_sentence_is_not() -> None:
    tags = (
        '<div class="meta">Tags: <a rel="tag" href="/t/budget">budget</a>, '
        '<a rel="tag" href="/t/schools">schools</a>, <a rel="tag" href="/t/buses">buses</a></div>'
    )
    prose = f'<p>{E2} More on <a rel="tag" href="/t/pools">the pool project</a> in our series.</p>'
    body = f"<article><p>{E1}</p><p>{E2}</p><p>{E1}</p>{prose}{tags}</article>"
    tree = LexborHTMLParser(page(body, lang="en"))
    assert prune(tree).get("tags") == 1
    text = tree.body.text() if tree.body else ""
    assert "Tags:" not in text and "the pool project" in text


def test_hidden_elements_pruned() -> None:
    body = (
        f"<article><p>{P1}</p>"
        '<div style="display: none">Texte caché pour les robots uniquement, jamais affiché.</div>'
        "<div hidden>Autre texte masqué par la page elle-même.</div>"
        f"<p>{P2}</p></article>"
    )
    r = clean(page(body), kind="html")
    assert "caché" not in r.text and "masqué" not in r.text
    assert P1 in r.text and P2 in r.text


FAQ_ANSWER = (
    "Les inscriptions se font en ligne jusqu'au quinze juin, puis à l'accueil de la mairie "
    "pendant tout l'été, avec un justificatif de domicile de moins de trois mois."
)


@pytest.mark.parametrize(
    "attrs",
    [
        'class="accordion__panel" hidden',
        'class="faq-answer" style="display: none"',
        'role="tabpanel" aria-hidden="true"',
        'class="tab-pane" style="visibility:hidden"',
    ],
)
def test_a_hidden_tab_or_accordion_panel_of_prose_is_content(attrs: str) -> None:
    body = (
        f"<article><p>{P1}</p><p>{P2}</p>"
        f"<h2>Comment s'inscrire ?</h2><div {attrs}><p>{FAQ_ANSWER}</p></div>"
        f"<p>{P3}</p></article>"
    )
    r = clean(page(body), kind="html")
    assert FAQ_ANSWER in r.text
    assert any(s.startswith("prune:") and "revealed-panel=1" in s for s in r.steps)


def test_a_hidden_panel_of_links_is_still_pruned() -> None:
    menu = "".join(f'<a href="/r{k}">Rubrique numéro {k}</a> ' for k in range(8))
    body = (
        f'<article><p>{P1}</p><div class="menu-panel" hidden>{menu}</div>'
        f'<div class="faq-panel" hidden><p>{FAQ_ANSWER}</p></div><p>{P2}</p></article>'
    )
    tree = LexborHTMLParser(page(body))
    counts = prune(tree)
    html = tree.html or ""
    assert counts.get("hidden") == 1 and counts.get("revealed-panel") == 1
    assert "Rubrique" not in html and FAQ_ANSWER.split(",")[0] in html


def test_mojibake_in_the_page_is_repaired_before_extraction() -> None:
    """A page whose text was encoded twice: the extractor would drop the C1 control characters
    in "â\x80\x99" and "â\x9f¨", and ftfy could no longer tell what they were."""
    broken = f"{P1} Selon l\u00e2\u0080\u0099AFP, voir \u00e2\u009f\u00a8annexe\u00e2\u009f\u00a9."
    head = "<title>Le budget de l\u00e2\u0080\u0099agglom\u00c3\u00a9ration</title>"
    r = clean(page(f"<article><p>{broken}</p><p>{P2}</p></article>", head=head), kind="html")
    assert "Selon l’AFP, voir ⟨annexe⟩." in r.text
    assert r.title == "Le budget de l’agglomération"
    assert any(step.startswith("ftfy:") and step.endswith("(page)") for step in r.steps)


def test_markup_repair_touches_mojibake_only() -> None:
    """Every page has entities and tags: the pass over the markup is for mojibake only, and
    leaves the rest of the page as it is."""
    html = page(f"<article><p>{P1} Fish &amp; chips.</p></article>")
    assert repair_markup(html) == (html, [])
    broken = html.replace("Fish", "Caf\u00c3\u00a9")
    repaired, steps = repair_markup(broken)
    assert repaired == html.replace("Fish", "Café") and steps


def test_visible_text_separates_links_written_without_spaces() -> None:
    html = page(
        '<div><a href="/a">Meubles</a><a href="/b">Canapés</a></div><p>Un <a href="/c">lien</a>, ici.</p>'
    )
    assert visible_text(html).split("\n\n") == ["Meubles Canapés", "Un lien, ici."]


def test_tables_become_lines_of_cells() -> None:
    body = (
        f"<article><p>{E1}</p><table><tr><th>Service</th><th>Budget</th></tr>"
        f"<tr><td>Schools</td><td>£4.2m</td></tr></table><p>{E2}</p></article>"
    )
    r = clean(page(body, lang="en"), kind="html")
    assert E1 in r.text and E2 in r.text
    assert "|---" not in r.text
    assert "Schools" in r.text


# ---------------------------------------------------------------------------------- charset


def test_declared_latin1_charset_is_used() -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Été</title></head><body><article>'
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>"
    )
    r = clean(html.encode("iso-8859-1"), kind="html")
    assert any("declared by the page" in s for s in r.steps)
    assert P1 in r.text and "é" in r.text and "\ufffd" not in r.text


def test_declared_charset_in_http_equiv() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><article><p>{P1} « déjà »</p><p>{P2}</p></article></body></html>"
    )
    r = clean(html.encode("cp1252"))
    assert r.kind == "html"
    assert "« déjà »" in r.text


# --------------------------------------------------------------------------------- metadata


def meta(html: str, url: str | None = None) -> object:
    return read_html_metadata(LexborHTMLParser(html), url=url, html=html)


def test_site_name_canonical_url_and_lang() -> None:
    head = (
        '<meta property="og:site_name" content="La Dépêche du Val">'
        '<link rel="canonical" href="/actualite/budget-2024">'
    )
    r = clean(page(f"<p>{P1}</p><p>{P2}</p>", head), url="https://www.depeche-val.fr/x?utm=1")
    assert r.source == "La Dépêche du Val"
    assert r.url == "https://www.depeche-val.fr/actualite/budget-2024"
    assert r.lang == "fr"
    m = meta(page(f"<p>{E1}</p>", lang="en-GB"))
    assert getattr(m, "lang", None) == "en"


def test_url_is_optional_and_kept_when_page_has_no_canonical() -> None:
    r = clean(page(f"<p>{P1}</p>"), url="https://example.org/a")
    assert r.url == "https://example.org/a"
    assert clean(page(f"<p>{P1}</p>")).url is None


# --------------------------------------------------------------------------------- fallback


def test_fallback_when_extractor_returns_nothing_is_in_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Patch the module the pipeline holds: with --doctest-modules and importlib imports,
    # ``import cleaner.html`` here may be another module object than the pipeline's.
    from cleaner import pipeline

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", lambda html, url, fast: "")
    soup = "".join(f"<div><div><span>{p}</span></div></div>" for p in (P1, P2, P3))
    r = clean(page(f"<div>{soup}</div>"), kind="html")
    assert any(s.startswith("extract:fallback=visible_text") for s in r.steps), r.steps
    for para in (P1, P2, P3):
        assert para in r.text


def test_fallback_when_extractor_keeps_far_less_than_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Patch the module the pipeline holds: with --doctest-modules and importlib imports,
    # ``import cleaner.html`` here may be another module object than the pipeline's.
    from cleaner import pipeline

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", lambda html, url, fast: "Produits")
    items = "".join(f"<li>Produit {i} : {P1}</li>" for i in range(5))
    r = clean(page(f"<div><ul>{items}</ul></div>"), kind="html")
    assert any("extractor kept" in s for s in r.steps), r.steps
    assert "Produit 3" in r.text


def test_no_fallback_when_the_little_the_extractor_kept_is_the_pages_prose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A job board: an intro paragraph, then hundreds of links. The extractor kept under a tenth
    # of the page's words, but all of its prose: the rest is not text it missed.
    from cleaner import pipeline

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", lambda html, url, fast: P1)
    links = "".join(f'<li><a href="/j/{i}">Emplois {i} à Lyon</a></li>' for i in range(200))
    r = clean(page(f"<div><p>{P1}</p><ul>{links}</ul></div>"), kind="html")
    assert not any("fallback=visible_text" in s for s in r.steps), r.steps
    assert any("most of the page's prose" in s for s in r.steps), r.steps
    assert P1 in r.text and "Emplois 7" not in r.text


def test_fallback_on_an_empty_page() -> None:
    e = extract(page(""), config=Config())
    assert e.text == ""
    assert any(s.startswith("extract:fallback") for s in e.steps)
    assert e.heuristics  # the visible-text fallback still needs the zone heuristics


def test_extractor_path_asks_no_second_zone_judgement() -> None:
    assert not extract(article_page(), config=Config()).heuristics


def test_fast_pass_that_keeps_little_reruns_with_trafilatura_fallbacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleaner import pipeline

    calls: list[bool] = []

    def fake(html: str, url: str | None, fast: bool) -> str:
        calls.append(fast)
        return "Produits" if fast else "\n".join(f"Produit {i} : {P1}" for i in range(5))

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", fake)
    items = "".join(f"<li>Produit {i} : {P1}</li>" for i in range(5))
    r = clean(page(f"<div><ul>{items}</ul></div>"), kind="html")
    assert calls == [True, False]
    assert any(s.startswith("extract:trafilatura_fallbacks (fast pass kept 1 of") for s in r.steps)
    assert "Produit 3" in r.text


def _spy_on_trafilatura(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The calls the HTML mode makes to trafilatura from now on (True for a fast pass)."""
    from cleaner import pipeline

    real = pipeline.html_mode._trafilatura
    calls: list[bool] = []

    def spy(html: str, url: str | None, fast: bool) -> str:
        calls.append(fast)
        return real(html, url, fast=fast)

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", spy)
    return calls


def test_fast_pass_that_keeps_the_article_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_on_trafilatura(monkeypatch)
    clean(article_page(), kind="html")
    assert calls == [True]


def test_trafilatura_path_is_in_steps() -> None:
    steps = clean(article_page(), kind="html").steps
    assert any(s.startswith("extract:trafilatura (kept ") for s in steps), steps


# --------------------------------------------------------------------------- hostile markup


def _bounded(source: str | bytes) -> Result | None:
    """A result, or None for an ``InputError``; nothing else may come out (how long the hostile
    cases take is measured by ``python -m bench.hostile``, not asserted)."""
    try:
        return clean(source, kind="html")
    except InputError:
        return None


def test_unclosed_tags() -> None:
    r = _bounded(f"<html><body><div><p>{P1}<p>{P2}<div><span><b><i>{P3}")
    assert r is not None and P1 in r.text


def test_ten_thousand_nested_divs() -> None:
    _bounded("<html><body>" + "<div>" * 10_000 + P1 + "</div>" * 10_000 + "</body></html>")


def test_ten_thousand_unclosed_nested_divs() -> None:
    _bounded("<html><body>" + "<div class='share'>" * 10_000 + P1)


def test_megabyte_unclosed_comment() -> None:
    _bounded(f"<html><body><p>{P1}</p><!-- " + "x" * 1_000_000)


def test_garbage_and_empty_documents() -> None:
    for source in ("<", "<html>", "<html><body></body></html>", "<<<>>>" * 1000, b"<html>\xff\xfe"):
        _bounded(source)


@pytest.mark.parametrize("kind", ["html", "auto"])
def test_result_is_always_a_result(kind: str) -> None:
    r = clean(article_page().encode(), kind=kind)  # type: ignore[arg-type]
    assert isinstance(r, Result)


def test_left_out_lines_found_in_page_order_on_huge_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import html_audit

    visible = "\n".join(["Menu", P1, "Pub", P2, "Footer"])
    extracted = f"{P1}\n\n{P2}"
    full = html_audit._left_out(visible, extracted)
    monkeypatch.setattr(html_audit, "_FULL_SEARCH_BUDGET", 0)
    assert html_audit._left_out(visible, extracted) == full
    assert [r.text for r in full] == ["Menu", "Pub", "Footer"]


def test_an_element_naming_two_kinds_of_furniture_is_pruned_the_same_in_every_process() -> None:
    """'class="share comments"' names two kinds; the first word decides, whatever the hash
    seed (a set of class words once made the kind, and the audit, vary between processes)."""
    import json
    import os
    import subprocess
    import sys

    html = (
        "<html><body><article>"
        + "<p>The council met on Tuesday to vote on the budget for the coming year.</p>" * 8
        + '<div class="share comments related"><a href="#">Share</a> 3 comments</div>'
        + "</article></body></html>"
    )
    code = (
        "import json, sys; from cleaner.html import prune; "
        "from selectolax.lexbor import LexborHTMLParser; "
        "print(json.dumps(prune(LexborHTMLParser(sys.stdin.read()))))"
    )
    outputs = set()
    for seed in map(str, range(8)):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], input=html, capture_output=True, text=True, env=env
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop()) == {"share": 1}


def test_fallbacks_run_when_the_fast_pass_keeps_the_whole_page() -> None:
    """A fast pass that kept every word found no main content: trafilatura's fallbacks are
    asked, and steps say so; the page's text is all still there."""
    sentence = "The council met on Tuesday evening to vote on budget line {} after a long debate."
    html = (
        "<html><body>"
        + "".join(f"<p>{sentence.format(i)}</p>" for i in range(6))
        + "</body></html>"
    )
    result = clean(html, kind="html")
    assert any(s.startswith("extract:trafilatura_fallbacks (fast pass kept") for s in result.steps)
    assert all(sentence.format(i) in result.text for i in range(6))


_FIRST = "The river rose in the night and the town woke up to find it in the streets."
_LAST = "By the evening the water had gone down and the people were back in their homes."
_MISSED = "It was then that we all saw the water rise over the old bridge in the town."


def test_prose_the_extractor_missed_between_kept_paragraphs_is_put_back() -> None:
    from cleaner.html_audit import _rescue_paragraphs

    lines = ["Menu", _FIRST, "Advertisement", _MISSED, _LAST, "More stories like this one."]
    text, n = _rescue_paragraphs(lines, f"{_FIRST}\n\n{_LAST}", LexborHTMLParser("<p>x</p>"))
    assert n == 1
    assert text.split("\n\n") == [_FIRST, _MISSED, _LAST]


@pytest.mark.parametrize(
    "line",
    [
        _MISSED[:-1] + "...",  # a teaser, cut short
        "Menu items and the buttons of the page",  # no sentence
        "Bridge Town River Water Night Streets Homes People Evening Council Mayor Vote Plan.",
        _MISSED.replace("town", "town (Photo: Jane Doe)"),  # a caption of the page
    ],
)
def test_what_is_not_put_back_between_kept_paragraphs(line: str) -> None:
    from cleaner.html_audit import _rescue_paragraphs

    tree = LexborHTMLParser(
        f"<figure><figcaption>{_MISSED.replace('town', 'town (Photo: Jane Doe)')}</figcaption></figure>"
    )
    kept = f"{_FIRST}\n\n{_LAST}"
    assert _rescue_paragraphs([_FIRST, line, _LAST], kept, tree) == (kept, 0)
    # After the last kept paragraph, prose is as often a teaser or a bio: left alone.
    assert _rescue_paragraphs([_FIRST, _LAST, _MISSED], kept, tree) == (kept, 0)


def test_a_run_of_prose_after_the_last_kept_paragraph_continues_the_article() -> None:
    """Three paragraphs or more in a row right after the last kept one (a short line like
    "Advertisement" between them allowed) are the rest of the article in another container;
    one or two are as often a teaser or a bio and stay out."""
    from cleaner.html_audit import _rescue_paragraphs

    more = [
        "Then the mayor came down to the river and spoke to the people who had lost their homes.",
        "She said the town would pay for the repairs of every house the water had reached.",
        "The work on the new walls along the river will start in the spring of next year.",
    ]
    tree = LexborHTMLParser("<p>x</p>")
    kept = f"{_FIRST}\n\n{_LAST}"
    lines = [
        _FIRST,
        _LAST,
        more[0],
        "Advertisement",
        more[1],
        more[2],
        "More from our newsroom",
        _MISSED,
    ]
    text, n = _rescue_paragraphs(lines, kept, tree)
    assert n == 3 and text.split("\n\n") == [_FIRST, _LAST, *more]
    assert _rescue_paragraphs([_FIRST, _LAST, *more[:2]], kept, tree) == (kept, 0)
    assert _rescue_paragraphs([_FIRST, _LAST, more[0], "A", "B", *more[1:]], kept, tree) == (
        kept,
        0,
    )


def test_a_run_of_prose_before_the_first_kept_paragraph_begins_the_article() -> None:
    """The same run right before the first kept paragraph is the article's beginning in a
    container of its own; one or two paragraphs there (a dek, a promotion) stay out."""
    from cleaner.html_audit import _rescue_paragraphs

    lead = [
        "The river rose by two metres during the night after three days of heavy rain upstream.",
        "By dawn the water had reached the market square and the ground floors of the old town.",
        "The fire brigade went from house to house in boats to bring out the people still inside.",
    ]
    tree = LexborHTMLParser("<p>x</p>")
    kept = f"{_FIRST}\n\n{_LAST}"
    lines = ["Menu", lead[0], lead[1], "Advertisement", lead[2], _FIRST, _LAST]
    text, n = _rescue_paragraphs(lines, kept, tree)
    assert n == 3 and text.split("\n\n") == [*lead, _FIRST, _LAST]
    assert _rescue_paragraphs(["Menu", *lead[1:], _FIRST, _LAST], kept, tree) == (kept, 0)


def test_a_page_whose_text_is_only_in_noscript_is_read_from_it() -> None:
    """A script-rendered page (a Flarum forum) shows "Loading..." without scripts and holds its
    text in <noscript>, which pruning deletes: with nothing else on the page, it is read."""
    posts = "".join(f"<article><p>{p}</p></article>" for p in (E1, E2))
    html = page(
        f"<div id='app'>Loading...</div><noscript><main>{posts}</main></noscript>", lang="en"
    )
    result = clean(html, kind="html")
    assert E1 in result.text and E2 in result.text
    assert any(s.startswith("noscript: the page shows") for s in result.steps)


def test_a_short_page_whose_noscript_holds_nothing_runs_the_fast_pass_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The <noscript> check asks trafilatura's fast pass about the pruned page; when the page
    stays as it was, that answer is the extraction's, not asked for a second time."""
    calls = _spy_on_trafilatura(monkeypatch)
    html = page(f"<main><p>{E1}</p></main><noscript><img src='pixel.gif'></noscript>", lang="en")
    result = clean(html, kind="html")
    assert calls == [True]
    assert E1 in result.text and not any(s.startswith("noscript:") for s in result.steps)


def test_noscript_stays_pruned_when_the_page_shows_its_text() -> None:
    """The usual <noscript> (a tracking pixel, "enable JavaScript") is still deleted when the
    page's own text is there."""
    html = page(
        f"<main><p>{E1}</p><p>{E2}</p></main>"
        "<noscript><p>Please enable JavaScript to view the comments powered by Disqus, "
        "the best way to join the discussion with thousands of other readers today.</p></noscript>",
        lang="en",
    )
    result = clean(html, kind="html")
    assert E1 in result.text and "Disqus" not in result.text
    assert not any(s.startswith("noscript:") for s in result.steps)


def test_steps_say_when_the_extractor_kept_more_than_the_page_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Discourse pages show nothing without scripts, yet the extractor finds their posts in the
    page's preloaded data: "kept 2285 of 0 words" is explained in the step."""
    from cleaner import pipeline

    def from_data(html: str, url: str | None, fast: bool) -> str:
        return f"{E1}\n{E2}\n{E1} {E2}"

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", from_data)
    steps = clean(page("<div data-posts='...'>Loading...</div>", lang="en"), kind="html").steps
    assert any("more than the page shows" in s for s in steps), steps
    assert not any(
        "more than the page shows" in s for s in clean(article_page(), kind="html").steps
    )


_SECTIONS = [
    f"In section {k} of the report, the council explains how the money for the schools "
    f"and the roads of district {k} will be spent over the next three years."
    for k in range(12)
]


def _one_section_fast_pass(replacement: str | None) -> object:
    """A stand-in for trafilatura: the fast pass keeps the first two sections only (as when it
    takes the article's first <div> for all of it); the fallbacks return ``replacement``, or
    every section."""

    def extract(html: str, url: str | None, fast: bool) -> str:
        if fast:
            return "\n".join(_SECTIONS[:2])
        return "\n".join(_SECTIONS) if replacement is None else replacement

    return extract


def _sections_page() -> str:
    return page("".join(f"<div><p>{s}</p></div>" for s in _SECTIONS), lang="en")


def test_fallbacks_run_when_the_fast_pass_kept_little_of_the_pages_prose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleaner import pipeline

    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", _one_section_fast_pass(None))
    result = clean(_sections_page(), kind="html")
    assert all(s in result.text for s in _SECTIONS)
    assert any("fast pass kept 17% of the page's prose" in s and "taken" in s for s in result.steps)


def test_fallbacks_that_drop_the_fast_pass_text_are_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fallbacks that return something else (a cookie notice) instead of more of the article."""
    from cleaner import pipeline

    notice = " ".join(
        f"We and our {k} partners process your data to show you ads and to measure them."
        for k in range(12)
    )
    monkeypatch.setattr(pipeline.html_mode, "_trafilatura", _one_section_fast_pass(notice))
    result = clean(_sections_page(), kind="html")
    assert "partners" not in result.text
    assert _SECTIONS[0] in result.text
    assert any("not taken" in s for s in result.steps)
