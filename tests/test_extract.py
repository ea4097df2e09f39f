"""Extraction on inline readouts written for these tests, one phrasing per test."""

import datetime as dt

import pytest

from generator.extract import Extractor, strategies
from generator.extract.evidence import first_finding
from generator.extract.text import ReadoutText
from generator.model import Provenance, SourceText
from generator.parse import parse
from generator.registry import DATA_DIR, load_registry
from tiny_registry import tiny_registry


@pytest.fixture(scope="module")
def extractor(tmp_path_factory):
    return Extractor(tiny_registry(tmp_path_factory.mktemp("registry")))


def facts_of(extractor, text, url=None, today=dt.date(2026, 1, 1)):
    source = SourceText(Provenance("seeds/t.txt", "0" * 64, url=url), text, "utf-8", "text")
    facts, unregistered = extractor.extract(parse(source), today=today)
    facts.unregistered = unregistered
    return facts


def roles(facts):
    return {p.name: p.role for p in facts.participants}


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("On the evening of May 16, 2024, President Xi Jinping held talks with Vladimir Putin.", dt.date(2024, 5, 16)),
        ("In the evening of December 13, President Xi Jinping held talks with Vladimir Putin.", dt.date(2023, 12, 13)),
        ("On August 3, President Xi Jinping held talks with Vladimir Putin.", dt.date(2024, 8, 3)),
        ("On 5 March 2024 President Xi Jinping held talks with Vladimir Putin.", dt.date(2024, 3, 5)),
        ("President Xi Jinping spoke today with President Vladimir Putin.", dt.date(2024, 9, 10)),
        ("President Xi Jinping spoke with President Vladimir Putin yesterday.", dt.date(2024, 9, 9)),
        ("On Monday, President Xi Jinping spoke with President Vladimir Putin.", dt.date(2024, 9, 9)),
        ("On Friday, President Xi Jinping spoke with President Vladimir Putin.", dt.date(2024, 9, 6)),
        ("President Xi Jinping held talks with Vladimir Putin on Sunday evening.", dt.date(2024, 9, 8)),
        ("On Sept. 6, President Xi Jinping held talks with Vladimir Putin.", dt.date(2024, 9, 6)),
        ("On Sept 6 President Xi Jinping held talks with Vladimir Putin.", dt.date(2024, 9, 6)),
        ("President Xi Jinping held talks with Vladimir Putin on 2024-09-05.", dt.date(2024, 9, 5)),
        ("President Xi Jinping held talks with Vladimir Putin on 5.9.2024.", dt.date(2024, 9, 5)),
        ("On Monday, September 9, 2024, President Xi Jinping met Vladimir Putin.", dt.date(2024, 9, 9)),
        ("On Monday 9 and Tuesday 10 September, President Xi Jinping met Vladimir Putin.", dt.date(2024, 9, 9)),
    ],
)
def test_event_date_phrasings(extractor, sentence, expected):
    # Published on Tuesday 10 September 2024: "On August 3" is that year, "In the evening of
    # December 13" the year before (it cannot be after publication).
    facts = facts_of(extractor, f"A Readout Title\n2024-09-10 09:00\n\n{sentence}\n")
    assert facts.date == expected
    assert facts.date_basis == "text"


def test_multi_day_visit_gives_first_and_last_day(extractor):
    facts = facts_of(
        extractor,
        "Xi Jinping Pays State Visit to France\n\n"
        "President Xi Jinping paid a state visit to France from 5 to 7 May 2024 at the invitation of "
        "President Emmanuel Macron.\n",
    )
    assert (facts.date, facts.end_date) == (dt.date(2024, 5, 5), dt.date(2024, 5, 7))


def test_no_date_in_text_falls_back_to_publication_with_a_warning(extractor):
    facts = facts_of(extractor, "Title of It\nMarch 4, 2024\n\nPresident Xi Jinping met Vladimir Putin.\n")
    assert facts.date == dt.date(2024, 3, 4)
    assert facts.date_basis == "published"
    assert any("publication date" in w for w in facts.warnings)


def test_no_date_at_all_is_undated(extractor):
    facts = facts_of(extractor, "Title of It\n\nOn August 3, President Xi Jinping met Vladimir Putin.\n")
    assert facts.date is None
    assert any("undated" in w for w in facts.warnings)


def test_future_date_is_flagged(extractor):
    facts = facts_of(extractor, "Title\n\nOn May 1, 2031, President Xi Jinping met Vladimir Putin.\n")
    assert any("future" in w for w in facts.warnings)


def test_a_date_still_to_come_is_not_the_event_date(extractor):
    facts = facts_of(extractor, "Title of It\nSeptember 10, 2024\n\nPresident Xi Jinping will meet "
                                "Vladimir Putin on September 12, 2024.\n")
    assert (facts.date, facts.date_basis) == (dt.date(2024, 9, 10), "published")


def test_a_weekday_still_to_come_is_not_resolved_backwards(extractor):
    facts = facts_of(extractor, "Title of It\nSeptember 10, 2024\n\nPresident Xi Jinping is expected "
                                "to meet Vladimir Putin on Thursday.\n")
    assert facts.date == dt.date(2024, 9, 10)


def test_the_day_a_statement_was_made(extractor):
    facts = facts_of(
        extractor,
        "Title of It\nSeptember 11, 2024\n\nLeaders of the region are expected to gather in Hangzhou.\n\n"
        "The summit will be held on Friday, the foreign ministry said on Tuesday.\n",
    )
    assert facts.date == dt.date(2024, 9, 10)
    assert [e.strategy for e in facts.evidence if e.fact == "date"] == ["date statement was made"]


def test_the_announcement_date_chain_skips_the_meeting_announced(extractor):
    # For a readout announcing a meeting, the date is the statement's, even when the text names
    # an earlier meeting's day first.
    readout = parse(SourceText(
        Provenance("seeds/t.txt", "0" * 64),
        "Title of It\nSeptember 11, 2024\n\nAfter their talks on 2 September, President Xi Jinping "
        "and Vladimir Putin will meet again in Moscow, the ministry announced today.\n",
        "utf-8", "text",
    ))
    text = ReadoutText(readout)
    published = dt.date(2024, 9, 11)
    event, _ = first_finding("date", strategies.DATE, text, published, extractor.lexicon)
    statement, why = first_finding("date", strategies.ANNOUNCEMENT_DATE, text, published,
                                   extractor.lexicon)
    assert event.date == dt.date(2024, 9, 2)
    assert statement.date == dt.date(2024, 9, 11) and why.strategy == "date statement was made"


def test_dateline_gives_the_date_and_leaves_the_lead(extractor):
    facts = facts_of(
        extractor,
        "Ministers Meet\nSource: Wire Agency | 2024-09-06 08:02:11 | Editor: Desk\n\n"
        "BEIJING, Sept. 5 (Wire Agency) -- Chinese President Xi Jinping on Thursday met Russian "
        "President Vladimir Putin.\n",
    )
    assert facts.date == dt.date(2024, 9, 5)
    assert facts.location == "Beijing"
    assert {p.name for p in facts.principals} == {"Xi Jinping", "Vladimir Putin"}


def test_dateline_without_a_year_and_no_date_line_gives_no_date(extractor):
    facts = facts_of(extractor, "Ministers Meet\n\nMOSCOW, March 3. /AGENCY/. President Vladimir "
                                "Putin held talks with President Xi Jinping on Tuesday.\n")
    assert facts.date is None


def test_numeric_dateline_without_a_date_line(extractor):
    facts = facts_of(extractor, "Leaders Meet\n\n9.5.2023 – On Tuesday, President Xi Jinping held "
                                "talks with Vladimir Putin.\n")
    assert facts.date == dt.date(2023, 5, 9)


@pytest.mark.parametrize("separator", [":", "|", " -"])
def test_title_ending_with_the_day(extractor, separator):
    facts = facts_of(extractor, f"PM call with President Xi Jinping{separator} 28 August 2024\n\n"
                                "The Prime Minister spoke to President Xi Jinping.\n")
    assert facts.date == dt.date(2024, 8, 28)


def test_no_title_and_no_year_gives_no_date(extractor):
    facts = facts_of(extractor, "On Sept. 16, speaking to reporters, President Xi Jinping said he "
                                "will meet Vladimir Putin in Moscow next month.\n")
    assert facts.date is None


def test_a_sidecar_date_replaces_only_the_date_evidence(extractor):
    source = SourceText(Provenance("seeds/t.txt", "0" * 64), "10 Downing Street\nPM call with "
                        "President Xi Jinping: 28 August 2024\n\nThe Prime Minister spoke to President "
                        "Xi Jinping.\n", "utf-8", "text")
    facts, _ = extractor.extract(parse(source), {"date": dt.date(2024, 8, 27)})
    why = {e.fact: e.strategy for e in facts.evidence}
    assert facts.date == dt.date(2024, 8, 27) and why["date"] == "curator's sidecar"
    assert why["publisher"] == "publisher masthead"


def test_impossible_date_is_not_taken(extractor):
    facts = facts_of(extractor, "Title\nMarch 1, 2024\n\nOn February 30, 2024, President Xi Jinping met Vladimir Putin.\n")
    assert facts.date == dt.date(2024, 3, 1)


# ------------------------------------------------------------------ people and roles


def test_held_talks_with_and_attendees(extractor):
    facts = facts_of(
        extractor,
        "Xi Jinping Holds Talks with Russian President Vladimir Putin\n\n"
        "On May 16, 2024, President Xi Jinping held talks with Russian President Vladimir Putin in Beijing.\n\n"
        "Putin said Russia values the partnership. Xi noted the long friendship.\n\n"
        "Cai Qi and Wang Yi attended the talks.\n",
    )
    assert roles(facts) == {"Xi Jinping": "principal", "Vladimir Putin": "principal",
                            "Cai Qi": "attendee", "Wang Yi": "attendee"}
    assert facts.countries == ["China", "Russia"]
    putin = next(p for p in facts.participants if p.id == "vladimir-putin")
    assert (putin.country, putin.title) == ("Russia", "President")


def test_spoke_today_with_and_name_variants(extractor):
    facts = facts_of(
        extractor,
        "Readout of President Donald J. Trump's Call with President Xi Jinping of China\n\n"
        "October 5, 2017\n\n"
        "President Donald J. Trump spoke today with President Xi Jinping of China. "
        "President Trump's remarks stressed trade. Trump thanked Xi.\n",
    )
    assert [p.id for p in facts.principals] == ["donald-trump", "xi-jinping"]
    assert len(facts.participants) == 2  # one person never appears twice
    assert facts.format == "phone call"
    assert facts.date == dt.date(2017, 10, 5)


def test_transliterations_resolve_to_one_person(extractor):
    facts = facts_of(
        extractor,
        "Wang Yi Holds Telephone Talks with Foreign Minister Sergei Lavrov of Russia\n\n"
        "On June 1, 2023, Wang Yi held telephone talks with Sergey Lavrov. Lavrov briefed him.\n",
    )
    assert [p.id for p in facts.principals] == ["wang-yi", "sergey-lavrov"]


def test_met_with_and_accompanied_by(extractor):
    facts = facts_of(
        extractor,
        "President Macron Meets with Xi Jinping\n\n"
        "On April 6, 2023, President Emmanuel Macron met with President Xi Jinping at the Great Hall "
        "of the People, accompanied by Foreign Minister Catherine Colonna of France.\n",
    )
    assert roles(facts) == {"Emmanuel Macron": "principal", "Xi Jinping": "principal",
                            "Catherine Colonna": "attendee"}
    assert facts.location == "Great Hall of the People, Beijing"
    assert facts.format == "meeting"


def test_were_present_makes_attendees(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Xi Jinping met with President Vladimir Putin.\n\n"
        "Wang Yi and Cai Qi were present.\n",
    )
    assert roles(facts)["Wang Yi"] == "attendee"


def test_also_present_were_makes_attendees(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Xi Jinping met with President Vladimir Putin.\n\n"
        "Also present at the meeting were Cai Qi and Wang Yi.\n",
    )
    assert roles(facts)["Cai Qi"] == roles(facts)["Wang Yi"] == "attendee"


def test_also_participating_were_makes_attendees(extractor):
    facts = facts_of(
        extractor,
        "Readout of President Joseph R. Biden Jr.'s Call with President Xi Jinping\n\nMay 2, 2024\n\n"
        "President Joe Biden spoke today with President Xi Jinping. Also participating were Wang Yi "
        "and Cai Qi.\n",
    )
    assert roles(facts)["Wang Yi"] == "attendee"


def test_an_office_of_someone_else_is_not_the_persons_title(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Vladimir Putin met with Chief of Staff to the "
        "President of China Cai Qi and with Advisor to the President of Kenya John Mwangi.\n",
    )
    titles = {p.name: p.title for p in facts.participants}
    assert titles["Cai Qi"] is None
    assert titles["John Mwangi"] is None


def test_unregistered_leader_pattern_infers_country(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Xi Jinping met with Kenyan President William Ruto "
        "in Beijing.\n",
    )
    ruto = next(p for p in facts.participants if p.name == "William Ruto")
    assert (ruto.role, ruto.country, ruto.registered) == ("principal", "Kenya", False)
    assert facts.unregistered == ["William Ruto"]


def test_president_x_of_y_pattern(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Emmanuel Macron met with President Hakainde "
        "Hichilema of Kenya.\n",
    )
    assert next(p for p in facts.participants if p.name == "Hakainde Hichilema").country == "Kenya"


def test_mentioned_people_are_not_participants(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, Foreign Minister Wang Yi met with Sergey Lavrov. "
        "Wang Yi conveyed the greetings of President Xi Jinping to President Vladimir Putin.\n",
    )
    assert {p.id for p in facts.participants} == {"wang-yi", "sergey-lavrov"}
    assert {m.id for m in facts.mentioned} == {"xi-jinping", "vladimir-putin"}


def test_unnamed_prime_minister_resolved_from_publisher_and_date(extractor):
    facts = facts_of(
        extractor,
        "10 Downing Street\nPM call with President Zelenskyy: 23 August 2024\n"
        "The Prime Minister spoke to President Zelenskyy this morning.\n"
        "They discussed the war in Ukraine.\n",
    )
    assert {p.id for p in facts.principals} == {"volodymyr-zelenskyy", "keir-starmer"}
    assert facts.date == dt.date(2024, 8, 23)
    assert facts.format == "phone call" and facts.location is None


def test_unnamed_prime_minister_earlier_date_is_another_holder(extractor):
    facts = facts_of(
        extractor,
        "PM call with President Zelenskyy: 2 March 2023\nThe Prime Minister spoke to President "
        "Zelenskyy this morning.\n",
        url="https://www.gov.uk/government/news/pm-call",
    )
    assert "rishi-sunak" in {p.id for p in facts.principals}


def test_unresolvable_unnamed_principal_is_reported(extractor):
    facts = facts_of(extractor, "A Note\n\nThe Prime Minister spoke to President Zelenskyy today.\n")
    assert any("unnamed principal" in w for w in facts.warnings)


def test_surname_with_title_picks_the_office_holder_of_the_day(extractor):
    early = facts_of(extractor, "Title\n\nOn May 2, 2019, Premier Li met with President Emmanuel Macron.\n")
    late = facts_of(extractor, "Title\n\nOn May 2, 2024, Premier Li met with President Emmanuel Macron.\n")
    assert "li-keqiang" in {p.id for p in early.participants}
    assert "li-qiang" in {p.id for p in late.participants}


def test_family_name_first_in_capitals(extractor):
    facts = facts_of(
        extractor,
        "Japan-France Summit Meeting\n\nOn March 20, 2023, Mr. KISHIDA Fumio, Prime Minister of Japan, "
        "held a summit meeting with H.E. Mr. Emmanuel Macron, President of France.\n",
    )
    assert {p.id for p in facts.principals} == {"fumio-kishida", "emmanuel-macron"}
    assert (facts.format, facts.format_detail) == ("meeting", "summit meeting")


def test_honorifics_before_names(extractor):
    facts = facts_of(
        extractor,
        "Telephone Conversation between Prime Minister and President of Brazil\n\nOn June 3, 2024, "
        "Prime Minister Shri Narendra Modi held a telephone conversation with President of Brazil "
        "H.E. Mr. Luiz Inácio Lula da Silva.\n",
    )
    assert {p.id for p in facts.principals} == {"narendra-modi", "luiz-inacio-lula-da-silva"}
    assert facts.unregistered == []


def test_name_particles_stay_in_the_name(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Joe Biden spoke with Prime Minister Abdul Karim "
        "al-Hashimi of Iraq.\n",
    )
    assert "Abdul Karim al-Hashimi" in {p.name for p in facts.principals}
    assert next(p for p in facts.participants if p.name == "Abdul Karim al-Hashimi").country == "Iraq"


def test_handover_day_means_the_newcomer(extractor):
    facts = facts_of(
        extractor,
        "10 Downing Street\nPM call with President Biden: 25 October 2022\n"
        "The Prime Minister spoke to President Joe Biden this evening.\n",
    )
    assert "rishi-sunak" in {p.id for p in facts.principals}


def test_participated_in_the_meeting_makes_attendees(extractor):
    facts = facts_of(
        extractor,
        "Title Line Here\n\nOn May 2, 2024, President Xi Jinping met with President Vladimir Putin.\n\n"
        "Foreign Minister Sergey Lavrov also participated in the meeting.\n",
    )
    assert roles(facts)["Sergey Lavrov"] == "attendee"


def test_a_summit_alone_is_a_summit(extractor):
    facts = facts_of(
        extractor,
        "Xi Jinping Attends the G20 Summit\n\nOn September 4, 2016, President Xi Jinping attended the "
        "G20 Summit in Hangzhou and delivered a speech.\n",
    )
    assert facts.format == "summit" and facts.location == "Hangzhou"


# ------------------------------------------------------------------ formats and places


@pytest.mark.parametrize(
    "sentence, fmt, detail",
    [
        ("President Xi Jinping held a video call with President Emmanuel Macron.", "video call", None),
        ("President Xi Jinping held talks via video link with President Emmanuel Macron.", "video call", "held talks via video"),
        ("President Xi Jinping had a telephone conversation with President Emmanuel Macron.", "phone call", "telephone conversation"),
        ("President Xi Jinping hosted a welcome banquet for President Emmanuel Macron.", "banquet", "welcome banquet"),
        ("President Xi Jinping and President Emmanuel Macron held a joint press conference.", "joint press conference", None),
        ("President Xi Jinping held small-group talks with President Emmanuel Macron.", "talks", "small-group talks"),
        ("President Xi Jinping met with President Emmanuel Macron.", "meeting", None),
        ("President Xi Jinping spoke with President Emmanuel Macron over the phone.", "phone call", None),
        ("President Xi Jinping and President Emmanuel Macron jointly met the press.", "joint press conference", "met the press"),
    ],
)
def test_formats(extractor, sentence, fmt, detail):
    facts = facts_of(extractor, f"A Title\n\nOn May 6, 2024, {sentence}\n")
    assert (facts.format, facts.format_detail) == (fmt, detail)


def test_sidelines_of_a_summit_in_a_city(extractor):
    facts = facts_of(
        extractor,
        "Title Here\n\nOn September 4, 2016, President Xi Jinping met with President Vladimir Putin on "
        "the sidelines of the G20 summit in Hangzhou.\n",
    )
    assert facts.location == "Hangzhou"
    assert facts.format == "meeting"


@pytest.mark.parametrize(
    "sentence",
    [
        "President Xi Jinping met President Vladimir Putin and expressed condolences over the attack in Tokyo.",
        "President Xi Jinping met President Vladimir Putin, their first talks since their meeting in Seoul in May.",
        "President Xi Jinping met President Vladimir Putin while heading for the summit in Seoul.",
        "President Xi Jinping met President Vladimir Putin ahead of the G20 summit in Hangzhou.",
        "President Xi Jinping met President Vladimir Putin to discuss the situation in Kyiv.",
        "President Xi Jinping met President Vladimir Putin, an Elysee Palace spokesperson said.",
    ],
)
def test_places_named_in_passing_are_not_the_location(extractor, sentence):
    facts = facts_of(extractor, f"A Title\n\nOn May 6, 2024, {sentence}\n")
    assert facts.location is None


@pytest.mark.parametrize(
    "sentence, location",
    [
        ("President Xi Jinping welcomed President Vladimir Putin to Tokyo.", "Tokyo"),
        ("President Xi Jinping, who is visiting Seoul, met President Vladimir Putin.", "Seoul"),
        ("President Vladimir Putin held talks with President Xi Jinping at Zhongnanhai.", "Zhongnanhai, Beijing"),
        ("President Xi Jinping met President Vladimir Putin in Beijing, days after the attack in Kyiv.", "Beijing"),
    ],
)
def test_the_place_the_event_is_put_in(extractor, sentence, location):
    facts = facts_of(extractor, f"A Title\n\nOn May 6, 2024, {sentence}\n")
    assert facts.location == location


def test_a_venue_in_the_first_sentences_beats_a_city_named_for_another_occasion(extractor):
    facts = facts_of(
        extractor,
        "A Title\n2024-05-06\n\nPresident Xi Jinping will attend the summit in Seoul in November.\n"
        "He said so to President Emmanuel Macron during their talks in the Elysee Palace today.\n",
    )
    assert facts.location == "Élysée Palace, Paris"


def test_here_in_a_city_places_remarks(extractor):
    facts = facts_of(
        extractor,
        "Remarks by President Xi Jinping and President Emmanuel Macron\n\nMay 6, 2024\n\n"
        "PRESIDENT MACRON: Good morning. Thank you, Mr. President.\n\n"
        "It is a pleasure to receive you here in Paris this week.\n",
    )
    assert facts.location == "Paris"


def test_a_video_call_has_a_place_only_where_its_host_sat(extractor):
    head = "President Xi Jinping held a video call with President Emmanuel Macron"
    assert facts_of(extractor, f"A Title\n\nOn May 6, 2024, {head} in Beijing.\n").location is None
    hosted = facts_of(extractor, f"A Title\n\nOn May 6, 2024, {head}, hosted from Zhongnanhai.\n")
    assert hosted.location == "Zhongnanhai, Beijing"
    transcript = facts_of(
        extractor,
        "Remarks by President Emmanuel Macron at a Virtual Event\n\nMay 6, 2024\n\n"
        "Elysee Palace Paris, France\n\n1:35 P.M. CEST\n\n"
        f"PRESIDENT MACRON: Welcome to this video call. {head} today.\n",
    )
    assert transcript.location == "Élysée Palace, Paris"


def test_unknown_venue_in_a_known_city(extractor):
    facts = facts_of(
        extractor,
        "Title Here\n\nOn May 6, 2024, President Emmanuel Macron met at the Hall of Mirrors in Paris "
        "with President Xi Jinping.\n",
    )
    assert facts.location == "Hall of Mirrors, Paris"


# ------------------------------------------------------------------ countries and topics


def test_organizations_are_not_countries(extractor):
    facts = facts_of(
        extractor,
        "Title Here\n\nOn May 6, 2024, President Xi Jinping met with President Emmanuel Macron. They "
        "discussed the UN and the situation in Ukraine.\n",
    )
    assert facts.organizations == ["United Nations"]
    assert facts.mentioned_countries == ["Ukraine"]
    assert "United Nations" not in facts.countries


def test_topics_need_enough_evidence(extractor):
    weak = facts_of(extractor, "Title\n\nOn May 6, 2024, Xi Jinping met Emmanuel Macron. They spoke of trade.\n")
    strong = facts_of(
        extractor,
        "Title\n\nOn May 6, 2024, Xi Jinping met Emmanuel Macron. They discussed climate change and "
        "trade, and China-France relations. Trade grew. Climate change is urgent.\n",
    )
    assert "trade" not in weak.topics
    assert {"climate-change", "trade", "china-france-relations"} <= set(strong.topics)
    assert strong.topics[0] == "climate-change"  # the most evidence ranks first


def test_a_name_written_with_a_dotted_capital_i_is_found():
    """Turkish and Azerbaijani spellings write "İ": a readout naming "İlham Aliyev" in capitals
    is read, and he is found."""
    facts = facts_of(
        Extractor(load_registry(DATA_DIR)),
        "President Xi Jinping Holds Talks with President Ilham Aliyev of Azerbaijan\n\n"
        "On April 23, 2025, President Xi Jinping held talks with PRESIDENT İLHAM ALİYEV of "
        "Azerbaijan in Beijing.\n",
    )
    assert [p.id for p in facts.principals] == ["xi-jinping", "ilham-aliyev"]
