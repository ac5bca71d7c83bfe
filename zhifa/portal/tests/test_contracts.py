"""The import contracts of ``make lint`` (``lint-imports``, configured in pyproject.toml): the
code as it is keeps them, and an import against the architecture's arrows breaks them.

A wrong import is tried on a copy of the package in a temporary directory, never on the tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` with the project's configuration on the ``zhifa`` found in ``where``."""
    env = {**os.environ, "PYTHONPATH": str(where), "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(where / "pyproject.toml"), "--no-cache"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "zhifa",
        tmp_path / "zhifa",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_it_keeps_every_contract_as_the_code_is():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_copy_alone_keeps_them_too(copy_of_the_code):
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "wrong_import", "shown"),
    [
        ("core/wrong.py", "from zhifa.org import scope", "zhifa.core.wrong -> zhifa.org.scope"),
        ("org/wrong.py", "from zhifa.registry import eligibility", "zhifa.org.wrong -> zhifa"),
        ("core/wrong.py", "import zhifa.portal.collect", "zhifa.core.wrong -> zhifa.portal"),
        ("registry/wrong.py", "from zhifa.catalog import rules", "zhifa.registry.wrong -> zhifa"),
        ("catalog/wrong.py", "from zhifa.registry import eligibility", "zhifa.catalog.wrong"),
        ("catalog/wrong.py", "from zhifa.portal import collect", "zhifa.catalog.wrong"),
    ],
)
def test_a_wrong_arrow_breaks_the_contract(copy_of_the_code, module, wrong_import, shown):
    (copy_of_the_code / "zhifa" / module).write_text(f"{wrong_import}  # the wrong arrow\n")
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert shown in result.stdout


def test_an_import_hidden_in_a_function_is_seen_too(copy_of_the_code):
    (copy_of_the_code / "zhifa" / "core" / "wrong.py").write_text(
        "def later():\n    from zhifa.org.models import User\n\n    return User\n"
    )
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 1
    assert "zhifa.core.wrong -> zhifa.org.models" in result.stdout
