package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// values renders Annotate's output as "text=TYPE:value[:mod]".
func values(text, lang string) string {
	var parts []string
	for _, e := range Annotate(text, ref, lang) {
		s := e.Text + "=" + e.Type + ":" + e.Value
		if e.Mod != "" {
			s += ":" + e.Mod
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// TestAnnotate checks the TIMEX3 types and values on sentences written
// for the purpose; ref is Friday, 13 December 2024.
func TestAnnotate(t *testing.T) {
	tests := []struct {
		name, lang, text, want string
	}{
		// Dates keep Find's reading and gain TimeML values.
		{"day", "en", "on December 3, 2024", "December 3, 2024=DATE:2024-12-03"},
		{"month", "en", "in March 2020", "March 2020=DATE:2020-03"},
		{"year", "en", "in 2019", "2019=DATE:2019"},
		{"this week", "en", "Talks resume this week.", "this week=DATE:2024-W50"},
		{"last week", "en", "The plant shut last week.", "last week=DATE:2024-W49"},
		{"the last week", "en", "over the last week", "the last week=DATE:2024-W49"},
		{"this weekend", "en", "this weekend", "this weekend=DATE:2024-W50-WE"},
		{"early month", "en", "The talks began in early December.", "early December=DATE:2024-12:START"},
		{"late year", "en", "late last year", "late last year=DATE:2023:END"},
		{"mid year", "en", "by mid-2026", "mid-2026=DATE:2026:MID"},
		{"bare year", "en", "The 2016 campaign was long.", "2016=DATE:2016"},
		{"year range", "en", "the crisis of 2009-2010", "2009=DATE:2009; 2010=DATE:2010"},
		{"count is no year", "en", "About 2000 people and 1950 troops came; 2010 votes.", ""},
		{"money is no year", "en", "It cost $2010 in all.", ""},
		// Durations.
		{"weeks", "en", "The strike lasted three weeks.", "three weeks=DURATION:P3W"},
		{"hyphenated", "en", "a four-week trial", "four-week=DURATION:P4W"},
		{"digits", "en", "within 90 days", "90 days=DURATION:P90D"},
		{"hours", "en", "talks ran for two hours", "two hours=DURATION:PT2H"},
		{"minutes", "en", "a 45-minute speech", "45-minute=DURATION:PT45M"},
		{"decade", "en", "for a decade", "a decade=DURATION:P10Y"},
		{"the next decade", "en", "over the next decade", "the next decade=DURATION:P10Y"},
		{"the past two years", "en", "in the past two years", "the past two years=DURATION:P2Y"},
		{"vague", "en", "in recent weeks", "recent weeks=DURATION:PXW"},
		{"several", "en", "after several months", "several months=DURATION:PXM"},
		{"bare plural after for", "en", "They have waited for years.", "years=DURATION:PXY"},
		{"approx", "en", "almost seven years", "almost seven years=DURATION:P7Y:LESS_THAN"},
		{"more than", "en", "more than a week", "a week=DURATION:P1W:MORE_THAN"},
		{"in N years is a span", "en", "the first rise in 60 years", "60 years=DURATION:P60Y"},
		{"running time", "en", "She finished in 2:07:35.", "2:07:35=DURATION:PT2H7M35S"},
		{"german", "de", "seit drei Wochen", "drei Wochen=DURATION:P3W"},
		// Sets.
		{"every weekday", "en", "The market opens every Monday.", "every Monday=SET:XXXX-WXX-1"},
		{"every morning", "en", "every morning", "every morning=SET:XXXX-XX-XXTMO"},
		{"every unit", "en", "each year", "each year=SET:P1Y"},
		{"every two weeks", "en", "every two weeks", "every two weeks=SET:P2W"},
		{"adverb", "en", "published daily", "daily=SET:P1D"},
		{"twice a week", "en", "They meet twice a week.", "twice a week=SET:P1W"},
		{"plural weekday", "en", "closed on Sundays", "Sundays=SET:XXXX-WXX-7"},
		{"french set", "fr", "chaque lundi", "chaque lundi=SET:XXXX-WXX-1"},
		// Seasons, quarters, decades, centuries.
		{"last summer", "en", "last summer", "last summer=DATE:2024-SU"},
		{"next summer", "en", "next summer", "next summer=DATE:2025-SU"},
		{"this winter", "en", "this winter", "this winter=DATE:2024-WI"},
		{"season with year", "en", "in the summer of 2012", "the summer of 2012=DATE:2012-SU"},
		{"season by tense", "en", "The dam will open in the spring.", "the spring=DATE:2025-SP"},
		{"quarter with year", "en", "in the third quarter of 1998", "the third quarter of 1998=DATE:1998-Q3"},
		{"quarter adjective", "en", "third-quarter 2023 profits", "third-quarter 2023=DATE:2023-Q3"},
		{"last quarter", "en", "Sales rose last quarter.", "last quarter=DATE:2024-Q3"},
		{"half", "en", "the first half of 2013", "the first half of 2013=DATE:2013-H1"},
		{"decade", "en", "in the 1990s", "the 1990s=DATE:199X"},
		{"decade apostrophe", "en", "music of the '80s", "the '80s=DATE:198X"},
		{"century digits", "en", "in the 1800s", "the 1800s=DATE:18"},
		{"century ordinal", "en", "the 20th century", "the 20th century=DATE:19"},
		// References.
		{"now", "en", "Prices are now higher.", "now=DATE:PRESENT_REF"},
		{"past", "en", "as in the past", "the past=DATE:PAST_REF"},
		{"future", "en", "in the future", "the future=DATE:FUTURE_REF"},
		{"at the time", "en", "at the time", "the time=DATE:PAST_REF"},
		// Times.
		{"weekday and part of day", "en", "on Friday afternoon", "Friday afternoon=TIME:2024-12-13TAF"},
		{"last night", "en", "last night", "last night=TIME:2024-12-12TNI"},
		{"clock pm", "en", "It began Tuesday at 8 p.m.", "Tuesday at 8 p.m.=TIME:2024-12-10T20:00"},
		{"clock and weekday", "en", "The polls will close at 15:00 GMT Saturday.", "15:00 GMT Saturday=TIME:2024-12-14T15:00"},
		{"clock alone", "en", "at 9:30 a.m.", "9:30 a.m.=TIME:2024-12-13T09:30"},
		// Holidays by rule and anchored expressions.
		{"easter", "en", "Easter 2019", "Easter 2019=DATE:2019-04-21"},
		{"that year", "en", "He moved in 2001 and married that year.", "2001=DATE:2001; that year=DATE:2001"},
		// Round two of issue 15: each row failed before its fix.
		{"passive future", "en", "The bill will be introduced in March, aides said.", "March=DATE:2025-03"},
		{"passive future weekday", "en", "The accord is to be signed on Tuesday.", "Tuesday=DATE:2024-12-17"},
		{"end of the year", "en", "The plant will close by the end of the year.", "the end of the year=DATE:2024:END"},
		{"end of last month", "en", "It shut at the end of last month.", "the end of last month=DATE:2024-11:END"},
		{"beginning of next year", "en", "Work starts at the beginning of next year.", "the beginning of next year=DATE:2025:START"},
		{"middle of a year", "en", "by the middle of 2026", "the middle of 2026=DATE:2026:MID"},
		{"current quarter", "en", "Sales in the current quarter will rise.", "the current quarter=DATE:2024-Q4"},
		{"current year", "en", "the current year", "the current year=DATE:2024"},
		{"the following weekday", "en", "The index fell on Dec. 3 and recovered the following Monday.", "Dec. 3=DATE:2024-12-03; the following Monday=DATE:2024-12-09"},
		{"the previous weekday", "en", "He left on Dec. 5; the previous Sunday he had voted.", "Dec. 5=DATE:2024-12-05; the previous Sunday=DATE:2024-12-01"},
		{"month of year", "en", "Sales were weak in March of 1998.", "March of 1998=DATE:1998-03"},
		{"the coming months", "en", "In the coming months the debt will grow.", "the coming months=DURATION:PXM"},
		{"the next year in a story", "en", "The law passed in 1986. The next year, it was repealed.", "1986=DATE:1986; The next year=DATE:1987"},
		{"month after for", "en", "The vote is scheduled for June.", "June=DATE:2025-06"},
		{"month after by", "en", "The plant will be finished by March.", "March=DATE:2025-03"},
		{"quarter century", "en", "It took a quarter century.", "a quarter century=DURATION:P25Y"},
		{"half an hour", "en", "They waited half an hour.", "half an hour=DURATION:PT30M"},
		{"and a half", "en", "The trial lasted a year and a half.", "a year and a half=DURATION:P18M"},
		{"hour and a half", "en", "for an hour and a half", "an hour and a half=DURATION:PT1H30M"},
		{"earlier in the day", "en", "The strike ended on Dec. 10. Earlier in the day, leaders met.", "Dec. 10=DATE:2024-12-10; Earlier in the day=DATE:2024-12-10"},
		{"day of month ahead", "en", "The meeting will take place on the 20th.", "the 20th=DATE:2024-12-20"},
		{"day of month past", "en", "The store opened on the 28th.", "the 28th=DATE:2024-11-28"},
		{"the weekend past", "en", "Over the weekend, prices rose.", "the weekend=DATE:2024-W49-WE"},
		{"the weekend ahead", "en", "Talks will resume over the weekend.", "the weekend=DATE:2024-W50-WE"},
		{"from year to year", "en", "The program ran from 1983 to 1987.", "1983=DATE:1983; 1987=DATE:1987"},
		{"the past year", "en", "Prices doubled in the past year.", "the past year=DURATION:P1Y"},
		{"earlier than usual", "en", "The season began a month earlier than usual.", "a month=DURATION:P1M"},
		{"bare plural before", "en", "He spoke minutes before the vote.", "minutes=DURATION:PTXM"},
		{"bare plural after take", "en", "Repairs can take weeks.", "weeks=DURATION:PXW"},
		{"count range", "en", "It could take between 12 and 18 months.", "12=DURATION:P12M; 18 months=DURATION:P18M"},
		{"count range to", "en", "a wait of two to three years", "two=DURATION:P2Y; three years=DURATION:P3Y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := values(tc.text, tc.lang); got != tc.want {
				t.Errorf("Annotate(%q, %q) = %q, want %q", tc.text, tc.lang, got, tc.want)
			}
		})
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2038: "2038-04-25"} {
		if got := easter(y).Format(time.DateOnly); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

// TestAnnotateAgreesWithFind checks that Find reports exactly the
// Annotate expressions that carry a calendar date, with the same dates.
func TestAnnotateAgreesWithFind(t *testing.T) {
	text := "The council met on Tuesday and will meet again on March 3. Two days later, for three weeks, every Monday, in 2019 and now."
	ds := Find(text, ref, "en")
	var dated []Expression
	for _, e := range Annotate(text, ref, "en") {
		if e.Date != "" {
			dated = append(dated, e)
		}
	}
	for _, d := range ds {
		ok := false
		for _, e := range dated {
			if e.Start == d.Start && e.End == d.End && e.Date == d.Date && e.Granularity == d.Granularity {
				ok = true
			}
		}
		if !ok {
			t.Errorf("Find gave %+v, which Annotate lacks", d)
		}
	}
	if len(ds) == 0 || len(ds) > len(dated) {
		t.Errorf("Find gave %d dates, Annotate %d dated expressions", len(ds), len(dated))
	}
}

func BenchmarkAnnotate(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Annotate(text, ref, "en")
	}
}

// TestOnlyGrammars checks that the speed table onlyGrammars changes no
// result: every golden text and the tempeval texts (when present) are
// annotated with and without it.
func TestOnlyGrammars(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	var texts []string
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	texts = append(texts, "in the past", "the day before", "a week ago", "at least three years", "l'an dernier", "this morning", "that day", "more than a month", "in two days", "of 2009")
	saved := onlyGrammars
	all := func() []string {
		var out []string
		for _, text := range texts {
			out = append(out, fmt.Sprint(Annotate(text, ref, "")))
		}
		return out
	}
	fast := all()
	onlyGrammars = nil
	slow := all()
	onlyGrammars = saved
	for i := range fast {
		if fast[i] != slow[i] {
			t.Errorf("text %d: with the table %s, without %s", i, fast[i], slow[i])
		}
	}
}
