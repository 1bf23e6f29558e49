"""Screening: records, de-duplication, decisions, prioritisation, stopping, simulation.

Library first; the CLI (``reviewkit/cli/screening.py``) and the TUI are clients.

- :mod:`reviewkit.screen.readers`: export files to :class:`~reviewkit.vocabulary.Record`,
  one reader per format, registered by file suffix.
- :mod:`reviewkit.screen.dedup`: DOI, then fuzzy title + year + first author.
- :mod:`reviewkit.store.records` / :mod:`reviewkit.store.decisions`: what is stored
  (records with duplicate links; append-only decisions, conflicts, resolutions).
- :mod:`reviewkit.screen.kappa`: Cohen's kappa between reviewers.
- :mod:`reviewkit.screen.model`: feature extractor, classifier, balancer, querier.
- :mod:`reviewkit.screen.prioritise`: rank unscreened records; rankings are stored.
- :mod:`reviewkit.screen.stopping`: the stopping rules as pure functions (BUSCAR,
  the default, and random sampling; Callaghan & Müller-Hansen 2020).
- :mod:`reviewkit.screen.engine`: the one screening step (decisions so far +
  ranking -> next record, stop verdict) that the TUI, demo, status and simulate share.
- :mod:`reviewkit.screen.simulate`: replay screening on a labelled dataset.
- :mod:`reviewkit.screen.status`: the status contract.
"""
