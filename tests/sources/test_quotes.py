"""A quote is a verbatim span of its source's text, after normalising whitespace and
quotation-mark styles; "[...]" leaves words out, in order."""

import pytest

from sources.quotes import QuoteMatch, find_quote, normalise, quote_parts

TEXT = (
    "Kyiv, 3 December.  President Zelensky said: “We are ready\n"
    "to sign a fair agreement, but not at any price.” Peskov answered that «Moscow is "
    "studying the plan» and added: „Es gibt keine Eile“. A diplomat said ‘nothing is "
    "agreed’ yet; it’s early."
)


def spanned(match: QuoteMatch) -> list[str]:
    return [TEXT[start:end] for start, end in match.spans]


def test_a_verbatim_quote_is_found_where_it_stands():
    match = find_quote(TEXT, "President Zelensky said")
    assert match.found
    assert spanned(match) == ["President Zelensky said"]
    assert match.span == match.spans[0]
    assert match.closest == ""


def test_runs_of_whitespace_and_line_breaks_count_as_one_space():
    match = find_quote(TEXT, "We are ready to sign   a fair\tagreement")
    assert match.found
    assert spanned(match) == ["We are ready\nto sign a fair agreement"]


@pytest.mark.parametrize(
    "quote",
    [
        '"We are ready to sign a fair agreement, but not at any price."',
        "“We are ready to sign a fair agreement, but not at any price.”",
        "«We are ready to sign a fair agreement, but not at any price.»",
        "„We are ready to sign a fair agreement, but not at any price.“",
        "‘We are ready to sign a fair agreement, but not at any price.’",
    ],
)
def test_the_editor_s_quotation_marks_around_the_quote_are_not_required(quote):
    assert find_quote(TEXT, quote).found


@pytest.mark.parametrize(
    "quote",
    [
        'that "Moscow is studying the plan"',  # « » in the text
        "added: “Es gibt keine Eile”",  # „ “ in the text
        "said 'nothing is agreed' yet",  # ‘ ’ in the text
        "said “nothing is agreed” yet",  # another style of mark, same class: double
        "it's early",  # ’ as apostrophe in the text
    ],
)
def test_quotation_mark_styles_inside_the_quote_are_one_style(quote):
    if "“nothing" in quote:
        # Single and double marks stay apart: a double mark does not stand for a single one.
        assert not find_quote(TEXT, quote).found
    else:
        assert find_quote(TEXT, quote).found


def test_an_elision_leaves_words_out_and_each_part_is_found_in_order():
    match = find_quote(TEXT, "We are ready to sign [...] not at any price.")
    assert match.found
    assert spanned(match) == ["We are ready\nto sign", "not at any price."]
    assert match.span == (match.spans[0][0], match.spans[1][1])
    assert find_quote(TEXT, "We are ready […] any price").found
    assert find_quote(TEXT, "[...] not at any price").found


def test_parts_out_of_order_are_refused():
    match = find_quote(TEXT, "not at any price [...] We are ready")
    assert not match.found
    assert match.spans == ()
    assert match.missing == "We are ready"


def test_a_quote_not_in_the_text_is_refused_with_the_closest_span():
    match = find_quote(TEXT, "We are willing to sign a fair agreement")
    assert not match.found
    assert match.missing == "We are willing to sign a fair agreement"
    assert match.closest.startswith("We are ready\nto sign a fair agreement")
    assert match.closest in TEXT


def test_case_and_letters_must_match_exactly():
    assert not find_quote(TEXT, "president zelensky said").found
    assert not find_quote(TEXT, "President Zelenskyy said").found


def test_nothing_to_find_is_not_found():
    assert find_quote(TEXT, "") == QuoteMatch(found=False)
    assert find_quote(TEXT, "  [...]  ") == QuoteMatch(found=False)
    assert find_quote("", "anything") == QuoteMatch(found=False, missing="anything")
    assert find_quote(TEXT, "Ничего общего").closest == ""


def test_cyrillic_and_ukrainian_apostrophes():
    text = "Речник Кремля заявив: «Ми вивчаємо план». Зеленськийʼ слова про «м'ясо»."
    assert find_quote(text, "“Ми вивчаємо план”").found
    assert find_quote(text, "Зеленський' слова про \"м'ясо\"").found


def test_the_closest_span_of_a_long_text_is_found_quickly():
    import time

    text = ("filler words of no interest here. " * 6000) + TEXT
    started = time.perf_counter()
    match = find_quote(text, "Peskov answered that Moscow studies the plan")
    assert time.perf_counter() - started < 1.0
    assert not match.found
    assert "Peskov answered that «Moscow is studying the plan" in match.closest


def test_normalise_and_parts():
    assert normalise("a\u00a0\u00a0b “c” ‘d’ e…") == "a b \"c\" 'd' e..."
    assert quote_parts("“one [...] two”") == ["one", "two"]
