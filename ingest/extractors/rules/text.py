"""Article text to paragraphs and sentences, with exact character offsets.

A paragraph is a line (or a block of hard-wrapped lines). Each paragraph gets a kind:
- `title`: the headline, which repeats the body and is not read for claims;
- `caption`: a photo caption ("X (right) visits ..."), read, but its claims give way to
  the same claims in the body;
- `heading`: a short label such as "Kazan, Tatarstan:", which names the place the
  following paragraphs are about;
- `boilerplate`: "SEE ALSO: ...", "Read more", credits: not read;
- `body`: everything else.
Sentences come from spaCy's rule-based sentencizer on a blank English pipeline (no model
weights), run per paragraph so that a sentence never spans two paragraphs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ingest.extractors.rules.fastre import any_of, fast

# Sentences longer than this are not read by the rules: news sentences are far shorter,
# and it bounds the cost of every regex on pathological input (a 100k-digit line).
MAX_SENTENCE_CHARS = 2_000
# A paragraph longer than this is cut into pieces before the sentencizer sees it.
MAX_PARAGRAPH_CHARS = 100_000

BOILERPLATE_RE = re.compile(
    r"^\W*(?:see also|read more|read also|related(?: stories| articles)?|watch|listen|"
    r"subscribe|sign up|advertisement|share this|follow us|copyright|©|more on this|"
    r"also read|recommended|click here|editor'?s note|this story|this article)\b",
    re.IGNORECASE,
)
CAPTION_MARK_RE = re.compile(
    r"\((?:right|left|center|centre|front|back|top|bottom|second (?:from )?(?:left|right)|"
    r"l|r|c|pictured|file|illustrative(?: photo)?|in (?:the )?(?:center|centre|foreground|"
    r"background|middle))\)|"
    r"^\W*(?:(?:photo|image|picture) caption|photo|pictured|file photo|caption|image|"
    r"illustration)\s*[:|-]|"
    r"\b(?:photo|image|picture)\s*(?:credit)?\s*[:/]\s*\S|/\s*(?:reuters|afp|ap|getty|epa|"
    r"anadolu|tass|ria novosti|ukrinform)\b|\((?:reuters|afp|ap|epa)\)\s*$|"
    r"\bphoto(?:graph)? (?:taken|shows|provided|released|distributed)\b|"
    r"\b(?:in|on) this (?:photo|handout|image|picture)",
    re.IGNORECASE,
)
# Every match of CAPTION_MARK_RE holds one of these (lower-cased). Keep in step.
_CAPTION_MARK_STEMS = ("(", "/", "photo", "picture", "caption", "image", "illustration", "handout")


_HAS_CAPTION_MARK_STEM = any_of(_CAPTION_MARK_STEMS)


def _caption_marked(text: str) -> bool:
    return _HAS_CAPTION_MARK_STEM(text.lower()) is not None and bool(CAPTION_MARK_RE.search(text))


# Present-tense description of a picture near the top: "A firefighter works at ...".
CAPTION_VERB_RE = re.compile(
    r"^[^.]{0,160}?\b(?:visits|inspects|works|stand|stands|walks|walk|looks|look|is seen|"
    r"are seen|gather|gathers|sits|attends|shows|rises|rise|clear|clears|extinguish|"
    r"extinguishes|examines|examine|pose|poses|speaks|holds|hold|lays|carry|carries)\b",
    re.IGNORECASE,
)
MARKDOWN_PREFIX_RE = re.compile(r"^(?:\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+))+")
MARKDOWN_IMAGE_RE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")


# A wire story's dateline, "KYIV, March 14 (Reuters) - " or "Kharkiv, Ukraine — ": where
# the story was filed and when, not where or when anything happened. It opens the first
# paragraph, in capitals, with an agency in brackets, or with a country and a long dash.
_DATELINE_RE = re.compile(
    r"(?P<city>[A-Z][\w'’.]*(?:[ /-][A-Z][\w'’.]*){0,3})"
    r"(?P<country>,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?)?"
    r"\s*(?P<agency>\([A-Z][^()]{0,38}\))?\s*(?P<dash>[-–—]{1,2}|:)\s+(?=\S)"
)


_DATELINE_MAX = 100


def dateline_end(text: str) -> int:
    """Where a dateline at the start of `text` ends (0 when there is none)."""
    # a dateline is short: the pattern never reads past its possible end
    found = _DATELINE_RE.match(text[:_DATELINE_MAX])
    if found is None:
        return 0
    city = found.group("city")
    capitals = city.isupper() and sum(c.isalpha() for c in city) >= 3
    long_dash = found.group("dash") in ("–", "—", "--")
    if (
        (capitals and found.group("dash") != ":")
        or found.group("agency")
        or (found.group("country") and long_dash)
    ):
        return found.end()
    return 0


@dataclass(slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    kind: str


@dataclass(slots=True)
class Paragraph:
    text: str
    start: int
    end: int
    kind: str
    index: int
    sentences: list[Sentence] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def sentencizer():
    """A blank English spaCy pipeline with the rule-based sentencizer (no weights)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_PARAGRAPH_CHARS * 2
    return nlp


def sentence_spans(nlp, text: str) -> list[tuple[int, int]]:
    """(start_char, end_char) of the sentences spaCy's sentencizer finds in `text`.

    The same rule as `Sentencizer.predict` (a sentence starts at the first token after
    a sentence-final character that is neither punctuation nor such a character), run
    on the tokenizer's ORTH array instead of Python token objects: the pipeline's
    per-token loop and `doc.sents` cost several times the tokenizer itself. Only the
    tokens right after a sentence-final one are looked at one by one (reading flags
    such as IS_PUNCT for every token through `to_array` costs as much as tokenizing)."""
    from spacy.attrs import ORTH

    doc = nlp.make_doc(text)
    count = len(doc)
    if count == 0:
        return []
    finals = _final_hashes(nlp)
    orths = doc.to_array(ORTH).tolist()
    starts = [0]
    i = 0
    for position in [n for n, orth in enumerate(orths) if orth in finals]:
        if position < i:
            continue  # a final inside the run already read after an earlier one
        # the next token that is neither punctuation nor sentence-final starts one
        i = position + 1
        while i < count and (orths[i] in finals or doc[i].is_punct):
            i += 1
        if i >= count:
            break
        starts.append(i)
    spans = []
    ends = [*starts[1:], count]
    for a, b in zip(starts, ends, strict=True):
        last = doc[b - 1]
        spans.append((doc[a].idx, last.idx + len(last)))
    return spans


@functools.lru_cache(maxsize=4)
def _final_hashes(nlp) -> frozenset[int]:
    chars = nlp.get_pipe("sentencizer").punct_chars
    return frozenset(nlp.vocab.strings.add(c) for c in chars)


_CLOSED_LINE_RE = re.compile(r"[.!?:\"”')\]]$")
_NON_WORD_RUN_RE = re.compile(r"[\W_]+")


def _split_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, except that hard-wrapped lines are joined."""
    spans: list[tuple[int, int]] = []
    position = 0
    current: tuple[int, int] | None = None
    for line in text.splitlines(keepends=True):
        start, stripped = position, line.rstrip("\r\n")
        position += len(line)
        if not stripped.strip():
            if current:
                spans.append(current)
                current = None
            continue
        lead = len(stripped) - len(stripped.lstrip())
        span = (start + lead, start + len(stripped.rstrip()))
        if current is not None:
            previous = text[current[0] : current[1]]
            wrapped = (
                len(previous) > 50
                and not _CLOSED_LINE_RE.search(previous)
                and stripped.lstrip()[:1].islower()
            )
            if wrapped:
                current = (current[0], span[1])
                continue
            spans.append(current)
        current = span
    if current:
        spans.append(current)
    return spans


_CAPTION_DATED_RE = fast(
    re.compile(r"\b(?:on|in) (?:[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+)\b|\bvisits\b")
)


def _classify(text: str, index: int, title: str | None, first_body: int | None) -> str:
    words = text.split()
    if BOILERPLATE_RE.match(text):
        return "boilerplate"
    if index == 0 and title and _same(text, title):
        return "title"
    if text.lstrip().startswith("#"):
        return "title" if index == 0 else "heading"
    if _caption_marked(text):
        return "caption"
    if text.rstrip().endswith(":") and len(words) <= 8:
        return "heading"
    if index == 0 and not title and len(words) <= 20 and text.rstrip()[-1:] not in (".", "!", "?"):
        return "title"
    if len(words) <= 6 and text.rstrip()[-1:] not in (".", "!", "?", '"', "”"):
        return "heading"
    near_top = first_body is None and index <= 2
    # a present-tense picture description before the story starts
    if (
        near_top
        and len(words) <= 60
        and CAPTION_VERB_RE.match(text)
        and " said" not in text
        and _CAPTION_DATED_RE.search(text)
    ):
        return "caption"
    return "body"


def _same(a: str, b: str) -> bool:
    """The same headline, or one written longer in the text than in the metadata
    ("Refinery burns after drone attack, governor says")."""

    def norm(s: str) -> str:
        return _NON_WORD_RUN_RE.sub(" ", s).strip().lower()

    first, second = norm(a), norm(b)
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= 20 and longer.startswith(shorter) and len(a.split()) <= 25


def segment(text: str, title: str | None = None) -> list[Paragraph]:
    """Paragraphs with kinds and sentences; offsets index into `text`."""
    paragraphs: list[Paragraph] = []
    first_body: int | None = None
    for index, (start, end) in enumerate(_split_blocks(text)):
        raw = text[start:end]
        image = MARKDOWN_IMAGE_RE.match(raw)
        if image and image.group("alt").strip():
            offset = raw.index(image.group("alt"))
            start, end = start + offset, start + offset + len(image.group("alt"))
            kind = "caption"
        else:
            prefix = MARKDOWN_PREFIX_RE.match(raw)
            kind = _classify(raw, index, title, first_body)
            if prefix:
                start += prefix.end()
        if start >= end:
            continue
        if kind == "body" and first_body is None:
            first_body = index
        paragraphs.append(Paragraph(text[start:end], start, end, kind, len(paragraphs)))
    _add_sentences(paragraphs, text)
    return paragraphs


def _pieces(paragraph: Paragraph) -> list[tuple[int, str]]:
    """A paragraph, cut at whitespace into pieces the sentencizer may take."""
    if len(paragraph.text) <= MAX_PARAGRAPH_CHARS:
        return [(paragraph.start, paragraph.text)]
    pieces = []
    offset = 0
    text = paragraph.text
    while offset < len(text):
        cut = min(len(text), offset + MAX_PARAGRAPH_CHARS)
        if cut < len(text):
            space = text.rfind(" ", offset + MAX_PARAGRAPH_CHARS // 2, cut)
            cut = space + 1 if space > offset else cut
        pieces.append((paragraph.start + offset, text[offset:cut]))
        offset = cut
    return pieces


# a run starts after a space (or at the start): the look-behind stops the engine from
# trying, at every character of a word, whether 200 more follow
_LONG_RUN_RE = re.compile(r"(?<!\S)\S{200,}")


# a space, then 200 characters that are not: the engine skips from space to space in C
_SPACE_THEN_LONG_WORD_RE = re.compile(r" [^ ]{200}")


def _has_long_word(piece: str) -> bool:
    """`max(map(len, piece.split(" "))) >= 200`, without building the words: every
    word of `piece` follows a space once one is put before the first."""
    return _SPACE_THEN_LONG_WORD_RE.search(" " + piece) is not None


def _tame(piece: str) -> str:
    """The same text with runs of 200+ non-space characters blanked to letters.

    spaCy's tokenizer strips prefixes one character at a time, which is quadratic on
    a run like "((((...": no word is that long, so the run becomes "xxxx..." of the
    same length and offsets stay exact."""
    # every such run lies inside one space-separated word: without a word that long
    # (the usual case) the scan of every position is spared
    if len(piece) < 200 or not _has_long_word(piece):
        return piece
    return _LONG_RUN_RE.sub(lambda m: "x" * len(m.group(0)), piece)


def _add_sentences(paragraphs: list[Paragraph], text: str) -> None:
    """Sentences of the whole text in one spaCy pass, cut at paragraph ends."""
    readable = [p for p in paragraphs if p.kind != "boilerplate"]
    if not readable:
        return
    nlp = sentencizer()
    begin, finish = readable[0].start, readable[-1].end
    pieces = _pieces(Paragraph(text[begin:finish], begin, finish, "body", -1))
    index = 0
    for start, piece in pieces:
        for sent_start, sent_end in sentence_spans(nlp, _tame(piece)):
            s_start, s_end = start + sent_start, start + sent_end
            while index < len(readable) and readable[index].end <= s_start:
                index += 1
            probe = index
            while probe < len(readable) and readable[probe].start < s_end:
                paragraph = readable[probe]
                lo, hi = max(s_start, paragraph.start), min(s_end, paragraph.end)
                raw = text[lo:hi]
                stripped = raw.strip()
                if stripped:
                    offset = lo + len(raw) - len(raw.lstrip())
                    paragraph.sentences.append(
                        Sentence(
                            stripped,
                            offset,
                            offset + len(stripped),
                            paragraph.index,
                            paragraph.kind,
                        )
                    )
                probe += 1
