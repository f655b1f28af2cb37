from __future__ import annotations

from datetime import UTC, datetime

import pytest

from communs.evaluation.tests.gitrepo import GitRepo

AS_OF = datetime(2026, 6, 30, 23, 59, 59, tzinfo=UTC)


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    return GitRepo(tmp_path / "repo")
