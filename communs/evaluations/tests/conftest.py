from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from communs.catalog.tests.factories import SoftwareFactory
from communs.evaluation.tests.gitrepo import GitRepo
from communs.evaluations.models import SoftwareAccount


@pytest.fixture
def project(tmp_path):
    """A small real repository to evaluate."""
    repo = GitRepo(tmp_path / "project")
    repo.commit(
        "2026-01-05T10:00:00Z",
        files={
            "README.md": "# Outil\n",
            "LICENSE": "Permission is hereby granted, free of charge, to any person",
        },
    )
    repo.commit(
        "2026-03-05T10:00:00Z",
        author="Bea",
        email="bea@agglo.example.fr",
        files={"SECURITY.md": "Report to security@agglo.example.fr privately."},
    )
    return repo


@pytest.fixture
def software(db, project):
    entry = SoftwareFactory(slug="outil", name="Outil", categories=["collaboration"])
    entry.local_repository = str(project.path)
    entry.save()
    return entry


@pytest.fixture
def maintainer(db, software) -> User:
    """An account linked to the software as its maintainer."""
    user = User.objects.create_user(
        "mona.maintainer",
        "mona@example.org",
        "not-a-secret-42",
        first_name="Mona",
        last_name="Maintainer",
    )
    SoftwareAccount.objects.create(software=software, user=user, role="maintainer")
    return user
