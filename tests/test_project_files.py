"""The environment files agree, and the README and CI run the documented commands."""

import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def as_key(text: str):
    requirement = Requirement(text)
    return requirement.name.lower().replace("_", "-"), str(requirement.specifier), str(requirement.marker or "")


def test_environment_yml_pins_exactly_what_pyproject_pins():
    extras = pyproject()["project"]["optional-dependencies"]
    pinned = {as_key(r) for r in extras["tf"] + extras["dev"]}
    conda = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(item["pip"] for item in conda["dependencies"] if isinstance(item, dict))
    from_conda = {as_key(r) for r in pip_section if not r.startswith("-e")}
    assert from_conda == pinned
    assert "-e ." in pip_section
    assert "python=3.11" in conda["dependencies"]


def test_every_light_dependency_is_pinned_for_the_course_environment():
    project = pyproject()["project"]
    pinned_names = {Requirement(r).name for r in project["optional-dependencies"]["dev"]}
    light = {Requirement(r).name for r in project["dependencies"]}
    assert light <= pinned_names
    assert all("==" in r for r in project["optional-dependencies"]["dev"])


def test_tensorflow_cpu_where_it_exists_and_never_on_colab_installs():
    project = pyproject()["project"]
    tf = [Requirement(r) for r in project["optional-dependencies"]["tf"]]
    linux = {"sys_platform": "linux", "platform_machine": "x86_64"}
    mac = {"sys_platform": "darwin", "platform_machine": "arm64"}
    windows = {"sys_platform": "win32", "platform_machine": "AMD64"}
    chosen = lambda env: [r.name for r in tf if r.name.startswith("tensorflow") and r.marker.evaluate(env)]  # noqa: E731
    assert chosen(linux) == ["tensorflow-cpu"] and chosen(windows) == ["tensorflow-cpu"] and chosen(mac) == ["tensorflow"]
    # keras-tuner fails every trial without TensorBoard, which tensorflow-cpu 2.21 does not pull in.
    assert "tensorboard" in [r.name for r in tf]
    # What a notebook uploaded alone to Colab installs: never TensorFlow, never exact pins.
    assert not any("tensorflow" in r for r in project["dependencies"])
    assert not any("==" in r for r in project["dependencies"])
    # Colab pins IPython 7.34 (an ipython>=8 floor upgrades it and breaks the runtime); the
    # penguins data ships inside course/ instead of coming from palmerpenguins.
    names = {Requirement(r).name.lower() for r in project["dependencies"]}
    assert not names & {"ipython", "palmerpenguins", "tensorflow", "tensorflow-cpu", "keras"}


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    head = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:15]
    assert any("make course" in line for line in head) and any("make test" in line for line in head)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "set -euo pipefail" in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m pytest" in makefile and "-m autograder course" in makefile


def test_release_and_workspace_are_never_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/release/" in ignored and "/autograder/workspace/" in ignored
