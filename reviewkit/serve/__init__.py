"""`reviewkit serve`: the review as a small web server for a team (Starlette + uvicorn).

Importing this package is cheap: the web stack loads only in :mod:`reviewkit.serve.app`
and :mod:`reviewkit.serve.run`; :mod:`reviewkit.serve.client` uses the standard library only.
"""
