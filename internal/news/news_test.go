package news

import "testing"

func TestOutletOf(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://www.BBC.co.uk/news/1", "bbc.co.uk"},
		{"http://127.0.0.1:8080/story", "127.0.0.1"},
		{" https://nordic-wire.example/a ", "nordic-wire.example"},
		{"not a url", ""},
		{"", ""},
		{"%zz", ""},
	} {
		if got := OutletOf(tt.in); got != tt.want {
			t.Errorf("OutletOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
