"""The publishing workflow, checked as an attacker would read it: zizmor (a GitHub Actions
security linter) runs offline over .github/workflows/ and must find nothing of medium severity
or above; every action is pinned to a commit, with the version it stands for in a comment."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _zizmor() -> str:
    found = Path(sys.executable).with_name("zizmor")
    return str(found) if found.exists() else shutil.which("zizmor") or "zizmor"


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    workflows = sorted(str(p) for p in WORKFLOWS.glob("*.y*ml"))
    assert workflows
    result = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "json", "--min-severity", "medium",
         *workflows],
        capture_output=True, text=True, timeout=120,
    )
    findings = json.loads(result.stdout or "null")
    assert findings == [], json.dumps(findings, indent=1)[:4000]
    assert result.returncode == 0, result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    uses = [
        line.strip() for workflow in sorted(WORKFLOWS.glob("*.y*ml"))
        for line in workflow.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(?:-\s+)?uses:", line)
    ]
    assert uses
    for line in uses:
        assert re.search(r"@[0-9a-f]{40} # v\d+(?:\.\d+)*$", line), line
