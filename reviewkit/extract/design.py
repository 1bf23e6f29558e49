"""Study design of a document, per the CODEBOOK's study-design labels.

Two kinds of signal are added up over the document's sentences:

- a sentence classifier (TF-IDF word 1-2-grams + linear SVM, probabilities
  calibrated by isotonic regression in `CalibratedClassifierCV`, 5-fold)
  trained at first use on ``data/design_sentences.jsonl``: for each sentence,
  the probability that it reveals the document's own design, per label, or
  ``none`` (background, somebody else's study, ...);
- precise cue patterns from the codebook table ("will be randomised" ->
  protocol, "databases were searched" -> systematic-review, "this issue" ->
  editorial, "case sites" / "Yin" -> case-study ...).

Each sentence is weighted by where it is (abstract, methods and the first pages
count most; references and back matter not at all) and whether it reports the
document's own work ("we", "this study") or somebody else's (a citation and no
self-reference: a quarter weight). Precedence rules follow the codebook: a
planned study is a protocol; an editorial stays an editorial whatever designs
its issue's papers use; a review is a review whatever designs it includes.
A document that reports no empirical work of its own (no methods or results
section, no sentence saying what it did or counting its participants, no title
declaring a study; `_reports_own_study`) can only be a narrative review, a
conceptual paper, an editorial or a protocol: an essay on trials is not a trial.

Calibration of the sentence classifier (`calibration_report`, held-out 30%,
stratified, seed 0; 458 rows, 16 classes): accuracy 0.70, multiclass Brier
0.385 (squared error summed over classes); reliability of the top label's
probability: 0.0-0.4: mean 0.31 vs accuracy 0.20 (n=5); 0.4-0.6: 0.51 vs 0.47
(n=43); 0.6-0.8: 0.70 vs 0.81 (n=57); 0.8-1.0: 0.86 vs 0.91 (n=33). Over five
random 70/30 splits: Brier 0.39, expected calibration error 0.10.

Document confidence is the chosen label's share of all design score, damped
when there is little evidence (times 1 - exp(-score)). It is conservative: on
the 85 hand-written abstracts of ``data/design_eval_documents.jsonl`` (never
used for training) design accuracy is 1.00 while mean confidence is 0.84,
0.85 and 0.68 on its three splits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from reviewkit.document import Document, Evidence, evidence_at
from reviewkit.extract.classifier import (
    TextClassifier,
    calibration_report,
    fit_text_classifier,
    load_rows,
    normalise,
)
from reviewkit.extract.fields import (
    SELF_REFERENCE,
    find_country,
    find_setting,
    is_cited,
    sentence_sections,
)
from reviewkit.extract.model_cache import cached_fit

if TYPE_CHECKING:
    from reviewkit.extract.sentences import Sentence

# The classifier moved to `reviewkit.extract.classifier`; these names stay
# importable from here for the callers written against this module.
__all__ = [
    "DESIGN_LABELS",
    "METHOD",
    "DesignResult",
    "TextClassifier",
    "calibration_report",
    "classify_design",
    "design_model",
    "fit_text_classifier",
    "load_rows",
    "normalise",
]

DESIGN_LABELS: tuple[str, ...] = (
    "rct",
    "non-randomised-controlled",
    "cohort",
    "case-control",
    "cross-sectional",
    "qualitative",
    "case-study",
    "mixed-methods",
    "systematic-review",
    "narrative-review",
    "economic-evaluation",
    "protocol",
    "conceptual",
    "editorial",
    "other",
)

METHOD = "classifier:svm-tfidf-isotonic+patterns"


@cache
def design_model() -> TextClassifier:
    """The design sentence classifier, trained on first use and kept in-process."""
    return cached_fit("design", lambda: fit_text_classifier(load_rows("design_sentences.jsonl")))


# --- cues ------------------------------------------------------------------------

_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "rct": (
        (r"\brandomi[sz]ed (?:controlled |clinical |pragmatic |feasibility )*trial", 1.5),
        (r"\b(?:were|was) (?:randomly (?:allocated|assigned)|randomi[sz]ed)\b", 1.5),
        (r"\bcluster[- ]randomi[sz]ed\b|\bstepped[- ]wedge\b|\bCONSORT\b", 1.0),
        (r"\bintention[- ]to[- ]treat\b|\ballocation concealment\b", 0.8),
    ),
    "non-randomised-controlled": (
        (r"\bquasi[- ]experimental\b|\bcontrolled before[- ](?:and[- ])?after\b", 1.5),
        (r"\bdifference[- ]in[- ]differences?\b|\binterrupted time[- ]series\b", 1.2),
        (r"\bcomparison (?:sites?|areas?|practices|group|localit(?:y|ies)|wards?)\b", 0.8),
        (r"\bnon[- ]randomi[sz]ed\b|\bpropensity[- ]score\b|\bsynthetic control\b", 0.8),
    ),
    "cohort": (
        (r"\bcohort (?:study|studies|design)\b|\b(?:retrospective|prospective) cohort\b", 1.5),
        (r"\b(?:administrative|routine(?:ly collected)?|claims|linked) (?:data|records)\b", 0.8),
        (r"\bfollowed (?:up )?(?:for|until|from)\b|\blongitudinal\b", 0.5),
    ),
    "case-control": (
        (r"\bcase[- ]control\b", 2.0),
        (r"\bcases and (?:\w+ )?controls\b|\bcontrols were (?:selected|matched|sampled)\b", 1.2),
    ),
    "cross-sectional": (
        (r"\bcross[- ]sectional\b", 1.5),
        (r"\bresponse rate\b|\b\d[\d,]* respondents\b", 1.0),
        (r"\b(?:online|postal|telephone|national|staff) (?:survey|questionnaire)\b", 0.6),
    ),
    "qualitative": (
        (r"\bsemi[- ]structured interviews?\b|\bin[- ]depth interviews?\b", 1.0),
        (r"\bthematic(?:ally)? analy[sz]|\bframework (?:analysis|method)\b|\bNVivo\b", 1.0),
        (r"\bfocus groups?\b|\bgrounded theory\b|\bphenomenolog|\bethnograph", 0.8),
        (r"\bqualitative (?:study|design|research|interview)", 1.0),
    ),
    "case-study": (
        (r"\bcase[- ]stud(?:y|ies)\b", 1.2),
        (r"\bcase sites?\b|\bcross[- ]case\b|(?-i:\bYin\b)", 1.5),
        (r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:\w+ )?cases\b", 1.0),
    ),
    "mixed-methods": (
        (r"\bmixed[- ]methods?\b|\bmulti[- ]method\b", 1.5),
        (r"\b(?:convergent|explanatory sequential|exploratory sequential) (?:\w+ )?design\b", 1.2),
    ),
    "systematic-review": (
        (r"\bsystematic(?:ally)? (?:review|search|literature)|\bmeta[- ]analys|\bPRISMA\b", 1.2),
        (r"\b(?:scoping|realist|rapid|umbrella|integrative|hermeneutic) review\b", 1.0),
        (
            r"\b(?:MEDLINE|Embase|CINAHL|PsycINFO|Scopus|Web of Science|PubMed|Cochrane Library)\b",
            1.0,
        ),
        (r"\b(?:databases?|literature) (?:were |was )?searched\b|\bsearch strateg", 1.0),
        (r"\bsearched (?:\w+ ){0,3}(?:databases|electronic|bibliographic|sources)\b", 1.0),
        (
            r"\b(?:\d+|\w+) (?:\w+ )?(?:studies|papers|articles|trials|reviews)"
            r"(?: with [\d,]+ \w+)? (?:were |met [^.]{0,30})?included\b",
            1.0,
        ),
        (r"\binclusion criteria\b|\bPROSPERO\b|\brisk of bias\b", 0.6),
    ),
    "narrative-review": (
        (r"\breview conducted for\b|\b(?:evidence|literature) (?:review|summary|overview)\b", 0.6),
        (
            r"\bthis (?:insight|briefing|overview|guide|report) "
            r"(?:is based on|draws|summari[sz]es|reviews)",
            1.5,
        ),
        (r"\bkey points\b|\bthe evidence (?:suggests|base|tells)\b", 0.5),
        (
            r"\b(?:this|the present) (?:paper|article|chapter|report) (?:reviews|summari[sz]es)\b|"
            r"\b(?:a |this )?review of the (?:research|literature|evidence)\b",
            1.2,
        ),
    ),
    "economic-evaluation": (
        (r"\bcost[- ](?:effectiveness|utility|benefit|consequence)\b|\bQALYs?\b", 1.5),
        (r"\bincremental cost\b|\bcost per\b|\breturn on investment\b|\bunit costs\b", 1.0),
    ),
    "protocol": (
        (r"\bprotocol\b", 0.8),
        (r"\b(?:study|trial|review|evaluation) protocol\b|\bprotocol (?:for|of)\b", 1.5),
        (
            r"\b(?:will be|we will|are to be) (?:\w+ )?(?:randomi[sz]ed|recruited|allocated|"
            r"interviewed|analy[sz]ed|collected|conducted|searched|measured|assessed|followed|"
            r"recruit|randomi[sz]e|conduct|interview|search|compare|collect|assess|measure|use)\b",
            2.0,
        ),
        (
            r"\b(?:primary|secondary) outcomes? will (?:be|include)\b|"
            r"\brecruitment (?:is|will be) (?:ongoing|expected)\b",
            1.5,
        ),
    ),
    "conceptual": (
        (r"\b(?:policy|discussion|position|conceptual|theoretical) (?:paper|article|essay)\b", 1.5),
        (r"\b(?:in )?this essay\b", 1.5),
        (r"\b(?:conceptual|theoretical) (?:frameworks?|models?|analysis)\b", 1.0),
        (
            r"\b(?:this|the) (?:paper|article) (?:sets out|argues|proposes|discusses|develops)\b",
            1.0,
        ),
        (r"\bwe argue\b|\btypology\b|\bframeworks?\b", 0.3),
    ),
    "editorial": (
        (r"\b(?:this|the current|the present) (?:special )?(?:issue|edition|volume)\b", 1.5),
        (r"\beditorial\b|\bguest editors?\b|\bopinion (?:piece|article)\b", 1.5),
        (
            r"\b(?:in )?this (?:commentary|viewpoint|perspective)\b|"
            r"^(?:viewpoint|perspective|comment)\b",
            1.5,
        ),
        (r"(?-i:\bI (?:argue|believe|suggest|contend))\b|\bin my view\b", 1.0),
    ),
}
_CUE_RES = {
    label: tuple((re.compile(rx, re.I), w) for rx, w in cues) for label, cues in _CUES.items()
}
_SECTION_WEIGHT = {
    "front": 1.3,
    "abstract": 1.5,
    "methods": 1.5,
    "results": 0.6,
    "discussion": 0.5,
}
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_NUMBER_WORD = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:-(?:"
    + "|".join(_UNITS[1:10])
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")"
)
_N = r"\b(\d[\d,]*|" + _NUMBER_WORD + r")"
_DETAILS = {
    "n_participants": re.compile(
        _N + r" (?:older |frail |eligible )?(?:participants|patients|people|residents|"
        r"service users|carers|adults|children|respondents|households|veterans|women|men)\b",
        re.I,
    ),
    "n_interviews": re.compile(
        _N + r" (?:semi-structured |in-depth |qualitative |individual )?interviews\b|"
        r"\binterview(?:ed|s with) " + _N + r"\b",
        re.I,
    ),
    "n_cases": re.compile(_N + r" (?:\w+ )?(?:cases|case sites|case studies|sites)\b", re.I),
    "n_studies": re.compile(
        _N + r" (?:\w+ )?(?:studies|papers|articles|trials)(?: with [\d,]+ \w+)? "
        r"(?:were |met [^.]{0,30})?included|"
        r"\bincluded " + _N + r" (?:\w+ )?(?:studies|papers|articles|trials)\b",
        re.I,
    ),
}


@dataclass
class DesignResult:
    """The study design of one document.

    Attributes:
        label: one of `DESIGN_LABELS` (the codebook's study-design labels).
        confidence: in [0, 1]; see the module docstring for what it means.
        details: n_participants, n_cases, n_interviews, n_studies, setting and
            country where found; ``components``: other designs with substantial
            support; ``reason`` when the label is "other".
        evidence: the sentences that decided the label, in document order.
    """

    label: str
    confidence: float
    details: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``study_design`` object of the analysis contract."""
        return {
            "label": self.label,
            "confidence": self.confidence,
            "details": self.details,
            "evidence": [e.to_json() for e in self.evidence],
        }


def _to_int(text: str) -> int:
    """``"1,204"`` -> 1204, ``"twenty-seven"`` -> 27."""
    if text[0].isdigit():
        return int(text.replace(",", ""))
    tens, _, unit = text.lower().partition("-")
    if tens in _TENS:
        return _TENS[tens] + (_UNITS.index(unit) if unit else 0)
    return _UNITS.index(tens)


def _details(
    doc: Document, sentences: Sequence[Sentence], body: list[tuple[Sentence, str]]
) -> dict[str, Any]:
    details: dict[str, Any] = {}
    for sentence, kind in body:
        if kind not in ("front", "abstract", "methods", "results") or is_cited(sentence.text):
            continue
        for name, rx in _DETAILS.items():
            match = rx.search(sentence.text)
            if name not in details and match:
                number = next(g for g in match.groups() if g)
                if _to_int(number) > 0:
                    details[name] = _to_int(number)
    if settings := find_setting(doc, sentences):
        details["setting"] = settings[0].value
    if countries := find_country(doc, sentences):
        details["country"] = countries[0].value
    return details


#: Protocol cue weight (see _CUES) a document needs before it can be a protocol.
MIN_PROTOCOL_CUES = 0.5

#: A sentence in which the document reports its own empirical work: what it did
#: ("we interviewed", "participants were recruited", "databases were searched")
#: or what it counted ("a total of 312 patients", "n = 24").
OWN_WORK = re.compile(
    r"\b(?:we|I) (?:\w+ly )?(?:conducted|carried out|performed|undertook|recruited|interviewed|"
    r"surveyed|enrolled|randomi[sz]ed|searched|screened|identified|included|analy[sz]ed|"
    r"examined|assessed|collected|compared|followed|estimated|measured|reviewed|synthesi[sz]ed|"
    r"extracted|selected|observed|studied|explored|investigated|found|evaluated|calculated|"
    r"modell?ed|tested|obtained|linked|applied|used|report|present|describe|simulated|"
    r"will (?:recruit|randomi[sz]e|conduct|interview|search|collect|compare|assess|measure))\b|"
    r"\b(?:this|the present|our) (?:study|trial|survey|evaluation|analysis|review|audit) "
    r"(?:\w+ly )?(?:estimated|examined|assessed|compared|explored|investigated|evaluated|"
    r"analy[sz]ed|found|measured|used|describes|reports)\b|"
    r"\b\d[\d,]* (?:\w+ ){0,4}(?:responded|returned it|took part|participated)\b|"
    r"\b(?:participants|patients|respondents|interviewees|informants|practices|sites|cases|data|"
    r"studies|articles|papers|trials|records|people|women|men|children|adults|individuals|"
    r"subjects|households|staff|professionals|nurses|physicians|practitioners|managers|"
    r"stakeholders|databases|interviews|focus groups|questionnaires|surveys)\b[^.;]{0,60}?"
    r"\b(?:were|was|will be) (?:\w+ly )?(?:recruited|interviewed|enrolled|randomi[sz]ed|"
    r"selected|included|identified|collected|extracted|analy[sz]ed|surveyed|followed|screened|"
    r"assigned|allocated|sampled|obtained|invited|conducted|searched|held|administered|"
    r"distributed|coded|transcribed|reviewed|retrieved|linked|matched)\b|"
    r"\b(?:a total of|in total,?) [\d,]+\b|\(n\s*=\s*\d|\bn\s*=\s*\d[\d,]*\b|"
    r"^\W*(?:methods?|results|findings|design|setting|participants|main outcome measures?)"
    r"(?: and (?:findings|results|analysis))?\s*[:.]\s",
    re.I,
)
#: A title that declares the document's own study ("...: a cross-sectional survey").
DECLARED_STUDY = re.compile(
    r":\s+(?:an?\s+|the\s+)?[\w\s,-]{0,50}?\b(?:study|trial|survey|evaluation|ethnography|"
    r"analysis|audit|experiment|review|meta-analysis)\b[^:]*$",
    re.I,
)
#: Own-work evidence a document needs before it can be given an empirical
#: design (see `_reports_own_study`); below it the document reports no study of
#: its own and is a review, a conceptual paper or an editorial whatever designs
#: it discusses (an essay on trials is not a trial).
MIN_OWN_WORK = 2.0
#: ...or this share of its sentences, for a short abstract with one such sentence.
MIN_OWN_WORK_SHARE = 0.05
#: The labels of documents without an empirical study of their own.
NON_EMPIRICAL = ("narrative-review", "conceptual", "editorial", "protocol")


def _reports_own_study(doc: Document, body: list[tuple[Sentence, str]]) -> bool:
    """Whether the document reports empirical work of its own.

    Each uncited sentence that says what the document did (`OWN_WORK`) or
    counts its participants, interviews or cases counts one; a methods or
    results heading counts two, and so does a title declaring a study. One
    passing description of a trial in a long essay is not a study of its own;
    one methods sentence in a four-sentence abstract is.
    """
    counted = (*_DETAILS.values(), OWN_WORK)
    score = sum(
        1.0 for s, _ in body if not is_cited(s.text) and any(rx.search(s.text) for rx in counted)
    )
    score += 2.0 * len({k for _, k in body} & {"methods", "results"})
    title = doc.title or (body[0][0].text if body else "")
    if DECLARED_STUDY.search(title.strip().splitlines()[0] if title.strip() else ""):
        score += 2.0
    share = score / max(1, len(body))
    return score >= MIN_OWN_WORK or (score >= 1.0 and share >= MIN_OWN_WORK_SHARE)


#: How much more a design cue counts in the document's title than in its text.
TITLE_CUE_WEIGHT = 3.0


def _fold_title(text: str) -> str:
    """A title or sentence compared as words only (Markdown marks, case, punctuation gone)."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _prefer(scores: dict[str, float], cues: dict[str, float], top: str) -> str:
    """Codebook precedence: protocols, editorials and reviews win over the designs they mention.

    Only on the label's own cue patterns ("will be randomised", "this issue",
    "databases were searched"): the classifier's probabilities alone, spread
    over an essay's many "will" sentences, do not make it a protocol.
    """
    for label, share in (("protocol", 0.5), ("editorial", 0.5), ("systematic-review", 0.4)):
        if label == top:
            break
        if cues[label] >= 1.0 and scores[label] >= 1.5 and scores[label] >= share * scores[top]:
            return label
    return top


def classify_design(doc: Document, sentences: Sequence[Sentence]) -> DesignResult:
    """Assign the document's study design.

    Args:
        doc: the document the sentences index into.
        sentences: its sentences, as from `reviewkit.extract.sentences.split_sentences`.

    Returns:
        The label, its confidence, details (sample sizes, setting, country,
        secondary components) and the deciding sentences as evidence.
    """
    kinds = sentence_sections(doc, sentences)
    body = [
        (s, k)
        for s, k in zip(sentences, kinds, strict=True)
        if k not in ("references", "backmatter") and len(s.text.split()) >= 3
    ]
    labels = [label for label in DESIGN_LABELS if label != "other"]
    scores = dict.fromkeys(labels, 0.0)
    cues = dict.fromkeys(labels, 0.0)  # the part of each score from cue patterns
    per_sentence: list[dict[str, float]] = []
    model = design_model()
    probs = model.proba([s.text for s, _ in body])
    column = {label: i for i, label in enumerate(model.labels)}
    title = _fold_title(doc.title or "")
    for (sentence, kind), row in zip(body, probs, strict=True):
        weight = _SECTION_WEIGHT.get(kind, 0.8) * (1.2 if sentence.page <= 2 else 1.0)
        # "...: a mixed-methods study": a design the title declares counts thrice.
        declared = TITLE_CUE_WEIGHT if title and _fold_title(sentence.text) == title else 1.0
        if is_cited(sentence.text):
            weight *= 0.25
        elif SELF_REFERENCE.search(sentence.text):
            weight *= 1.3
        contribution: dict[str, float] = {}
        for label in labels:
            value = max(0.0, row[column[label]] - 0.25) if label in column else 0.0
            cue = sum(w for rx, w in _CUE_RES.get(label, ()) if rx.search(sentence.text)) * 0.5
            cue *= declared
            cues[label] += weight * cue
            value += cue
            if value > 0:
                contribution[label] = weight * value
                scores[label] += weight * value
        per_sentence.append(contribution)

    if not _reports_own_study(doc, body):
        # No study of its own: the designs an essay discusses are other people's.
        for label in labels:
            if label not in NON_EMPIRICAL:
                scores[label] = 0.0
    top = max(scores, key=lambda label: scores[label])
    if top == "protocol" and cues["protocol"] < MIN_PROTOCOL_CUES:
        # A protocol says so ("will be randomised", "study protocol"); future tense
        # alone (an essay's predictions) makes the next label the design.
        top = max((k for k in scores if k != "protocol"), key=lambda label: scores[label])
    if scores[top] < 0.25:
        return DesignResult(
            label="other",
            confidence=0.2,
            details={"reason": "no study-design cues found in the text"},
        )
    label = _prefer(scores, cues, top)
    total = sum(scores.values())
    confidence = (scores[label] / total) * (1.0 - math.exp(-scores[label]))
    deciding = sorted(range(len(body)), key=lambda i: -per_sentence[i].get(label, 0.0))[:3]
    evidence = [
        evidence_at(doc, body[i][0].page, body[i][0].start, body[i][0].end)
        for i in sorted(deciding)
        if per_sentence[i].get(label, 0.0) > 0
    ]
    details = _details(doc, sentences, body)
    components = [
        other
        for other in sorted(scores, key=lambda k: -scores[k])
        if other != label and scores[other] >= max(1.0, 0.35 * scores[label])
    ]
    if components:
        details["components"] = components
    return DesignResult(
        label=label, confidence=round(min(1.0, confidence), 3), details=details, evidence=evidence
    )
