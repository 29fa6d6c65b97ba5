package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/dossier-news/dossier/internal/lex"
	"github.com/dossier-news/dossier/internal/news"
)

// data/aliases.json is generated from the Wikidata items of
// ../shared/data/wikidata-top-entities; see genaliases for the rules.
//
//go:generate sh -c "cd ../.. && go run ./internal/extract/genaliases"
//go:embed data/aliases.json
var aliasJSON []byte

// aliasEntry is one entity of the alias table.
type aliasEntry struct {
	Name    string          `json:"name"`
	Type    news.EntityType `json:"type"`
	Aliases []string        `json:"aliases"`
	Source  string          `json:"source"`
}

// aliasTable maps folded names to the entity they denote.
type aliasTable struct {
	entries []aliasEntry
	byFold  map[string]int
}

func loadAliases(raw []byte) (*aliasTable, error) {
	var doc struct {
		Entities []aliasEntry `json:"entities"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("extract: load data/aliases.json: %w", err)
	}
	t := &aliasTable{entries: doc.Entities, byFold: map[string]int{}}
	for i, e := range doc.Entities {
		switch e.Type {
		case news.Person, news.Org, news.Place, news.Misc:
		default:
			return nil, fmt.Errorf("extract: data/aliases.json: entity %d (%q): unknown type %q", i, e.Name, e.Type)
		}
		if e.Name == "" || e.Source == "" {
			return nil, fmt.Errorf("extract: data/aliases.json: entity %d: name and source are required", i)
		}
		t.byFold[lex.FoldName(e.Name)] = i
		for _, a := range e.Aliases {
			t.byFold[lex.FoldName(a)] = i
		}
	}
	return t, nil
}

func (t *aliasTable) lookup(folded string) (aliasEntry, bool) {
	i, ok := t.byFold[folded]
	if !ok {
		return aliasEntry{}, false
	}
	return t.entries[i], true
}

// OrgHead reports whether a folded word names a kind of organisation
// ("party", "union", "forces"): the alias table's generator types an item
// whose label holds one as an organisation.
func OrgHead(folded string) bool { return orgHeads[folded] }
