package ner

// Type is the type of a named entity.
type Type uint8

// The four entity types of the CoNLL scheme.
const (
	None Type = iota
	PER
	ORG
	LOC
	MISC
)

func (t Type) String() string {
	switch t {
	case PER:
		return "PER"
	case ORG:
		return "ORG"
	case LOC:
		return "LOC"
	case MISC:
		return "MISC"
	}
	return "O"
}

// Label is a BIO tag: O, or B/I of one Type.
type Label uint8

// O is the label of a token outside every name; the others are
// B-PER=1, I-PER=2, B-ORG=3, I-ORG=4, B-LOC=5, I-LOC=6, B-MISC=7, I-MISC=8.
const O Label = 0

// numLabels is the number of BIO labels over the four types.
const numLabels = 9

func labelOf(typ string, begin bool) Label {
	var t Type
	switch typ {
	case "PER":
		t = PER
	case "ORG":
		t = ORG
	case "LOC":
		t = LOC
	case "MISC":
		t = MISC
	default:
		return O
	}
	l := Label(2*int(t) - 1)
	if !begin {
		l++
	}
	return l
}

// Type returns the entity type of the label (None for O).
func (l Label) Type() Type {
	if l == O {
		return None
	}
	return Type((int(l) + 1) / 2)
}

// Begin reports whether the label starts a name.
func (l Label) Begin() bool { return l != O && l%2 == 1 }

func (l Label) String() string {
	if l == O {
		return "O"
	}
	if l.Begin() {
		return "B-" + l.Type().String()
	}
	return "I-" + l.Type().String()
}

// allowed reports whether label b may follow label a in IOB2: I-X only
// after B-X or I-X.
func allowed(a, b Label) bool {
	if b == O || b.Begin() {
		return true
	}
	return a != O && a.Type() == b.Type()
}

// Span is a name found in a token sequence: tokens [Start, End).
type Span struct {
	Start, End int
	Type       Type
}

// Spans turns BIO labels into spans.
func Spans(labels []Label) []Span {
	var out []Span
	for i := 0; i < len(labels); i++ {
		l := labels[i]
		if l == O {
			continue
		}
		j := i + 1
		for j < len(labels) && !labels[j].Begin() && labels[j] != O && labels[j].Type() == l.Type() {
			j++
		}
		out = append(out, Span{Start: i, End: j, Type: l.Type()})
		i = j - 1
	}
	return out
}

// noMiscMask allows every label but B-MISC and I-MISC.
const noMiscMask = 1<<numLabels - 1 - 1<<7 - 1<<8
