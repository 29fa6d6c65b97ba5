package main

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	got := sentences("Mr. Smith didn’t go to the U.S. on Monday. He said: “It’s (not) over,” and left!\nNew line")
	want := [][]string{
		{"Mr.", "Smith", "did", "n't", "go", "to", "the", "U.S.", "on", "Monday", "."},
		{"He", "said", ":", "\"", "It", "'s", "(", "not", ")", "over", ",", "\"", "and", "left", "!"},
		{"New", "line"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences =\n%q\nwant\n%q", got, want)
	}
}
