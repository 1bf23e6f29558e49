"""Generate the demo search results and the expected answers.

Usage::

    python corpora/demo/make_records.py

Writes, beside this script:

* ``search_results.ris``: a combined export from two fictional database
  searches ("Scopus" and "Social Care Online", told apart by the ``DB`` tag),
  with the duplicates such an export contains;
* ``search_results_pubmed.nbib``: a PubMed (MEDLINE format) export of a third
  search that partly overlaps the first two;
* ``expected.json``: the expected answers for the demo: per paper, the labels
  in ``gold/*.json`` with title, year and DOI from ``papers/*.md``; for the
  records, the counts per file and per database, the duplicate pairs and the
  relevant works.

Every record is fictional, generated from the templates and word lists below
with a fixed seed, so the output is identical on every run (no third-party
packages needed). The ten demo papers appear among the relevant records with
the titles and DOIs of their PDFs.
"""

# ruff: noqa: E501 - the templates and word lists below are long sentences, kept one per line

from __future__ import annotations

import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from make_pdfs import PAPERS, parse_paper

HERE = Path(__file__).resolve().parent
RIS_FILE = HERE / "search_results.ris"
NBIB_FILE = HERE / "search_results_pubmed.nbib"
EXPECTED = HERE / "expected.json"
GOLD = HERE / "gold"

SEED = 20240601
N_RELEVANT_GENERATED = 20  # plus the 10 demo papers: 30 relevant works in the RIS
N_IRRELEVANT = 300
N_PUBMED_ONLY_RELEVANT = 4
N_PUBMED_ONLY_IRRELEVANT = 11
N_PUBMED_OVERLAP = 25

# --------------------------------------------------------------------------
# word lists
# --------------------------------------------------------------------------

SURNAMES = """Abbott Achebe Adeyemi Ahlgren Alvarez Amadi Andersen Appiah Arkwright Asante
Baptiste Barlow Bergstrom Bhatt Blackwood Boateng Brennan Byrne Calloway Campos Carmichael
Castellanos Chadwick Chowdhury Cole Costa Dalgleish Darko Delacroix Devlin Doherty Duarte
Eklund Ellison Enwright Esposito Farrow Feld Fenwick Ferreira Fitzgerald Fontaine Gallagher
Garrido Gillespie Goldberg Gunawardena Haddad Halvorsen Harcourt Hassan Holm Hughes Ibrahim
Ingram Ito Jablonski Jovanovic Kaur Keane Kimura Kowalczyk Lacey Larsen Lindqvist Lorenz
Macready Mahlangu Marchetti Mensah Moreau Mwangi Nakamura Nilsen Novak Nwosu Oakley Obi
Okonkwo Olsen Pacheco Patel Pereira Petrov Pryce Quigley Rahman Rasmussen Reyes Rowntree
Saleh Sandoval Schofield Sethi Sherwood Silva Sorensen Strand Tamura Thorne Toivonen Udeh
Varga Vasquez Wainwright Walcott Warsame Whitlock Wojcik Yamamoto Yusuf Zielinski""".split()  # noqa: SIM905

GIVEN = """Aaliyah Adam Aisha Alan Alice Amara Ana Anders Ben Bronwen Carla Chen Chidi Claire
Dana David Eamon Elena Emeka Erik Fatima Finn Grace Hana Hugo Ines Ivan Jamal Jana Joanna
Jonas Kai Karin Kemi Laila Lars Leah Liam Lina Luca Mara Marek Maya Mei Nadia Nils Noor
Olga Omar Pavel Petra Rafael Rosa Ruth Sade Sara Tariq Tomas Una Vera Wen Yara Yusuf Zoe""".split()  # noqa: SIM905

#: Fictional places (the output depends on their order).
PLACES = [
    "Westmarch", "Kelderby", "Easthaven", "Carrow", "Tolland", "Brynmor", "Lower Aston",
    "Harrowgate Vale", "Northmoor", "Saltcombe", "Ferndale", "Glenbury", "Ashworth", "Mereford",
    "Holloway Valley", "Rivenhall", "Dunmore", "Kestrel Bay", "Oldcastle",
]  # fmt: skip

# --- relevant: evaluations of integrated health and social care -----------

INTERVENTIONS = [
    "integrated health and social care teams",
    "joint health and social care assessment",
    "pooled health and social care budgets",
    "co-located community nursing and social work teams",
    "integrated discharge planning with social services",
    "joint commissioning of health and social care",
    "a single point of access to health and social care",
    "health and social care case management",
    "an integrated care trust",
    "shared health and social care records",
    "joint reablement by health and social care staff",
    "integrated neighbourhood health and social care teams",
]
POPULATIONS = [
    "older people living at home",
    "adults with learning disabilities",
    "people with dementia and their carers",
    "frail older adults",
    "adults with multiple long-term conditions",
    "older people leaving hospital",
    "adults with severe mental illness",
    "disabled children and their families",
]
USER_OUTCOMES = [
    ("emergency hospital admissions", "Emergency admissions did not differ between the groups"),
    (
        "admissions to care homes",
        "Fewer people in the intervention group moved permanently into a care home",
    ),
    ("quality of life", "Quality of life improved slightly more in the intervention group"),
    ("carer strain", "Carer strain was similar in both groups at follow-up"),
    ("delayed transfers of care", "Delayed transfers of care fell after the change"),
    (
        "satisfaction with care",
        "Service users reported higher satisfaction with the co-ordination of their care",
    ),
    (
        "independence in daily living",
        "More people remained independent in daily living at six months",
    ),
]
PROCESS_FOCI = [
    ("partnership working", "Partners described improved relationships but unclear accountability"),
    (
        "governance and leadership",
        "Boards ratified decisions taken informally by a few senior officers",
    ),
    (
        "trust between professions",
        "Trust between nurses and social workers grew slowly through shared work",
    ),
    ("staff experience", "Staff valued co-location but reported tension over professional roles"),
    (
        "information sharing",
        "Separate information systems remained the main obstacle to joint working",
    ),
]
REL_DESIGNS = {
    "rct": (
        "a cluster-randomised controlled trial",
        "Practices were randomly allocated to the intervention or to usual care and participants followed for 12 months.",
    ),
    "cohort": (
        "a matched cohort study using linked administrative data",
        "People receiving the service were matched to comparison people from neighbouring areas using linked health and social care records.",
    ),
    "cba": (
        "a controlled before-after study",
        "Outcomes were compared with a similar comparison area before and after the change.",
    ),
    "qual": (
        "a qualitative interview study",
        "Semi-structured interviews with managers and front-line staff were analysed thematically.",
    ),
    "case": (
        "a multiple case study",
        "Three case sites were studied through interviews, observation of meetings and documents.",
    ),
    "mixed": (
        "a mixed-methods evaluation",
        "Routine data on service use were combined with interviews with service users, carers and staff.",
    ),
    "review": (
        "a systematic review",
        "Five bibliographic databases were searched and controlled studies of integrated health and social care were included.",
    ),
    "realist": (
        "a realist evaluation",
        "Programme theories were developed with stakeholders and tested through interviews and routine data.",
    ),
}
REL_TITLES = [
    "{Intv} for {pop}: {design}",
    "Effects of {intv} on {outcome} among {pop}: {design}",
    "Does {intv} affect {outcome}? {Design} in {place}",
    "{Intv} in {place}: {design} of {focus}",
    "Joining up health and social care for {pop}: {design} of {intv}",
    "Evaluating {intv} in {place}: {design}",
]
REL_BACKGROUND = [
    "Closer integration of health and social care is a policy priority, but evidence on what it achieves for {pop} remains limited.",
    "Health and social care services for {pop} are often fragmented, with separate assessments, budgets and records.",
    "Many local areas have introduced {intv}, hoping to improve support for {pop} and reduce reliance on hospitals.",
    "Joint working between health services and local authority social services is widely promoted but rarely evaluated rigorously.",
]
REL_CONCLUSION = [
    "Integrated health and social care may improve outcomes that matter to {pop}, although effects on hospital use were small.",
    "Closer working between health and social care requires sustained attention to relationships, governance and shared information.",
    "Commissioners should set realistic expectations of what integration between health and social care can achieve.",
    "Further evaluation of integrated health and social care should report outcomes for service users and carers.",
]
REL_KEYWORDS = [
    "integrated care",
    "health and social care",
    "social services",
    "joint working",
    "partnership working",
    "community care",
    "older people",
    "care co-ordination",
    "social work",
    "community nursing",
    "interagency collaboration",
]
REL_JOURNALS = [
    "Journal of Integrated Community Care",
    "Health and Social Care Review",
    "International Review of Care Partnerships",
    "Northern Journal of Health Services",
    "Policy and Care Quarterly",
    "Journal of Ageing and Community Support",
]

# --- irrelevant topics (including near misses) -----------------------------


@dataclass
class Topic:
    name: str
    titles: list[str]
    slots: dict[str, list[str]]
    background: list[str]
    methods: list[str]
    results: list[str]
    conclusions: list[str]
    keywords: list[str]
    journals: list[str]
    pubmed: bool = True  # indexed in the fictional PubMed too
    near_miss: bool = False


TOPICS = [
    Topic(
        "hospital pharmacy",
        [
            "Pharmacist-led medication reconciliation on admission to {ward}: {design}",
            "Effect of {pharm_int} on prescribing errors in {ward}",
            "{Pharm_int} and adverse drug events among {hpop}: {design}",
        ],
        {
            "ward": [
                "acute medical units",
                "surgical wards",
                "paediatric wards",
                "intensive care units",
            ],
            "pharm_int": [
                "clinical pharmacist ward rounds",
                "electronic prescribing",
                "automated dispensing cabinets",
                "antimicrobial stewardship",
                "pharmacist discharge counselling",
            ],
            "hpop": [
                "hospital inpatients",
                "older inpatients",
                "patients receiving anticoagulants",
            ],
            "design": [
                "a before-after study",
                "a randomised trial",
                "a retrospective audit",
                "a stepped-wedge trial",
            ],
        },
        [
            "Medication errors are a common cause of avoidable harm in hospital.",
            "Hospital pharmacists are increasingly deployed on wards to review prescribing.",
        ],
        [
            "Prescribing errors were identified from drug charts by two pharmacists blind to allocation.",
            "All medication orders over six months were audited against national standards.",
        ],
        [
            "The rate of prescribing errors fell from 8.4 to 5.1 per 100 orders.",
            "Clinically significant errors were reduced, and pharmacist time per patient was modest.",
            "There was no change in length of stay, but adverse drug events decreased.",
        ],
        [
            "Ward-based pharmacy services improve the safety of prescribing.",
            "Medication safety initiatives should be extended to other specialties.",
        ],
        ["medication errors", "hospital pharmacy", "prescribing", "patient safety", "pharmacists"],
        ["Journal of Hospital Pharmacy Practice", "Medication Safety Quarterly"],
    ),
    Topic(
        "dental care",
        [
            "{Dental_int} and dental caries in {dpop}: {design}",
            "Oral health outcomes of {dental_int} for {dpop}",
            "Periodontal treatment in {dpop}: {design}",
        ],
        {
            "dental_int": [
                "fluoride varnish",
                "fissure sealants",
                "supervised toothbrushing",
                "silver diamine fluoride",
            ],
            "dpop": [
                "preschool children",
                "primary school children",
                "adolescents with orthodontic appliances",
                "adults with diabetes",
            ],
            "design": [
                "a randomised controlled trial",
                "a cohort study",
                "a cross-sectional survey",
            ],
        },
        [
            "Dental caries remains the most common chronic disease of childhood.",
            "Periodontal disease is associated with poor glycaemic control.",
        ],
        [
            "Caries increment was measured by calibrated examiners using the DMFT index.",
            "Probing pocket depth and clinical attachment level were recorded at baseline and one year.",
        ],
        [
            "Caries increment was 38 per cent lower in the intervention group.",
            "Mean pocket depth improved by 0.6 mm after treatment.",
            "Sealant retention was 81 per cent at two years.",
        ],
        [
            "Preventive dental programmes in schools are effective and acceptable.",
            "Dentists should integrate periodontal screening into routine check-ups.",
        ],
        ["dental caries", "fluoride", "oral health", "dentistry", "periodontitis"],
        ["Journal of Community Dentistry", "Oral Health Research"],
    ),
    Topic(
        "school nutrition",
        [
            "School meal standards and {nut_outcome} in {spop}: {design}",
            "Effect of {nut_int} on {nut_outcome} among {spop}",
            "{Nut_int} in {place} schools: {design}",
        ],
        {
            "nut_int": [
                "free school breakfasts",
                "sugar-sweetened drink restrictions",
                "fruit and vegetable schemes",
                "cooking lessons",
            ],
            "nut_outcome": [
                "fruit and vegetable intake",
                "body mass index",
                "attention in class",
                "dietary quality",
            ],
            "spop": [
                "primary school children",
                "secondary school pupils",
                "children in deprived areas",
            ],
            "design": [
                "a cluster-randomised trial",
                "a natural experiment",
                "a cross-sectional survey",
            ],
        },
        [
            "Poor diet in childhood tracks into adult life and contributes to obesity.",
            "Schools are a setting in which children's diets can be improved at scale.",
        ],
        [
            "Dietary intake was measured with 24-hour recall at baseline and follow-up.",
            "Height and weight were measured by trained researchers in each school.",
        ],
        [
            "Fruit and vegetable intake increased by 0.4 portions a day.",
            "There was no change in body mass index z-scores after one year.",
            "Teachers reported better attention in morning lessons.",
        ],
        [
            "School food policies can improve children's diets.",
            "Nutrition standards should be monitored and enforced.",
        ],
        ["school meals", "child nutrition", "obesity", "diet", "schools"],
        ["Journal of Child Nutrition", "Public Health Nutrition Review"],
    ),
    Topic(
        "surgical techniques",
        [
            "Laparoscopic versus open {procedure}: {design}",
            "Outcomes of {procedure} using {surg_tech}: {design}",
            "{Surg_tech} for {procedure} in {surg_pop}",
        ],
        {
            "procedure": [
                "appendicectomy",
                "inguinal hernia repair",
                "cholecystectomy",
                "colorectal resection",
                "hip arthroplasty",
            ],
            "surg_tech": [
                "robotic assistance",
                "enhanced recovery protocols",
                "mesh fixation with glue",
                "single-incision surgery",
                "regional anaesthesia",
            ],
            "surg_pop": ["adults", "older patients", "obese patients"],
            "design": [
                "a randomised controlled trial",
                "a retrospective cohort study",
                "a meta-analysis",
            ],
        },
        [
            "Minimally invasive techniques may reduce post-operative pain and length of stay.",
            "Surgical site infection remains an important complication.",
        ],
        [
            "Operative time, complications and length of stay were recorded prospectively.",
            "Patients were randomised in theatre using sealed envelopes.",
        ],
        [
            "Length of stay was one day shorter with the minimally invasive approach.",
            "Complication rates were similar, but operative time was longer.",
            "Thirty-day readmission did not differ between techniques.",
        ],
        [
            "The technique is safe and shortens recovery.",
            "Surgeons should weigh longer operating times against faster recovery.",
        ],
        ["surgery", "laparoscopy", "post-operative complications", "length of stay"],
        ["Journal of Surgical Practice", "International Surgery Reports"],
    ),
    Topic(
        "veterinary",
        [
            "Antimicrobial use in {species} on {farm}: {design}",
            "Prevalence of {vet_disease} in {species}",
            "Vaccination against {vet_disease} in {species}: {design}",
        ],
        {
            "species": ["dairy cattle", "broiler chickens", "pigs", "companion dogs", "sheep"],
            "farm": ["commercial farms", "organic farms", "smallholdings"],
            "vet_disease": [
                "bovine mastitis",
                "avian influenza",
                "lameness",
                "canine parvovirus",
                "foot rot",
            ],
            "design": ["a cross-sectional survey", "a field trial", "a longitudinal study"],
        },
        [
            "Antimicrobial resistance in livestock is a growing concern for animal and human health.",
            "Infectious disease causes large economic losses in animal production.",
        ],
        [
            "Farm records and veterinary invoices were used to estimate antimicrobial use.",
            "Animals were examined and sampled by veterinarians on each visit.",
        ],
        [
            "Antimicrobial use fell by 27 per cent after the stewardship programme.",
            "Prevalence was 14 per cent, higher on larger units.",
            "Vaccinated animals had lower incidence over the season.",
        ],
        [
            "Veterinary stewardship programmes can reduce antimicrobial use.",
            "Biosecurity on farms should be strengthened.",
        ],
        ["veterinary medicine", "antimicrobial resistance", "livestock", "animal health"],
        ["Veterinary Record Studies", "Journal of Animal Health"],
        pubmed=False,
    ),
    Topic(
        "oncology screening",
        [
            "Uptake of {screening} among {cpop}: {design}",
            "{Reminder} to increase {screening} uptake: {design}",
        ],
        {
            "screening": [
                "cervical screening",
                "bowel cancer screening",
                "breast screening",
                "lung cancer screening",
            ],
            "cpop": [
                "women in deprived areas",
                "adults aged 50 to 74",
                "ethnic minority groups",
                "current smokers",
            ],
            "reminder": [
                "text message reminders",
                "GP endorsement letters",
                "community health worker outreach",
            ],
            "design": ["a randomised trial", "a cross-sectional study", "a qualitative study"],
        },
        [
            "Participation in cancer screening is lower in disadvantaged groups.",
            "Early detection through screening reduces cancer mortality.",
        ],
        [
            "Uptake was measured from screening programme records.",
            "Participants were randomised to reminder or standard invitation.",
        ],
        [
            "Uptake increased by 6 percentage points with reminders.",
            "Barriers included fear, embarrassment and practical difficulties.",
        ],
        ["Simple reminders are a cost-effective way of increasing screening uptake."],
        ["cancer screening", "uptake", "health inequalities", "prevention"],
        ["Journal of Cancer Prevention", "Screening Research"],
    ),
    Topic(
        "physiotherapy",
        ["{Physio_int} for {condition}: {design}", "Effectiveness of {physio_int} in {condition}"],
        {
            "physio_int": [
                "supervised exercise",
                "manual therapy",
                "telerehabilitation",
                "hydrotherapy",
            ],
            "condition": [
                "chronic low back pain",
                "knee osteoarthritis",
                "stroke rehabilitation",
                "rotator cuff tendinopathy",
            ],
            "design": ["a randomised controlled trial", "a systematic review", "a pilot study"],
        },
        [
            "Musculoskeletal conditions are a leading cause of disability.",
            "Exercise is recommended for many musculoskeletal conditions.",
        ],
        [
            "Pain and function were measured with validated scales at 12 weeks.",
            "Sessions were delivered by physiotherapists twice weekly.",
        ],
        [
            "Pain scores improved more in the intervention group.",
            "Function improved in both groups with no difference between them.",
        ],
        ["Exercise-based physiotherapy should be offered early."],
        ["physiotherapy", "exercise therapy", "rehabilitation", "musculoskeletal pain"],
        ["Physiotherapy Research Journal", "Journal of Rehabilitation Science"],
    ),
    # ---- near misses: close to the topic but not about integrating health and social care
    Topic(
        "integrated care pathway in hospital",
        [
            "An integrated care pathway for {condition2} in the {hunit}: {design}",
            "Integrated clinical pathways and length of stay for {condition2}",
            "Implementing an integrated care pathway for {condition2}: {design}",
        ],
        {
            "condition2": [
                "hip fracture",
                "community-acquired pneumonia",
                "acute stroke",
                "sepsis",
                "heart failure",
            ],
            "hunit": ["emergency department", "acute medical unit", "district general hospital"],
            "design": ["a before-after study", "an audit", "a quality improvement project"],
        },
        [
            "Integrated care pathways standardise hospital treatment for common conditions.",
            "Variation in hospital care for {condition2} is associated with worse outcomes.",
        ],
        [
            "Compliance with pathway standards was audited from case notes.",
            "Length of stay and in-hospital mortality were compared before and after introduction.",
        ],
        [
            "Median length of stay fell by 1.5 days after the pathway was introduced.",
            "Time to antibiotics improved, but mortality was unchanged.",
        ],
        ["Hospital care pathways improve adherence to clinical guidelines."],
        ["clinical pathways", "hospital care", "quality improvement", "length of stay"],
        ["Journal of Hospital Medicine Practice", "Clinical Governance Review"],
        near_miss=True,
    ),
    Topic(
        "primary-secondary health care integration",
        [
            "Integrating specialist {spec} care into general practice: {design}",
            "Shared care between hospital specialists and GPs for {ltc}: {design}",
            "Vertical integration of primary and hospital care for {ltc}",
        ],
        {
            "spec": ["diabetes", "respiratory", "dermatology", "cardiology"],
            "ltc": ["type 2 diabetes", "COPD", "chronic kidney disease", "atrial fibrillation"],
            "design": [
                "a cluster-randomised trial",
                "a cohort study",
                "a mixed-methods evaluation",
            ],
        },
        [
            "Specialist outreach into primary care aims to reduce hospital referrals.",
            "Shared care models divide responsibility between hospital specialists and general practitioners.",
        ],
        [
            "Referral rates and clinical indicators were compared between practices.",
            "HbA1c and blood pressure were extracted from practice records.",
        ],
        [
            "Outpatient referrals fell by 22 per cent in intervention practices.",
            "Clinical indicators were similar between models.",
        ],
        ["Specialist support for general practice can reduce outpatient demand."],
        [
            "primary care",
            "specialist outreach",
            "shared care",
            "general practice",
            "integrated care",
        ],
        ["Primary Care Research Journal", "Journal of General Practice Studies"],
        near_miss=True,
    ),
    Topic(
        "social care workforce",
        [
            "Turnover and pay among {worker}: {design}",
            "Job satisfaction of {worker} in {place}",
            "Recruitment and retention of {worker}: {design}",
        ],
        {
            "worker": [
                "home care workers",
                "care home staff",
                "personal assistants",
                "social care managers",
            ],
            "design": ["a national survey", "a longitudinal study", "a qualitative study"],
        },
        [
            "The social care workforce has high vacancy and turnover rates.",
            "Low pay and insecure contracts are common among care workers.",
        ],
        [
            "An online questionnaire was sent to care providers in the region.",
            "Workforce records from independent providers were analysed.",
        ],
        [
            "Annual turnover was 31 per cent and higher among zero-hours staff.",
            "Workers valued flexibility but reported stress and low recognition.",
        ],
        ["Improving pay and conditions is essential to a stable care workforce."],
        ["social care workforce", "turnover", "care workers", "employment"],
        ["Social Care Workforce Review", "Journal of Care Employment"],
        pubmed=False,
        near_miss=True,
    ),
    Topic(
        "adult social care, not integration",
        [
            "Unmet need for social care among {scpop}: {design}",
            "Personal budgets in adult social care and {sc_outcome}: {design}",
            "Care home closures and local authority fees in {place}",
            "Charging for home care and {sc_outcome} among {scpop}",
        ],
        {
            "scpop": [
                "older people living alone",
                "working-age disabled adults",
                "people with dementia",
                "older carers",
            ],
            "sc_outcome": [
                "choice and control",
                "financial hardship",
                "take-up of services",
                "wellbeing",
            ],
            "design": [
                "a cross-sectional survey",
                "a secondary analysis of national data",
                "a qualitative study",
                "a longitudinal study",
            ],
        },
        [
            "Adult social care is funded and delivered separately from health care, mainly through local authorities.",
            "Demand for adult social care is rising faster than public funding.",
        ],
        [
            "Data from a national survey of adult social care users were analysed.",
            "Local authority returns on fees, closures and placements were compared over five years.",
        ],
        [
            "One in five respondents reported needs that no service met.",
            "Users of personal budgets reported more choice but also more administrative burden.",
            "Closures were concentrated in areas paying the lowest fees.",
        ],
        ["Social care funding reform should address unmet need and market fragility."],
        [
            "adult social care",
            "unmet need",
            "personal budgets",
            "care markets",
            "local authorities",
        ],
        ["Journal of Social Care Policy", "Social Care Workforce Review"],
        pubmed=False,
        near_miss=True,
    ),
    Topic(
        "integration, other senses",
        [
            "Integration of {migrant} in {place} schools: {design}",
            "Data integration across hospital information systems in {place}: a technical evaluation",
            "Sensory integration therapy for {cpop2}: {design}",
        ],
        {
            "migrant": [
                "refugee children",
                "newly arrived migrant pupils",
                "asylum-seeking adolescents",
            ],
            "cpop2": ["autistic children", "children with developmental coordination disorder"],
            "design": ["a case study", "a randomised trial", "a qualitative study"],
        },
        [
            "Integration is a widely used concept whose meaning depends on the field.",
            "Schools play a central role in the settlement of newly arrived families.",
        ],
        [
            "Interviews with teachers, pupils and parents were analysed thematically.",
            "Interoperability of systems was tested using standard messaging protocols.",
        ],
        [
            "Language support and peer mentoring were the most valued elements.",
            "Record matching accuracy reached 97 per cent after integration.",
        ],
        ["Integration requires sustained investment and attention to context."],
        ["integration", "education", "information systems", "migration"],
        ["Journal of Education and Society", "Health Informatics Letters"],
        pubmed=False,
        near_miss=True,
    ),
    Topic(
        "interprofessional education",
        [
            "Interprofessional education for {students}: {design}",
            "Simulation-based teamwork training for {students}",
        ],
        {
            "students": ["medical and nursing students", "pharmacy students", "junior doctors"],
            "design": ["a randomised study", "a pre-post evaluation", "a focus group study"],
        },
        [
            "Teamwork failures contribute to errors in health care.",
            "Interprofessional education aims to prepare students for collaborative practice.",
        ],
        [
            "Attitudes were measured with a validated readiness scale before and after teaching.",
            "Focus groups explored students' experiences of simulation.",
        ],
        [
            "Readiness for interprofessional learning increased after the course.",
            "Students valued realistic scenarios but found scheduling difficult.",
        ],
        ["Interprofessional education should be embedded in undergraduate curricula."],
        ["interprofessional education", "teamwork", "simulation", "medical education"],
        ["Journal of Health Professions Education", "Medical Teaching Review"],
        near_miss=True,
    ),
]

#: Irrelevant topics that a social care database also indexes.
SOCIAL_TOPICS = (
    "social care workforce",
    "interprofessional education",
    "primary-secondary health care integration",
    "adult social care, not integration",
)

# --------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------


@dataclass
class Rec:
    id: str
    db: str
    title: str
    authors: list[str]  # "Surname, Given"
    year: int
    journal: str
    abstract: str
    doi: str
    keywords: list[str]
    volume: str = ""
    issue: str = ""
    start: str = ""
    end: str = ""
    type: str = "JOUR"
    relevant: bool = False
    work: str = ""  # the key of the work: the DOI of its first record
    dup_of: str = ""  # id of the record this one duplicates (within the RIS)
    extra: dict = field(default_factory=dict)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def fill(template: str, values: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        key = m.group(1)
        value = values[key.lower()]
        return cap(value) if key[0].isupper() else value

    return re.sub(r"\{(\w+)\}", sub, template)


def people(rng: random.Random, n: int | None = None) -> list[str]:
    n = n or rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
    surnames = rng.sample(SURNAMES, n)
    return [f"{s}, {rng.choice(GIVEN)}" for s in surnames]


def pages(rng: random.Random) -> tuple[str, str, str, str]:
    vol = rng.randint(2, 30)
    issue = rng.randint(1, 6)
    start = rng.randint(1, 480)
    return str(vol), str(issue), str(start), str(start + rng.randint(5, 14))


def relevant_record(rng: random.Random, n: int, used: set[str]) -> Rec:
    while True:
        intv = rng.choice(INTERVENTIONS)
        pop = rng.choice(POPULATIONS)
        design_key = rng.choice(list(REL_DESIGNS))
        design, method = REL_DESIGNS[design_key]
        process = design_key in ("qual", "case") or (
            design_key in ("mixed", "realist") and rng.random() < 0.5
        )
        focus, finding = rng.choice(PROCESS_FOCI if process else USER_OUTCOMES)
        place = rng.choice(PLACES)
        values = {
            "intv": intv,
            "pop": pop,
            "design": design,
            "outcome": focus,
            "focus": focus,
            "place": place,
        }
        if process:
            templates = [t for t in REL_TITLES if "{outcome}" not in t]
        else:
            templates = [t for t in REL_TITLES if "{focus}" not in t]
        title = fill(rng.choice(templates), values)
        if title not in used:
            used.add(title)
            break
    year = rng.randint(2005, 2024)
    second = rng.choice(PROCESS_FOCI if process else USER_OUTCOMES)[1]
    sentences = [
        fill(rng.choice(REL_BACKGROUND), values),
        f"This study evaluated {intv} for {pop} in {place}."
        if design_key != "review"
        else f"We reviewed evidence on {intv} for {pop}.",
        method,
        f"{finding}.",
        f"{second}." if second != finding else "",
        fill(rng.choice(REL_CONCLUSION), values),
    ]
    vol, issue, start, end = pages(rng)
    kws = rng.sample(REL_KEYWORDS, 4) + [focus]
    return Rec(
        id="",
        db="",
        title=title,
        authors=people(rng),
        year=year,
        journal=rng.choice(REL_JOURNALS),
        abstract=" ".join(s for s in sentences if s),
        doi=f"10.5555/demo.r{year}.{n:03d}",
        keywords=kws,
        volume=vol,
        issue=issue,
        start=start,
        end=end,
        relevant=True,
    )


def irrelevant_record(rng: random.Random, topic: Topic, n: int, used: set[str]) -> Rec:
    for attempt in range(400):
        values = {k: rng.choice(v) for k, v in topic.slots.items()}
        values.setdefault("place", rng.choice(PLACES))
        title = fill(rng.choice(topic.titles), values)
        if attempt >= 100 and "{place}" not in "".join(topic.titles):
            # a small template space: say where the study was done
            title = re.sub(r"(: |$)", f" in {values['place']}\\1", title, count=1)
        if title not in used:
            used.add(title)
            break
    else:
        raise RuntimeError(f"no unused title left for topic {topic.name!r}")
    year = rng.randint(2005, 2024)
    sentences = [
        fill(rng.choice(topic.background), values),
        fill(rng.choice(topic.methods), values),
    ]
    sentences += rng.sample(topic.results, min(2, len(topic.results)))
    sentences.append(fill(rng.choice(topic.conclusions), values))
    vol, issue, start, end = pages(rng)
    kws = rng.sample(topic.keywords, min(4, len(topic.keywords)))
    return Rec(
        id="",
        db="",
        title=title,
        authors=people(rng),
        year=year,
        journal=rng.choice(topic.journals),
        abstract=" ".join(sentences),
        doi=f"10.5555/demo.x{year}.{n:03d}",
        keywords=kws,
        volume=vol,
        issue=issue,
        start=start,
        end=end,
        extra={"topic": topic.name},
    )


def demo_paper_records() -> list[Rec]:
    out = []
    for path in sorted(PAPERS.glob("*.md")):
        paper = parse_paper(path)
        meta = paper.meta
        # The abstract: the paragraphs before the first section heading.
        head = []
        for b in paper.blocks:
            if b.kind == "heading" and b.level >= 2:
                break
            if b.kind == "para":
                head.append(b.text.replace("**", ""))
        abstract = " ".join(head)
        words = abstract.split()
        if len(words) > 230:
            abstract = " ".join(words[:230]) + " ..."
        authors = []
        for full in meta["authors"].split(", "):
            given, _, surname = full.rpartition(" ")
            authors.append(f"{surname}, {given}")
        report = meta["layout"] == "report"
        m = re.search(r"(\d+)\D+(\d+)?", meta["volume"])
        out.append(
            Rec(
                id="",
                db="",
                title=meta["title"],
                authors=authors,
                year=int(meta["year"]),
                journal=meta["journal"],
                abstract=abstract,
                doi=meta["doi"],
                keywords=[k.strip() for k in meta.get("keywords", "").split(";")],
                volume=m.group(1) if m and not report else "",
                issue=(m.group(2) or "") if m and not report else "",
                type="RPRT" if report else "JOUR",
                relevant=True,
                extra={"paper": f"{paper.slug}.pdf", "layout": meta["layout"]},
            )
        )
    return out


def vary_title(title: str, rng: random.Random) -> str:
    """The same title as another database might export it: case and punctuation."""
    t = title.upper() if rng.random() < 0.3 else title.lower() if rng.random() < 0.5 else title
    t = t.replace(": ", " - ", 1) if ": " in t else t
    t = t.replace("'", "")
    return t.rstrip(".") + "."


def build() -> dict:
    rng = random.Random(SEED)
    used: set[str] = set()
    demo = demo_paper_records()
    relevant = [relevant_record(rng, i + 1, used) for i in range(N_RELEVANT_GENERATED)]
    # Irrelevant topics: PubMed-indexed ones can also appear in the PubMed-only set.
    irrelevant = []
    weights = [1.0 if not t.near_miss else 1.3 for t in TOPICS]
    for i in range(N_IRRELEVANT):
        topic = rng.choices(TOPICS, weights)[0]
        irrelevant.append(irrelevant_record(rng, topic, i + 1, used))

    works = demo + relevant + irrelevant
    rng.shuffle(works)
    for rec in works:
        rec.work = rec.doi
        # Social Care Online indexes social care and integration, Scopus everything.
        social = rec.relevant or rec.extra.get("topic") in SOCIAL_TOPICS
        rec.db = "Social Care Online" if (social and rng.random() < 0.4) else "Scopus"
    n_scopus = n_sco = 0
    for rec in works:
        if rec.db == "Scopus":
            n_scopus += 1
            rec.id = f"SCOPUS-{n_scopus:04d}"
        else:
            n_sco += 1
            rec.id = f"SCO-{n_sco:04d}"

    # ---- duplicates within the combined export: the other database's copy
    rel_scopus = [r for r in works if r.relevant and r.db == "Scopus"]
    # (a Scopus record's second copy comes from Social Care Online)
    # irrelevant records a social care database would also index: the near misses
    irr = [
        r
        for r in works
        if not r.relevant and r.db == "Scopus" and r.extra["topic"] in SOCIAL_TOPICS
    ]
    demo_in = [r for r in works if "paper" in r.extra and r.db == "Scopus"]
    chosen = rng.sample(demo_in, 2) + rng.sample([r for r in rel_scopus if r not in demo_in], 3)
    chosen += rng.sample(irr, 3)
    modes = [
        "doi-upper",
        "title-no-doi",
        "doi-url",
        "title-no-doi",
        "title-no-doi",
        "doi-upper",
        "title-no-doi",
        "doi-url",
    ]
    duplicates = []
    for orig, mode in zip(chosen, modes, strict=True):
        n_sco += 1
        dup = Rec(**{**orig.__dict__, "extra": dict(orig.extra)})
        dup.id = f"SCO-{n_sco:04d}"
        dup.db = "Social Care Online"
        dup.dup_of = orig.id
        if mode == "doi-upper":
            dup.doi = orig.doi.upper()
        elif mode == "doi-url":
            dup.doi = "https://doi.org/" + orig.doi
        else:
            dup.doi = ""
            dup.title = vary_title(orig.title, rng)
            # given names shortened to initials, as many databases export them
            dup.authors = [f"{a.split(', ')[0]}, {a.split(', ')[1][0]}." for a in orig.authors]
        dup.abstract = orig.abstract if rng.random() < 0.7 else ""
        dup.extra["dup_mode"] = mode
        duplicates.append(dup)
    ris_records = works + duplicates
    # interleave the duplicates at deterministic positions after their originals
    for dup in duplicates:
        ris_records.remove(dup)
        after = next(i for i, r in enumerate(ris_records) if r.id == dup.dup_of) + 1
        ris_records.insert(rng.randrange(after, len(ris_records) + 1), dup)

    # ---- PubMed: overlap (mostly relevant journal articles) + PubMed-only
    indexed = [
        r
        for r in works
        if r.type == "JOUR"
        and (r.relevant or TOPICS[[t.name for t in TOPICS].index(r.extra["topic"])].pubmed)
    ]
    overlap_rel = rng.sample([r for r in indexed if r.relevant], 18)
    overlap_irr = rng.sample([r for r in indexed if not r.relevant], N_PUBMED_OVERLAP - 18)
    pubmed: list[Rec] = []
    for r in overlap_rel + overlap_irr:
        p = Rec(**{**r.__dict__, "extra": dict(r.extra)})
        p.db = "PubMed"
        p.dup_of = r.id
        pubmed.append(p)
    pm_used = set(used)
    for i in range(N_PUBMED_ONLY_RELEVANT):
        r = relevant_record(rng, 100 + i + 1, pm_used)
        r.db, r.work = "PubMed", r.doi
        pubmed.append(r)
    pm_topics = [t for t in TOPICS if t.pubmed]
    for i in range(N_PUBMED_ONLY_IRRELEVANT):
        r = irrelevant_record(rng, rng.choice(pm_topics), 500 + i + 1, pm_used)
        r.db, r.work = "PubMed", r.doi
        pubmed.append(r)
    rng.shuffle(pubmed)
    for i, p in enumerate(pubmed):
        p.id = str(99100001 + i)
    # two PubMed copies without a DOI (matched on title, year and first author)
    for p in [p for p in pubmed if p.dup_of][:2]:
        p.doi = ""
        p.extra["dup_mode"] = "title-no-doi"
    return {"ris": ris_records, "pubmed": pubmed, "works": works}


# --------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------


def write_ris(records: list[Rec], path: Path) -> None:
    lines = []
    for r in records:
        lines.append(f"TY  - {r.type}")
        lines.append(f"ID  - {r.id}")
        lines.append(f"DB  - {r.db}")
        lines.append(f"TI  - {r.title}")
        for a in r.authors:
            lines.append(f"AU  - {a}")
        lines.append(f"PY  - {r.year}")
        lines.append(f"{'T2' if r.type == 'RPRT' else 'JO'}  - {r.journal}")
        for tag, value in (("VL", r.volume), ("IS", r.issue), ("SP", r.start), ("EP", r.end)):
            if value:
                lines.append(f"{tag}  - {value}")
        if r.abstract:
            lines.append(f"AB  - {r.abstract}")
        for k in r.keywords:
            lines.append(f"KW  - {k}")
        if r.doi:
            lines.append(f"DO  - {r.doi}")
        lines.append("LA  - English")
        lines.append("ER  - ")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _medline_field(tag: str, value: str) -> list[str]:
    wrapped = textwrap.wrap(value, width=82) or [""]
    first = f"{tag:<4}- {wrapped[0]}"
    return [first] + ["      " + w for w in wrapped[1:]]


_ABBREV = {
    "Journal": "J",
    "International": "Int",
    "Review": "Rev",
    "Integrated": "Integr",
    "Social": "Soc",
    "Services": "Serv",
    "Partnerships": "Partnersh",
    "Northern": "North",
    "Quarterly": "Q",
    "Research": "Res",
    "Hospital": "Hosp",
    "Pharmacy": "Pharm",
    "Practice": "Pract",
    "Safety": "Saf",
    "Dentistry": "Dent",
    "Nutrition": "Nutr",
    "Surgical": "Surg",
    "Surgery": "Surg",
    "Reports": "Rep",
    "Veterinary": "Vet",
    "Record": "Rec",
    "Studies": "Stud",
    "Animal": "Anim",
    "Prevention": "Prev",
    "Screening": "Screen",
    "Physiotherapy": "Physiother",
    "Rehabilitation": "Rehabil",
    "Science": "Sci",
    "Medicine": "Med",
    "Medical": "Med",
    "Clinical": "Clin",
    "Governance": "Gov",
    "Primary": "Prim",
    "General": "Gen",
    "Education": "Educ",
    "Professions": "Prof",
    "Teaching": "Teach",
    "Letters": "Lett",
    "Informatics": "Inform",
    "Society": "Soc",
    "Employment": "Employ",
    "Policy": "Policy",
    "Community": "Community",
    "Medication": "Medicat",
}


def _abbrev(journal: str) -> str:
    """An ISO-4-like journal abbreviation for the MEDLINE TA field."""
    words = [w for w in journal.split() if w.lower() not in ("of", "and", "the", "for")]
    return " ".join(_ABBREV.get(w, w) for w in words)


def write_nbib(records: list[Rec], path: Path) -> None:
    out = []
    for r in records:
        lines = [f"PMID- {r.id}", "OWN - NLM", "STAT- MEDLINE", f"DP  - {r.year}"]
        lines += _medline_field("TI", r.title.rstrip(".") + ".")
        if r.volume:
            lines.append(f"VI  - {r.volume}")
        if r.issue:
            lines.append(f"IP  - {r.issue}")
        if r.start:
            lines.append(f"PG  - {r.start}-{r.end}")
        if r.doi:
            lines.append(f"LID - {r.doi} [doi]")
        if r.abstract:
            lines += _medline_field("AB", r.abstract)
        for a in r.authors:
            surname, _, given = a.partition(", ")
            lines.append(f"FAU - {surname}, {given}")
            lines.append(f"AU  - {surname} {given[0]}")
        lines += ["LA  - eng", "PT  - Journal Article"]
        lines.append(f"TA  - {_abbrev(r.journal)}")
        lines += _medline_field("JT", r.journal)
        for k in r.keywords:
            lines.append(f"OT  - {k}")
        if r.doi:
            lines.append(f"AID - {r.doi} [doi]")
        pages_ = f":{r.start}-{r.end}" if r.start else ""
        vol = f";{r.volume}({r.issue})" if r.volume else ""
        lines += _medline_field(
            "SO",
            f"{_abbrev(r.journal)}. {r.year}{vol}{pages_}." + (f" doi: {r.doi}." if r.doi else ""),
        )
        out.append("\n".join(lines))
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def expected_papers() -> list[dict]:
    papers = []
    for path in sorted(PAPERS.glob("*.md")):
        paper = parse_paper(path)
        gold = json.loads((GOLD / f"{paper.slug}.json").read_text(encoding="utf-8"))
        papers.append(
            {
                "file": gold["file"],
                "gold": f"gold/{paper.slug}.json",
                "title": paper.meta["title"],
                "year": int(paper.meta["year"]),
                "doi": paper.meta["doi"],
                "layout": "two-column" if paper.layout == "journal" else "single-column",
                "document_type": gold["document_type"],
                "study_design": gold["study_design"],
                "outcome_reporting": gold["outcome_reporting"],
                "definitions": gold["definitions"],
                "continua": gold["continua"],
            }
        )
    return papers


def expected_records(data: dict) -> dict:
    ris, pubmed, works = data["ris"], data["pubmed"], data["works"]
    by_id = {r.id: r for r in ris}
    per_db: dict[str, int] = {}
    for r in ris + pubmed:
        per_db[r.db] = per_db.get(r.db, 0) + 1
    dup_pairs = []
    for r in ris:
        if r.dup_of:
            dup_pairs.append(
                {
                    "file": RIS_FILE.name,
                    "id": r.id,
                    "duplicate_of": r.dup_of,
                    "match": "doi" if r.doi else "title+year+author",
                    "variant": r.extra["dup_mode"],
                }
            )
    for p in pubmed:
        if p.dup_of:
            dup_pairs.append(
                {
                    "file": NBIB_FILE.name,
                    "id": p.id,
                    "duplicate_of": p.dup_of,
                    "match": "doi" if p.doi else "title+year+author",
                    "variant": p.extra.get("dup_mode", "same-doi"),
                }
            )
    relevant_works = [r for r in works if r.relevant] + [
        p for p in pubmed if p.relevant and not p.dup_of
    ]
    relevant = []
    for w in relevant_works:
        ids = [w.id] + [r.id for r in ris + pubmed if r.dup_of == w.id]
        relevant.append(
            {
                "doi": w.doi,
                "title": w.title,
                "year": w.year,
                "demo_paper": w.extra.get("paper"),
                "record_ids": ids,
            }
        )
    relevant.sort(key=lambda x: x["doi"])
    n_ris_dups = sum(1 for r in ris if r.dup_of)
    n_cross = sum(1 for p in pubmed if p.dup_of)
    total = len(ris) + len(pubmed)
    _ = by_id
    return {
        "files": {RIS_FILE.name: len(ris), NBIB_FILE.name: len(pubmed)},
        "per_database": dict(sorted(per_db.items())),
        "total_records": total,
        "duplicates_within_ris": n_ris_dups,
        "duplicates_across_sources": n_cross,
        "duplicates_total": n_ris_dups + n_cross,
        "unique_records": total - n_ris_dups - n_cross,
        "relevant_unique": len(relevant),
        "relevant_records_incl_duplicates": sum(len(r["record_ids"]) for r in relevant),
        "relevance_criterion": "studies, reviews or discussion papers about integrating health "
        "and social care (joint teams, budgets, commissioning, partnerships, "
        "integrated care across health and social services)",
        "duplicates": dup_pairs,
        "relevant": relevant,
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    data = build()
    write_ris(data["ris"], args.out / RIS_FILE.name)
    write_nbib(data["pubmed"], args.out / NBIB_FILE.name)
    expected = {
        "about": "Expected answers for the reviewkit demo corpus (corpora/demo). "
        "Generated by make_records.py from papers/*.md, gold/*.json and the record "
        "generator; edit the sources, not this file.",
        "papers": expected_papers(),
        "records": expected_records(data),
    }
    (args.out / EXPECTED.name).write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    rec = expected["records"]
    print(
        f"{RIS_FILE.name}: {rec['files'][RIS_FILE.name]} records; "
        f"{NBIB_FILE.name}: {rec['files'][NBIB_FILE.name]} records"
    )
    print(f"per database: {rec['per_database']}")
    print(
        f"duplicates: {rec['duplicates_within_ris']} within the RIS, "
        f"{rec['duplicates_across_sources']} across sources; unique {rec['unique_records']}; "
        f"relevant {rec['relevant_unique']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
