# Every target builds .venv itself: Python 3.11, make and a C compiler are all a fresh machine
# needs (without a compiler the hot core stays pure Python, with a warning; see
# docs/performance.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
DEMO_STAMP := $(VENV)/.installed
HOT_STAMP := $(VENV)/.hot-core
HOT_SOURCES := $(wildcard src/vckit/jsonld/_iri.py src/vckit/jsonld/_paths.py \
	src/vckit/jsonld/_context.py src/vckit/jsonld/_emit.py src/vckit/rdfc/_terms.py \
	src/vckit/rdfc/_nquads.py src/vckit/rdfc/_ndegree.py src/vckit/rdfc/_canon.py \
	src/vckit/_codec/limits.py src/vckit/_codec/jsoncopy.py src/vckit/jsonld/_validate.py \
	src/vckit/proofs/dataintegrity/_transform.py src/vckit/proofs/dataintegrity/_base58.py \
	src/vckit/proofs/dataintegrity/_hotpath.py) \
	src/vckit/errors.py src/vckit/_codec/jcs.py src/vckit/_codec/limit_error.py \
	src/vckit/proofs/dataintegrity/_errors.py src/vckit/proofs/dataintegrity/_result.py \
	hatch_build.py
HOT_SOURCES += $(wildcard src/vckit/_codec/uri.py src/vckit/_codec/stamp.py src/vckit/openbadges/_walk.py src/vckit/verification/_rules.py \
	src/vckit/verification/_detect.py src/vckit/verification/_flow.py)
HOT_SOURCES += $(wildcard src/vckit/verification/_drive.py src/vckit/verification/_contexts.py)
HOT_SOURCES += $(wildcard src/vckit/proofs/dataintegrity/_options.py \
	src/vckit/proofs/dataintegrity/_resolve.py)
HOT_SOURCES += $(wildcard src/vckit/_codec/plaincopy.py)
# On CI a failed compilation is an error, not a silent fall back to pure Python.
export VCKIT_REQUIRE_COMPILED ?= $(if $(CI),1,0)
# What the suite runs again on the pure-Python hot core (VCKIT_PURE_PYTHON=1).
PURE_TESTS := tests/conformance/test_rdfc10.py tests/conformance/test_jsonld_tordf.py \
	tests/property/test_canonical_credentials.py tests/interop/test_di_peers.py \
	tests/interop/test_canonicalize_vectors.py tests/unit/test_build.py \
	tests/unit/jsonld/test_no_silent_fallback.py tests/unit/test_build_faults.py \
	tests/unit/codec/test_limits.py tests/unit/jsonld/test_validate_contexts.py \
	tests/unit/dataintegrity/test_di_base58.py tests/unit/dataintegrity/test_di_pickle.py \
	tests/unit/dataintegrity/test_di_context_walk.py
PURE_TESTS += tests/unit/jsonld/test_key_plan.py tests/unit/dataintegrity/test_di_engine.py \
	tests/unit/dataintegrity/test_di_async.py tests/unit/dataintegrity/test_di_resolver_kind.py \
	tests/unit/dataintegrity/test_di_duplicate_quads.py
PURE_TESTS += tests/unit/openbadges/test_ob_walk.py tests/unit/openbadges/test_ob_validate.py \
	tests/unit/verify/test_pipeline_checks.py tests/unit/verify/test_pipeline_fast_paths.py
PURE_TESTS += tests/unit/verify/test_stamp_fast_paths.py tests/unit/verify/test_verifier_driver.py
PURE_TESTS += tests/unit/codec/test_plaincopy.py tests/unit/batch/test_transport.py
# "compiled" when the in-place build produced the extensions, else "pure".
ACTIVE_BUILD = $$(ls src/vckit/_hotcore__mypyc.*.so >/dev/null 2>&1 && echo compiled || echo pure)

.PHONY: test demo bench build pure fuzz lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(DEMO_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[cli]'
	touch $@

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# (Re)compile the hot core next to its sources when one of them changed (mypyc, from the venv).
$(HOT_STAMP): $(STAMP) $(HOT_SOURCES)
	$(BIN)/python hatch_build.py --inplace
	touch $@

build: $(HOT_STAMP)

# Drop the compiled modules from src/ (the editable install then runs pure Python).
pure:
	$(PYTHON) hatch_build.py --clean
	rm -f $(HOT_STAMP)

test: $(HOT_STAMP)
	$(BIN)/ruff check src tests benchmarks hatch_build.py
	$(BIN)/ruff format --check src tests benchmarks hatch_build.py
	$(BIN)/mypy --strict src
	VCKIT_EXPECT_BUILD=$(ACTIVE_BUILD) $(BIN)/python -m pytest -q
	VCKIT_PURE_PYTHON=1 VCKIT_EXPECT_BUILD=pure $(BIN)/python -m pytest -q $(PURE_TESTS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks hatch_build.py
	$(BIN)/ruff format --check src tests benchmarks hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

pytest: $(HOT_STAMP)
	VCKIT_EXPECT_BUILD=$(ACTIVE_BUILD) $(BIN)/python -m pytest -q

# The fuzz suite with many more examples (tests/fuzz; make test runs a few of each).
fuzz: $(HOT_STAMP)
	VCKIT_FUZZ=long $(BIN)/python -m pytest -q tests/fuzz

bench: $(HOT_STAMP)
	$(BIN)/python benchmarks/run.py

demo: $(DEMO_STAMP)
	$(BIN)/python -m vckit.demo

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
	find src -name '*.so' -delete
