package timex

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// ref is Friday, 13 December 2024.
var ref = time.Date(2024, 12, 13, 15, 4, 0, 0, time.UTC)

// brief renders mentions as "text=date/granularity", with "~" for relative.
func brief(text string, lang string) string {
	var parts []string
	for _, d := range Find(text, ref, lang) {
		s := d.Text + "=" + d.Date
		if d.Granularity != Day {
			s += "/" + d.Granularity
		}
		if d.Relative {
			s += "~"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, lang, text, want string
	}{
		// Absolute numeric forms.
		{"dotted", "de", "Am 13.12.2024 begann", "13.12.2024=2024-12-13"},
		{"slash day>12", "en", "on 13/12/2024", "13/12/2024=2024-12-13"},
		{"slash en month-first", "en", "on 05/02/2013", "05/02/2013=2013-05-02"},
		{"slash other day-first", "fr", "le 05/02/2013", "05/02/2013=2013-02-05"},
		{"slash unknown day-first", "", "05/02/2013", "05/02/2013=2013-02-05"},
		{"slash b>12 forces month-first", "de", "12/25/2013", "12/25/2013=2013-12-25"},
		{"iso", "", "2024-12-13T10:00:00Z", "2024-12-13=2024-12-13"},
		{"iso slash", "", "2024/12/13", "2024/12/13=2024-12-13"},
		{"tokenised", "en", "05 / 02 / 2013", "05 / 02 / 2013=2013-05-02"},
		{"two-digit year", "en", "8 / 2 / 13 at 1 : 30 PM", "8 / 2 / 13=2013-08-02"},
		{"dashes dmy", "es", "13-12-2024", "13-12-2024=2024-12-13"},
		{"invalid day", "", "31.02.2024", ""},
		{"version number", "", "version 1.2.10 and 10.0.0.1", ""},
		{"ip address", "", "192.168.1.1", ""},
		{"german short", "de", "am 10.12. und vom 3.1. bis 5.1.", "10.12.=2024-12-10~; 3.1.=2025-01-03~; 5.1.=2025-01-05~"},
		{"french short", "fr", "le 10/12", "10/12=2024-12-10~"},
		{"short needs preposition", "de", "Es steht 3.1. und 2:1", ""},
		{"short not a full date", "de", "am 13.12.2024", "13.12.2024=2024-12-13"},
		{"russian dotted", "ru", "13.12.2024 г.", "13.12.2024 г.=2024-12-13"},
		// Absolute word forms.
		{"month day year", "en", "December 13, 2024", "December 13, 2024=2024-12-13"},
		{"day month year", "en", "13 December 2024", "13 December 2024=2024-12-13"},
		{"abbrev dot", "en", "Dec. 13, 2024", "Dec. 13, 2024=2024-12-13"},
		{"ordinal", "en", "May 3rd , 2013 2 : 00pm", "May 3rd , 2013=2013-05-03"},
		{"the 13th of", "en", "on the 13th of December 2024", "13th of December 2024=2024-12-13"},
		{"weekday prefix", "en", "Friday, December 13, 2024", "Friday, December 13, 2024=2024-12-13"},
		{"caps", "en", "THURSDAY , MAY 2 , 2013 , 1 : 32 PM", "THURSDAY , MAY 2 , 2013=2013-05-02"},
		{"abbrev weekday", "en", "Fri . , May . 3 , 2013", "Fri . , May . 3 , 2013=2013-05-03"},
		{"month year", "en", "in December 2024", "December 2024=2024-12-01/month"},
		{"german", "de", "Freitag, 13. Dezember 2024", "Freitag, 13. Dezember 2024=2024-12-13"},
		{"german maerz", "de", "am 3. März 2023", "3. März 2023=2023-03-03"},
		{"french", "fr", "le vendredi 13 décembre 2024", "vendredi 13 décembre 2024=2024-12-13"},
		{"french 1er", "fr", "le 1er décembre 2024", "1er décembre 2024=2024-12-01"},
		{"spanish", "es", "el 13 de diciembre de 2024", "13 de diciembre de 2024=2024-12-13"},
		{"spanish month year", "es", "en diciembre de 2024", "diciembre de 2024=2024-12-01/month"},
		{"russian", "ru", "13 декабря 2024 года", "13 декабря 2024 года=2024-12-13"},
		{"russian month year", "ru", "в декабре 2024 года", "декабре 2024 года=2024-12-01/month"},
		// Day and month without year: year from ref.
		{"no year abbrev", "en", "on Dec. 13 the", "Dec. 13=2024-12-13~"},
		{"no year day first", "en", "on 13 Dec the", "13 Dec=2024-12-13~"},
		{"no year nearest is previous", "en", "on Jan. 2", "Jan. 2=2025-01-02~"},
		{"no year far month goes back", "en", "on June 5", "June 5=2024-06-05~"},
		{"weekday picks year", "en", "Friday, December 13", "Friday, December 13=2024-12-13~"},
		{"weekday picks other year", "en", "Wednesday, December 13", "Wednesday, December 13=2023-12-13~"},
		{"no year german", "de", "am 24. Dezember", "24. Dezember=2024-12-24~"},
		{"may verb", "en", "you may 5 times", ""},
		// Relative words.
		{"today", "en", "today", "today=2024-12-13~"},
		{"yesterday tomorrow", "en", "yesterday and tomorrow", "yesterday=2024-12-12~; tomorrow=2024-12-14~"},
		{"day before yesterday", "en", "the day before yesterday", "the day before yesterday=2024-12-11~"},
		{"last night", "en", "last night", "last night=2024-12-12~"},
		{"german days", "de", "heute, gestern, vorgestern, morgen", "heute=2024-12-13~; gestern=2024-12-12~; vorgestern=2024-12-11~; morgen=2024-12-14~"},
		{"german Morgen is morning", "de", "heute Morgen kam er", "heute=2024-12-13~"},
		{"french days", "fr", "aujourd'hui, hier, demain, avant-hier", "aujourd'hui=2024-12-13~; hier=2024-12-12~; demain=2024-12-14~; avant-hier=2024-12-11~"},
		{"hier is German here", "de", "hier ist es", ""},
		{"spanish days", "es", "hoy, ayer, mañana, anteayer", "hoy=2024-12-13~; ayer=2024-12-12~; mañana=2024-12-14~; anteayer=2024-12-11~"},
		{"spanish la mañana", "es", "por la mañana", ""},
		{"spanish esta mañana", "es", "esta mañana", "esta mañana=2024-12-13~"},
		{"russian days", "ru", "сегодня, вчера, завтра, позавчера", "сегодня=2024-12-13~; вчера=2024-12-12~; завтра=2024-12-14~; позавчера=2024-12-11~"},
		// Modifier and unit.
		{"last week", "en", "last week", "last week=2024-12-06~"},
		{"next month", "en", "next month", "next month=2025-01-01/month~"},
		{"last year", "en", "last year's vote", "last year's=2023-01-01/year~"},
		{"earlier this year", "en", "earlier this year", "earlier this year=2024-01-01/year~"},
		{"later this month", "en", "later this month", "later this month=2024-12-01/month~"},
		{"this week names no day", "en", "this week", ""},
		{"german units", "de", "letzte Woche, nächsten Monat, im vergangenen Jahr", "letzte Woche=2024-12-06~; nächsten Monat=2025-01-01/month~; vergangenen Jahr=2023-01-01/year~"},
		{"french units", "fr", "la semaine dernière, le mois prochain, l'année dernière, l'an dernier", "semaine dernière=2024-12-06~; mois prochain=2025-01-01/month~; l'année dernière=2023-01-01/year~; l'an dernier=2023-01-01/year~"},
		{"spanish units", "es", "la semana pasada, el próximo mes, el año pasado, la semana que viene", "semana pasada=2024-12-06~; próximo mes=2025-01-01/month~; año pasado=2023-01-01/year~; semana que viene=2024-12-20~"},
		{"russian units", "ru", "на прошлой неделе, в следующем месяце, в прошлом году", "прошлой неделе=2024-12-06~; следующем месяце=2025-01-01/month~; прошлом году=2023-01-01/year~"},
		// Weekdays (ref is a Friday).
		{"bare weekday past", "en", "on Sunday", "Sunday=2024-12-08~"},
		{"bare weekday today", "en", "on Friday", "Friday=2024-12-13~"},
		{"last weekday", "en", "last Friday", "last Friday=2024-12-06~"},
		{"next weekday", "en", "next Sunday", "next Sunday=2024-12-15~"},
		{"this weekday", "en", "this Sunday", "this Sunday=2024-12-15~"},
		{"this weekday today", "en", "this Friday", "this Friday=2024-12-13~"},
		{"german weekday", "de", "am Montag, letzten Sonntag", "Montag=2024-12-09~; letzten Sonntag=2024-12-08~"},
		{"french weekday", "fr", "dimanche dernier, lundi prochain", "dimanche dernier=2024-12-08~; lundi prochain=2024-12-16~"},
		{"spanish weekday", "es", "el domingo pasado, el próximo lunes", "domingo pasado=2024-12-08~; próximo lunes=2024-12-16~"},
		{"russian weekday", "ru", "в среду, в прошлое воскресенье", "среду=2024-12-11~; прошлое воскресенье=2024-12-08~"},
		{"russian environment", "ru", "окружающая среда", ""},
		{"sun is not sunday", "en", "the sun rose", ""},
		// Counted offsets.
		{"two days ago", "en", "two days ago", "two days ago=2024-12-11~"},
		{"3 weeks ago", "en", "3 weeks ago", "3 weeks ago=2024-11-22~"},
		{"a year ago", "en", "a year ago", "a year ago=2023-01-01/year~"},
		{"a couple of days ago", "en", "a couple of days ago", "a couple of days ago=2024-12-11~"},
		{"in two days after a future verb", "en", "she will return in two days", "in two days=2024-12-15~"},
		{"in N years without one is a span", "en", "the first rise in 60 years", ""},
		{"german ago", "de", "vor zwei Tagen, vor einer Woche", "vor zwei Tagen=2024-12-11~; vor einer Woche=2024-12-06~"},
		{"french ago", "fr", "il y a trois jours, dans deux semaines", "il y a trois jours=2024-12-10~; dans deux semaines=2024-12-27~"},
		{"spanish ago", "es", "hace dos días, dentro de tres días", "hace dos días=2024-12-11~; dentro de tres días=2024-12-16~"},
		{"russian ago", "ru", "два дня назад, неделю назад, через три дня", "два дня назад=2024-12-11~; неделю назад=2024-12-06~; через три дня=2024-12-16~"},
		// Years and months.
		{"in year", "en", "in 2023", "2023=2023-01-01/year"},
		{"since year", "de", "seit 2019", "2019=2019-01-01/year"},
		{"russian year", "ru", "в 2023 году", "2023 году=2023-01-01/year"},
		{"year count", "en", "2023 people died", ""},
		{"lone number", "en", "scored 2023 points", ""},
		{"in month", "en", "in March", "March=2025-03-01/month~"},
		{"in month past", "en", "in September", "September=2024-09-01/month~"},
		{"im monat", "de", "im Juli", "Juli=2024-07-01/month~"},
		{"out of range year", "", "01.01.1850", ""},
		{"decade", "en", "in the 1990s", ""},
		{"late year", "en", "late 2023", "late 2023=2023-01-01/year"},
		// Direction from tense and cue words.
		{"weekday after a future verb", "en", "The council will meet on Tuesday.", "Tuesday=2024-12-17~"},
		{"weekday after a past verb", "en", "The council met on Tuesday.", "Tuesday=2024-12-10~"},
		{"weekday in reported future", "en", "She said the board would vote on Monday.", "Monday=2024-12-16~"},
		{"weekday future today", "en", "He will speak on Friday.", "Friday=2024-12-13~"},
		{"weekday after a past verb in a later clause", "en", "The court, which will rule soon, heard the case on Monday.", "Monday=2024-12-09~"},
		{"month after a past verb", "en", "He resigned in June.", "June=2024-06-01/month~"},
		{"month after a future verb", "en", "The vote will take place in June.", "June=2025-06-01/month~"},
		{"day month after a past verb", "en", "They signed the deal on Jan. 20.", "Jan. 20=2024-01-20~"},
		{"day month after a future verb", "en", "The trial is scheduled to open on Nov. 4.", "Nov. 4=2025-11-04~"},
		{"last month name", "en", "She won the primary last May.", "last May=2024-05-01/month~"},
		{"next month name", "en", "The law takes effect next May.", "next May=2025-05-01/month~"},
		{"last month name this year", "en", "last January", "last January=2024-01-01/month~"},
		// Holidays by rule.
		{"christmas nearest", "en", "before Christmas", "Christmas=2024-12-25~"},
		{"easter with year", "en", "at Easter 2025", "Easter 2025=2025-04-20"},
		{"good friday", "en", "on Good Friday 2024", "Good Friday 2024=2024-03-29"},
		{"thanksgiving", "en", "on Thanksgiving 2024", "Thanksgiving 2024=2024-11-28"},
		{"memorial day", "en", "Memorial Day 2024", "Memorial Day 2024=2024-05-27"},
		{"mother's day", "en", "Mother's Day 2025", "Mother's Day 2025=2025-05-11"},
		{"election day", "en", "Election Day 2024", "Election Day 2024=2024-11-05"},
		{"pfingsten", "de", "an Pfingsten 2024", "Pfingsten 2024=2024-05-19"},
		{"holiday past", "en", "Sales fell after Thanksgiving.", "Thanksgiving=2024-11-28~"},
		{"easter egg is no day", "en", "an Easter egg hunt", ""},
		// Anchored to the last date mentioned.
		{"the day before", "en", "The bill passed on March 3, 2020. The day before, the senators met.", "March 3, 2020=2020-03-03; The day before=2020-03-02~"},
		{"two days later", "en", "It opened on March 3, 2020. Two days later it closed.", "March 3, 2020=2020-03-03; Two days later=2020-03-05~"},
		{"the following year", "en", "He was elected in 2018 and resigned the following year.", "2018=2018-01-01/year; the following year=2019-01-01/year~"},
		{"earlier that day", "en", "On June 4, 2021, the storm hit. Earlier that day the port closed.", "June 4, 2021=2021-06-04; Earlier that day=2021-06-04~"},
		{"the year before", "en", "in 2015, and the year before.", "2015=2015-01-01/year; the year before=2014-01-01/year~"},
		{"the day before an event is no date", "en", "the day before the vote", ""},
		{"anchor is ref without a date", "en", "The next day, she left.", "The next day=2024-12-14~"},
		// Times with a day.
		{"weekday and part of day", "en", "on Friday afternoon", "Friday afternoon=2024-12-13~"},
		{"clock and weekday", "en", "It will start at 15:00 GMT Saturday.", "15:00 GMT Saturday=2024-12-14~"},
		{"range", "en", "in 1850", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := brief(tc.text, tc.lang); got != tc.want {
				t.Errorf("Find(%q, %q) = %q, want %q", tc.text, tc.lang, got, tc.want)
			}
		})
	}
}

func TestFindOffsets(t *testing.T) {
	text := "Präsident gestern, am 13. Dezember 2024 in Köln; вчера"
	for _, d := range Find(text, ref, "de") {
		if text[d.Start:d.End] != d.Text {
			t.Errorf("text[%d:%d] = %q, want %q", d.Start, d.End, text[d.Start:d.End], d.Text)
		}
	}
	if n := len(Find(text, ref, "de")); n != 3 {
		t.Errorf("Find(%q) found %d mentions, want 3", text, n)
	}
}

func TestFindZeroRef(t *testing.T) {
	got := Find("yesterday, on Dec. 13 and on 13 December 2024", time.Time{}, "en")
	if len(got) != 1 || got[0].Date != "2024-12-13" || got[0].Relative {
		t.Errorf("Find with zero ref = %+v, want only the absolute 2024-12-13", got)
	}
}

func TestPublished(t *testing.T) {
	now = func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { now = time.Now })
	tests := []struct {
		name, text, want string // want "" for ok=false
	}{
		{"first published", "Lindsay Lohan Leaves Betty Ford\nFirst Published : June 13 , 2013 4 : 59 PM EDT\nLindsay Lohan has left on May 2, 2013.", "2013-06-13"},
		{"published label", "Title here\nPublished: 12 December 2024\nBody text from March 3, 2001.", "2024-12-12"},
		{"date-only line", "Headline\nFriday, 13 December 2024\nText about July 4, 1776.", "2024-12-13"},
		{"date line with time", "May 2 , 2013 , 1 : 12 PM\nLawyer : Lindsay Lohan checks into rehab facility", "2013-05-02"},
		{"today parenthesised", "Berlin – Der Bundestag hat heute (13.12.2024) beschlossen, dass ...", "2024-12-13"},
		{"dateline", "BERLIN, 13 December 2024 – The chancellor said ...", "2024-12-13"},
		{"label beats earlier date-only line", "Updated 05 / 03 / 2013 at 11 : 00 AM EDT\nOriginally published 05 / 02 / 2013 at 10 : 20 AM EDT\nthe actress said", "2013-05-02"},
		{"updated only", "Headline of the story\nUpdated: March 3, 2020\nSome text that is not a date and has nothing in it. The text goes on for a while so the update line is not in the top part where the dateline would be found by the simple rule at all, and it goes on and on.", "2020-03-03"},
		{"english numeric month first", "Headline for the story\n05 / 02 / 2013\nThe lawyer said that the actress has checked in to the facility and the judge was told.", "2013-05-02"},
		{"german", "Überschrift\nVeröffentlicht am 13.12.2024\nDer Text.", "2024-12-13"},
		{"french", "Titre\nPublié le 13 décembre 2024\nLe texte.", "2024-12-13"},
		{"spanish", "Título\nPublicado el 13 de diciembre de 2024\nEl texto.", "2024-12-13"},
		{"russian", "Заголовок\nОпубликовано 13 декабря 2024 года\nТекст.", "2024-12-13"},
		{"tagesschau stand", "Überschrift\nStand: 13.12.2024 15:04 Uhr\nText.", "2024-12-13"},
		{"french updated", "Titre de l'article assez long pour ne pas être une date\nMis à jour le 12 décembre 2024 à 10h05" + strings.Repeat(" texte", 80), "2024-12-12"},
		{"byline", "By Jane Doe | December 12, 2024\nText of the story.", "2024-12-12"},
		{"no date", "A story with no date in it at all.\nJust text.", ""},
		{"only relative", "Yesterday the minister said on Friday that ...", ""},
		{"no year", "WASHINGTON, Dec. 13 (Reuters) - The Senate ...", ""},
		{"future not credible", "Published: 13 December 2030\nText.", ""},
		{"deep date ignored", strings.Repeat("Some words here that are not dates. ", 20) + "\nOn 4 July 1976 it happened.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Published(tc.text)
			if tc.want == "" {
				if ok {
					t.Errorf("Published(%q) = %s, want none", tc.text, got.Format(time.DateOnly))
				}
				return
			}
			if !ok || got.Format(time.DateOnly) != tc.want {
				t.Errorf("Published(%q) = %s, %v, want %s", tc.text, got.Format(time.DateOnly), ok, tc.want)
			}
		})
	}
}

// TestGolden runs Find over testdata/*.txt. A file's first line is
// "lang ref" (e.g. "de 2024-12-13"); the rest is the text.
// go test ./internal/timex -run Golden -update rewrites the goldens.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs in testdata: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			head, text, _ := strings.Cut(string(raw), "\n")
			var lang, refs string
			if _, err := fmt.Sscan(head, &lang, &refs); err != nil {
				t.Fatalf("%s: header %q: want \"lang YYYY-MM-DD\": %v", file, head, err)
			}
			r, err := time.Parse(time.DateOnly, refs)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(Find(text, r, lang), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(file, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("Find(%s) differs from %s:\n%s", file, golden, got)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"13.12.2024", "December 13, 2024", "13 декабря 2024 года", "vor zwei Tagen", "il y a trois jours",
		"Friday, December 13", "8 / 2 / 13", "in 2023", "aujourd'hui", "hace 999 años", "\xff13.12.2024\xfe",
		"Published: 12 December 2024\n", "in 99999999999 days", "31/12/2099", "next year next year",
	} {
		f.Add(s, "en")
		f.Add(s, "fr")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		boundary := map[int]bool{len(text): true}
		for i := range text {
			boundary[i] = true
		}
		for _, d := range Find(text, ref, lang) {
			if d.Start < 0 || d.End > len(text) || d.Start >= d.End {
				t.Fatalf("Find(%q): bad span [%d,%d)", text, d.Start, d.End)
			}
			if !boundary[d.Start] || !boundary[d.End] {
				t.Fatalf("Find(%q): span [%d,%d) not on rune boundaries", text, d.Start, d.End)
			}
			if text[d.Start:d.End] != d.Text {
				t.Fatalf("Find(%q): Text %q != text[%d:%d]", text, d.Text, d.Start, d.End)
			}
			day, err := time.Parse(time.DateOnly, d.Date)
			if err != nil || day.Year() < 1900 || day.Year() > 2100 {
				t.Fatalf("Find(%q): date %q out of range (%v)", text, d.Date, err)
			}
			if d.Granularity != Day && d.Granularity != Month && d.Granularity != Year {
				t.Fatalf("Find(%q): granularity %q", text, d.Granularity)
			}
		}
		for _, e := range Annotate(text, ref, lang) {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End || !boundary[e.Start] || !boundary[e.End] || text[e.Start:e.End] != e.Text {
				t.Fatalf("Annotate(%q): bad span [%d,%d) %q", text, e.Start, e.End, e.Text)
			}
			if e.Value == "" || (e.Type != Date && e.Type != Time && e.Type != Duration && e.Type != Set) {
				t.Fatalf("Annotate(%q): %+v has no type or value", text, e)
			}
		}
		if p, ok := Published(text); ok && (p.Year() < 1900 || p.Year() > 2100) {
			t.Fatalf("Published(%q) = %v out of range", text, p)
		}
		_ = utf8.ValidString(text)
	})
}

// benchText is the English golden text repeated to article length and
// more.
func benchText(b *testing.B) string {
	text, err := os.ReadFile("testdata/en.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(text), 20)
}

func BenchmarkFind(b *testing.B) {
	s := benchText(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Find(s, ref, "en")
	}
}
