"""The package's public names are explicit and pinned (adding one is a deliberate act)."""

from __future__ import annotations

import faultline


def test_public_names_are_pinned():
    assert faultline.__all__ == sorted(faultline.__all__)
    assert set(faultline.__all__) == {
        "Article", "FaultlineError", "PublishedDate", "RawDocument", "Span", "__version__",
    }  # fmt: skip
    for name in faultline.__all__:
        assert hasattr(faultline, name)


def test_version_is_the_single_source():
    from importlib.metadata import version

    assert version("faultline") == faultline.__version__
