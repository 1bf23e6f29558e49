"""Term boundaries: which noun phrase a definition defines, and what is not a term.

A term is a noun phrase. Subjects led by a pronoun, a determiner used as a
pronoun or a quantifier ("None of this", "It", "They", "People who ...") are
not terms; neither are structured-abstract headings or the document's parts.
"""

from __future__ import annotations

import re

from reviewkit.extract.sentences import BULLETS, word_list

QUOTES = "‘’“”\"'"
PRONOUNS = frozenset(
    word_list(
        """
        it this that these those they there which who what he she we i you one its their
        such here each both all some many most other others none nothing everything
        everyone anyone someone something anything nobody everybody somebody whoever
        whatever another either neither few several us them him her his our my your
        """
    )
)
VERBS = frozenset(
    word_list(
        """
        is are was were be been being has have had will would can could may might should
        must do does did seems seem appears appear not never need needs shall
        """
    )
)
LEADING = re.compile(
    r"^(?:(?:and|but|while|whereas|although|though|thus|hence|so|also|however|therefore|"
    r"finally|first(?:ly)?|second(?:ly)?|third(?:ly)?|then|here|rather|instead|otherwise|"
    r"indeed|moreover|furthermore|in\s+addition|overall|importantly|notably|nevertheless|"
    r"nonetheless|yet|still|now|today|crucially|put\s+simply|simply\s+put|in\s+practice|"
    r"in\s+(?:this|our|the\s+present)\s+[\w-]+|"
    r"for\s+(?:the\s+)?purposes?\s+of\s+this\s+\w+|in\s+short|in\s+contrast|"
    r"for\s+example|similarly|likewise|conversely|by\s+contrast|that\s+is|"
    r"seen\s+(?:this|that\s+way|in\s+this\s+light)|seen\s+this\s+way|"
    r"for\s+(?:the\s+)?purposes?\s+of\s+(?:the|this|our)\s+[\w-]+)\b[\s,]*)+",
    re.I,
)
DETERMINER = re.compile(
    r"^(?:the|a|an|this|our|such|its|their)\s+"
    r"(?:(?:term|concept|notion|idea|word|phrase|label|expression)s?(?:\s+of)?\s+)?",
    re.I,
)
TERM_WORD = re.compile(r"^(?:term|concept|notion|idea|word|phrase|label)s?(?:\s+of)?\s+", re.I)

NOT_TERMS = frozenset(
    word_list(
        """
        background introduction methods method methodology results result findings
        conclusion conclusions discussion objective objectives aim aims purpose design
        setting settings participants interventions intervention measurements main outcome
        outcomes measures limitations implications keywords key words correspondence e-mail
        email address note notes source sources figure table box funding trial registration
        context originality value approach abstract summary recommendations policy practice
        research data analysis interpretation importance evidence acquisition synthesis
        exposure exposures main outcome measures relevance ethics declaration competing
        interests acknowledgements references citation received accepted published doi url
        http https www tel fax theory description case lessons learned problem statement
        rationale question questions hypothesis hypotheses theme themes aim main
        """
    )
)


NUMBER_WORDS = frozenset(word_list("two three four five six seven eight nine ten several many few"))

#: Heads that name the document or its parts, never a defined term.
NOT_SUBJECTS = frozenset(
    word_list(
        """
        paper article report chapter section table figure fig box appendix panel author
        authors participants respondents interviewees results findings data study
        """
    )
)


ANAPHOR = re.compile(
    r"(?:it|this(?:\s+(?:term|concept|notion|definition|approach))?|the\s+(?:term|concept))", re.I
)


#: Adverbials set off by commas inside a subject ("Co-location, in contrast, means ...").
INTERJECTED = re.compile(
    r",\s*(?:in\s+contrast|by\s+contrast|however|for\s+example|for\s+instance|in\s+turn|"
    r"then|therefore|thus|in\s+short|in\s+other\s+words|on\s+the\s+other\s+hand|instead|"
    r"meanwhile|moreover|too|in\s+(?:this|our)\s+(?:paper|study|review|report|article|"
    r"trial|framework|guide|sense)|here|in\s+practice|in\s+theory)\s*,\s*",
    re.I,
)

#: Markdown or typographic emphasis around a term ("**Partnership**", "_Trust_").
EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\w)|(?<=\w)[*_](?![\w*])")


#: A prepositional phrase between subject and verb ("X, at the far end of the continuum, is").
INTERJECTED_PP = re.compile(
    r",\s*(?:at|in|on|for|from|by|within|across|as|under|after|before|according\s+to|"
    r"like|unlike)\s[^,;:]{1,60},\s*(?=(?:is|are|was|were|can|may|has|have|means?|refers?|"
    r"denotes?|involves?|describes?)\b)",
    re.I,
)


def strip_interjections(clause: str) -> str:
    """Drop commas-delimited adverbials and emphasis marks from a clause."""
    clause = INTERJECTED.sub(" ", EMPHASIS.sub("", clause))
    return INTERJECTED_PP.sub(" ", clause)


def strip_marker(text: str) -> str:
    """`text` without a leading list marker (bullet, dash, "1.", "(a)")."""
    return re.sub(
        rf"^\s*(?:[{re.escape(BULLETS)}]|[-–*](?:\s|(?=[A-Z‘“]))|\(?\d{{1,2}}[.)]\s|\(?[a-z][.)]\s)\s*",
        "",
        text,
    )


def subject_term(subject: str, headings_ok: bool = False) -> str | None:
    """The term a definition's subject names: its last clause chunk, cleaned.

    Args:
        headings_ok: accept a term made only of words that also head a
            paper's sections ("Research findings are defined here as ..."),
            for frames that leave no doubt a term is defined.

    Returns:
        The term (with an acronym in parentheses kept), or None when the
        subject is a citation or holds no term.
    """
    subject = subject.strip()
    paren = ""
    m = re.search(r"\s*(\([^()]{1,40}\))$", subject)
    if m:
        paren = m.group(1)
        subject = subject[: m.start()]
    # The subject is the last chunk after a clause break.
    chunks = re.split(r",\s+|:\s+|\s[–—-]\s|—|\(|\)", subject)
    chunk = chunks[-1]
    before = chunks[-2].split() if len(chunks) > 1 else []
    if before and before[-1].lower() in _PREPOSITIONS:
        return None  # "Treatment for, and recovery from, stroke is ...": the object of "from"
    # "Interviews suggested that the programme is ...": the subject follows "that".
    chunk = re.split(r"\b(?:that|whether|because|since|although|if)\s+", chunk)[-1]
    chunk = LEADING.sub("", chunk.strip())
    term = clean_term(chunk, headings_ok=headings_ok)
    if re.search(r"\d{4}", paren):
        return None  # "Smith and Jones (2005) describe ...": the subject is a citation
    if term and paren and re.fullmatch(r"\([A-Z][A-Za-z0-9&-]{1,12}\)", paren):
        term = f"{term} {paren}"
    return term


def clean_term(raw: str, max_words: int = 6, headings_ok: bool = False) -> str | None:
    """A candidate term without quotes, determiners and "the term"; None if `bad_term`."""
    term = raw.strip().strip(QUOTES + " ,")
    term = LEADING.sub("", term)
    term = DETERMINER.sub("", term)
    term = TERM_WORD.sub("", term)
    term = term.strip().strip(QUOTES + " ,")
    if bad_term(term, max_words, headings_ok):
        return None
    return term


#: Words that open a clause, not a noun phrase ("Whether or not a merger is ...").
SUBORDINATORS = frozenset(
    word_list(
        """whether if when although though because since while as unless how why where
        once until whereas after before so"""
    )
)
_PREPOSITIONS = frozenset(
    word_list("for from of to with by in on at about after before into over under than")
)
_DEICTIC = frozenset(word_list("these those them this it they we us i you amongst among there"))
_PEOPLE_OR_PARTS = frozenset(
    word_list("authors author participants respondents interviewees results findings data")
)
_LY_NOUNS = frozenset(word_list("family assembly supply anomaly monopoly poly rally italy ally"))


def bad_term(term: str, max_words: int = 6, headings_ok: bool = False) -> bool:
    """Whether a candidate cannot be a defined term.

    It cannot when it is too long, opens with a pronoun, number word or
    subordinator, holds a verb or a relative clause, ends in a function word
    or an adverb, or is a citation.
    """
    words = term.split()
    if not words or len(words) > max_words or len(term) > 60:
        return True
    low = [w.lower().strip(QUOTES + "(),") for w in words]
    # "People who use services rarely ...": a relative clause or an adverb ends a term.
    if any(w in {"who", "whom", "whose", "which", "that", "when", "where"} for w in low[1:]):
        return True
    if len(low) > 1 and (low[-1].endswith("ly") and low[-1] not in _LY_NOUNS):
        return True
    if low[0] in PRONOUNS or low[0] in NUMBER_WORDS or any(w in VERBS for w in low):
        return True
    if any(w in _DEICTIC for w in low):
        return True  # "Chief amongst these", "the first of them"
    if low[0] in SUBORDINATORS:
        return True
    if low[0] in NOT_SUBJECTS and (
        len(low) == 1
        or low[0] in _PEOPLE_OR_PARTS
        or (len(low) == 2 and re.fullmatch(r"[\divxlc]+[a-z]?\.?", low[1]) is not None)
    ):
        return True
    if not re.match(r"[A-Za-z‘“\"']", term):
        return True
    if "," in term:
        return True
    heading = all(w in NOT_TERMS or w in {"and", "&", "of", "the"} for w in low)
    if heading and not (headings_ok and len(low) > 1):
        return True
    if low[-1] in {"of", "to", "and", "or", "the", "a", "an", "in", "for", "with", "by", "on"}:
        return True
    # A citation or a person is not a term.
    return bool(re.search(r"\(\d{4}|\[\d|\bet al\b", term))


def clean_def(raw: str) -> str:
    """A definiens without surrounding space and trailing sentence punctuation."""
    text = raw.strip()
    text = re.sub(r"\s*[.;:]+$", "", text)
    return text.strip()


def fold(text: str) -> str:
    """Text folded for comparing terms: lower case, dashes and spaces as one space."""
    return re.sub(r"[\s\-‐–—]+", " ", text.lower()).strip(QUOTES + " ")
