package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/dossier-news/dossier/internal/news"
)

// newCountBar returns a progress callback drawing a bar on stderr.
func newCountBar(e *env, desc string) func(done, total int) {
	var bar *progressbar.ProgressBar
	last := 0
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(e.stderr),
				progressbar.OptionSetDescription(desc),
				progressbar.OptionSetWidth(30),
				progressbar.OptionShowCount(),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = bar.Add(done - last)
		last = done
		if done >= total {
			_ = bar.Finish()
		}
	}
}

// newCounter counts work of unknown size on e's stderr (a spinner with the
// count done); stop clears it.
func newCounter(e *env, desc string) (count func(done int), stop func()) {
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	last := 0
	return func(done int) {
			_ = bar.Add(done - last)
			last = done
		}, func() {
			_ = bar.Finish()
		}
}

// articleProgress draws one status line on a terminal while articles are
// ingested: articles done of the total (estimated from the bytes read so
// far while files are still being read, marked "~"), articles per second
// and the time left. It is only made when stderr is a terminal, so nothing
// of it reaches a pipe or a log file.
type articleProgress struct {
	w          io.Writer
	now        func() time.Time
	start      time.Time
	drawn      time.Time
	totalBytes int64 // size of the input files; 0 when unknown (stdin, URLs)
	readBytes  int64
	read       int // articles read
	done       int // articles through the pipeline
	width      int // of the last line drawn, to blank it
}

func newArticleProgress(w io.Writer, totalBytes int64, now func() time.Time) *articleProgress {
	return &articleProgress{w: w, now: now, start: now(), totalBytes: totalBytes}
}

// bytes records input bytes consumed.
func (p *articleProgress) bytes(n int64) { p.readBytes += n }

// articleRead records one article read from the input.
func (p *articleProgress) articleRead() { p.read++ }

// batchDone records n articles through the pipeline and redraws, at most
// ten times a second.
func (p *articleProgress) batchDone(n int) {
	p.done += n
	if t := p.now(); t.Sub(p.drawn) >= 100*time.Millisecond {
		p.drawn = t
		p.draw()
	}
}

func (p *articleProgress) draw() {
	s := p.line()
	pad := max(0, p.width-len(s))
	p.width = len(s)
	fmt.Fprintf(p.w, "\r%s%s", s, strings.Repeat(" ", pad))
}

// finish blanks the line.
func (p *articleProgress) finish() {
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
	}
}

// line is the status: "ingesting 1,200/~4,800 articles · 85 articles/s · 0:42 left".
func (p *articleProgress) line() string {
	total, exact := p.read, true
	if p.totalBytes > 0 && p.readBytes < p.totalBytes && p.readBytes > 0 && p.read > 0 {
		total = max(p.read, int(float64(p.read)*float64(p.totalBytes)/float64(p.readBytes)+0.5))
		exact = false
	}
	s := "ingesting " + news.FormatNumber(float64(p.done))
	if p.totalBytes > 0 {
		s += "/"
		if !exact {
			s += "~"
		}
		s += news.FormatNumber(float64(total))
	}
	s += " articles"
	elapsed := p.now().Sub(p.start).Seconds()
	if elapsed <= 0 || p.done == 0 {
		return s
	}
	rate := float64(p.done) / elapsed
	s += " · " + news.FormatNumber(float64(int(rate+0.5))) + " articles/s"
	if p.totalBytes > 0 && total > p.done {
		left := time.Duration(float64(total-p.done) / rate * float64(time.Second))
		s += " · " + clock(left) + " left"
	}
	return s
}

// clock writes a duration as m:ss, or h:mm:ss past an hour.
func clock(d time.Duration) string {
	sec := int(d.Round(time.Second) / time.Second)
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}
