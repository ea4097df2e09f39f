"""The parser on the shapes readouts are published in (texts written for these tests)."""

import datetime as dt

from generator.model import Provenance, SourceText
from generator.parse import parse


def source(text: str, fmt: str = "text") -> SourceText:
    return SourceText(Provenance("seeds/x.txt", "0" * 64), text, "utf-8", fmt)


def test_ministry_shape_breadcrumb_title_timestamp_footer():
    readout = parse(source(
        "Home > China News\n"
        "Li Qiang Holds Talks with Kenyan President William Ruto\n"
        "2024-03-02 21:40\n\n"
        "On the afternoon of March 2, 2024, Premier Li Qiang held talks with President William Ruto.\n\n"
        "The two sides agreed to deepen cooperation in trade and agriculture.\n\n"
        "Suggest To a Friend:"
    ))
    assert readout.breadcrumb == ("Home", "China News")
    assert readout.provenance.section == "China News"
    assert readout.title == "Li Qiang Holds Talks with Kenyan President William Ruto"
    assert readout.published == dt.datetime(2024, 3, 2, 21, 40)
    assert len(readout.paragraphs) == 2
    assert all("Suggest" not in p for p in readout.paragraphs)


def test_no_breadcrumb_no_title_date_line_in_words():
    readout = parse(source(
        "October 25, 2017\n\n"
        "President Trump spoke today with President Macron of France about the situation in Syria.\n\n"
        "<Suggest To A Friend>\n"
    ))
    assert readout.title is None
    assert readout.published == dt.date(2017, 10, 25)
    assert readout.paragraphs == (
        "President Trump spoke today with President Macron of France about the situation in Syria.",
    )


def test_day_month_year_and_footer_date():
    readout = parse(source(
        "News story\n\nPM meeting with President Lula: 18 November 2024\n\n"
        "The Prime Minister met President Lula of Brazil in Rio de Janeiro today.\n\n"
        "They discussed clean energy.\n\nPublished 18 November 2024\n"
    ))
    assert readout.title == "PM meeting with President Lula: 18 November 2024"
    assert readout.published == dt.date(2024, 11, 18)
    assert readout.paragraphs[-1] == "They discussed clean energy."


def test_russian_timestamp_runs_year_and_time_together():
    readout = parse(source(
        "12 March 202414:05\n\n"
        "Foreign Minister Sergey Lavrov’s talks with Foreign Minister of Brazil Mauro Vieira\n\n"
        "On March 12, Sergey Lavrov held talks with Mauro Vieira in Moscow.\n"
    ))
    assert readout.published == dt.datetime(2024, 3, 12, 14, 5)
    assert readout.title.startswith("Foreign Minister Sergey Lavrov")


def test_masthead_lines_are_kept_apart_from_the_title():
    readout = parse(source(
        "THE WHITE HOUSE\n\nOffice of the Press Secretary\n\nMarch 3, 2015\n\n"
        "Readout of the President's Call with Chancellor Merkel of Germany\n\n"
        "The President spoke today with Chancellor Merkel of Germany about Ukraine.\n\n###\n"
    ))
    assert readout.title == "Readout of the President's Call with Chancellor Merkel of Germany"
    assert readout.masthead == ("THE WHITE HOUSE", "Office of the Press Secretary")
    assert readout.paragraphs == (
        "The President spoke today with Chancellor Merkel of Germany about Ukraine.",
    )


def test_lines_without_blank_lines_are_each_a_paragraph():
    readout = parse(source(
        "10 Downing Street\nPM call with Chancellor Scholz: 2 May 2024\n"
        "The Prime Minister spoke to Chancellor Scholz this morning.\n"
        "They discussed support for Ukraine.\n"
    ))
    assert readout.paragraphs == (
        "The Prime Minister spoke to Chancellor Scholz this morning.",
        "They discussed support for Ukraine.",
    )


def test_hard_wrapped_blocks_are_joined():
    readout = parse(source(
        "A Title Line\n\nThe Prime Minister met the President\nin Paris today.\n\nSecond paragraph.\n"
    ))
    assert readout.paragraphs[0] == "The Prime Minister met the President in Paris today."


def test_html_readout_drops_scripts_and_markup():
    readout = parse(source(
        "<html><head><title>Site</title><script>alert(1)</script></head><body>"
        "<nav>Home | News</nav><h1>Xi Jinping Meets with Emmanuel Macron</h1>"
        "<p>On May 6, 2024, President Xi Jinping met with President Emmanuel Macron in Paris.</p>"
        "<p>They discussed trade &amp; climate.</p></body></html>",
        "html",
    ))
    assert readout.title == "Xi Jinping Meets with Emmanuel Macron"
    assert readout.paragraphs[-1] == "They discussed trade & climate."
    assert not any("alert" in p for p in readout.paragraphs)


def test_markdown_readout_heading_is_the_title():
    readout = parse(source(
        "# Wang Yi Meets with Sergey Lavrov\n\n2024-04-09 18:00\n\n"
        "On April 9, 2024, Foreign Minister Wang Yi met with **Sergey Lavrov** in Beijing.\n",
        "markdown",
    ))
    assert readout.title == "Wang Yi Meets with Sergey Lavrov"
    assert readout.paragraphs == (
        "On April 9, 2024, Foreign Minister Wang Yi met with Sergey Lavrov in Beijing.",
    )
