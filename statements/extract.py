"""Statements proposed from a report: direct quotes and reported speech, each with its
speaker, the party the speaker stands for, the clauses it concerns, a stance and a date
(pure: plain data in, plain data out; no Django).

A statement is proposed only when its speaker maps to a party through the alias table: a
position is a party's, and an analyst's or an unnamed official's words are not. Adding the
speaker to the table makes the next run find them."""

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from statements import dates, language, speech, stance
from statements.clauses_match import ClauseMatcher, ClauseText
from statements.quotes import Quoted, quoted_spans
from statements.speakers import INSTITUTION, Alias, AliasIndex, Mention
from statements.text import Token, tokens

DIRECT, REPORTED = "direct", "reported"
ELISION = " [...] "
NO_STATEMENTS = "No statements found."
OTHER_LANGUAGE = (
    "No statements found: the text is not in a language this reads ({languages}). "
    "Paste a report in one of them."
)
PARAGRAPH = re.compile(r"[^\n]+")
# Where a sentence ends: a stop, then space, then what may open the next sentence.
SENTENCE_END = re.compile(r"[.!?…]+[\"”»“’]?(?=\s+[\"“«„‘—–(\[A-ZА-ЯІЇЄҐ0-9])")
# How far (in words) a speaker may stand from the cue in reported speech.
SPEAKER_REACH = 8
# "…, which Kyiv insists should …": the statement follows the cue, not the comma.
RELATIVE = re.compile(r"\s*(?:which|who|whom|що|який|яка|які|который|которая|которые)\b", re.I)
# Where a second speaker's statement joins the first in one sentence: a semicolon, or a
# comma and a joining word (a comma alone, before "що", "that", opens the statement).
SECOND_SPEAKER = re.compile(
    r";\s*|,\s*(?:while|whereas|and|but|а|але|тоді як|натомість|но|в то время как|тогда как)\s+",
    re.IGNORECASE,
)
# How far (in characters) an unattributed quote may follow an attributed one to continue it.
CONTINUATION_GAP = 120


@dataclass
class Proposal:
    quote: str
    start: int
    end: int
    kind: str
    speaker: str
    party: str
    clauses: list[str] = field(default_factory=list)
    stance: str = stance.UNKNOWN
    stated_on: str | None = None
    date_precision: str | None = None


@dataclass
class Extraction:
    language: str | None
    proposals: list[Proposal]
    message: str = ""


class _Report:
    """The report's words and alias mentions, read once, and the speaker named last."""

    def __init__(self, text: str, index: AliasIndex, lang: str):
        self.text = text
        self.lang = lang
        self.toks: list[Token] = tokens(text)
        self.starts = [t.start for t in self.toks]
        self.mentions: list[Mention] = index.mentions(self.toks)
        self.mention_starts = [m.start for m in self.mentions]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.toks[lo:hi]

    def person_before(self, position: int) -> Mention | None:
        """The person (name or title) mentioned last before ``position``."""
        index = bisect.bisect_left(self.mention_starts, position) - 1
        while index >= 0:
            mention = self.mentions[index]
            if mention.alias.kind != INSTITUTION:
                return mention
            index -= 1
        return None

    def pronoun_speaker(self, start: int, end: int) -> tuple[str, Mention] | None:
        """A pronoun in ``start``..``end`` and the person it stands for."""
        pronouns = speech.PRONOUNS.get(self.lang, set())
        for tok in self.tokens_in(start, end):
            if tok.low in pronouns:
                person = self.person_before(tok.start)
                if person is not None:
                    return tok.text, person
        return None

    def written(self, mention: Mention) -> str:
        return self.text[mention.start : mention.end]


def _sentences(text: str, start: int, end: int, quotes: list[Quoted]) -> list[tuple[int, int]]:
    """Sentence bounds in ``text[start:end]``, never inside a quote."""
    masked = list(text[start:end])
    for q in quotes:
        # The inside is masked, but a stop that ends it ends the sentence ("….” He said").
        last = q.end - start - 1
        for i in range(q.start - start, q.end - start):
            if not (i == last and masked[i] in ".!?…"):
                masked[i] = "x"
    flat = "".join(masked)
    bounds, position = [], 0
    for m in SENTENCE_END.finditer(flat):
        bounds.append((start + position, start + m.end()))
        position = m.end()
        while position < len(flat) and flat[position].isspace():
            position += 1
    if position < len(flat):
        bounds.append((start + position, end))
    return bounds


def _containing(bounds: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for s, e in bounds:
        if s <= position < e:
            return s, e
    return bounds[-1]


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` without the words that lead into a statement, without spaces and
    closing punctuation at either end."""
    lead = speech.LEADS.match(text, start, end)
    if lead:
        start = lead.end()
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
        end -= 1
    return start, end


class Extractor:
    def __init__(self, aliases: Sequence[Alias], clauses: Sequence[ClauseText] = ()):
        self.index = AliasIndex(aliases)
        self.matcher = ClauseMatcher(clauses)

    def extract(self, text: str, lang: str | None = None) -> Extraction:
        if not text.strip():
            return Extraction(None, [], NO_STATEMENTS)
        lang = lang or language.detect(text)
        if lang not in language.READS:
            message = OTHER_LANGUAGE.format(languages=language.languages_read())
            return Extraction(None, [], message)
        report = _Report(text, self.index, lang)
        found: list[Proposal] = []
        for paragraph in PARAGRAPH.finditer(text):
            found.extend(self._paragraph(report, paragraph.start(), paragraph.end()))
        dateline = next((d for d in dates.find_dates(text[:400])), None)
        all_dates = dates.find_dates(text)
        for proposal in found:
            self._describe(proposal, all_dates, dateline)
        return Extraction(lang, found, "" if found else NO_STATEMENTS)

    def _describe(
        self,
        proposal: Proposal,
        all_dates: list[dates.FoundDate],
        dateline: dates.FoundDate | None,
    ) -> None:
        proposal.clauses = self.matcher.match(proposal.quote)
        proposal.stance = stance.propose_stance(proposal.quote)
        near = [d for d in all_dates if abs(d.start - proposal.start) < 300]
        date = near[0] if near else dateline
        if date is not None:
            proposal.stated_on = date.date.isoformat()
            proposal.date_precision = date.precision

    # -- a paragraph ---------------------------------------------------------------------

    def _paragraph(self, report: _Report, start: int, end: int) -> list[Proposal]:
        text = report.text
        local = quoted_spans(text[start:end])
        quotes = [Quoted(q.start + start, q.end + start, q.dialogue) for q in local]
        bounds = _sentences(text, start, end, quotes)
        proposals: list[Proposal] = []
        quoted_sentences: set[tuple[int, int]] = set()
        previous: Proposal | None = None
        previous_end = start
        consumed: set[int] = set()
        for number, quote in enumerate(quotes):
            sentence = _containing(bounds, quote.start)
            quoted_sentences.add(sentence)
            if number in consumed:
                continue
            next_quote = quotes[number + 1] if number + 1 < len(quotes) else None
            left_from = max(sentence[0], previous_end if previous_end > sentence[0] else 0)
            right_to = sentence[1]
            if next_quote is not None and next_quote.start < right_to:
                right_to = next_quote.start - 1
            if quote.dialogue:
                left_from = quote.start
                right_to = next_quote.start if next_quote else end
            mixed = None if quote.dialogue else self._mixed(report, quote, left_from, sentence)
            if mixed is not None:
                # 'Zelensky said the plan was “a good basis”': one reported statement.
                proposals.append(mixed)
                consumed.update(
                    n for n, q in enumerate(quotes) if n > number and q.start < sentence[1]
                )
                previous, previous_end = mixed, sentence[1]
                continue
            found = self._attribute_quote(report, quote, left_from, right_to)
            body = text[quote.start : quote.end].strip().rstrip(",;:")
            if found is None:
                # A quote with no attribution of its own that follows an attributed one
                # continues it ("“…,” he said. “…”").
                if previous is not None and quote.start - previous_end <= CONTINUATION_GAP:
                    previous.quote += ELISION + body.strip()
                    previous.end = quote.end
                previous_end = quote.end + 1
                continue
            speaker, party = found
            proposal = Proposal(body.strip(), quote.start, quote.end, DIRECT, speaker, party)
            # "“…,” Zelensky said, “…”": the second part belongs to the same statement.
            if (
                next_quote is not None
                and next_quote.start <= sentence[1]
                and not next_quote.dialogue
                and text[quote.end + 1 : next_quote.start - 1].rstrip().endswith(",")
            ):
                proposal.quote += ELISION + text[next_quote.start : next_quote.end].strip()
                proposal.end = next_quote.end
                consumed.add(number + 1)
            if quote.dialogue and next_quote is not None and next_quote.dialogue:
                proposal.quote += ELISION + text[next_quote.start : next_quote.end].strip()
                proposal.end = next_quote.end
                consumed.add(number + 1)
            proposals.append(proposal)
            previous = proposal
            previous_end = proposal.end + 1
        for sentence in bounds:
            if sentence in quoted_sentences:
                continue
            for part in self._clauses_of(report, *sentence):
                reported = self._reported(report, *part)
                if reported is not None:
                    proposals.append(reported)
        proposals.sort(key=lambda p: p.start)
        return proposals

    def _speaker_in(
        self, report: _Report, start: int, end: int, *, last: bool
    ) -> tuple[str, str] | None:
        mentions = report.mentions_in(start, end)
        if mentions:
            mention = mentions[-1] if last else mentions[0]
            return report.written(mention), mention.alias.party
        pronoun = report.pronoun_speaker(start, end)
        if pronoun is not None:
            written, person = pronoun
            return f"{written} ({report.written(person)})", person.alias.party
        return None

    def _mixed(
        self, report: _Report, quote: Quoted, left_from: int, sentence: tuple[int, int]
    ) -> Proposal | None:
        """Reported speech that quotes some of the words: a cue before the quote and
        words of the statement between them ("said the plan was “…”")."""
        text = report.text
        left = text[left_from : max(left_from, quote.start - 1)]
        cue = speech.any_cue(left, report.lang)
        if cue is None or left.rstrip().endswith((":", "—", "–", ",")):
            return None
        between_start = left_from + cue.end()
        lead = speech.LEADS.match(text, between_start, quote.start - 1)
        if lead:
            between_start = lead.end()
        words = report.tokens_in(between_start, quote.start - 1)
        named = {m.start for m in report.mentions_in(between_start, quote.start - 1)}
        if len([t for t in words if t.start not in named]) < 2:
            return None
        found = self._reported(report, *sentence)
        if found is None or not found.start <= quote.start < found.end:
            return None
        return found

    def _attribute_quote(
        self, report: _Report, quote: Quoted, left_from: int, right_to: int
    ) -> tuple[str, str] | None:
        text, lang = report.text, report.lang
        right = text[quote.end + 1 : right_to] if right_to > quote.end else ""
        left = text[left_from : max(left_from, quote.start - 1)]
        right_cue = speech.any_cue(right, lang)
        if right_cue is not None and right_cue.start() < 80:
            found = self._speaker_in(report, quote.end + 1, right_to, last=False)
            if found is not None:
                return found
        left_cue = speech.any_cue(left, lang)
        if left_cue is not None or left.rstrip().endswith((":", "—", "–")):
            found = self._speaker_in(report, left_from, quote.start - 1, last=True)
            if found is not None:
                return found
        if re.search(r"\b(?:called|described|назва\w*|назвал\w*)\b", left, re.I):
            return self._speaker_in(report, left_from, quote.start - 1, last=True)
        return None

    # -- reported speech -----------------------------------------------------------------

    @staticmethod
    def _clauses_of(report: _Report, start: int, end: int) -> list[tuple[int, int]]:
        """The sentence cut where a second speaker's statement begins ("Peskov said …,
        while Zelensky insisted …"): at a joining word before a name and its cue."""
        text = report.text
        cues = list(speech.cue_pattern(report.lang).finditer(text, start, end))
        parts, position = [], start
        for cue in cues[1:]:
            named = [m for m in report.mentions_in(position, cue.start()) if m.start > position]
            if not named or len(report.tokens_in(named[-1].end, cue.start())) > 2:
                continue
            join = None
            for found in SECOND_SPEAKER.finditer(text, position, named[-1].start):
                join = found
            if join is None or join.start() <= position:
                continue
            parts.append((position, join.start()))
            position = join.end()
        parts.append((position, end))
        return parts

    def _reported(self, report: _Report, start: int, end: int) -> Proposal | None:
        text, lang = report.text, report.lang
        sentence = text[start:end]
        according = speech.ACCORDING[lang].search(sentence) or (
            speech.ACCORDING["en"].search(sentence) if lang != "en" else None
        )
        if according is not None:
            after = start + according.end()
            comma = text.find(",", after, end)
            if comma > 0:
                found = self._speaker_in(report, after, comma, last=False)
                if found is not None:
                    return self._reported_span(found, text, comma + 1, end)
        cue = speech.any_cue(sentence, lang)
        if cue is None:
            return None
        cue_start, cue_end = start + cue.start(), start + cue.end()
        before = text[start:cue_start]
        inverted = self._inverted(report, start, cue_start, cue_end, end)
        if inverted is not None:
            found, stop = inverted
            return self._reported_span(found, text, start, stop)
        if (
            cue.group().lower().endswith("ing")
            and self._near_cue(report, cue_start, cue_end, end, start, after_too=False) is None
        ):
            # "Ukraine agrees to …, while insisting that …": the subject of the sentence.
            subject = report.mentions_in(start, cue_start)
            if subject:
                found = (report.written(subject[0]), subject[0].alias.party)
                return self._reported_span(found, text, cue_end, end)
        opens = len(report.tokens_in(start, cue_start)) <= 2
        as_clause = bool(speech.AS[lang].search(before) or speech.AS["en"].search(before))
        found = self._near_cue(report, cue_start, cue_end, end, start, after_too=opens or as_clause)
        if found is None:
            return None
        if as_clause:
            comma = text.find(",", cue_end, end)
            if comma > 0:
                return self._reported_span(found, text, comma + 1, end)
        # The statement follows the cue and its speaker; a verb that states the stance by
        # itself ("rejected the idea …", "welcomed …") stays in it.
        after = cue_start if speech.STANCE_VERBS.match(cue.group()) else cue_end
        for mention in report.mentions_in(cue_end, end):
            if mention.start - after <= 2:
                after = mention.end
        return self._reported_span(found, text, after, end)

    def _inverted(
        self, report: _Report, start: int, cue_start: int, cue_end: int, end: int
    ) -> tuple[tuple[str, str], int] | None:
        """ "…, заявив Зеленський." / "…, Foreign Minister Sybiha said.": the statement
        before the comma, the speaker between it and the cue or just after the cue. Returns
        the speaker and where the statement stops."""
        text = text_before = report.text
        stop = max(
            text_before.rfind(",", start, cue_start),
            text_before.rfind(" — ", start, cue_start),
            text_before.rfind(" – ", start, cue_start),
        )
        if stop < 0 or stop - start < 20:
            return None
        if len(report.tokens_in(stop, cue_start)) > 6:
            return None
        first = report.mentions_in(start, stop)
        if first and first[0].start == report.tokens_in(start, stop)[0].start:
            head = text[first[0].end : stop]
            if head.lstrip().startswith(","):
                # "Zelensky, speaking in London, said …": a subject and an aside.
                return None
        if RELATIVE.match(text, stop + 1) or speech.PARTICIPLE.search(text[cue_start:cue_end]):
            return None
        found = self._speaker_in(report, stop, cue_start, last=True)
        if found is None:
            after = report.tokens_in(cue_end, end)[:1]
            if after:
                found = self._speaker_in(report, cue_end, after[-1].end, last=False)
        if found is None:
            return None
        return found, stop

    def _near_cue(
        self,
        report: _Report,
        cue_start: int,
        cue_end: int,
        end: int,
        start: int,
        *,
        after_too: bool,
    ) -> tuple[str, str] | None:
        """The speaker just before the cue, else (``after_too``: "…, said Peskov", "Як
        заявив Зеленський, …") just after it."""
        before = report.tokens_in(start, cue_start)[-SPEAKER_REACH:]
        if before:
            found = self._speaker_in(report, before[0].start, cue_start, last=True)
            if found is not None:
                return found
        after = report.tokens_in(cue_end, end)[:5]
        if after and after_too:
            found = self._speaker_in(report, cue_end, after[-1].end, last=False)
            if found is not None:
                return found
        return None

    @staticmethod
    def _reported_span(found: tuple[str, str], text: str, start: int, end: int) -> Proposal | None:
        start, end = _clean_span(text, start, end)
        if end - start < 15:
            return None
        speaker, party = found
        return Proposal(text[start:end], start, end, REPORTED, speaker, party)
