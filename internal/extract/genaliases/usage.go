package main

import (
	"fmt"

	"github.com/dossier-news/dossier/internal/ner"
)

// usage counts, per word as written, how often the English NER corpora
// of ../shared/data (their training parts) label it inside a name and
// outside one: "GB" is mostly gigabytes and "PR" public relations, while
// "EU" and "UN" are names.
type usage struct {
	in, out map[string]int
}

func readUsage(data string) (*usage, error) {
	cs, err := ner.LoadCorpora(data)
	if err != nil {
		return nil, fmt.Errorf("genaliases: corpora: %w", err)
	}
	u := &usage{in: map[string]int{}, out: map[string]int{}}
	for _, c := range cs {
		if c.Lang != "en" {
			continue
		}
		for _, d := range c.Train {
			for _, s := range d.Sentences {
				for i, w := range s.Words {
					if s.Labels[i] == ner.O {
						u.out[w]++
					} else {
						u.in[w]++
					}
				}
			}
		}
	}
	return u, nil
}

// word reports whether the corpora use w, as written, three times as
// often outside a name as in one (three times at least): the counts are
// small, and "WHO" (4 in names, 9 outside) stays a name.
func (u *usage) word(w string) bool {
	return u.out[w] >= 3 && u.out[w] > 3*u.in[w]
}
