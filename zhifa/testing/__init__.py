"""What every app's tests share: the demo city built once per session, its personas, factories,
the frozen clocks and the "refused, and nothing written" assertions.

The pytest fixtures live in :mod:`zhifa.testing.fixtures` (a plugin the root conftest loads);
the other modules are plain Python, imported by the tests that need them.

Two guards hold every later app to the platform's rules: the route table (:mod:`zhifa.testing.routes`,
swept by ``tests/test_route_sweep.py``) and the ledger guard (:mod:`zhifa.testing.ledger_guard`,
installed for every database test by the root conftest).
"""
