"""Copular definition patterns: what follows the subject ("X is defined as",
"X refers to", "X is when", "X means", "X is a N that ..."), each family with a
prior strength, and how the wording of a match weakens it.
"""

from __future__ import annotations

import re

from reviewkit.extract.definitions.terms import LEADING

# (regex after the subject, family, strength)
COPULAR: list[tuple[re.Pattern[str], str, float]] = [
    (
        re.compile(
            r"\s+(?:is|are|was|were|can\s+be|may\s+be|has\s+been|have\s+been|will\s+be)\s+"
            r"(?:\w+ly\s+)?(?:here\s+)?(?:defined|operationali[sz]ed)"
            r"(?:\s+(?:here|in\s+this\s+\w+|by\s+[^,]{2,60}?))?\s+as\s+",
            re.I,
        ),
        "defined-as",
        0.95,
    ),
    (
        # "In LINK-UP, integration is defined from the perspective of the person: it is ..."
        re.compile(
            r"\s+(?:is|are|was|were|will\s+be)\s+(?:\w+ly\s+)?(?:here\s+)?defined"
            r"(?:\s+[^:;]{2,90}?)?:\s+",
            re.I,
        ),
        "defined-colon",
        0.8,
    ),
    (
        # "A link worker is characterised by three features: a caseload ..."
        re.compile(
            r"\s+(?:is|are)\s+(?:\w+ly\s+)?(?:characteri[sz]ed|distinguished|defined)\s+by\s+"
            r"[^:;]{0,60}?(?:features?|characteristics?|elements?|components?|properties|"
            r"attributes?|things?)\s*:\s+",
            re.I,
        ),
        "characterised-by",
        0.7,
    ),
    (
        # "A flare is characterised by sudden swelling of the joints."
        re.compile(
            r"\s+(?:is|are)\s+(?:\w+ly\s+)?(?:characteri[sz]ed|marked|distinguished)\s+by\s+"
            r"(?=\S+\s+\S+\s+\S+)",
            re.I,
        ),
        "characterised-by",
        0.5,
    ),
    (
        # "Cooperation goes further: agencies help one another ..."
        re.compile(
            r"\s+(?:goes|go|takes\s+this|moves?)\s+(?:a\s+step\s+|one\s+step\s+|much\s+)?"
            r"further\s*:\s+",
            re.I,
        ),
        "goes-further",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:is|are|can\s+be|may\s+be|has\s+been|have\s+been)\s+"
            r"(?:(?:\w+ly|better|best|perhaps|also|often|here|now|thus|therefore|then|still|"
            r"sometimes|more\s+usefully)\s+){0,2}"
            r"(?:understood(?:\s+to\s+mean)?|conceptuali[sz]ed|conceived(?:\s+of)?|"
            r"taken\s+to\s+(?:mean|refer\s+(?:\w+ly\s+)?to)|used\s+to\s+mean|said\s+to\s+mean)"
            r"(?:\s+(?:here|by\s+[^,]{2,60}?))?\s+(?:as\s+)?",
            re.I,
        ),
        "understood-as",
        0.8,
    ),
    (
        re.compile(
            r"\s+(?:is|are|can\s+be|may\s+be|has\s+been|have\s+been)\s+"
            r"(?:(?:\w+ly|better|best|perhaps|also|often|here|now|thus|therefore|then|still|"
            r"sometimes|more\s+usefully)\s+){0,2}"
            r"(?:described|characteri[sz]ed|seen|viewed|regarded|thought\s+of|portrayed|"
            r"imagined|pictured)"
            r"(?:\s+by\s+[^,]{2,60}?)?\s+as\s+",
            re.I,
        ),
        "described-as",
        0.55,
    ),
    (
        re.compile(
            r"\s+(?:is|are|was|were)\s+(?:said\s+to\s+be\s+)?(?:(?:\w+ly\s+)?(?:reached|"
            r"achieved|present|attained|found|in\s+place|complete)\s+)?(?:when|where)\s+",
            re.I,
        ),
        "is-when",
        0.9,
    ),
    (
        re.compile(r"\s+(?:occurs?|happens?|exists?|arises?)\s+(?:when|where)\s+", re.I),
        "occurs-when",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:(?:is|are|was|were)\s+(?:\w+ly\s+)?used\s+(?:here\s+|in\s+this\s+\w+\s+)?"
            r"to\s+(?:refer\s+to|describe|denote|mean|designate|capture|cover)|"
            r"(?:is|are)\s+(?:\w+ly\s+)?used\s+(?:here\s+|in\s+this\s+\w+\s+)?for|"
            r"(?:\w+ly\s+)?refers?\s+(?:\w+ly\s+)?to|referred\s+to|"
            r"(?:has\s+been|have\s+been|was|were|is|are)\s+(?:\w+ly\s+)?coined\s+"
            r"(?:to\s+(?:describe|refer\s+to|denote|mean|capture|designate)|for))\s+",
            re.I,
        ),
        "refers-to",
        0.85,
    ),
    (
        re.compile(
            r"\s+(?:(?:simply|merely|only|usually|often|generally|commonly|typically|broadly|"
            r"essentially|here|thus|therefore|also|then)\s+)?"
            r"(?:means?|denotes?|signifies|designates?)\s+(?!(?:it|this)\s+is\b)",
            re.I,
        ),
        "means",
        0.8,
    ),
    (
        # "Polypharmacy, commonly taken to mean the regular use of ..."
        re.compile(
            r",?\s+\(?(?:(?:\w+ly|usually|often|here)\s+)?(?:defined\s+as|operationali[sz]ed\s+as|"
            r"taken\s+to\s+mean|understood\s+(?:as|to\s+mean)|used\s+to\s+mean)\s+",
            re.I,
        ),
        "comma-defined-as",
        0.8,
    ),
    (re.compile(r"\s+(?:involves?|entails?)\s+", re.I), "involves", 0.6),
    (
        re.compile(
            r"\s+(?:describes?|captures?)\s+(?=(?:a|an|the|any|how|what|those|situations?)\b)", re.I
        ),
        "describes",
        0.45,
    ),
    (
        re.compile(r"\s+(?:consists?\s+of|comprises?|encompasses|embraces)\s+", re.I),
        "consists-of",
        0.45,
    ),
    (
        re.compile(
            r"\s+(?:is|are)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?"
            r"(?:process|extent|degree|situation|state|arrangement|way|form|type|kind|mode|"
            r"model|approach|term|concept|resource|mechanism|strategy|method|tool|framework|"
            r"combination|range|set|stage|system|pattern|practice|means|label|umbrella|"
            r"principle|notion|philosophy|intervention|programme|program|initiative|scheme|"
            r"structure|body|network|arrangement|instrument|measure|index|construct|paradigm|"
            r"technique|act|condition|syndrome|phenomenon|group|team|service|policy)"
            r"(?:es|s)?\s+(?:of|in|by|for|that|which|whereby|where|used|developed|designed|"
            r"to|describing|covering|through)\b",
            re.I,
        ),
        "is-a",
        0.45,
    ),
    (
        re.compile(
            r"\s+(?:is|are)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){1,3}?|"
            r"(?:(?!(?:on|in|at|for|to|with|by|from|not|also|often|now|then|still|being|of)\b)"
            r"[\w-]+(?<!ed)(?<!ly)\s+){1,3}?)(?:that|which|in\s+which|"
            r"who|where|whereby|through\s+which|by\s+which)\s+",
            re.I,
        ),
        "is-that",
        0.35,
    ),
    (
        # "Horizontal integration brings together services at ...": a defining action.
        re.compile(
            r"\s+(?:links|joins|brings\s+together|combines|connects|unites|aligns|merges|"
            r"integrates)\s+(?=\S+\s+\S+\s+\S+)",
            re.I,
        ),
        "links",
        0.4,
    ),
    (
        # "A meta-analysis uses statistical methods to combine ...": what it does, as a meaning.
        re.compile(r"\s+(?:uses|use)\s+(?=[^,;]{3,60}?\s+to\s+[a-z]+\s+\S+)", re.I),
        "uses-to",
        0.35,
    ),
    (
        # Any "X is a/the N ..." with a long predicate: a weak proposal the model weighs.
        re.compile(
            r"\s+(?:is|are)\s+(?=(?:a|an|the|another)\s+\S+(?:\s+\S+){4,}|"
            r"[a-z]+s\s+(?:of|about|for|that|which|who|in|to|from|with|by)\s+\S+(?:\s+\S+){2,})",
            re.I,
        ),
        "is-a-generic",
        0.3,
    ),
]

#: Families whose subject must open the clause (no subject taken from after a comma).
OPENING_SUBJECT = frozenset({"links", "is-a-generic", "uses-to"})

CLAIM = re.compile(
    r"\b(?:argue|argues|argued|suggest|suggests|suggested|show|shows|showed|found|find|finds|"
    r"believe|believes|think|thinks|propose|proposes|conclude|concludes|concluded|note|notes|"
    r"noted|claim|claims|hope|fear|fears|expect|expects)\s+that\s+[^,;:]*$",
    re.I,
)
_FRAME = re.compile(
    r"(?:(?:in|for|at|within|from|on|under|across|among|throughout|seen|viewed|put|defined|"
    r"understood|taken|here|thus|so|then|today|now)\b[^,;:]{0,60}|[^,;:]{0,40}\b(?:view|"
    r"sense|perspective|definition|framework|account|model))",
    re.I,
)


def opening_subject(subject: str) -> bool:
    """Whether the subject opens its clause, after at most one framing phrase."""
    subject = re.sub(r"\s*\([A-Z][A-Za-z0-9&-]{1,12}\)\s*$", "", LEADING.sub("", subject.strip()))
    parts = re.split(r",\s+", subject)
    if len(parts) > 2 or re.search(r"[;:()]", subject):
        return False
    return len(parts) == 1 or bool(_FRAME.fullmatch(parts[0].strip()))


#: Families that leave no doubt a term is being defined.
SPECIFIC_OK = frozenset({"defined-as", "understood-as", "refers-to", "is-when", "comma-defined-as"})
_EVALUATIVE = re.compile(
    r"\b(?:most|least|best|main|key|major|important|common|popular|new|first|only|useful|"
    r"helpful|good|effective|promising|complex|central|crucial|essential|example|further|"
    r"particular|real|big|serious|growing|recent|little|long|large|small|single|widely|"
    r"significant|leading|primary|frequent|rare)\b",
    re.I,
)


def weakening(family: str, subject: str, term: str, m: re.Match[str]) -> float:
    """How much weaker than its family a copular match is, from its wording."""
    penalty = 0.0
    # "The programme involves ...": a particular thing, not a concept.
    if (
        family not in SPECIFIC_OK
        and term[:1].islower()
        and re.search(rf"\b(?:the|this|our|these|its|their)\s+{re.escape(term)}\s*$", subject, re.I)
    ):
        penalty += 0.3
    # "X is the most common model ...": a judgement about X, not its meaning.
    predicate = m.group(0) + " ".join(m.string[m.end() :].split()[:3])
    if family in ("is-a", "is-that", "is-a-generic") and _EVALUATIVE.search(predicate):
        penalty += 0.3

    # "We argue that X is where ...": a claim about X, not its meaning.
    if CLAIM.search(subject):
        penalty += 0.3
    # "X is a means of Y rather than a goal": a contrast of views.
    if re.search(r"\brather\s+than\b|\bnot\s+(?:simply|just|merely|only)\b", m.string[m.end() :]):
        penalty += 0.2
    return penalty
