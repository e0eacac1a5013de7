"""`python -m benchmarks`: run every benchmark and record the results (see run_all.py)."""

from benchmarks.run_all import main

raise SystemExit(main())
