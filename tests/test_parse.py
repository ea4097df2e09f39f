"""The parser on the shapes readouts are published in (texts written for these tests)."""

import datetime as dt

import pytest

from generator.model import Dateline, Provenance, SourceText
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


# ------------------------------------------------------------------ date lines in many shapes


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Published: 2023/8/16 10:02:33", dt.datetime(2023, 8, 16, 10, 2)),
        ("16.02.2024", dt.date(2024, 2, 16)),
        ("Monday, May 6, 2019", dt.date(2019, 5, 6)),
        ("Опубликовано 3 марта 2021 г.", dt.date(2021, 3, 3)),
        ("Дата публикации: 03.03.2021", dt.date(2021, 3, 3)),
        ("Gepubliceerd op 9 mei 2023", dt.date(2023, 5, 9)),
        ("Publié le 9 mai 2023", dt.date(2023, 5, 9)),
        ("Publicado el 9 de mayo de 2023", dt.date(2023, 5, 9)),
        ("Publicado em 9 de maio de 2023 14:30", dt.datetime(2023, 5, 9, 14, 30)),
        ("Veröffentlicht am 9. Mai 2023", dt.date(2023, 5, 9)),
        ("Source: Wire Agency | 2019-03-08 09:12:40 | Editor: Desk", dt.datetime(2019, 3, 8, 9, 12)),
    ],
)
def test_publication_lines_in_many_shapes_and_languages(line, expected):
    readout = parse(source(
        f"Ministers Hold Talks on Trade\n\n{line}\n\n"
        "The two ministers held talks on trade and investment in the capital.\n"
    ))
    assert readout.published == expected
    assert readout.title == "Ministers Hold Talks on Trade"
    assert line not in readout.masthead


def test_a_title_ending_with_a_date_after_a_bar_stays_the_title():
    readout = parse(source(
        "PM meeting with Prime Minister of Norway | 28 August 2024\n\n"
        "The Prime Minister met the Prime Minister of Norway in London today.\n"
    ))
    assert readout.title == "PM meeting with Prime Minister of Norway | 28 August 2024"
    assert readout.published is None


# ------------------------------------------------------------------ transcripts and datelines


def test_transcript_head_keeps_the_venue_line_and_drops_the_time_line():
    readout = parse(source(
        "Remarks by the President and the Chancellor Before Their Bilateral Meeting\n\n"
        "March 4, 2021\n\nHofburg Vienna, Austria\n\n11:20 A.M. CET\n\n"
        "THE PRESIDENT: Thank you all for coming. It is good to be back.\n"
    ))
    assert readout.title == "Remarks by the President and the Chancellor Before Their Bilateral Meeting"
    assert readout.place_line == "Hofburg Vienna, Austria"
    assert readout.masthead == ()
    assert readout.published == dt.date(2021, 3, 4)


def test_transcript_head_without_a_venue_line():
    readout = parse(source(
        "Remarks by the President in a Joint Press Statement\n\nMarch 4, 2021\n\n4:05 P.M. EST\n\n"
        "THE PRESIDENT: Good afternoon, everyone. Let me begin with the news of the day.\n"
    ))
    assert readout.place_line is None
    assert readout.masthead == ()
    assert readout.title == "Remarks by the President in a Joint Press Statement"


@pytest.mark.parametrize(
    "opening, place, day",
    [
        ("WASHINGTON, Sept. 5 (Wire Agency) -- ", "WASHINGTON", "Sept. 5"),
        ("BEIJING, May 16 (Agency) -- ", "BEIJING", "May 16"),
        ("OTTAWA – ", "OTTAWA", None),
        ("MOSCOW, March 3. /AGENCY/. ", "MOSCOW", "March 3"),
        ("Nairobi, Oct. 20, 2011 — ", "Nairobi", "Oct. 20, 2011"),
        ("PALM BEACH, Fla., Jan. 5 (Agency) - ", "PALM BEACH", "Jan. 5"),
        ("9.5.2023 – ", None, "9.5.2023"),
    ],
)
def test_datelines_are_recorded_and_the_paragraph_kept_whole(opening, place, day):
    paragraph = opening + "The two ministers met to discuss trade and energy security."
    readout = parse(source(f"Ministers Meet\n\n{paragraph}\n"))
    assert readout.dateline == Dateline(opening, place, day)
    assert readout.paragraphs[0] == paragraph  # the page shows the readout as published


@pytest.mark.parametrize(
    "paragraph",
    [
        "PRESIDENT BIDEN: Good morning, everyone.",
        "U.S. – China relations were the first subject of the talks today.",
        "Jakarta: The two leaders met at the palace today to discuss trade.",
    ],
)
def test_speaker_labels_and_abbreviations_are_no_datelines(paragraph):
    assert parse(source(f"A Title\n\n{paragraph}\n")).dateline is None


def test_a_byline_is_never_the_title():
    readout = parse(source(
        "By Maria Fernandes\n\n"
        "President Lula will travel to Beijing next week for talks with President Xi Jinping.\n"
    ))
    assert readout.title is None
    assert "By Maria Fernandes" in readout.masthead


def test_a_line_introducing_the_readout_is_body_not_title():
    readout = parse(source(
        "Readout of the Secretary's Meeting with the Minister of Defence of Poland\n"
        "March 4, 2024\n\n"
        "Pentagon Press Secretary Pat Ryder provided the following readout:\n\n"
        "Secretary of Defense Lloyd Austin met today with Polish Minister of Defence Wladyslaw "
        "Kosiniak-Kamysz at the Pentagon.\n"
    ))
    assert readout.title == "Readout of the Secretary's Meeting with the Minister of Defence of Poland"
    assert readout.paragraphs[0].endswith("the following readout:")


def test_the_lead_is_the_first_sentence_after_an_introduction():
    from generator.extract.text import ReadoutText

    text = ReadoutText(parse(source(
        "Readout of a Meeting\nMarch 4, 2024\n\n"
        "A spokesperson provided the following readout:\n\n"
        "The Secretary met today with the Minister at the Pentagon. They discussed air defence.\n"
    )))
    assert text.lead == "The Secretary met today with the Minister at the Pentagon."
