"""``jsonld.deep_iteration_nodes``: credentials the JS stack (rdf-canonize 5, maxWorkFactor 1)
refuses with "Maximum deep iterations exceeded", named by JSON path.

The expectations below were checked against ``../shared/peers`` (``run.sh canonize``); the
``node``-marked test re-checks them, and a seeded random set, whenever node is available.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from typing import Any

import pytest
from tests.conftest import PEERS

from vckit import jsonld
from vckit.errors import DocumentLoaderError, SafeModeError
from vckit.rdfc._jscompat import _sjt_permutations, js_deep_iteration_excess

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
LIST_PATH = "$.credentialSubject.achievement.resultDescription[0].allowedValue"


def badge(allowed: list[str]) -> dict[str, Any]:
    return {
        "@context": [VC2, OB303],
        "id": "urn:uuid:2d4c1f53-9f8e-4e1e-b1a8-57c0b5f2a001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "Org"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/achievements/exam",
                "type": ["Achievement"],
                "name": "Exam",
                "criteria": {"narrative": "Pass."},
                "resultDescription": [
                    {
                        "id": "urn:uuid:2d4c1f53-9f8e-4e1e-b1a8-57c0b5f2a002",
                        "type": ["ResultDescription"],
                        "name": "Grade",
                        "resultType": "LetterGrade",
                        "allowedValue": allowed,
                    }
                ],
            },
        },
    }


# allowedValue -> does rdf-canonize refuse it (verified with the JS peer)
CASES: dict[str, tuple[list[str], bool]] = {
    "x x x y": (["x", "x", "x", "y"], True),
    "x x x x": (["x", "x", "x", "x"], True),
    "x y x y x y": (["x", "y", "x", "y", "x", "y"], True),
    "x x y": (["x", "x", "y"], False),
    "x x x": (["x", "x", "x"], False),
    "a b c": (["a", "b", "c"], False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_list_cells_only_position_tells_apart(name: str) -> None:
    values, refused = CASES[name]
    assert jsonld.deep_iteration_nodes(badge(values)) == ((LIST_PATH,) if refused else ())


def test_typical_badge_is_js_compatible() -> None:
    document = badge(["A", "B", "C", "D", "F"])
    document["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": "Same", "targetUrl": "https://example.org/t"},
        {"type": ["Alignment"], "targetName": "Same", "targetUrl": "https://example.org/t"},
    ]
    assert jsonld.deep_iteration_nodes(document) == ()


def test_nodes_without_ids_are_named_by_their_paths() -> None:
    """Two identical blank nodes that each point to a further pair of identical blank nodes."""
    document = {
        "@context": [VC2, {"@vocab": "https://example.org/#"}],
        "type": "VerifiableCredential",
        "issuer": "did:example:issuer",
        "credentialSubject": {
            "id": "did:example:subject",
            "part": [{"child": [{"v": "a"}, {"v": "a"}]}, {"child": [{"v": "a"}, {"v": "a"}]}],
        },
    }
    found = jsonld.deep_iteration_nodes(document)
    assert set(found) == {
        "$.credentialSubject.part[0]",
        "$.credentialSubject.part[1]",
        "$.credentialSubject.part[0].child[0]",
        "$.credentialSubject.part[0].child[1]",
        "$.credentialSubject.part[1].child[0]",
        "$.credentialSubject.part[1].child[1]",
    }
    # giving the outer nodes ids makes every node distinguishable cheaply enough
    for index, part in enumerate(document["credentialSubject"]["part"]):
        part["id"] = f"urn:example:part:{index}"
    assert jsonld.deep_iteration_nodes(document) == ()


def test_proof_is_left_out_as_the_suites_leave_it_out() -> None:
    document = badge(["x", "x", "x", "y"])
    plain = jsonld.deep_iteration_nodes(document)
    document["proof"] = {"type": "DataIntegrityProof", "bogus": {"@list": ["x", "x", "x", "y"]}}
    assert jsonld.deep_iteration_nodes(document) == plain


def test_work_factor() -> None:
    document = badge(["x", "x", "x", "y"])
    assert jsonld.deep_iteration_nodes(document, max_work_factor=2) == ()
    # factor 0 allows no N-degree call at all; lists without shared hashes need none
    assert jsonld.deep_iteration_nodes(badge(["x", "x", "x"]), max_work_factor=0) == ()
    assert jsonld.deep_iteration_nodes(document, max_work_factor=0) == (LIST_PATH,)
    with pytest.raises(ValueError, match="max_work_factor must be >= 0"):
        jsonld.deep_iteration_nodes(badge(["a"]), max_work_factor=-1)
    with pytest.raises(TypeError, match="max_work_factor must be an int"):
        jsonld.deep_iteration_nodes(document, max_work_factor=1.5)  # type: ignore[arg-type]


def test_refuses_what_canonicalize_refuses() -> None:
    document = badge(["x"])
    document["credentialSubject"]["achievement"]["grade"] = "A+"
    with pytest.raises(SafeModeError, match="grade"):
        jsonld.deep_iteration_nodes(document)
    document = badge(["x"])
    document["@context"] = [VC2, "https://example.org/unknown"]
    with pytest.raises(DocumentLoaderError):
        jsonld.deep_iteration_nodes(document)
    with pytest.raises(TypeError, match="must be a JSON object"):
        jsonld.deep_iteration_nodes([])  # type: ignore[arg-type]


def test_permutation_order_is_rdf_canonize_permuter_order() -> None:
    """Steinhaus-Johnson-Trotter from the sorted labels (string order), as ``Permuter.js``."""
    assert [",".join(p) for p in _sjt_permutations(["c", "a", "b"])] == [
        "a,b,c",
        "a,c,b",
        "c,a,b",
        "c,b,a",
        "b,c,a",
        "b,a,c",
    ]
    labels = _sjt_permutations(["_:b10", "_:b2", "_:b1", "_:b3"])
    assert len(labels) == 24
    assert len({tuple(p) for p in labels}) == 24
    assert labels[:4] == [
        ["_:b1", "_:b10", "_:b2", "_:b3"],
        ["_:b1", "_:b10", "_:b3", "_:b2"],
        ["_:b1", "_:b3", "_:b10", "_:b2"],
        ["_:b3", "_:b1", "_:b10", "_:b2"],
    ]


def test_replay_on_nquads_counts_like_rdf_canonize() -> None:
    """The list ``x x x y`` as quads: two cells share a first-degree hash (N = 2), and hashing
    the first needs a recursion into the second: three calls, over the limit of two."""
    first = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>"
    rest = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>"
    nil = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>"
    cells = ["_:l0", "_:l1", "_:l2", "_:l3"]
    quads = [("<urn:x>", "<urn:p>", cells[0], "")]
    for index, value in enumerate(['"x"', '"x"', '"x"', '"y"']):
        quads.append((cells[index], first, value, ""))
        quads.append((cells[index], rest, cells[index + 1] if index < 3 else nil, ""))
    assert set(js_deep_iteration_excess(quads)) == {"_:l1", "_:l2"}
    # the last cell ends the list (rest nil), so it stays unique whatever its value
    same = [(s, p, '"x"' if o == '"y"' else o, g) for s, p, o, g in quads]
    assert set(js_deep_iteration_excess(same)) == {"_:l1", "_:l2"}
    assert js_deep_iteration_excess(quads, max_work_factor=2) == ()


def _random_documents(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)

    def node(depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in rng.sample(["p", "q", "r"], rng.randint(1, 3)):
            roll = rng.random()
            if depth > 0 and roll < 0.5:
                result[key] = [node(depth - 1) for _ in range(rng.randint(1, 3))]
            elif roll < 0.7:
                result[key] = {"@list": [rng.choice("ab") for _ in range(rng.randint(1, 5))]}
            else:
                result[key] = rng.choice(["a", "b"])
        return result

    documents = []
    for _ in range(count):
        subject = node(3)
        subject["id"] = "did:example:subject"
        documents.append(
            {
                "@context": [VC2, {"@vocab": "https://example.org/#"}],
                "type": "VerifiableCredential",
                "issuer": "did:example:issuer",
                "credentialSubject": subject,
            }
        )
    return documents


@pytest.mark.node
def test_agrees_with_rdf_canonize(tmp_path: Any) -> None:
    if not (PEERS / "run.sh").exists():
        pytest.skip(f"JS peer not available: {PEERS} is absent")
    if shutil.which("node") is None:
        pytest.skip("JS peer not available: node is not installed")
    documents = [badge(values) for values, _ in CASES.values()] + _random_documents(7, 80)
    source = tmp_path / "documents.json"
    source.write_text(json.dumps(documents), encoding="utf-8")
    completed = subprocess.run(
        [str(PEERS / "run.sh"), "canonize", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    outcomes = json.loads(completed.stdout)
    refused_by_js = []
    for outcome in outcomes:
        if isinstance(outcome, dict):
            assert "Maximum deep iterations exceeded" in outcome["error"], outcome
            refused_by_js.append(True)
        else:
            refused_by_js.append(False)
    ours = [bool(jsonld.deep_iteration_nodes(document)) for document in documents]
    assert ours == refused_by_js
    assert 10 < sum(ours) < len(ours) - 10  # both outcomes are exercised
