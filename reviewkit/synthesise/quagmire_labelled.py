"""A labelled set of definitions for choosing and testing the quagmire clustering.

Original text written for reviewkit: five senses of "integration" (and of
terms sharing each sense) plus a group of different terms for working
together. Each entry is (sense, term, definition). Run

    python -m reviewkit.synthesise.quagmire_labelled

to sweep the distance threshold (ARI against the senses, silhouette, number of
clusters) for "term: definition" and for definition-only embeddings; the
setting in :mod:`reviewkit.synthesise.quagmire` is the one it picks. The
sweep is also reported on each half of the set (odd and even entries) to show
the choice does not hang on a few definitions.
"""

from __future__ import annotations

import argparse

from reviewkit.search.definitions import DefinitionItem

LABELLED: tuple[tuple[str, str, str], ...] = (
    # structure: separate bodies merged into one organisation
    (
        "structure",
        "integration",
        "the merger of the health board and the council's social work department into a single "
        "organisation with one chief executive and one management structure",
    ),
    (
        "structure",
        "structural integration",
        "health and local authority services forming one legal entity, such as a care trust, "
        "under unified governance",
    ),
    (
        "structure",
        "organisational integration",
        "bringing separate agencies together as a single organisation through merger or "
        "acquisition",
    ),
    (
        "structure",
        "integration",
        "the formal combination of two or more statutory bodies into one new organisation",
    ),
    # person: care that is seamless for the individual
    (
        "person",
        "integration",
        "care that feels seamless to the patient, with everyone involved arranging their support "
        "around the person so nothing falls through the gaps",
    ),
    (
        "person",
        "integrated care",
        "person-centred care coordinated across professionals and settings so that the service "
        "user experiences continuity",
    ),
    (
        "person",
        "care coordination",
        "organising a patient's care and sharing information among all those involved so that "
        "the patient receives joined-up support",
    ),
    (
        "person",
        "seamless care",
        "support arranged around the individual so that they never fall through the gaps "
        "between providers",
    ),
    # inclusion: people taking part in community life
    (
        "inclusion",
        "integration",
        "the inclusion of disabled people in ordinary community life, living, working and "
        "socialising alongside their non-disabled neighbours",
    ),
    (
        "inclusion",
        "social inclusion",
        "ensuring that marginalised groups can take a full part in the economic, social and "
        "cultural life of their community",
    ),
    (
        "inclusion",
        "community integration",
        "people with learning disabilities taking part in mainstream neighbourhood activities "
        "instead of living apart in institutions",
    ),
    (
        "inclusion",
        "integration",
        "refugees settling into their new society, finding work, learning the language and "
        "forming friendships with local residents",
    ),
    # money: budgets pooled or aligned
    (
        "money",
        "integration",
        "pooling the budgets of the NHS and local government into a single fund that is spent "
        "on agreed services",
    ),
    (
        "money",
        "pooled budget",
        "a shared fund to which health and council partners each contribute money, managed by "
        "one host organisation",
    ),
    (
        "money",
        "financial integration",
        "merging or aligning funding streams across agencies so that money follows the person "
        "rather than the institution",
    ),
    (
        "money",
        "budget pooling",
        "partners putting their separate allocations into one common pot with shared rules for "
        "spending it",
    ),
    # data: information systems linked
    (
        "data",
        "integration",
        "linking the computer systems of hospitals, general practices and councils so that "
        "electronic records can be shared",
    ),
    (
        "data",
        "interoperability",
        "the ability of different information systems and software to exchange data and use the "
        "information exchanged",
    ),
    (
        "data",
        "information sharing",
        "the electronic exchange of patient records between organisations through connected IT "
        "systems",
    ),
    (
        "data",
        "integration",
        "connecting separate databases and software applications so that information flows "
        "between them automatically",
    ),
    # working together: different terms, one meaning
    (
        "together",
        "partnership working",
        "agencies working together towards shared goals while remaining separate organisations",
    ),
    (
        "together",
        "joint working",
        "staff from different agencies working together on common tasks and sharing "
        "responsibility for them",
    ),
    (
        "together",
        "collaboration",
        "two or more organisations working jointly to achieve something none could achieve alone",
    ),
    (
        "together",
        "inter-agency working",
        "more than one agency working together in a planned and formal way",
    ),
    (
        "together",
        "co-operation",
        "agencies that are ready to help one another and keep each other informed",
    ),
)


def labelled_items() -> tuple[list[DefinitionItem], list[str]]:
    """The labelled definitions as items (fake document ids) and their senses."""
    items = [
        DefinitionItem(
            term=term,
            definition=definition,
            doc_sha256=f"labelled-{i:02d}",
            title=f"labelled set #{i}",
            attributed_to=None,
            page=1,
        )
        for i, (_, term, definition) in enumerate(LABELLED)
    ]
    return items, [sense for sense, _, _ in LABELLED]


def main() -> None:
    parser = argparse.ArgumentParser(description="Sweep the quagmire clustering threshold.")
    parser.add_argument("--linkage", default="complete", choices=["average", "complete", "single"])
    args = parser.parse_args()
    from reviewkit.embed import embed_texts
    from reviewkit.synthesise.quagmire import definition_text, sweep

    items, senses = labelled_items()
    thresholds = [round(0.3 + 0.05 * i, 2) for i in range(11)]
    variants = {
        "term: definition": embed_texts([definition_text(it) for it in items]),
        "definition only": embed_texts([it.definition for it in items]),
    }
    for name, vectors in variants.items():
        print(
            f"\n{name}, {args.linkage} linkage ({len(items)} definitions, "
            f"{len(set(senses))} senses)"
        )
        print(f"{'threshold':>9} {'ARI':>6} {'silh.':>6} {'k':>3} {'ARI odd':>8} {'ARI even':>9}")
        full = sweep(vectors, senses, thresholds, linkage=args.linkage)
        odd = sweep(vectors[0::2], senses[0::2], thresholds, linkage=args.linkage)
        even = sweep(vectors[1::2], senses[1::2], thresholds, linkage=args.linkage)
        for a, b, c in zip(full, odd, even, strict=True):
            print(
                f"{a['threshold']:>9.2f} {a['ari']:>6.3f} {a['silhouette']:>6.3f} "
                f"{int(a['n_clusters']):>3} {b['ari']:>8.3f} {c['ari']:>9.3f}"
            )


if __name__ == "__main__":
    main()
