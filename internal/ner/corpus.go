package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Sentence is one tokenised sentence with gold labels.
type Sentence struct {
	Words  []string
	Labels []Label
}

// Doc is a document of a corpus: the unit of the train/held-back split.
type Doc struct {
	ID        string
	Sentences []Sentence
}

// Corpus is one labeled corpus under ../shared/data, mapped to BIO over
// PER/ORG/LOC/MISC.
type Corpus struct {
	Name string
	Lang string
	// HasMisc is false for corpora that do not annotate MISC: there a
	// MISC-like name is labeled O, so training forbids MISC in its
	// sentences or, with TrainSentence.LatentMisc, leaves its O tokens
	// free to be O or MISC, and evaluation ignores predicted MISC spans.
	HasMisc bool
	Train   []Doc
	Held    []Doc
}

// heldBack reports whether a document goes to the held-back part: one in
// five, chosen by a hash of the corpus name and document id, so the split
// is the same on every run and does not depend on the order of files.
func heldBack(corpus, id string) bool {
	h := fnv.New32a()
	h.Write([]byte(corpus))
	h.Write([]byte{0})
	h.Write([]byte(id))
	return h.Sum32()%5 == 0
}

func split(name string, docs []Doc) (train, held []Doc) {
	for _, d := range docs {
		if heldBack(name, d.ID) {
			held = append(held, d)
		} else {
			train = append(train, d)
		}
	}
	return train, held
}

// DevFold returns the corpus with its training part split again, by
// document as the held-back part is: one in five training documents
// (by another hash) becomes the held-back part, so that changes can be
// measured without looking at the real held-back part.
func (c Corpus) DevFold() Corpus {
	d := c
	d.Train, d.Held = split(c.Name+"/dev", c.Train)
	return d
}

// LoadCorpora reads every corpus of dir (../shared/data) that exists and
// splits it. Missing folders are skipped; a malformed file is an error.
func LoadCorpora(dir string) ([]Corpus, error) {
	var out []Corpus
	add := func(c Corpus, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		out = append(out, c)
		return nil
	}
	loaders := []func(string) (Corpus, error){
		loadUNER, loadReDocRED, loadBTC, loadWikigold, loadWNUT, loadGermEval, loadEuropeanaDE, loadEuropeanaNL, loadEuropeanaFR, loadNorNE,
	}
	for _, l := range loaders {
		if err := add(l(dir)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lines calls fn for each line of a gzipped file.
func lines(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("ner: %s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(strings.TrimRight(sc.Text(), "\r")); err != nil {
			return fmt.Errorf("ner: %s: line %d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil && err != io.EOF {
		return fmt.Errorf("ner: %s: %w", path, err)
	}
	return nil
}

// builder collects documents and sentences from token lines.
type builder struct {
	docs  []Doc
	words []string
	tags  []string
	iob1  bool
	tag   func(string) string // corpus tag → "B-PER", "I-LOC", "O"...
}

func (b *builder) newDoc(id string) {
	b.endSent()
	b.docs = append(b.docs, Doc{ID: id})
}

func (b *builder) token(w, t string) {
	b.words = append(b.words, w)
	b.tags = append(b.tags, b.tag(t))
}

func (b *builder) endSent() {
	if len(b.words) == 0 {
		return
	}
	if len(b.docs) == 0 {
		b.docs = append(b.docs, Doc{ID: "0"})
	}
	s := Sentence{Words: b.words, Labels: bioLabels(b.tags, b.iob1)}
	d := &b.docs[len(b.docs)-1]
	d.Sentences = append(d.Sentences, s)
	b.words, b.tags = nil, nil
}

// bioLabels turns tags into IOB2 labels. With iob1 (and always for an
// I- tag that does not continue an entity of its type) an I- tag starts
// an entity.
func bioLabels(tags []string, iob1 bool) []Label {
	out := make([]Label, len(tags))
	prev := ""
	for i, t := range tags {
		if t == "O" || len(t) < 3 {
			out[i], prev = O, ""
			continue
		}
		typ := t[2:]
		begin := t[0] == 'B' || prev != typ
		_ = iob1 // IOB1 and stray I- tags are handled alike: I- after another type begins
		out[i] = labelOf(typ, begin)
		prev = typ
		if out[i] == O {
			prev = ""
		}
	}
	return out
}

// plainTag maps a tag over PER/ORG/LOC/MISC (any case, typos allowed as
// in Europeana's "B-PEr") to itself, anything else to O.
func plainTag(t string) string {
	t = strings.ReplaceAll(t, "_", "-")
	if len(t) < 5 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' {
		return "O"
	}
	typ := strings.ToUpper(t[2:])
	for _, k := range []string{"PER", "ORG", "LOC", "MISC"} {
		if typ == k {
			return t[:2] + k
		}
	}
	return "O"
}

func loadUNER(dir string) (Corpus, error) {
	c := Corpus{Name: "uner-en", Lang: "en"}
	for _, part := range []string{"train", "dev"} {
		b := &builder{tag: plainTag}
		err := lines(filepath.Join(dir, "uner-en", "uner-en_ewt."+part+".tsv.gz"), func(l string) error {
			switch {
			case strings.HasPrefix(l, "# newdoc id = "):
				b.newDoc(strings.TrimPrefix(l, "# newdoc id = "))
			case strings.HasPrefix(l, "# "):
			case l == "":
				b.endSent()
			default:
				w, t, ok := strings.Cut(l, "\t")
				if !ok {
					return fmt.Errorf("no tab in %q", l)
				}
				b.token(w, t)
			}
			return nil
		})
		if err != nil {
			return c, err
		}
		b.endSent()
		// The official dev part is a document-level split already: it is
		// the held-back part.
		if part == "dev" {
			c.Held = b.docs
		} else {
			c.Train = b.docs
		}
	}
	return c, nil
}

func loadReDocRED(dir string) (Corpus, error) {
	c := Corpus{Name: "redocred-ner", Lang: "en", HasMisc: true}
	b := &builder{tag: plainTag}
	err := lines(filepath.Join(dir, "redocred-ner", "redocred.dev.tsv.gz"), func(l string) error {
		switch {
		case strings.HasPrefix(l, "# doc = "):
			b.newDoc(strings.TrimPrefix(l, "# doc = "))
		case l == "":
			b.endSent()
		default:
			f := strings.Split(l, "\t")
			if len(f) < 2 {
				return fmt.Errorf("no tab in %q", l)
			}
			b.token(f[0], f[1])
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	b.endSent()
	c.Train, c.Held = split(c.Name, b.docs)
	return c, nil
}

func loadBTC(dir string) (Corpus, error) {
	c := Corpus{Name: "btc", Lang: "en"}
	b := &builder{tag: plainTag}
	section := ""
	n := 0
	err := lines(filepath.Join(dir, "btc", "btc.tsv.gz"), func(l string) error {
		switch {
		case strings.HasPrefix(l, "# section = "):
			section = strings.TrimPrefix(l, "# section = ")
		case l == "":
			b.endSent()
		default:
			w, t, ok := strings.Cut(l, "\t")
			if !ok {
				return fmt.Errorf("no tab in %q", l)
			}
			if len(b.words) == 0 {
				// Each tweet is its own document.
				n++
				b.newDoc(fmt.Sprintf("%s-%d", section, n))
			}
			b.token(w, t)
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	b.endSent()
	c.Train, c.Held = split(c.Name, b.docs)
	return c, nil
}

func loadWikigold(dir string) (Corpus, error) {
	c := Corpus{Name: "wikigold", Lang: "en", HasMisc: true}
	b := &builder{tag: plainTag, iob1: true}
	n := 0
	err := lines(filepath.Join(dir, "wikigold", "wikigold.conll.txt.gz"), func(l string) error {
		switch {
		case strings.HasPrefix(l, "-DOCSTART-"):
			n++
			b.newDoc(fmt.Sprint(n))
		case l == "":
			b.endSent()
		default:
			w, t, ok := strings.Cut(l, " ")
			if !ok {
				return fmt.Errorf("no space in %q", l)
			}
			b.token(w, t)
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	b.endSent()
	c.Train, c.Held = split(c.Name, b.docs)
	return c, nil
}

// wnutTag maps WNUT17's types: person, location, corporation and group
// (ORG), product and creative-work (MISC).
func wnutTag(t string) string {
	if len(t) < 3 {
		return "O"
	}
	typ := ""
	switch t[2:] {
	case "person":
		typ = "PER"
	case "location":
		typ = "LOC"
	case "corporation", "group":
		typ = "ORG"
	case "product", "creative-work":
		typ = "MISC"
	default:
		return "O"
	}
	return t[:2] + typ
}

func loadWNUT(dir string) (Corpus, error) {
	c := Corpus{Name: "wnut17", Lang: "en", HasMisc: true}
	for _, f := range []string{"wnut17train.conll.gz", "emerging.dev.conll.gz", "emerging.test.annotated.gz"} {
		b := &builder{tag: wnutTag}
		n := 0
		err := lines(filepath.Join(dir, "wnut17", f), func(l string) error {
			if strings.TrimSpace(l) == "" {
				b.endSent()
				return nil
			}
			w, t, ok := strings.Cut(l, "\t")
			if !ok {
				return fmt.Errorf("no tab in %q", l)
			}
			if len(b.words) == 0 {
				n++
				b.newDoc(fmt.Sprintf("%s:%d", f, n))
			}
			b.token(w, strings.TrimSpace(t))
			return nil
		})
		if err != nil {
			return c, err
		}
		b.endSent()
		// The shared task's test part is the held-back part.
		if strings.HasPrefix(f, "emerging.test") {
			c.Held = b.docs
		} else {
			c.Train = append(c.Train, b.docs...)
		}
	}
	return c, nil
}

// germevalTag keeps the outer level; OTH is MISC; derived forms
// ("deutsch", LOCderiv) and parts of words ("EU-weit", ORGpart) are O,
// since the word is not the name itself.
func germevalTag(t string) string {
	if len(t) < 3 || strings.HasSuffix(t, "deriv") || strings.HasSuffix(t, "part") {
		return "O"
	}
	if t[2:] == "OTH" {
		return t[:2] + "MISC"
	}
	return plainTag(t)
}

func loadGermEval(dir string) (Corpus, error) {
	c := Corpus{Name: "germeval2014", Lang: "de", HasMisc: true}
	b := &builder{tag: germevalTag}
	n := 0
	err := lines(filepath.Join(dir, "germeval2014", "NER-de-test.tsv.gz"), func(l string) error {
		if strings.HasPrefix(l, "#") {
			return nil
		}
		if l == "" {
			b.endSent()
			return nil
		}
		f := strings.Split(l, "\t")
		if len(f) < 3 {
			return fmt.Errorf("%d fields in %q", len(f), l)
		}
		if len(b.words) == 0 {
			// No source documents are given: each sentence is its own.
			n++
			b.newDoc(fmt.Sprint(n))
		}
		b.token(f[1], f[2])
		return nil
	})
	if err != nil {
		return c, err
	}
	b.endSent()
	c.Train, c.Held = split(c.Name, b.docs)
	return c, nil
}

// loadEuropeana reads files that are one long token stream: sentences end
// at ".", "!" or "?" and documents are runs of 40 sentences.
func loadEuropeana(dir, name, lang string, files ...string) (Corpus, error) {
	c := Corpus{Name: name, Lang: lang}
	var docs []Doc
	for _, file := range files {
		b := &builder{tag: plainTag, iob1: true}
		sents := 0
		err := lines(filepath.Join(dir, "europeana-ner", file), func(l string) error {
			f := strings.Fields(l)
			if len(f) == 0 {
				return nil
			}
			t := "O"
			if len(f) >= 2 {
				t = f[len(f)-1]
			}
			if sents%40 == 0 && len(b.words) == 0 {
				b.newDoc(fmt.Sprintf("%s-%d", file, sents/40))
			}
			b.token(f[0], t)
			if f[0] == "." || f[0] == "!" || f[0] == "?" || len(b.words) >= 120 {
				b.endSent()
				sents++
			}
			return nil
		})
		if err != nil {
			return c, err
		}
		b.endSent()
		docs = append(docs, b.docs...)
	}
	c.Train, c.Held = split(c.Name, docs)
	return c, nil
}

func loadEuropeanaDE(dir string) (Corpus, error) {
	return loadEuropeana(dir, "europeana-de", "de", "enp_DE.lft.bio.gz", "enp_DE.onb.bio.gz", "enp_DE.sbb.bio.gz")
}

func loadEuropeanaNL(dir string) (Corpus, error) {
	return loadEuropeana(dir, "europeana-nl", "nl", "enp_NL.kb.bio.gz")
}

func loadEuropeanaFR(dir string) (Corpus, error) {
	return loadEuropeana(dir, "europeana-fr", "fr", "enp_FR.bnf.bio.gz")
}

// norneTag maps NorNE's nine types: GPE_LOC is LOC, GPE_ORG is ORG, PROD,
// EVT and MISC are MISC, DRV (a word derived from a name, "norsk") is O.
func norneTag(t string) string {
	if len(t) < 3 {
		return "O"
	}
	switch t[2:] {
	case "PER", "ORG", "LOC":
		return t
	case "GPE_LOC":
		return t[:2] + "LOC"
	case "GPE_ORG":
		return t[:2] + "ORG"
	case "PROD", "EVT", "MISC":
		return t[:2] + "MISC"
	}
	return "O"
}

func loadNorNE(dir string) (Corpus, error) {
	c := Corpus{Name: "norne", Lang: "no", HasMisc: true}
	var docs []Doc
	for _, f := range []string{"norne-nob.ndt.tsv.gz", "norne-nno.ndt.tsv.gz"} {
		b := &builder{tag: norneTag}
		cur := ""
		err := lines(filepath.Join(dir, "norne", f), func(l string) error {
			switch {
			case strings.HasPrefix(l, "# doc = "):
				// "ap001_0003": the part before "_" is the source document.
				id := strings.TrimPrefix(l, "# doc = ")
				if i := strings.IndexByte(id, '_'); i > 0 {
					id = id[:i]
				}
				if id != cur {
					b.newDoc(f + ":" + id)
					cur = id
				}
			case l == "":
				b.endSent()
			default:
				w, t, ok := strings.Cut(l, "\t")
				if !ok {
					return fmt.Errorf("no tab in %q", l)
				}
				b.token(w, t)
			}
			return nil
		})
		if err != nil {
			return c, err
		}
		b.endSent()
		docs = append(docs, b.docs...)
	}
	c.Train, c.Held = split(c.Name, docs)
	return c, nil
}
