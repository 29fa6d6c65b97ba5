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

# staticcheck is pinned (2026.2.2 is module v0.8.2) so that a new release's
# checks do not fail CI unannounced; it is installed when absent or another
# version. It checks the whole tree.
staticcheck_version=v0.8.2
staticcheck="$(go env GOPATH)/bin/staticcheck"
if ! "$staticcheck" -version 2>/dev/null | grep -q "(${staticcheck_version#v})"; then
  echo "installing staticcheck $staticcheck_version ..." >&2
  go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
fi
echo "== staticcheck" >&2
"$staticcheck" ./...

echo "== go test" >&2
go test -count=1 -shuffle=on -timeout 20m "$@" ./...

# The packages that run goroutines, again under the race detector. -short
# keeps the heavy corpus tests out (they skip under testing.Short): -race
# makes them five times slower and they exercise no concurrency the short
# tests do not. TestFailedCommitForgetsTheBatch replays a generated corpus
# single-threaded (7 s, over a minute under -race).
echo "== go test -race (packages with goroutines)" >&2
go test -race -short -count=1 -timeout 15m -skip 'TestFailedCommitForgetsTheBatch' "$@" \
  ./internal/store ./internal/web ./internal/watch ./internal/fetch ./internal/pipeline
