"""Every fact's strategies, in the order they are tried: the one place to read or change it.

The first strategy that finds a fact decides it; a later one only fills what the earlier ones
left empty. Each strategy is a function of the readout named for the shape it reads, so the
evidence of a fact says in words why it holds.
"""

from __future__ import annotations

from . import dates, formats, kind, places, publisher

# What a page prints about itself first, then where it came from, then how it is written.
PUBLISHER = (
    publisher.publisher_masthead,
    publisher.publisher_credit_line,
    publisher.publisher_section,
    publisher.publisher_wire_dateline,
    publisher.publisher_of_source_address,
    publisher.publisher_contact_address,
    publisher.publisher_title_shape,
    publisher.publisher_date_line_style,
)

# The event's own date where the text gives it, the day the words were written otherwise. Dates
# still to come ("will meet on August 24") are never taken.
DATE = (
    dates.date_in_opening_sentence,
    dates.date_in_dateline,
    dates.date_in_opening_paragraph,
    dates.date_ending_title,
    dates.date_opening_later_sentence,
    dates.date_statement_was_made,
    dates.publication_date,
)

# An announcement's day is the day it was made ("…, the Presidency said on Tuesday"), else its
# dateline's or its publication's: the meeting it announces has not happened.
ANNOUNCEMENT_DATE = (
    dates.date_statement_was_made,
    dates.date_in_dateline,
    dates.publication_date,
)

# Tried before people get roles: an announcement has none. Otherwise the sides decide (kind.py).
KIND = kind.SHAPES

# The sentence that reports the meeting says what happened; a title may name the occasion around
# it ("… on the sidelines of the G7 Summit"), so it only decides when that sentence names no
# specific format. A plain "met" says least, so it comes last. A transcript's opening sentence
# is someone's greeting, so only its title speaks.
FORMAT = (
    formats.format_phrase_in_meeting_sentence,
    formats.format_phrase_in_title,
    formats.meeting_word_in_meeting_sentence,
    formats.meeting_word_in_title,
)

# The venue or the city of the event itself: a transcript's venue line, the venue or city the
# lead puts the event in, a venue in the first sentences, a head line that is only a place, the
# dateline's city; then weaker shapes.
LOCATION = (
    places.venue_line_of_transcript,
    places.venue_in_opening_sentence,
    places.place_of_meeting_in_opening_sentence,
    places.venue_in_opening_sentences,
    places.place_line_in_head,
    places.dateline_city,
    places.place_of_meeting_in_opening_paragraph,
    places.place_the_speakers_are_in,
    places.location_in_title,
)

# A call or video event has a place only where the text says where its host sat.
REMOTE_LOCATION = (
    places.venue_line_of_transcript,
    places.place_hosted_from,
)
