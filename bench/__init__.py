"""Benchmark harness for cleaner (not shipped, not part of the test suite).

``python -m bench.run`` scores cleaner and its baselines on the shared benchmarks;
``python -m bench.speed`` compares CPU time per page with trafilatura. See ``bench/README.md``.
"""
