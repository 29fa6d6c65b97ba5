package timex

import (
	"fmt"
	"time"
)

// TIMEX3 types.
const (
	Date     = "DATE"
	Time     = "TIME"
	Duration = "DURATION"
	Set      = "SET"
)

// Expression is a time expression normalised as TimeML's TIMEX3 does.
// Value is the TIMEX3 value: "2013-03-22", "2013-W12", "2013-Q3", "199X",
// "2012-SU", "PRESENT_REF", "P3D", "PT2H", "XXXX-WXX-1", "2013-03-22TAF".
// Date and Granularity, when a calendar day, month or year can be named,
// are what Find returns (Date is then the first day of the period).
type Expression struct {
	Text        string `json:"text"`
	Start       int    `json:"start"` // byte offsets
	End         int    `json:"end"`
	Type        string `json:"type"`
	Value       string `json:"value"`
	Mod         string `json:"mod,omitempty"` // START, END, MID, APPROX, LESS_THAN, MORE_THAN
	Date        string `json:"date,omitempty"`
	Granularity string `json:"granularity,omitempty"`
	Relative    bool   `json:"relative,omitempty"`
}

// Annotate returns the time expressions of text, in text order, without
// overlaps, as TIMEX3 types and values. ref and lang are as for Find;
// Annotate finds everything Find does (with the same Date, Granularity
// and Relative) and also durations, sets, seasons, quarters, decades,
// centuries, clock times, the present/past/future references and bare
// years.
func Annotate(text string, ref time.Time, lang string) []Expression {
	var out []Expression
	newFinder(text, ref, lang).run(func(f *finder, h hit) {
		start, end := f.toks[h.first].start, f.toks[h.last].end
		e := Expression{Text: text[start:end], Start: start, End: end, Type: h.typ, Value: h.timexValue(), Mod: h.mod, Relative: h.rel}
		if e.Type == "" {
			e.Type = Date
		}
		if !h.nodate {
			e.Date, e.Granularity = h.date.Format(time.DateOnly), h.gran
		}
		out = append(out, e)
	})
	return out
}

// timexValue is the TIMEX3 value of h: its own, or its date written to
// its granularity.
func (h hit) timexValue() string {
	if h.value != "" {
		return h.value
	}
	switch h.gran {
	case Month:
		return h.date.Format("2006-01")
	case Year:
		return h.date.Format("2006")
	}
	return h.date.Format(time.DateOnly)
}

// isoWeek writes the ISO week of t as TimeML does: "2013-W12".
func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}
