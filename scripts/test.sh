#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run). On a fresh Debian machine it:
#   1. installs PostgreSQL, Chromium, chromedriver and zbar-tools from apt if missing,
#      and the Python browser-test tools into .venv,
#   2. starts a throwaway PostgreSQL on 127.0.0.1 (removed on exit),
#   3. builds and runs the Swift tests (with SAMEN_TEST_POSTGRES_URL),
#   4. runs schemathesis (every check, bounded in time) against a demo `samen`'s API,
#   5. runs the browser tests (Tests/browser) against the built `samen`,
# and exits non-zero if anything failed, after a one-line summary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export DEBIAN_FRONTEND=noninteractive
export PYTHONDONTWRITEBYTECODE=1 # keep the work tree clean
export SE_OFFLINE=true           # Selenium must use the system chromedriver, never download one

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Swift lives in /opt/swift on our machines; make sure it is found even with a bare PATH.
if ! command -v swift >/dev/null && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="$PATH:/opt/swift/usr/bin"
fi

# ---------------------------------------------------------------- 1. tools
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
command -v pdftotext >/dev/null || missing+=(poppler-utils) # the report's printed PDF is read back in a browser test
# zbarimg decodes the QR codes of the survey letters in the tests (an independent decoder).
[[ -x /usr/bin/zbarimg ]] || missing+=(zbar-tools)
if ((${#missing[@]})); then
    step "Installing ${missing[*]} (apt)"
    as_root apt-get update -q
    as_root apt-get install -y -q "${missing[@]}"
fi

# Reinstall the venv only when requirements.txt changed since the last install.
VENV=$ROOT/.venv
REQS=$ROOT/Tests/browser/requirements.txt
STAMP=$VENV/.samen-requirements
if ! "$VENV/bin/python" -c 'pass' 2>/dev/null; then
    step "Creating Python venv in .venv"
    rm -rf "$VENV"
    if ! python3 -m venv "$VENV"; then
        # Debian's own python3 needs python3-venv for this.
        as_root apt-get update -q && as_root apt-get install -y -q python3-venv
        rm -rf "$VENV" && /usr/bin/python3 -m venv "$VENV"
    fi
fi
if ! cmp -s "$REQS" "$STAMP"; then
    step "Installing browser-test tools into .venv"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQS"
    cp "$REQS" "$STAMP"
fi

# ---------------------------------------------------------------- 2. PostgreSQL
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
trap pg_throwaway_stop EXIT
trap 'exit 130' INT TERM # run the EXIT trap on Ctrl-C / kill too
step "Starting throwaway PostgreSQL"
pg_throwaway_start # exports SAMEN_TEST_POSTGRES_URL

# ---------------------------------------------------------------- 3. Swift
build=FAILED swift_tests=skipped api=skipped browser=skipped

step "swift build --build-tests"
if swift build --build-tests; then
    build=ok
fi

if [[ $build == ok ]]; then
    step "swift test (PostgreSQL at 127.0.0.1:$SAMEN_PG_PORT)"
    # Swift Testing starts every test case at once by default. On two cores hundreds of
    # apps then share the CPU, and the live-server tests' client gives up after 20 s without
    # a byte. Six at a time takes as long in all and keeps each test's requests prompt.
    export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-6}"
    if swift test --skip-build; then swift_tests=ok; else swift_tests=FAILED; fi

    SAMEN_BIN="$(swift build --show-bin-path)/samen"
    export SAMEN_BIN

    # ------------------------------------------------------------ 4. API fuzzing
    step "schemathesis on /api/v1/openapi.json (every check, ${SAMEN_SCHEMATHESIS_SECONDS:-120} s)"
    if "$VENV/bin/python" Tests/api/schemathesis_run.py --samen "$SAMEN_BIN" --schemathesis "$VENV/bin/schemathesis" \
        --max-time "${SAMEN_SCHEMATHESIS_SECONDS:-120}" -- --workers 1 --no-color --seed "${SAMEN_SCHEMATHESIS_SEED:-2026}"; then api=ok; else api=FAILED; fi

    # ------------------------------------------------------------ 5. browser
    step "Browser tests (Tests/browser)"
    if "$VENV/bin/python" -m pytest Tests/browser -q; then browser=ok; else browser=FAILED; fi
fi

# ---------------------------------------------------------------- summary
if [[ $build == ok && $swift_tests == ok && $api == ok && $browser == ok ]]; then
    result=PASSED
else
    result=FAILED
fi
echo
echo "test.sh: $result (swift build: $build, swift test: $swift_tests, schemathesis: $api, browser tests: $browser)"
[[ $result == PASSED ]]
