package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/cluster"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

func runCluster(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "cluster", "< articles.jsonl > assignments.jsonl")
	cfg := cluster.DefaultConfig()
	fs.Float64Var(&cfg.Join, "threshold", 0, "average pair probability two groups need to be one event (0: the model's)")
	stream := fs.Bool("stream", false, "write each batch's decisions as they are made, then a line for every earlier article whose event changed (the last line per id wins)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"cluster reads stdin and takes no arguments"}
	}
	_, err := cluster.Run(cfg, e.stdin, e.stdout, *stream)
	return err
}

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "[--facts INCIDENTS.jsonl[.gz]] --gold FILE.jsonl[.gz] | FILE.jsonl[.gz]")
	gold := fs.String("gold", "", "labeled corpus (JSONL with a cluster field per article)")
	facts := fs.String("facts", "", "incident records (gva facts JSONL): run the whole pipeline and score each event's date, place, figures and people")
	detail := fs.Bool("detail", false, "with --facts: list every incident's event and misses (with --json: include them)")
	batch := fs.Int("batch", 256, "with --facts: articles per pipeline batch, as ingest")
	asJSON := fs.Bool("json", false, "print JSON")
	split := fs.String("split", "all", "part to score: all, or train or dev (ECB+ by topic, other corpora by gold cluster, as the clusterer's model was trained)")
	cfg := cluster.DefaultConfig()
	fs.Float64Var(&cfg.Join, "threshold", 0, "average pair probability two groups need to be one event (0: the model's)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *gold == "" && fs.NArg() == 1 {
		*gold = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return usageError{"give the corpus once, as --gold FILE or as the only argument"}
	}
	if *gold == "" {
		return usageError{"--gold is required"}
	}
	arts, err := eval.ReadGold(*gold)
	if err != nil {
		return err
	}
	arts, err = eval.Split(arts, *split)
	if err != nil {
		return usageError{err.Error()}
	}
	if *facts != "" {
		return evalFacts(ctx, e, arts, *facts, *gold, *split, *batch, *detail, *asJSON)
	}
	r := eval.Run(arts, cfg)
	r.Split = *split
	if *asJSON {
		return writeJSON(e.stdout, r)
	}
	tw := newTabWriter(e.stdout)
	fmt.Fprintf(tw, "corpus\t%s (split %s)\n", *gold, *split)
	fmt.Fprintf(tw, "articles\t%d\n", r.Articles)
	fmt.Fprintf(tw, "clusters\tgold %d, predicted %d\n", r.GoldClusters, r.PredClusters)
	fmt.Fprintf(tw, "BCubed\tP %.2f  R %.2f  F1 %.2f\n", 100*r.BCubedP, 100*r.BCubedR, 100*r.BCubedF1)
	fmt.Fprintf(tw, "pairwise\tP %.2f  R %.2f  F1 %.2f\n", 100*r.PairP, 100*r.PairR, 100*r.PairF1)
	for _, g := range r.Gaps {
		if g.GoldPairs > 0 || g.PredPairs > 0 {
			fmt.Fprintf(tw, "pairs %s apart\tR %.2f  P %.2f  (%d gold pairs, %d predicted)\n", g.Label, 100*g.Recall, 100*g.Precision, g.GoldPairs, g.PredPairs)
		}
	}
	fmt.Fprintf(tw, "time\t%.3f s (%.0f articles/s)\n", r.Seconds, r.ArticlesPerSecond)
	return tw.Flush()
}

func evalFacts(ctx context.Context, e *env, arts []eval.GoldArticle, facts, gold, split string, batch int, detail, asJSON bool) error {
	incidents, err := eval.ReadIncidents(facts)
	if err != nil {
		return err
	}
	r, err := eval.RunFacts(ctx, arts, incidents, batch, e.log)
	if err != nil {
		return err
	}
	if asJSON {
		if !detail {
			r.Details = nil
		}
		return writeJSON(e.stdout, r)
	}
	tw := newTabWriter(e.stdout)
	fmt.Fprintf(tw, "corpus\t%s (split %s), facts %s\n", gold, split, facts)
	fmt.Fprintf(tw, "incidents\t%d, events %d, %.1f s\n", r.Incidents, r.Events, r.Seconds)
	fmt.Fprintln(tw, "MARK\tRIGHT\tOF\t%")
	for _, m := range []struct {
		name string
		m    eval.Mark
	}{
		{"date", r.Date}, {"date ±1 day", r.DateNear}, {"place (city, else state)", r.Place}, {"city", r.City},
		{"killed", r.Killed}, {"injured", r.Injured}, {"people", r.People}, {"  victims", r.Victims}, {"  suspects", r.Suspects},
	} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\n", m.name, m.m.Hit, m.m.Of, 100*m.m.Rate)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !detail {
		return nil
	}
	fmt.Fprintln(e.stdout)
	tb := newTable("INCIDENT", "EVENT", "HELD", "DATE", "PLACE~", "KILLED", "INJURED", "MISSED PEOPLE~")
	for _, d := range r.Details {
		tb.row(d.Cluster, d.Event, fmt.Sprintf("%d/%d", d.Held, d.Articles), d.Date, d.Place, strconv.FormatBool(d.Killed), strconv.FormatBool(d.Injured), strings.Join(d.Missed, "; "))
	}
	return tb.write(e.stdout, termWidth(e.stdout))
}

func runAnalyse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "analyse", "FILE")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"want exactly one FILE (or - for stdin)"}
	}
	an, err := extract.New()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	var arts []news.Article
	var rejected int
	err = ingest.Walk(ctx, fs.Args(), ingest.Options{Stdin: e.stdin}, func(a *news.Article, err error) error {
		if err != nil {
			fmt.Fprintf(e.stderr, "rejected: %s\n", err)
			rejected++
			return nil
		}
		arts = append(arts, *a)
		return nil
	})
	if err != nil {
		return err
	}
	type out struct {
		Article news.Article  `json:"article"`
		Facts   news.Analysis `json:"facts"`
	}
	var outs []out
	for i := range arts {
		res := an.Analyze(&arts[i])
		extract.Canonicalize(arts[i:i+1], []news.Analysis{res})
		outs = append(outs, out{arts[i], res})
	}
	if *asJSON {
		if len(outs) == 1 {
			err = writeJSON(e.stdout, outs[0])
		} else {
			err = writeJSON(e.stdout, outs)
		}
	} else {
		for _, o := range outs {
			printAnalysis(e, o.Article, o.Facts)
		}
	}
	if err != nil {
		return err
	}
	if rejected > 0 {
		return rejectedError{rejected}
	}
	return nil
}

func printAnalysis(e *env, a news.Article, an news.Analysis) {
	w := e.stdout
	pub := "unknown"
	if !a.Published.IsZero() {
		pub = a.Published.Format("2006-01-02")
	}
	fmt.Fprintf(w, "%s\n%s | %s | %s | lang %s", a.Title, a.ID, cmp.Or(a.Source, "unknown outlet"), pub, a.Lang)
	if len(a.Inferred) > 0 {
		fmt.Fprintf(w, " | inferred: %s", strings.Join(a.Inferred, ", "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tb := newTable("KIND", "VALUE~", "DETAIL~", "TEXT~")
	for _, en := range an.Entities {
		tb.row(string(en.Type), en.Name, strings.Join(en.Aliases, "; "))
	}
	for _, p := range an.Places {
		tb.row("place", p.Name+", "+p.Country, fmt.Sprintf("%.4f, %.4f", p.Lat, p.Lon), p.Text)
	}
	for _, d := range an.Dates {
		rel := ""
		if d.Relative {
			rel = "relative"
		}
		tb.row("date", d.Date, rel, d.Text)
	}
	for _, f := range an.Figures {
		v := news.FormatNumber(f.Value)
		if f.Max != 0 {
			v += "–" + news.FormatNumber(f.Max)
		}
		tb.row("figure", v, strings.TrimSpace(f.Counts+" "+f.Where), f.Text)
	}
	for _, q := range an.Quotes {
		kind := "quote"
		if q.Indirect {
			kind = "reported"
		}
		tb.row(kind, q.Speaker, "", q.Text)
	}
	tb.write(w, termWidth(w))
	fmt.Fprintln(w)
}

func runGen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "gen", "> corpus.jsonl")
	n := fs.Int("n", 1000, "articles to generate")
	seed := fs.Int64("seed", 1, "random seed (same seed and span, same corpus)")
	days := fs.Int("days", 0, "days the events span from 2024-01-01, e.g. 1095 for three years (default n/300, 7 to 365)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *n <= 0 {
		return usageError{"-n must be positive"}
	}
	if *days < 0 || *days > sample.MaxSpanDays {
		return usageError{fmt.Sprintf("--days %d: want 1 to %d", *days, sample.MaxSpanDays)}
	}
	arts, labels := sample.GenerateSpan(*n, *seed, *days)
	w := bufio.NewWriter(e.stdout)
	if err := sample.WriteJSONL(w, arts, labels); err != nil {
		return err
	}
	return w.Flush()
}
