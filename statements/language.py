"""Which language a report is in: English, Ukrainian or Russian, else none (pure)."""

import re

READS = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
# Serbian and Macedonian letters.
OTHER_CYRILLIC = re.compile(r"[ђјљњћџѓќѕЂЈЉЊЋЏЃЌЅ]")
RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|to|in|is|that|was|said|with|for|on|not|will|by)\b", re.IGNORECASE
)


def languages_read() -> str:
    return ", ".join(READS.values())


def detect(text: str) -> str | None:
    """ "en", "uk" or "ru" for a text mostly in one of them, else None."""
    latin = len(LATIN.findall(text))
    cyrillic = len(CYRILLIC.findall(text))
    if latin + cyrillic < 20:
        return None
    if cyrillic > latin:
        uk = len(UKRAINIAN_LETTERS.findall(text))
        ru = len(RUSSIAN_LETTERS.findall(text))
        if OTHER_CYRILLIC.search(text):
            return None
        # Ukrainian prose has і in nearly every sentence; Russian has none of its letters.
        return "uk" if uk > ru else "ru"
    words = max(1, len(re.findall(r"[A-Za-z]+", text)))
    # English prose has about one of these in five words; French, German or Spanish few.
    if len(ENGLISH_WORDS.findall(text)) / words < 0.08:
        return None
    return "en"
