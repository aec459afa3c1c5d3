"""pytest entry point for the differential test (see run_diff.py).

Starts DynamoDB Local and ddb-server once, replays corpus/*.jsonl against both and fails
listing every difference not in accepted.json (id, request, both responses).
Run: /usr/bin/python3 -m pytest -q tests/differential
"""
import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run_diff  # noqa: E402


@pytest.fixture(scope="module")
def results():
    if shutil.which("java") is None:
        pytest.skip("java is not installed (DynamoDB Local needs OpenJDK 17)")
    return run_diff.run()


def test_corpus_is_large_enough():
    cases = run_diff.load_corpus()
    assert len(cases) >= 350
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"


def test_accepted_ids_exist():
    ids = {c["id"] for c in run_diff.load_corpus()}
    unknown = sorted(set(run_diff.load_accepted()) - ids)
    assert not unknown, "accepted.json names ids that are not in the corpus: %s" % unknown


def test_no_unaccepted_differences(results):
    accepted = run_diff.load_accepted()
    _, _, diff, stale, _ = run_diff.classify(results, accepted)
    if diff:
        text = "\n\n".join(run_diff.format_result(r) for r in diff)
        pytest.fail("%d unaccepted difference(s) between DynamoDB Local and ddb-server:\n\n%s"
                    % (len(diff), text), pytrace=False)


def test_accepted_differences_still_differ(results):
    accepted = run_diff.load_accepted()
    _, _, _, stale, _ = run_diff.classify(results, accepted)
    assert not stale, ("these accepted.json entries now answer identically; remove them: %s"
                       % ", ".join(stale))
