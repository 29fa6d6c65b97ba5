#!/usr/bin/env bash
# .ci/postgres.sh start|stop|dsn — a throwaway PostgreSQL cluster for the store tests.
#
#   eval "$(bash .ci/postgres.sh start)"   # starts (or reuses) the cluster, prints
#                                          # export DOSSIER_TEST_POSTGRES='postgres://...'
#   bash .ci/postgres.sh stop              # stops it and deletes its files
#   bash .ci/postgres.sh dsn               # prints the DSN only
#
# The cluster lives in $DOSSIER_PG_DIR (default /tmp/dossier-ci-postgres-$PORT), listens on
# 127.0.0.1:$DOSSIER_PG_PORT (default 55432) with trust auth, and runs with
# synchronous_commit=off: crash-safe, but a commit is not flushed before it returns, which is
# the same trade SQLite makes in WAL mode with synchronous=NORMAL.
# Run as root, it runs the server as the "postgres" user (created by Debian's package).
# If no PostgreSQL server binaries are found and we are root, Debian's postgresql package is
# installed first. Diagnostics go to stderr; stdout carries only the export line.
set -euo pipefail

PORT="${DOSSIER_PG_PORT:-55432}"
DIR="${DOSSIER_PG_DIR:-/tmp/dossier-ci-postgres-$PORT}"
DSN="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"

log() { echo "postgres.sh: $*" >&2; }

bindir() {
	local d
	d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
	if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
	return 1
}

# as runs a command as the cluster's owner: ourselves, or "postgres" when we are root
# (PostgreSQL refuses to run as root).
as() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	local bin
	if ! bin="$(bindir)"; then
		if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
			log "no PostgreSQL found; installing Debian's postgresql package"
			# Wait for another apt to finish rather than failing on its lock.
			apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
			DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >&2
			bin="$(bindir)" || { log "postgresql installed but initdb not found"; exit 1; }
		else
			log "no PostgreSQL server binaries (initdb) found; install the postgresql package"
			exit 1
		fi
	fi
	if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin postgres
	fi
	if [ -f "$DIR/data/PG_VERSION" ] && as "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
		log "already running in $DIR"
		echo "export DOSSIER_TEST_POSTGRES='$DSN'"
		return 0
	fi
	# A leftover folder from a killed run: start afresh.
	rm -rf "$DIR"
	mkdir -p "$DIR"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
	as "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 || {
		cat "$DIR/initdb.log" >&2; log "initdb failed"; exit 1; }
	as "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
		-o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off -c shared_buffers=128MB" \
		start >&2 || { cat "$DIR/server.log" >&2; log "server did not start"; exit 1; }
	log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $DIR on 127.0.0.1:$PORT"
	echo "export DOSSIER_TEST_POSTGRES='$DSN'"
}

stop() {
	local bin
	if [ -f "$DIR/data/PG_VERSION" ] && bin="$(bindir)"; then
		as "$bin/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$DIR"
	log "stopped and removed $DIR"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
dsn) echo "$DSN" ;;
*) echo "usage: $0 start|stop|dsn" >&2; exit 2 ;;
esac
