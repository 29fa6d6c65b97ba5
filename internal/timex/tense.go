package timex

import (
	"strings"
	"time"
)

// tense reads the verb nearest token i in its sentence: +1 when it points
// to the future ("will meet on Tuesday", "is scheduled for June", "plans
// to"), -1 when it is past ("said", "met", "was"), 0 when no cue is
// found. It looks back first (the verb usually comes before the date in
// news prose), then a few tokens ahead ("On Tuesday, the council will").
func (f *finder) tense(i int) int {
	for k, n := i-1, 0; k >= 0 && n < 12; k, n = k-1, n+1 {
		t := f.toks[k]
		if t.kind == tPunct && (sentenceEnd(t.low) || t.low == "," || t.low == ":" || t.low == "(" || t.low == ")") {
			break // another clause
		}
		if t.kind == tWord && clauseWords[t.low] {
			break
		}
		if t.kind == tWord && t.low == "to" && k+1 < i && f.infinitive(k+1) {
			// "scheduled to open on Nov. 4" is future; in "said ... for
			// the program to run through June" the verb before the
			// infinitive governs another clause.
			if k > 0 && cue(f.toks[k-1]) > 0 {
				return 1
			}
			break
		}
		if c := cue(t); c != 0 {
			if c < 0 && f.futureAux(k) {
				return 1 // "will be introduced", "is to be signed"
			}
			return c
		}
		if t.nl && n > 0 {
			break
		}
	}
	for k, n := i+1, 0; k < len(f.toks) && n < 8; k, n = k+1, n+1 {
		t := f.toks[k]
		if t.kind == tPunct || t.nl {
			break // a verb past a comma or quote mark belongs to another clause
		}
		if c := cue(t); c != 0 {
			return c
		}
	}
	return 0
}

// infinitive reports whether the word at k, after "to", reads as a verb:
// lower case and not a determiner ("to run", not "to the", "to 5%").
func (f *finder) infinitive(k int) bool {
	t := f.tok(k)
	if t.kind != tWord || t.caps {
		return false
	}
	switch t.low {
	case "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "be", "have", "about", "around", "nearly", "almost", "some":
		return false // "to be held", "to have voted" are read by futureAux
	}
	return !strings.HasSuffix(t.low, "ed")
}

// futureAux reports whether the past form at token k is a participle
// after a future auxiliary: "will be held", "to be signed", "would have
// voted", "will not be named". Without this the participle's "-ed" made
// a scheduled event past.
func (f *finder) futureAux(k int) bool {
	j := k - 1
	if !f.isWord(j, "be", "been", "have", "being") {
		return false
	}
	for n := 0; n < 3; n++ {
		j--
		t := f.tok(j)
		if t.kind != tWord {
			return false
		}
		switch {
		case t.low == "to" || t.low == "will" || t.low == "shall" || t.low == "would" || strings.HasSuffix(t.low, "'ll"):
			return true
		case t.low == "not" || t.low == "also" || t.low == "soon" || t.low == "then" || t.low == "likely" || t.low == "probably":
			continue
		}
		return false
	}
	return false
}

func sentenceEnd(p string) bool { return p == "." || p == "!" || p == "?" || p == ";" }

// cue gives the tense a word signals.
func cue(t token) int {
	if t.kind != tWord {
		return 0
	}
	if c, ok := tenseCues[t.low]; ok {
		return c
	}
	w := t.low
	if strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "'d") {
		return 1
	}
	// A regular English past: "announced", "voted", "reported".
	if len(w) >= 5 && strings.HasSuffix(w, "ed") && !t.caps && !notPast[w] {
		return -1
	}
	return 0
}

// tenseCues are auxiliaries and verbs that fix the tense of a clause.
// Only closed-class words and the commonest irregular pasts are listed:
// regular English pasts are read from their ending.
var tenseCues = map[string]int{
	// future and scheduled
	"will": 1, "shall": 1, "would": 1, "going": 1, "scheduled": 1, "expected": 1, "planned": 1, "plans": 1,
	"plan": 1, "expect": 1, "expects": 1, "due": 1, "upcoming": 1, "until": 1, "till": 1, "before": 0, "await": 1, "awaits": 1, "intends": 1,
	"wird": 1, "werden": 1, "soll": 1, "sollen": 1, "geplant": 1,
	"va": 1, "vont": 1, "sera": 1, "seront": 1, "aura": 1, "auront": 1, "prévu": 1, "prévue": 1,
	"será": 1, "serán": 1, "van": 1, "previsto": 1, "prevista": 1,
	"будет": 1, "будут": 1,
	// past
	"said": -1, "was": -1, "were": -1, "had": -1, "did": -1, "told": -1, "met": -1, "went": -1, "came": -1,
	"made": -1, "took": -1, "gave": -1, "saw": -1, "began": -1, "held": -1, "won": -1, "lost": -1, "left": -1,
	"spoke": -1, "got": -1, "became": -1, "found": -1, "fell": -1, "rose": -1, "sent": -1, "brought": -1,
	"thought": -1, "knew": -1, "ran": -1, "wrote": -1, "broke": -1, "chose": -1, "struck": -1, "paid": -1,
	"sold": -1, "led": -1, "kept": -1, "ago": -1, "since": -1, "last": 0,
	"war": -1, "waren": -1, "wurde": -1, "wurden": -1, "sagte": -1, "hatte": -1,
	"était": -1, "avait": -1, "fut": -1, "dit": -1,
	"fue": -1, "fueron": -1, "dijo": -1, "era": -1,
	"был": -1, "была": -1, "было": -1, "были": -1, "сказал": -1,
}

// clauseWords open a subordinate clause: a verb before one governs
// another clause than the date after it.
var clauseWords = map[string]bool{"that": true, "which": true, "who": true, "because": true, "dass": true, "que": true, "qui": true}

// notPast are words ending in "ed" that are not English pasts.
var notPast = map[string]bool{"speed": true, "indeed": true, "proceed": true, "exceed": true, "succeed": true, "breed": true, "greed": true, "need": true, "feed": true, "seed": true, "hundred": true, "embed": true}

// nearestMonth places month m in the year nearest ref, leaning by tense:
// the first of that month.
func (f *finder) nearestMonth(m, tense int) time.Time {
	ry, rm := f.ref.Year(), int(f.ref.Month())
	best, bestCost := 0, -1
	for y := ry - 1; y <= ry+1; y++ {
		if c := lean((y*12+m)-(ry*12+rm), tense); bestCost < 0 || c < bestCost {
			best, bestCost = y, c
		}
	}
	return time.Date(best, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}
