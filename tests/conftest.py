"""Shared fixtures: temporary report files written by the tests."""

import pytest


@pytest.fixture
def write(tmp_path):
    """write(name, content) -> path of a new file (str content is UTF-8, bytes as they are)."""

    def _write(name: str, content) -> str:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)
    return _write
