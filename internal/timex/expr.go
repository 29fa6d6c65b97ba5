package timex

import (
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
// overlaps.
func Annotate(text string, ref time.Time, lang string) []Expression {
	var out []Expression
	for _, d := range Find(text, ref, lang) {
		v := d.Date
		switch d.Granularity {
		case Month:
			v = v[:7]
		case Year:
			v = v[:4]
		}
		out = append(out, Expression{Text: d.Text, Start: d.Start, End: d.End, Type: Date, Value: v, Date: d.Date, Granularity: d.Granularity, Relative: d.Relative})
	}
	return out
}
