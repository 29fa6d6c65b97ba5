package html

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	xhtml "golang.org/x/net/html"
)

type newsArticle = news.Article

func mustParse(t *testing.T, s string) *xhtml.Node {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
