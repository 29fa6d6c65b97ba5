package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/dossier-news/dossier/internal/store"
)

// Exit codes.
const (
	exitOK       = 0 // success
	exitFailure  = 1 // the command failed
	exitUsage    = 2 // bad arguments
	exitRejected = 3 // the command finished, but some inputs were rejected
	exitNotFound = 4 // the event, article, entity or database asked for does not exist
)

// env carries a command's standard streams and settings.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "ingest the bundled sample corpus into the database and list its events", runDemo},
		{"ingest", "ingest files, directories, URLs or - (stdin) into the database", runIngest},
		{"events", "list events, newest first", runEvents},
		{"show", "show one event's dossier (--json, --md)", runShow},
		{"search", "full-text search over articles and events", runSearch},
		{"analyse", "print the facts extracted from one article file", runAnalyse},
		{"cluster", "cluster article JSONL from stdin without a database", runCluster},
		{"eval", "cluster a labeled corpus and score it (BCubed, pairwise; --facts: event facts against incident records)", runEval},
		{"serve", "serve the web pages and JSON API", runServe},
		{"watch", "poll feeds and ingest new items until stopped", runWatch},
		{"migrate", "apply schema migrations, or copy a store (--from, --to)", runMigrate},
		{"gen", "write synthetic articles as labeled JSONL, for benchmarks", runGen},
	}
}

// usageError is an error in the command line itself.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// rejectedError reports a command that finished but rejected some inputs.
type rejectedError struct{ n int }

func (e rejectedError) Error() string { return fmt.Sprintf("%d input(s) rejected", e.n) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	level := slog.LevelInfo
	if os.Getenv("DOSSIER_DEBUG") != "" {
		level = slog.LevelDebug
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, "dossier", version)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] && !(c.name == "analyse" && args[0] == "analyze") {
			continue
		}
		err := c.run(ctx, e, args[1:])
		var ue usageError
		var re rejectedError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "dossier %s: %s\nTry: dossier %s -h\n", c.name, ue.msg, c.name)
			return exitUsage
		case errors.As(err, &re):
			fmt.Fprintf(stderr, "dossier %s: %s\n", c.name, re)
			return exitRejected
		case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNoDatabase):
			fmt.Fprintf(stderr, "dossier %s: %s\n", c.name, err)
			return exitNotFound
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(stderr, "dossier %s: interrupted\n", c.name)
			return exitFailure
		default:
			fmt.Fprintf(stderr, "dossier %s: %s\n", c.name, err)
			return exitFailure
		}
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

var version = "0.1.0-dev"

func usage(w io.Writer) {
	fmt.Fprint(w, "Dossier turns a stream of news articles into events with sourced facts.\n\nUsage: dossier COMMAND [flags] [args]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
The database is --db PATH (default $DOSSIER_DB, else dossier.db): a SQLite
file, or postgres://... for PostgreSQL.

Read commands (events, show, search, serve) refuse a SQLite file that does
not exist; ingest, watch, demo and migrate create it.

Exit codes: 0 ok, 1 failure, 2 usage, 3 some inputs rejected, 4 not found
(also a database that does not exist).
Run 'dossier COMMAND -h' for a command's flags.
`)
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(e *env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: dossier %s [flags] %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("DOSSIER_DB")
	if def == "" {
		def = "dossier.db"
	}
	return fs.String("db", def, "database: a SQLite file path or a postgres:// URL (env DOSSIER_DB)")
}

func openStore(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redact(dsn), err)
	}
	return db, nil
}

// openExisting opens the store at dsn for a command that only reads it:
// a SQLite file that does not exist is refused (exit code 4) rather than
// created empty.
func openExisting(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.OpenExisting(ctx, dsn)
	if err != nil {
		if errors.Is(err, store.ErrNoDatabase) {
			return nil, fmt.Errorf("%w; check --db or $DOSSIER_DB", err)
		}
		return nil, fmt.Errorf("open database %s: %w", redact(dsn), err)
	}
	return db, nil
}

// redact hides a password in a database URL.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest := dsn[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				return dsn[:i+3] + rest[:c] + ":***" + rest[at:]
			}
		}
	}
	return dsn
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// isTerminal reports whether w is a terminal, for progress bars and colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
