#!/usr/bin/env bash
# Runs Dossier's whole test suite on this machine, installing what it needs
# first: Debian's chromium (browser tests) and postgresql (the PostgreSQL
# store tests run against a throwaway cluster started here and stopped at
# the end). Usage: bash scripts/test.sh [go test flags...]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need[*]} ..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "note: ${need[*]} missing and not installable here; those tests will skip" >&2
  fi
fi

if [ -z "${DOSSIER_TEST_POSTGRES:-}" ] && [ -x .ci/postgres.sh ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  # A cluster already running (a developer's, or a benchmark's) is reused and left running.
  running=$( (bash .ci/postgres.sh dsn >/dev/null 2>&1 && psql "$(bash .ci/postgres.sh dsn 2>/dev/null)" -qtAc 'select 1' 2>/dev/null) || true)
  if exports=$(bash .ci/postgres.sh start); then
    eval "$exports"
    export DOSSIER_TEST_POSTGRES
    if [ "$running" != "1" ]; then
      trap 'bash .ci/postgres.sh stop >/dev/null 2>&1 || true' EXIT
    fi
    echo "PostgreSQL test cluster: $DOSSIER_TEST_POSTGRES" >&2
  else
    echo "note: could not start a PostgreSQL test cluster; PostgreSQL tests will skip" >&2
  fi
fi

echo "== gofmt, go vet" >&2
unformatted=$(gofmt -l cmd internal)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2; echo "$unformatted" >&2; exit 1
fi
go vet ./...

echo "== go test" >&2
go test -count=1 -shuffle=on -timeout 20m "$@" ./...
