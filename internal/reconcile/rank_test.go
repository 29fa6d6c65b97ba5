package reconcile

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

func TestRankClaims(t *testing.T) {
	type in struct {
		text   string
		status string
		info   claimInfo
	}
	tests := []struct {
		name   string
		claims []in
		want   []string
	}{
		{"conflict, then corroborated by outlets, then singles",
			[]in{
				{"single", news.Single, claimInfo{groups: 1, facts: 3}},
				{"two outlets", news.Corroborated, claimInfo{groups: 2}},
				{"conflict", news.Conflicting, claimInfo{groups: 2}},
				{"four outlets", news.Corroborated, claimInfo{groups: 4, firstArt: 3}},
			},
			[]string{"conflict", "four outlets", "two outlets", "single"}},
		{"as many outlets: the lead fact first",
			[]in{
				{"quote deep in the reports", news.Corroborated, claimInfo{groups: 3, meanPos: 9, firstArt: 0}},
				{"lead", news.Corroborated, claimInfo{groups: 3, meanPos: 0.5, firstArt: 1}},
			},
			[]string{"lead", "quote deep in the reports"}},
		{"singles by facts, then earliest",
			[]in{
				{"late, no facts", news.Single, claimInfo{groups: 1, firstArt: 2}},
				{"early, no facts", news.Single, claimInfo{groups: 1, firstArt: 0}},
				{"names and numbers", news.Single, claimInfo{groups: 1, facts: 4, firstArt: 5}},
			},
			[]string{"names and numbers", "early, no facts", "late, no facts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var claims []news.Claim
			var infos []claimInfo
			for _, c := range tt.claims {
				claims = append(claims, news.Claim{Text: c.text, Status: c.status})
				infos = append(infos, c.info)
			}
			var got []string
			for _, c := range rankClaims(claims, infos) {
				got = append(got, c.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rankClaims = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRankClaimsCapsSingles(t *testing.T) {
	var claims []news.Claim
	var infos []claimInfo
	for i := range maxSingles + 5 {
		claims = append(claims, news.Claim{Text: fmt.Sprint(i), Status: news.Single})
		infos = append(infos, claimInfo{groups: 1, firstArt: i})
	}
	claims = append(claims, news.Claim{Text: "corroborated", Status: news.Corroborated})
	infos = append(infos, claimInfo{groups: 2, firstArt: 99})
	got := rankClaims(claims, infos)
	if len(got) != maxSingles+1 || got[0].Text != "corroborated" {
		t.Errorf("rankClaims kept %d claims led by %q, want %d led by the corroborated one", len(got), got[0].Text, maxSingles+1)
	}
}

// TestDemoClaimOrder checks the order of every demo event's claims:
// conflicts, then corroborated claims by how many independent outlets
// state them, then single-source ones; and that the event's best-backed
// claim is not buried.
func TestDemoClaimOrder(t *testing.T) {
	rank := map[string]int{news.Conflicting: 0, news.Corroborated: 1, news.Single: 2}
	for name, ev := range demoEvents(t) {
		most := 0
		for i, c := range ev.Claims {
			if c.Status != news.Conflicting {
				most = max(most, len(c.Outlets))
			}
			if i == 0 {
				continue
			}
			p := ev.Claims[i-1]
			if rank[p.Status] > rank[c.Status] {
				t.Errorf("%s: claim %d (%s) after %d (%s)", name, i, c.Status, i-1, p.Status)
			}
			if p.Status == news.Corroborated && c.Status == news.Corroborated && len(p.Outlets) < len(c.Outlets) {
				t.Errorf("%s: claim %d by %d outlets after claim %d by %d", name, i, len(c.Outlets), i-1, len(p.Outlets))
			}
		}
		i := slices.IndexFunc(ev.Claims, func(c news.Claim) bool { return c.Status != news.Conflicting })
		if i >= 0 && len(ev.Claims[i].Outlets) != most {
			t.Errorf("%s: first claim after the conflicts has %d outlets, the best-backed %d", name, len(ev.Claims[i].Outlets), most)
		}
	}
}
