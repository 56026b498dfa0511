"""Shared fixtures: the sample issue built once per test session."""
from __future__ import annotations

import pytest

from tests.kit.paths import SAMPLE


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    from layout.build import BuildOptions, build_issue
    out = tmp_path_factory.mktemp("sample") / "sample.pdf"
    return build_issue(str(SAMPLE), out, BuildOptions(png=True))
