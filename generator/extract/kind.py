"""What kind of event a readout reports: bilateral, multilateral, a joint statement, a press
conference (remarks and transcripts), or an announcement of a meeting still to come.

The shape of the text decides the first three before anyone is given a role (an announcement has
no participants); the number of sides that took part decides between bilateral and multilateral.
"""

from __future__ import annotations

from .evidence import Finding
from .roles import Context

MIN_TRANSCRIPT_TURNS = 2  # speaker labels that make a text a transcript of remarks


def announcement_of_a_meeting_to_come(ctx: Context) -> Finding | None:
    """The opening speaks only of a meeting to come: "President X will hold talks with Y …",
    "Leaders are expected to gather …"."""
    opening = ctx.sentences[:2]
    if not opening or ctx.speakers:
        return None
    lead = opening[0].text
    if ctx.meeting_match(lead) is not None and not ctx.words.future.search(lead):
        return None  # the lead reports a meeting that happened
    for sentence in opening:
        future = ctx.words.future.search(sentence.text)
        if future and not _past_meeting_before(ctx, sentence.text, future.start()):
            return Finding("announcement", sentence.text)
    return None


def joint_statement_title(ctx: Context) -> Finding | None:
    """ "Joint Statement by …", "Leaders' Declaration": signed by the leaders who met."""
    title = ctx.text.title
    match = ctx.words.joint_statement_title.search(title)
    return Finding("joint statement", title) if match and match.start() < 20 else None


def transcript_of_remarks(ctx: Context) -> Finding | None:
    """Remarks with speaker labels ("PRESIDENT BIDEN: …"): a press conference or statement."""
    labels = {label for label, _ in ctx.text.speaker_labels}
    if len(ctx.text.speaker_labels) >= MIN_TRANSCRIPT_TURNS and labels:
        return Finding("press conference", ctx.text.speaker_labels[0][0] + ": …")
    return None


# Tried before roles, in this order; when none applies, the sides that took part decide.
SHAPES = (
    announcement_of_a_meeting_to_come,
    joint_statement_title,
    transcript_of_remarks,
)


def kind_by_sides(sides: list[str], group_counterpart: str | None) -> Finding:
    """Three sides or more, or a group met as one ("ministers from ASEAN"), is multilateral."""
    if len(sides) >= 3:
        return Finding("multilateral", f"{len(sides)} sides: {', '.join(sides)}")
    if group_counterpart:
        return Finding("multilateral", group_counterpart)
    return Finding("bilateral", f"{len(sides)} sides: {', '.join(sides) or 'none named'}")


def _past_meeting_before(ctx: Context, sentence: str, position: int) -> bool:
    match = ctx.meeting_match(sentence[:position])
    return match is not None and not ctx.words.future.search(sentence[:position])
