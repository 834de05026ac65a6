"""The `matcher` group: the pure commands start without Flask (its CLI group, its plugins'
commands, the app, Flask-Babel: `matcher.domain.lazy_text`), the rest goes through it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from matcher.cli import flask_group, main

ROOT = Path(__file__).resolve().parents[1]
CSV = (
    "ref,title,date,location,latitude,longitude,target_type,target,contact_name,contact_email\n"
    'a,Vigil,{day},"Tacoma, WA",47.25,-122.44,detention_center,NWDC,Ana,ana@example.org\n'
    'b,Rally,{day},"Tacoma, WA",47.26,-122.45,detention_center,NWDC,Bo,bo@example.org\n'
)


def test_suggest_imports_no_flask_app_or_cryptography(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    day = (date.today() + timedelta(days=30)).isoformat()
    path.write_text(CSV.format(day=day), encoding="utf-8")
    script = (
        "import sys\n"
        "from matcher.cli import main, progress\n"
        "heavy = ('flask', 'flask_babel', 'flask_limiter', 'cryptography', 'sqlalchemy',\n"
        "         'matcher.app')\n"
        "def report():\n"  # at the command's end, in place of its os._exit
        "    print(sorted(name for name in heavy if name in sys.modules))\n"
        "progress.leave_now = report\n"
        f"main(['suggest', '--quiet', {str(path)!r}], standalone_mode=False)\n"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert "suggest: 2 actions" in done.stderr  # read, matched and written
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_help_lists_the_app_commands_and_the_pure_ones() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("db", "import", "match", "suggest", "geocode", "generate-secrets"):
        assert f"  {name} " in result.output


def test_app_commands_go_to_the_flask_group() -> None:
    result = CliRunner().invoke(main, ["db", "--help"])
    assert result.exit_code == 0
    assert "migrations" in result.output
    assert flask_group().get_command(None, "suggest") is not None  # type: ignore[arg-type]


def test_pure_command_runs_without_the_flask_group() -> None:
    result = CliRunner().invoke(main, ["generate-secrets"])
    assert result.exit_code == 0
    assert result.output.count("=") >= 4
