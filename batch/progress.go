package batch

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how far a run is: a bar on a terminal, a log line now and then otherwise.
// Quarantined files are listed once, by the summary at the end.
type progress interface {
	start(what string, total int) // a phase begins: what is done to total items
	step(o *outcome)              // one item is done; o is nil outside extraction
	finish()
}

// newProgress picks the bar when w is a terminal and log lines when it is not (a file, a pipe, a CI log).
func newProgress(w io.Writer) progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &barProgress{w: w}
	}
	return &logProgress{w: w, every: 10 * time.Second}
}

// barProgress draws files done, rate and time left on one terminal line.
type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) start(what string, total int) {
	p.bar = nil
	if total == 0 {
		return
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("drucksache: "+what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) step(o *outcome) {
	if p.bar != nil {
		p.bar.Add(1)
	}
}

func (p *barProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// logProgress writes the count, rate and time left every so often.
type logProgress struct {
	w                     io.Writer
	what                  string
	every                 time.Duration
	total, done, failures int
	began, last           time.Time
}

func (p *logProgress) start(what string, total int) {
	p.what, p.total, p.done, p.failures = what, total, 0, 0
	p.began, p.last = time.Now(), time.Now()
}

func (p *logProgress) step(o *outcome) {
	p.done++
	if o != nil && o.failure != nil {
		p.failures++
	}
	if now := time.Now(); now.Sub(p.last) >= p.every && p.done < p.total {
		p.last = now
		rate := float64(p.done) / now.Sub(p.began).Seconds()
		left := time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(p.w, "drucksache: %s: %d/%d documents (%d quarantined), %.1f docs/s, about %v left\n",
			p.what, p.done, p.total, p.failures, rate, left)
	}
}

func (p *logProgress) finish() {}
