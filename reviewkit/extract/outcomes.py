"""Outcome reporting of a document, per the CODEBOOK: outcomes, process-only or none.

A calibrated sentence classifier (TF-IDF + linear SVM, isotonic
calibration, 5-fold; trained at first use on ``data/outcome_sentences.jsonl``)
gives each sentence the probability that it reports a finding on outcomes for
people who use services or their carers ("outcome"), a finding on the process
of working together ("process"), or neither (aims, methods, measures, claims
that outcomes are hard to show, "focused on process rather than outcomes").
Precise patterns veto what the codebook says is not a finding: future tense
(a plan), and statements about what research has or has not focused on.

The document label follows the codebook: ``outcomes`` when at least one
sentence is an outcome finding, ``process-only`` when there is a process
finding and no outcome finding, ``none`` otherwise. Documents whose design
reports no findings of their own (protocols) are ``none``; conceptual papers
and editorials are ``none`` unless they state an outcome finding outright
(calibrated probability >= 0.8).

Confidence: with sentence probabilities p_i taken as independent, the
probability that at least one sentence is an outcome finding is
1 - prod(1 - p_i) over the sentences above 0.3 ("noisy-or"); process-only and
none multiply the corresponding probabilities; a "none" that rests on the
design adds the design's confidence.

Calibration of the sentence classifier (held-out 30%, stratified, seed 0;
`reviewkit.extract.classifier.calibration_report("outcome_sentences.jsonl")`; 398
rows): accuracy 0.84, Brier 0.23 (multiclass, summed over 3 classes);
reliability of the top probability: 0.4-0.6: mean 0.52 vs accuracy 0.56
(n=16); 0.6-0.8: 0.71 vs 0.75 (n=28); 0.8-1.0: 0.92 vs 0.93 (n=75). Over five
random 70/30 splits: Brier 0.25, expected calibration error 0.05.

Where a sentence stands counts too (`in_findings`): after a structured
abstract's "Results:" or "Conclusions:" label, or in a results section, a
finding-shaped sentence with any outcome or process signal is taken as at
least an even chance of being a finding (the classifier, trained on sentences
out of context, under-rates real findings), unless it says how data were
gathered ("focus groups were conducted").

A sentence can only be an outcome finding when it names the people served or an
outcome measure (`_ABOUT_USERS`): that keeps sentences about boards, budgets or
negotiations out, whatever their words suggest to the classifier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from reviewkit.document import Document, Evidence, evidence_at
from reviewkit.extract.classifier import TextClassifier, fit_text_classifier, load_rows
from reviewkit.extract.fields import sentence_sections
from reviewkit.extract.model_cache import cached_fit

if TYPE_CHECKING:
    from reviewkit.extract.design import DesignResult
    from reviewkit.extract.sentences import Sentence

OUTCOME_LABELS: tuple[str, ...] = ("outcomes", "process-only", "none")

METHOD = "classifier:svm-tfidf-isotonic+patterns"

#: a sentence counts as a finding of its kind above this calibrated probability
THRESHOLD = 0.5
#: in a findings section, the least outcome + process probability that makes a
#: sentence a candidate finding (below it the classifier sees neither at all)
MIN_FINDING_SIGNAL = 0.1
#: at most this many sentences of each kind are kept as evidence
MAX_EVIDENCE = 8

# Not findings, whatever their words: plans, and statements about the literature's focus.
_NOT_A_FINDING = re.compile(
    r"\bwill (?:be |have )?\w+|\bwe (?:aim|intend|plan|hypothesi[sz]e)|"
    r"^\s*(?:aims?|objectives?|purpose|research questions?)\s*[:.]|"
    r"^\s*to (?:understand|explore|assess|examine|evaluate|determine|investigate|describe|"
    r"compare|identify|estimate)\b|"
    r"\b(?:focus(?:ed|es|ing)?|concentrated|relied) (?:\w+ ){0,3}on (?:the )?(?:issues of )?"
    r"process(?:es)?\b[^.]{0,60}\b(?:rather than|not|than)\b|"
    r"\brather than (?:on )?(?:whether [^.]{0,80})?outcomes\b|"
    r"\b(?:difficult|hard|challenging) to (?:show|demonstrate|measure|evidence|attribute)\b|"
    r"\b(?:primary|secondary|main) outcomes? (?:was|were|is|are|included|measures?)\b",
    re.I,
)
# An outcome finding talks about the people served or about an outcome measure; a
# sentence naming neither (about negotiations, boards, budgets) cannot be one.
_ABOUT_USERS = re.compile(
    r"\b(?:patients?|(?:service )?users?|people|persons?|residents?|clients?|carers?|caregivers?|"
    r"famil(?:y|ies)|child(?:ren)?|parents?|mothers?|women|men|participants?|adults|veterans|"
    r"individuals|tenants|pupils|young people|"
    r"(?:re)?admi(?:ssions?|tted)|hospitali[sz]\w*|inpatient|discharges?|mortality|deaths?|died|"
    r"dying|survival|suicides?|quality of life|quality-adjusted|well-?being|QALYs?|function\w*|"
    r"independen\w*|dependency|disabilit\w*|bed days|length of stay|institutional|care homes?|"
    r"nursing homes?|residential care|long-term care|satisf\w*|experience\w*|symptoms?|"
    r"depress\w*|anxiety|pain|falls?|costs?|out-of-pocket|service use|attendances?|"
    r"visits|emergency|lonel\w*|isolat\w*|burden|strain|HbA1c|glycaemic|outcomes?|unmet need\w*|"
    r"waiting times?|relapse\w*|reoffend\w*|homeless\w*|employment|school|births?|at home|"
    r"safer|in control|(?:mental|physical|self-rated|general|oral|their|own) health|"
    r"health (?:status|outcomes?|gains?)|health-related|\w*weight|smok\w*|abstinen\w*|"
    r"blood pressure|BMI|recover\w*|mobility|frailty|cognit\w*|behaviour\w*|"
    r"(?:intervention|control|comparison|treatment|usual care) (?:groups?|arms?|practices|sites)|"
    r"(?:between|both|two) (?:groups|arms))\b",
    re.I,
)
# A participant's own words ("'I own the care package...'") illustrate a theme; the
# finding is the authors' sentence that states it, so quotes count for half.
_PARTICIPANT_QUOTE = re.compile(r"^\s*[‘“'\"]|[’”'\"]\s*(?:\([^)]{0,40}\))?\s*$")
_FIRST_PERSON = re.compile(r"(?-i:\bI\b)|\b(?:my|me)\b", re.I)
_SENTENCE_END = re.compile(r"[.!;:][\"'’”)\]]*\s*$")


def _is_finding_shaped(text: str) -> bool:
    """A finding is a sentence: titles, headings and questions are not findings."""
    words = len(text.split())
    return words >= 5 and (bool(_SENTENCE_END.search(text)) or words >= 25)


@dataclass
class OutcomeResult:
    """What the document reports: outcomes for users, only process, or no findings.

    Attributes:
        label: "outcomes", "process-only" or "none".
        confidence: in [0, 1]; see the module docstring.
        outcome_evidence: sentences reporting findings on user or carer outcomes.
        process_evidence: sentences reporting findings on the process of working together.
    """

    label: str
    confidence: float
    outcome_evidence: list[Evidence] = field(default_factory=list)
    process_evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``outcome_reporting`` object of the analysis contract."""
        return {
            "label": self.label,
            "confidence": self.confidence,
            "outcome_evidence": [e.to_json() for e in self.outcome_evidence],
            "process_evidence": [e.to_json() for e in self.process_evidence],
        }


@cache
def outcome_model() -> TextClassifier:
    """The outcome/process/neither sentence classifier, trained on first use."""
    return cached_fit("outcomes", lambda: fit_text_classifier(load_rows("outcome_sentences.jsonl")))


#: A label opening a part of a structured abstract ("Results: ...") or a short
#: heading line ("## Key messages").
_INLINE_LABEL = re.compile(
    r"(?m)(?:^[#\s>*-]*|(?<=[.!?] ))"
    r"(background|introduction|aims?|objectives?|purpose|context|theme|"
    r"methods?|design|setting|participants|interventions?|measures|results|findings|"
    r"main (?:results|findings)|key (?:messages|findings|points)|conclusions?|discussion|"
    r"implications|interpretation|limitations)\b[^\n:]{0,30}(?::|$)",
    re.I,
)
_FINDING_LABELS = re.compile(
    r"^(?:results|findings|main (?:results|findings)|key (?:messages|findings|points)|"
    r"conclusions?|interpretation)\b",
    re.I,
)


#: how the data were gathered: a methods sentence, even under "Results"
_DATA_COLLECTION = re.compile(
    r"\b(?:were|was) (?:conducted|recruited|interviewed|enrolled|included|invited|sampled|"
    r"collected|held|administered|transcribed|coded)\b|\b(?:took part|participated) in\b",
    re.I,
)


def in_findings(doc: Document, sentence: Sentence, kind: str) -> bool:
    """Whether the sentence sits where a document reports its findings.

    A results or conclusions section, or the part of a structured abstract
    after its "Results:", "Findings:" or "Conclusions:" label.
    """
    text = doc.page(sentence.page).text[: sentence.start + 40]
    labels = list(_INLINE_LABEL.finditer(text))
    if labels:
        last = labels[-1]
        return bool(_FINDING_LABELS.match(last.group(1)))
    return kind in ("results",)


def score_sentences(
    texts: Sequence[str], findings: Sequence[bool] | None = None
) -> list[tuple[float, float]]:
    """(p_outcome, p_process) per sentence, with the not-a-finding veto applied.

    Args:
        texts: the sentences.
        findings: per sentence, whether it stands where the document reports
            its findings (`in_findings`). There a finding-shaped sentence is a
            finding more often than the classifier, trained on sentences
            out of context, believes: the probability that it is one is
            raised to at least an even chance, split between outcome and
            process in the classifier's proportion.
    """
    model = outcome_model()
    probs = model.proba(list(texts))
    i_out, i_proc = model.labels.index("outcome"), model.labels.index("process")
    zones = list(findings) if findings is not None else [False] * len(texts)
    scores = []
    for text, row, zone in zip(texts, probs, zones, strict=True):
        if not _is_finding_shaped(text) or _NOT_A_FINDING.search(text):
            scores.append((0.0, 0.0))
        else:
            p_outcome = float(row[i_out]) if _ABOUT_USERS.search(text) else 0.0
            p_process = float(row[i_proc])
            signal = p_outcome + p_process
            if zone and signal >= MIN_FINDING_SIGNAL and not _DATA_COLLECTION.search(text):
                finding = 0.5 + signal / 2
                p_outcome, p_process = finding * p_outcome / signal, finding * p_process / signal
            if _PARTICIPANT_QUOTE.search(text) and _FIRST_PERSON.search(text):
                p_outcome, p_process = p_outcome / 2, p_process / 2
            scores.append((p_outcome, p_process))
    return scores


def _noisy_or(probabilities: Sequence[float]) -> float:
    none = 1.0
    for p in probabilities:
        none *= 1.0 - p
    return 1.0 - none


def classify_outcomes(
    doc: Document, sentences: Sequence[Sentence], design: DesignResult | None = None
) -> OutcomeResult:
    """Label the document's outcome reporting.

    Args:
        doc: the document the sentences index into.
        sentences: its sentences.
        design: its study design when already known; computed when omitted.

    Returns:
        The label, its confidence and the outcome and process sentences.
    """
    if design is None:
        from reviewkit.extract.design import classify_design

        design = classify_design(doc, sentences)
    kinds = sentence_sections(doc, sentences)
    pairs = [
        (s, k)
        for s, k in zip(sentences, kinds, strict=True)
        if k not in ("references", "backmatter", "methods")
    ]
    body = [s for s, _ in pairs]
    scores = score_sentences([s.text for s in body], [in_findings(doc, s, k) for s, k in pairs])
    outcome = [(p_out, s) for s, (p_out, p_proc) in zip(body, scores, strict=True) if p_out >= 0.3]
    process = [
        (p_proc, s) for s, (p_out, p_proc) in zip(body, scores, strict=True) if p_proc >= 0.3
    ]
    outcome_found = [(p, s) for p, s in outcome if p >= THRESHOLD]
    process_found = [(p, s) for p, s in process if p >= THRESHOLD]
    p_outcome = _noisy_or([p for p, _ in outcome])
    p_process = _noisy_or([p for p, _ in process])

    def evidence(found: list[tuple[float, Sentence]]) -> list[Evidence]:
        best = sorted(found, key=lambda ps: -ps[0])[:MAX_EVIDENCE]
        ordered = sorted((s for _, s in best), key=lambda s: (s.page, s.start))
        return [evidence_at(doc, s.page, s.start, s.end) for s in ordered]

    empirical_none = (1.0 - p_outcome) * (1.0 - p_process)
    if design.label in ("protocol", "conceptual", "editorial"):
        # The codebook's "none" documents; only an outright outcome finding overrides,
        # and never in a protocol, which has no results to report.
        strong = [(p, s) for p, s in outcome_found if p >= 0.8 and design.label != "protocol"]
        if strong:
            return OutcomeResult("outcomes", round(p_outcome, 3), evidence(strong), [])
        # none if the design is right, or if it is wrong but no finding was seen
        confidence = design.confidence + (1.0 - design.confidence) * empirical_none
        return OutcomeResult("none", round(confidence, 3))
    if outcome_found:
        return OutcomeResult(
            "outcomes", round(p_outcome, 3), evidence(outcome_found), evidence(process_found)
        )
    if process_found:
        return OutcomeResult(
            "process-only", round((1.0 - p_outcome) * p_process, 3), [], evidence(process_found)
        )
    return OutcomeResult("none", round(empirical_none, 3))
