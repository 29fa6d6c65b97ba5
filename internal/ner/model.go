package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
)

// The model file, model/ner.bin.gz, is gzip over:
//
//	magic "dossier-ner 1\n"
//	gazetteer: per class, uvarint count, then each phrase (uvarint length, bytes)
//	uvarint number of models, then per model:
//	  lang, the domains, the domains without MISC (each list a uvarint
//	  count, then strings), the default domain (a string is a uvarint
//	  length, then bytes), the word clusters (uvarint count, then per
//	  word the low 32 bits of its lower-case hash, little-endian, and
//	  its path and capitalisation class (Clusters) as a uvarint, in
//	  increasing order of hash),
//	  uvarint bits, float32 scale,
//	  (numLabels+1)*numLabels float32 transitions,
//	  uvarint number of non-zero rows, then per row: uvarint gap from the
//	  previous row index, numLabels zig-zag varints.
const magic = "dossier-ner 2\n"

//go:embed model/ner.bin.gz
var embedded []byte

// Bundle is a set of models, one per language, sharing one gazetteer.
type Bundle struct {
	Gaz    *Gazetteer
	Models []*Model
}

// Encode writes the bundle in the model file format.
func (b *Bundle) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: encode: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	f32 := func(f float32) {
		binary.LittleEndian.PutUint32(tmp[:4], math.Float32bits(f))
		bw.Write(tmp[:4])
	}
	bw.WriteString(magic)
	for c := 0; c < numGaz; c++ {
		uv(uint64(len(b.Gaz.phrases[c])))
		for _, p := range b.Gaz.phrases[c] {
			str(p)
		}
	}
	uv(uint64(len(b.Models)))
	for _, m := range b.Models {
		m.dense()
		str(m.Lang)
		uv(uint64(len(m.Domains)))
		for _, d := range m.Domains {
			str(d)
		}
		uv(uint64(len(m.NoMisc)))
		for _, d := range m.NoMisc {
			str(d)
		}
		str(m.Default)
		keys := make([]uint32, 0, m.clus.Len())
		if m.clus != nil {
			for k := range m.clus.m {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		uv(uint64(len(keys)))
		for _, k := range keys {
			binary.LittleEndian.PutUint32(tmp[:4], k)
			bw.Write(tmp[:4])
			uv(uint64(m.clus.m[k]))
		}
		uv(uint64(m.bits))
		f32(m.scale)
		for a := range m.trans {
			for _, x := range m.trans[a] {
				f32(x)
			}
		}
		rows := len(m.w) / numLabels
		nz := 0
		for r := 0; r < rows; r++ {
			if !zeroRow(m.w[r*numLabels : r*numLabels+numLabels]) {
				nz++
			}
		}
		uv(uint64(nz))
		prev := 0
		for r := 0; r < rows; r++ {
			row := m.w[r*numLabels : r*numLabels+numLabels]
			if zeroRow(row) {
				continue
			}
			uv(uint64(r - prev))
			prev = r
			for _, x := range row {
				sv(int64(x))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: encode: %w", err)
	}
	return nil
}

func zeroRow(r []int16) bool {
	for _, x := range r {
		if x != 0 {
			return false
		}
	}
	return true
}

// Decode reads a bundle written by Encode.
func Decode(r io.Reader) (*Bundle, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: decode: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("ner: decode: not a model file")
	}
	var rerr error
	uv := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	str := func() string {
		n := uv()
		if n > 1<<20 {
			rerr = errors.New("string too long")
			return ""
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil && rerr == nil {
			rerr = err
		}
		return string(b)
	}
	f32 := func() float32 {
		var b [4]byte
		if _, err := io.ReadFull(br, b[:]); err != nil && rerr == nil {
			rerr = err
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
	}
	b := &Bundle{Gaz: NewGazetteer()}
	for c := 0; c < numGaz && rerr == nil; c++ {
		n := int(uv())
		for i := 0; i < n && rerr == nil; i++ {
			b.Gaz.Add(c, str())
		}
	}
	nm := int(uv())
	for k := 0; k < nm && rerr == nil; k++ {
		m := &Model{Lang: str(), gaz: b.Gaz}
		nd := uv()
		if nd > 64 {
			return nil, fmt.Errorf("ner: decode: %d domains", nd)
		}
		for i := uint64(0); i < nd && rerr == nil; i++ {
			m.Domains = append(m.Domains, str())
		}
		nd = uv()
		if nd > 64 {
			return nil, fmt.Errorf("ner: decode: %d domains", nd)
		}
		for i := uint64(0); i < nd && rerr == nil; i++ {
			m.NoMisc = append(m.NoMisc, str())
		}
		m.Default = str()
		nc := int(uv())
		if nc > 1<<22 {
			return nil, fmt.Errorf("ner: decode: %d clustered words", nc)
		}
		m.clus = &Clusters{m: make(map[uint32]uint16, nc)}
		for i := 0; i < nc && rerr == nil; i++ {
			var b [4]byte
			if _, err := io.ReadFull(br, b[:]); err != nil {
				rerr = err
			}
			m.clus.m[binary.LittleEndian.Uint32(b[:])] = uint16(uv())
		}
		m.bits = uint(uv())
		if m.bits > 24 {
			return nil, fmt.Errorf("ner: decode: %d bits", m.bits)
		}
		m.scale = f32()
		for a := range m.trans {
			for l := range m.trans[a] {
				m.trans[a][l] = f32()
			}
		}
		// Rows are kept sparse until the model is first used (dense),
		// so a process pays memory only for the languages it tags.
		rows := 1 << m.bits
		nz := int(uv())
		if nz > rows {
			return nil, errors.New("ner: decode: too many rows")
		}
		m.rows = make([]uint32, 0, nz)
		m.vals = make([]int16, 0, nz*numLabels)
		r := 0
		for i := 0; i < nz && rerr == nil; i++ {
			r += int(uv())
			if r >= rows {
				return nil, errors.New("ner: decode: row out of range")
			}
			m.rows = append(m.rows, uint32(r))
			for l := 0; l < numLabels; l++ {
				x, err := binary.ReadVarint(br)
				if err != nil {
					rerr = err
					break
				}
				m.vals = append(m.vals, int16(x))
			}
		}
		b.Models = append(b.Models, m)
	}
	if rerr != nil {
		return nil, fmt.Errorf("ner: decode: %w", rerr)
	}
	return b, nil
}

var (
	loadOnce  sync.Once
	models    map[string]*Model
	loadErr   error
	taggersMu sync.Mutex
	taggers   = map[taggerKey]*Tagger{}
)

type taggerKey struct {
	m      *Model
	domain string
}

// Load returns the embedded tagger for a language ("en", "de", ...; a
// region suffix such as "en-GB" is ignored), with the model's default
// domain. Languages without a model of their own get the English one. The
// file is decoded on the first call and a language's weight table is
// expanded on the first call for it.
func Load(lang string) (*Tagger, error) { return load(lang, "", true) }

// LoadDomain is Load with the feature copies of one training corpus
// (a name of Model.Domains) added to the shared weights, so that the
// tagger follows that corpus's conventions; "" gives the shared weights
// alone. A domain the model does not know is an error.
func LoadDomain(lang, domain string) (*Tagger, error) { return load(lang, domain, false) }

func load(lang, domain string, byDefault bool) (*Tagger, error) {
	loadOnce.Do(func() {
		b, err := Decode(bytes.NewReader(embedded))
		if err != nil {
			loadErr = err
			return
		}
		models = map[string]*Model{}
		for _, m := range b.Models {
			models[m.Lang] = m
		}
	})
	if loadErr != nil {
		return nil, loadErr
	}
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	switch lang {
	case "nb", "nn":
		lang = "no"
	}
	m, ok := models[lang]
	if !ok {
		if m, ok = models["en"]; !ok {
			return nil, fmt.Errorf("ner: no model for %q", lang)
		}
	}
	if byDefault {
		domain = m.Default
	} else if domain != "" && !slices.Contains(m.Domains, domain) {
		return nil, fmt.Errorf("ner: the %s model has no domain %q", m.Lang, domain)
	}
	taggersMu.Lock()
	defer taggersMu.Unlock()
	k := taggerKey{m, domain}
	t := taggers[k]
	if t == nil {
		t = newTagger(m, domain)
		taggers[k] = t
	}
	return t, nil
}

// dense expands the sparse rows of a decoded model into the weight table
// Tag reads, once.
func (m *Model) dense() {
	m.once.Do(func() {
		if m.w != nil {
			return
		}
		m.w = make([]int16, (1<<m.bits)*numLabels)
		for i, r := range m.rows {
			copy(m.w[int(r)*numLabels:int(r)*numLabels+numLabels], m.vals[i*numLabels:i*numLabels+numLabels])
		}
		m.rows, m.vals = nil, nil
	})
}

// NewTagger returns a tagger for a model, as Train made it, with the
// feature copies of a domain ("" for none).
func NewTagger(m *Model, domain string) *Tagger { return newTagger(m, domain) }
