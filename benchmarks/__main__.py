"""Run every benchmark and print its figures."""

import sys

from benchmarks import evaluation

sys.exit(evaluation.main())
