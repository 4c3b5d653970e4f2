"""The CI files: valid for GitHub and GitLab, and doing what README.md and GUIDE.md promise.

The workflows cannot run here. They are checked against the schemas GitHub
Actions and GitLab CI files follow (check-jsonschema's vendored copies, no
network), by yamllint, and read for what matters: the tests run the sample
venue in Debian with its chromium, the venue is gated by `invoke check` and
a production build, and the nightly rebuild runs no test.
"""

from __future__ import annotations

import subprocess
import sys

import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
GITLAB = ROOT / ".gitlab-ci.yml"
YAMLLINT = "{extends: default, rules: {line-length: disable, document-start: disable, truthy: {check-keys: false}}}"


class _GitLabLoader(yaml.SafeLoader):
    """YAML with GitLab's `!reference [job, key]` read as the list it names."""


_GitLabLoader.add_constructor("!reference", lambda loader, node: ["!reference", *loader.construct_sequence(node)])


def workflow(name: str) -> dict:
    """Return a GitHub workflow as data (PyYAML reads the key `on` as True)."""
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def gitlab() -> dict:
    """Return .gitlab-ci.yml as data."""
    return yaml.load(GITLAB.read_text(encoding="utf-8"), Loader=_GitLabLoader)


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_workflows_are_what_github_accepts():
    files = sorted(str(path.relative_to(ROOT)) for path in WORKFLOWS.glob("*.yml"))
    assert files == [".github/workflows/nightly.yml", ".github/workflows/publish.yml", ".github/workflows/site.yml"]
    result = _run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_is_what_gitlab_accepts():
    result = _run(
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.gitlab-ci",
        "--data-transform",
        "gitlab-ci",
        ".gitlab-ci.yml",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_files_pass_yamllint():
    files = [*sorted(str(path.relative_to(ROOT)) for path in WORKFLOWS.glob("*.yml")), ".gitlab-ci.yml"]
    result = _run(sys.executable, "-m", "yamllint", "--strict", "-f", "parsable", "-d", YAMLLINT, *files)
    assert result.stdout == ""
    assert result.returncode == 0


def test_github_tests_run_in_debian_with_its_chromium():
    site = workflow("site.yml")
    test = site["jobs"]["test"]
    assert test["container"] == "python:3.11-bookworm"
    assert [step.get("run") for step in test["steps"] if "run" in step][-1] == "bash .ci/run"
    assert site["jobs"]["publish"]["needs"] == "test"
    assert site["jobs"]["publish"]["uses"] == "./.github/workflows/publish.yml"
    assert sorted(site[True]) == ["pull_request", "push", "workflow_dispatch"]


def test_the_venue_is_gated_by_check_and_a_production_build():
    build = workflow("publish.yml")["jobs"]["build"]
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert runs[1:] == [  # check after the network's copies are back (restored, then refreshed): editor trial 10
        ".venv/bin/invoke fetch-network",
        ".venv/bin/invoke check",
        ".venv/bin/invoke publish || { sleep 30 && .venv/bin/invoke publish; }",
    ]
    names = [step.get("name") for step in build["steps"]]
    assert names.index("Restore the network's last good copies") < names.index("Check data/ and content/")
    assert gitlab()[".build-site"]["script"][2:] == [
        ".venv/bin/invoke check",
        ".venv/bin/invoke fetch-network",
        ".venv/bin/invoke publish || { sleep 30 && .venv/bin/invoke publish; }",
    ]
    # The network's last good copies survive between runs.
    uses = [step.get("uses") for step in build["steps"]]
    assert "actions/cache/restore@v4" in uses and "actions/cache/save@v4" in uses
    # On GitLab a job's cache list replaces the global one: the building jobs name the copies themselves.
    caches = {entry["key"]: entry["paths"] for entry in gitlab()[".build-site"]["cache"]}
    assert caches["network-copies"] == ["network-copies/"]
    assert all(gitlab()[job]["extends"] == ".build-site" and "cache" not in gitlab()[job] for job in ("venue", "pages"))


def test_the_nightly_rebuild_runs_no_test_and_retries_its_deployment():
    nightly = workflow("nightly.yml")
    assert nightly[True]["schedule"] == [{"cron": "17 3 * * *"}]
    assert list(nightly["jobs"]) == ["publish"]
    assert nightly["jobs"]["publish"]["uses"] == "./.github/workflows/publish.yml"
    publish = workflow("publish.yml")
    text = (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")
    assert "pytest" not in text and ".ci/run" not in text and "chromium" not in text
    deploy = [step for step in publish["jobs"]["deploy"]["steps"] if step.get("uses")]
    assert [(step["uses"], step.get("if")) for step in deploy] == [
        ("actions/deploy-pages@v4", None),
        ("actions/deploy-pages@v4", "steps.first.outcome == 'failure'"),
    ]
    assert deploy[0]["continue-on-error"] is True


def test_gitlab_schedules_only_rebuild_and_deploy():
    jobs = {name: job for name, job in gitlab().items() if isinstance(job, dict) and "stage" in job}
    scheduled = sorted(
        name for name, job in jobs.items() if any("schedule" in rule.get("if", "") for rule in job["rules"])
    )
    assert scheduled == ["pages"]
    assert jobs["test"]["script"][-1] == "bash .ci/run"
    assert jobs["pages"]["script"] == [["!reference", ".build-site", "script"], "rm -rf public && mv output public"]


def test_ci_run_fails_when_a_tool_cannot_be_installed(tmp_path):
    """`.ci/run`'s `need`, on a machine without the tool nor apt-get: exit 1 and one line, never a skip later."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    need = text[text.index("need() {") : text.index("\n}\n", text.index("need() {")) + 3]
    result = subprocess.run(
        ["/bin/bash", "-c", f"set -euo pipefail\n{need}need chromium chromium\necho reached"],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        ".ci/run: 'chromium' is missing and Debian's package 'chromium' could not be installed; the tests need it.\n"
    )
    assert "need chromium chromium\nneed java default-jre-headless\n" in text
