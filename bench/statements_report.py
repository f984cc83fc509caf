"""The report the statements case reads: about 1,500 words of news prose, attributed
speech in each paragraph (direct quotes, reported speech, a pronoun after a named
mention), as a day's report on the talks would run. Written for the benchmark."""

PARAGRAPH = (
    "Zelensky said on Tuesday that Ukraine was \u201cready to discuss a demilitarized zone\u201d "
    "but would not withdraw from Donbas without a referendum. He added that security "
    "guarantees had to be written down before any ceasefire. Peskov told reporters that "
    "the Kremlin was studying the plan sent by the American envoys and insisted that "
    "Moscow's terms on NATO had not changed. \u201cWe will answer when we have read every "
    "point,\u201d the Kremlin spokesman said. Rubio said the talks had been productive and "
    "would go on next week, while European officials warned that sanctions could not be "
    "lifted before a full withdrawal. Analysts said the front line had barely moved in a "
    "month, and that the Zaporizhzhia nuclear plant remained the hardest point.\n\n"
)
WORDS = 1500


def report_of(words: int = WORDS) -> str:
    """The paragraph repeated to at least ``words`` words."""
    count = len(PARAGRAPH.split())
    return PARAGRAPH * (-(-words // count))
