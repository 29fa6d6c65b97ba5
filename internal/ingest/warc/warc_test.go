package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
	"golang.org/x/text/encoding/charmap"
)

const story = `<html lang="en"><head><title>%s</title><meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>%s</h1>
<p>The harbour authority said on Monday that the new container terminal would open in September, two years later than planned, after delays caused by a shortage of steel and a dispute over dredging permits.</p>
<p>The terminal will double the port's capacity to about four million containers a year, the authority's chief executive told a news conference, adding that 1,200 jobs would be created.</p>
<p>Environmental groups have challenged the dredging of the estuary in court, arguing that it threatens a protected wetland used by migrating birds.</p>
</article><footer>Copyright Example News</footer></body></html>`

// record renders one WARC record.
func record(typ, uri, date, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d>\r\n", typ, len(block))
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Date: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", date, contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status int, contentType string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", status, "X", contentType, len(body))
	b.Write(body)
	return b.Bytes()
}

func page(title string) []byte { return []byte(fmt.Sprintf(story, title, title)) }

// archive returns the records of a test archive, one []byte each.
func archive(t *testing.T) [][]byte {
	t.Helper()
	ru := strings.ReplaceAll(story, "The harbour", "Порт Владивостока сообщил, что новый терминал откроется в сентябре. The harbour")
	ruBytes, err := charmap.Windows1251.NewEncoder().Bytes([]byte(fmt.Sprintf(ru, "Новый терминал", "Новый терминал")))
	if err != nil {
		t.Fatal(err)
	}
	date := "2024-03-04T05:06:07Z"
	const resp = "application/http; msgtype=response"
	return [][]byte{
		record("warcinfo", "", date, "application/warc-fields", []byte("software: test\r\n")),
		record("request", "https://news.example/a", date, "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")),
		record("response", "https://news.example/a", date, resp, httpResponse(200, "text/html; charset=utf-8", page("Terminal delayed"))),
		record("response", "https://news.example/missing", date, resp, httpResponse(404, "text/html", page("Not found"))),
		record("response", "https://news.example/logo.png", date, resp, httpResponse(200, "image/png", []byte("\x89PNG..."))),
		// malformed: no Content-Length
		[]byte("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/bad\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n"),
		record("response", "https://news.example/ru", date, resp, httpResponse(200, "text/html; charset=windows-1251", ruBytes)),
		record("response", "https://news.example/b", date, resp, httpResponse(200, "application/xhtml+xml", page("Second story"))),
	}
}

type result struct {
	arts []*news.Article
	errs []error
}

func readAll(t *testing.T, data []byte) result {
	t.Helper()
	var res result
	err := Read(context.Background(), bytes.NewReader(data), func(a *news.Article, err error) error {
		if err != nil {
			res.errs = append(res.errs, err)
			return nil
		}
		res.arts = append(res.arts, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

func gzipEach(t *testing.T, recs [][]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, r := range recs {
		zw := gzip.NewWriter(&out)
		if _, err := zw.Write(r); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

func checkArticles(t *testing.T, res result) {
	t.Helper()
	var urls []string
	for _, a := range res.arts {
		urls = append(urls, a.URL)
		if !utf8.ValidString(a.Text) || !strings.Contains(a.Text, "container terminal") {
			t.Errorf("article %s text = %q", a.URL, a.Text)
		}
		if a.Source != "news.example" {
			t.Errorf("article %s source = %q", a.URL, a.Source)
		}
		want := time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
		if !a.Published.Equal(want) || !a.IsInferred("published") {
			t.Errorf("article %s published = %v inferred=%v, want WARC-Date %v inferred", a.URL, a.Published, a.Inferred, want)
		}
	}
	if got, want := strings.Join(urls, " "), "https://news.example/a https://news.example/ru https://news.example/b"; got != want {
		t.Errorf("articles = %s, want %s", got, want)
	}
	for _, a := range res.arts {
		if a.URL == "https://news.example/ru" && !strings.Contains(a.Text, "Порт Владивостока сообщил") {
			t.Errorf("windows-1251 page decoded as %q", a.Text)
		}
	}
}

func TestReadPlain(t *testing.T) {
	recs := archive(t)
	data := bytes.Join(recs, nil)
	res := readAll(t, data)
	checkArticles(t, res)
	if len(res.errs) != 1 {
		t.Fatalf("errors = %v, want one for the record without Content-Length", res.errs)
	}
	var re *RecordError
	if !errors.As(res.errs[0], &re) {
		t.Fatalf("error %v is not a *RecordError", res.errs[0])
	}
	wantOff := int64(len(bytes.Join(recs[:5], nil)))
	if re.Number != 6 || re.Offset != wantOff || !strings.Contains(re.Error(), "Content-Length") {
		t.Errorf("error = %v (number %d, offset %d), want record 6 at offset %d about Content-Length", re, re.Number, re.Offset, wantOff)
	}
}

func TestReadGzipPerRecord(t *testing.T) {
	recs := archive(t)
	// Drop the malformed plain record, then corrupt one gzip member.
	recs = append(recs[:5:5], recs[6:]...)
	members := make([][]byte, len(recs))
	for i, r := range recs {
		members[i] = gzipEach(t, [][]byte{r})
	}
	good := readAll(t, bytes.Join(members, nil))
	checkArticles(t, good)
	if len(good.errs) != 0 {
		t.Errorf("errors = %v, want none", good.errs)
	}

	bad := append([]byte(nil), members[3]...) // the 404 record
	for i := 20; i < len(bad)-10; i += 7 {
		bad[i] ^= 0x5a
	}
	members[3] = bad
	res := readAll(t, bytes.Join(members, nil))
	checkArticles(t, res)
	if len(res.errs) != 1 {
		t.Fatalf("errors = %v, want one for the corrupt member", res.errs)
	}
	var re *RecordError
	wantOff := int64(len(bytes.Join(members[:3], nil)))
	if !errors.As(res.errs[0], &re) || re.Offset != wantOff {
		t.Errorf("error = %v, want a *RecordError at offset %d", res.errs[0], wantOff)
	}
}

func TestReadWholeFileGzip(t *testing.T) {
	recs := archive(t)
	recs = append(recs[:5:5], recs[6:]...)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bytes.Join(recs, nil))
	zw.Close()
	res := readAll(t, buf.Bytes())
	checkArticles(t, res)
	if len(res.errs) != 0 {
		t.Errorf("errors = %v", res.errs)
	}
}

func TestReadTruncated(t *testing.T) {
	recs := archive(t)
	data := bytes.Join(recs[:3], nil)
	data = data[:len(data)-200] // cut inside the first response
	res := readAll(t, data)
	if len(res.arts) != 0 || len(res.errs) != 1 || !strings.Contains(res.errs[0].Error(), "truncated") {
		t.Errorf("truncated file: articles %d, errors %v; want 0 and one truncation error", len(res.arts), res.errs)
	}
	// A truncated gzip member.
	z := gzipEach(t, recs[:3])
	res = readAll(t, z[:len(z)-30])
	if len(res.arts) != 0 || len(res.errs) != 1 {
		t.Errorf("truncated gzip: articles %d, errors %v; want 0 and one error", len(res.arts), res.errs)
	}
}

func TestReadStops(t *testing.T) {
	data := bytes.Join(archive(t), nil)
	stop := errors.New("enough")
	n := 0
	err := Read(context.Background(), bytes.NewReader(data), func(*news.Article, error) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Read with failing callback = %v after %d calls, want %v after 1", err, n, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = Read(ctx, bytes.NewReader(data), func(*news.Article, error) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read with cancelled context = %v, want context.Canceled", err)
	}
}

func TestReadGarbage(t *testing.T) {
	for _, in := range []string{"", "hello", "not a warc file\nat all\n", "\x1f\x8bgarbage"} {
		var errs int
		err := Read(context.Background(), strings.NewReader(in), func(a *news.Article, err error) error {
			if a != nil {
				t.Errorf("Read(%q) gave an article", in)
			}
			errs++
			return nil
		})
		if err == nil && errs == 0 && in != "" {
			t.Errorf("Read(%q) = nil with no record error", in)
		}
	}
}

func FuzzRead(f *testing.F) {
	recs := [][]byte{
		record("response", "https://news.example/a", "2024-03-04T05:06:07Z", "application/http; msgtype=response", httpResponse(200, "text/html", page("A"))),
		[]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nabc"),
	}
	f.Add(bytes.Join(recs, nil))
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(recs[0])
	zw.Close()
	f.Add(z.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		calls := 0
		err := Read(ctx, bytes.NewReader(data), func(a *news.Article, err error) error {
			calls++
			if (a == nil) == (err == nil) {
				t.Fatalf("callback got article %v and error %v", a, err)
			}
			if a != nil && !utf8.ValidString(a.Text) {
				t.Fatalf("invalid UTF-8 text")
			}
			var re *RecordError
			if err != nil && !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RecordError", err)
			}
			return nil
		})
		_ = err
		if calls > len(data)+1 {
			t.Fatalf("%d callbacks for %d bytes", calls, len(data))
		}
	})
}

// TestReadArchivedHeaders covers HTTP headers as archivers keep them: a
// Content-Length that no longer matches the stored (decoded) payload, a
// Transfer-Encoding whose body was de-chunked, and a body still chunked.
func TestReadArchivedHeaders(t *testing.T) {
	body := page("Archived")
	var chunked bytes.Buffer
	for i := 0; i < len(body); i += 100 {
		end := min(i+100, len(body))
		fmt.Fprintf(&chunked, "%x\r\n%s\r\n", end-i, body[i:end])
	}
	chunked.WriteString("0\r\n\r\n")
	resp := func(hdr string, b []byte) []byte {
		return append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"+hdr+"\r\n"), b...)
	}
	const ct = "application/http; msgtype=response"
	date := "2024-03-04T05:06:07Z"
	data := bytes.Join([][]byte{
		record("response", "https://news.example/short-length", date, ct, resp("Content-Length: 120\r\n", body)),
		record("response", "https://news.example/crawler", date, ct, resp("X-Crawler-Content-Length: 77\r\nX-Crawler-Transfer-Encoding: chunked\r\n", body)),
		record("response", "https://news.example/dechunked", date, ct, resp("Transfer-Encoding: chunked\r\n", body)),
		record("response", "https://news.example/chunked", date, ct, resp("Transfer-Encoding: chunked\r\n", chunked.Bytes())),
	}, nil)
	res := readAll(t, data)
	if len(res.errs) != 0 || len(res.arts) != 4 {
		t.Fatalf("got %d articles, errors %v; want 4 and none", len(res.arts), res.errs)
	}
	for _, a := range res.arts {
		if !strings.Contains(a.Text, "protected wetland used by migrating birds") {
			t.Errorf("%s: text cut short: %q", a.URL, a.Text)
		}
	}
}
