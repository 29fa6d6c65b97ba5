package timex

import (
	"testing"
	"time"
)

func TestMonthName(t *testing.T) {
	tests := []struct {
		word string
		want time.Month
		ok   bool
	}{
		{"March", time.March, true},
		{"März", time.March, true},
		{"DÉCEMBRE", time.December, true},
		{"dic", time.December, true},
		{"Montag", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := MonthName(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MonthName(%q) = %v, %v, want %v, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCalendarWord(t *testing.T) {
	for w, want := range map[string]bool{"Tuesday": true, "mercredi": true, "heute": true, "today": true, "Dezember": true, "Basel": false, "signed": false, "": false} {
		if got := CalendarWord(w); got != want {
			t.Errorf("CalendarWord(%q) = %v, want %v", w, got, want)
		}
	}
}
