"""Writes the gold JSON files of the held-out set (kept for provenance; run once)."""

import json


def D(term, anchor, attr="", core=True):
    return {"term": term, "anchor": anchor, "attributed_to": attr, "core": core}


def C(stages, attr="", core=True):
    return {"stages": stages, "attributed_to": attr, "core": core}


GOLD = {
    "h01_coordination_trial": (
        ["rct"],
        ["outcomes"],
        [
            D(
                "care coordination",
                "deliberate organization of patient care activities",
                "McDonald [3]",
            ),
            D(
                "unplanned hospitalization",
                "any overnight admission that had not been scheduled",
                "",
                False,
            ),
        ],
        [],
    ),
    "h02_intermediate_care_cohort": (
        ["cohort"],
        ["outcomes"],
        [D("intermediate care", "a range of time-limited services", "Young and Stevenson")],
        [C(["bed-based", "home-based", "reablement"], "", False)],
    ),
    "h03_qualitative_carers": (
        ["qualitative"],
        ["process-only", "outcomes"],
        [
            D("continuity of care", "experience of care as connected and coherent over time"),
            D("key worker", "named professional who co-ordinates the support around one family"),
            D("joined-up care", "don't have to start from scratch every time"),
            D(
                "integration",
                "less a matter of organisational structures than of being known",
                "",
                False,
            ),
        ],
        [],
    ),
    "h04_scoping_review": (
        ["systematic-review"],
        ["process-only"],
        [
            D(
                "interprofessional collaboration",
                "a process in which different professional groups work together",
                "[5]",
            ),
            D("teamwork", "one form of collaboration, characterised by shared identity", "[6]"),
        ],
        [
            C(["individual", "team", "organisational", "system"]),
            C(["parallel practice", "full integration of care"], "D'Amour [7]"),
        ],
    ),
    "h05_protocol_hospital_at_home": (
        ["protocol"],
        ["none"],
        [
            D(
                "hospital at home",
                "provides active treatment by health care professionals, in the patient's home",
                "Shepperd et al.",
            ),
            D(
                "admission avoidance hospital at home",
                "accepts patients directly from the community",
                "",
                False,
            ),
            D("virtual ward", "a team that manages patients at home using the systems"),
        ],
        [],
    ),
    "h06_editorial_bridges": (
        ["editorial"],
        ["none", "process-only"],
        [D("integration", "something built between two banks that stay where they are")],
        [],
    ),
    "h07_glossary_policy": (
        ["conceptual", "other"],
        ["none"],
        [
            D("commissioning", "assessing the needs of a population, planning and buying services"),
            D("joint commissioning", "undertaken by two or more agencies together"),
            D("aligned budget", "keeps in its own accounts"),
            D(
                "section 75 agreement",
                "legal agreement under which NHS bodies and local authorities pool funds",
            ),
        ],
        [],
    ),
    "h08_levels_policy": (
        ["conceptual"],
        ["none"],
        [
            D("macro level", "national government, regulators and funding bodies"),
            D("meso level", "health boards, councils and their partners"),
            D("micro level", "practitioners, teams and the people they support"),
        ],
        [C(["macro", "meso", "micro"]), C(["information sharing", "full structural merger"])],
    ),
    "h09_continuum_prose_review": (
        ["narrative-review"],
        ["none"],
        [
            D(
                "communication",
                "sharing of information between agencies that otherwise act independently",
            ),
            D("cooperation", "agencies help one another on request"),
            D("coordination", "adjust their activities to one another in advance"),
            D("collaboration", "joint work on shared goals with shared risks"),
        ],
        [
            C(
                ["communication", "cooperation", "coordination", "collaboration", "integration"],
                "Keast, Brown and Mandell",
            )
        ],
    ),
    "h10_dichotomy_article": (
        ["other", "cross-sectional", "qualitative"],
        ["process-only", "none"],
        [
            D("horizontal integration", "brings together services at the same stage of care"),
            D("vertical integration", "joins services at different stages of care"),
            D("breadth", "the range of services and groups included", "", False),
            D("depth", "the degree to which their work is combined", "", False),
        ],
        [C(["horizontal", "vertical"], "[8]"), C(["breadth", "depth"], "[9]")],
    ),
    "h11_table_typology": (
        ["qualitative", "other", "case-study"],
        ["process-only"],
        [
            D("functional", "alignment of back-office functions", "", False),
            D("organisational", "mergers, contracts or alliances between organisations", "", False),
            D("professional", "joint working, shared training and common standards", "", False),
            D("clinical", "shared care pathways and single assessment", "", False),
            D("normative", "shared values, culture and vision across partners", "", False),
        ],
        [C(["functional", "organisational", "professional", "clinical", "normative"])],
    ),
    "h12_cross_sectional_survey": (
        ["cross-sectional"],
        ["process-only"],
        [
            D(
                "integrated working",
                "any regular arrangement in which nurses and social workers plan or deliver care",
            ),
            D("co-location", "simply means working from the same building"),
        ],
        [],
    ),
    "h13_conceptual_care_pathways": (
        ["conceptual"],
        ["none"],
        [
            D(
                "care pathway",
                "complex intervention for the mutual decision making",
                "Vanhaecht [11]",
            ),
            D("pathways", "instruments of standardisation"),
            D(
                "integrated care pathway",
                "crosses organisational boundaries, so that hospital and community staff "
                "follow one plan",
                "",
                False,
            ),
            D(
                "clinical guidelines",
                "recommendations about the care of a condition that do not specify who does what",
            ),
        ],
        [],
    ),
    "h14_european_stages": (
        ["case-study"],
        ["none", "process-only"],
        [
            D("contact", "know of each other and exchange information informally"),
            D("cooperation", "agree on limited joint activities"),
            D("coordination", "joint procedures, such as shared discharge routines"),
            D("integration", "form a unified structure with common management"),
            D("chain of care", "a sequence of services linked so that the patient moves"),
        ],
        [C(["contact", "cooperation", "coordination", "integration"], "Axelsson and Axelsson")],
    ),
    "h15_realist_review": (
        ["systematic-review"],
        ["process-only"],
        [
            D(
                "context-mechanism-outcome configuration",
                "statement linking a context, the mechanism it triggers",
                "Pawson and Tilley",
            ),
            D(
                "multidisciplinary team meeting",
                "a scheduled meeting at which at least three professions",
            ),
        ],
        [],
    ),
    "h16_network_paper": (
        ["conceptual"],
        ["none"],
        [
            D(
                "managed clinical network",
                "linked group of health professionals and organisations",
                "Scottish Office",
            ),
            D("informational networks", "share knowledge only", "", False),
            D("coordinated networks", "agree common protocols", "", False),
            D("procurement networks", "hold budgets and buy services", "", False),
        ],
        [
            C(["informational", "coordinated", "procurement"]),
            C(["hierarchies", "markets"], "", False),
            C(["hierarchy", "market", "network"], "", False),
        ],
    ),
    "h17_us_accountable_care": (
        ["non-randomised-controlled", "cohort"],
        ["outcomes"],
        [
            D(
                "accountable care organization",
                "group of physicians, hospitals and other providers that takes collective "
                "responsibility",
                "Fisher et al.",
            ),
            D(
                "behavioral health integration",
                "the provision of mental health and substance use care within the same practice",
            ),
        ],
        [C(["coordinated care", "co-located care", "integrated care"], "[12]")],
    ),
    "h18_teaching_briefing": (
        ["narrative-review", "other"],
        ["none"],
        [
            D(
                "person-centred care",
                "organised around the needs, preferences and strengths of the person",
            ),
            D(
                "co-ordinated care",
                "I can plan my care with people who work together",
                "National Voices",
            ),
            D("personalisation", "giving people choice and control over the support they receive"),
        ],
        [],
    ),
}

for name, (design, outcome, defs, conts) in GOLD.items():
    with open(f"{name}.json", "w", encoding="utf-8") as fh:
        json.dump(
            {
                "file": f"{name}.md",
                "document_type": ["research-article"],
                "study_design": design,
                "outcome_reporting": outcome,
                "definitions": defs,
                "continua": conts,
            },
            fh,
            indent=1,
            ensure_ascii=False,
        )
        fh.write("\n")
