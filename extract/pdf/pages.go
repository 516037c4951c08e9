package pdf

import (
	"sync/atomic"

	"drucksache/extract/pdf/internal/content"
)

// readPage is one page as read: its content interpreted, the text of its table cells that is
// turned a quarter turn read upright, and the page turned upright with the text across it apart.
type readPage struct {
	pg        *content.Page // as interpreted, for its counts and notes
	err       error
	cells     []*textLine
	upright   *content.Page
	sides     []*content.Page
	layoutErr error // the layout failed on this page: the document fails, as it would later
}

// pageReader reads the pages of a document, workers pages at a time, ahead of the caller who takes
// them in order, but never more than twice workers pages ahead: the caller counts what the pages
// hold against the memory limit as it takes them, and must be able to stop in time.
type pageReader struct {
	refs  []content.PageRef
	pages []readPage
	ready []chan struct{} // closed when the page is read
	ahead chan struct{}   // a token for each page read or being read that the caller has not taken
	quit  chan struct{}   // closed when the caller wants no more pages
	next  atomic.Int64    // the next page a worker takes
	doc   *content.Doc
}

// readPages starts reading the pages; workers below 2 reads each page when the caller asks for it.
func readPages(doc *content.Doc, refs []content.PageRef, workers int) *pageReader {
	pr := &pageReader{refs: refs, pages: make([]readPage, len(refs)), doc: doc}
	workers = min(workers, len(refs))
	if workers < 2 {
		return pr
	}
	pr.ready = make([]chan struct{}, len(refs))
	for i := range pr.ready {
		pr.ready[i] = make(chan struct{})
	}
	pr.ahead, pr.quit = make(chan struct{}, 2*workers), make(chan struct{})
	for range workers {
		go func() {
			for {
				select {
				case pr.ahead <- struct{}{}:
				case <-pr.quit:
					return
				}
				i := int(pr.next.Add(1) - 1)
				if i >= len(refs) {
					return
				}
				pr.pages[i] = readOne(doc, refs[i], i+1)
				close(pr.ready[i])
			}
		}()
	}
	return pr
}

// page returns page i (from 0), waiting until it is read.
func (pr *pageReader) page(i int) readPage {
	if pr.ready == nil {
		return readOne(pr.doc, pr.refs[i], i+1)
	}
	<-pr.ready[i]
	<-pr.ahead
	return pr.pages[i]
}

// stop tells the workers to take no more pages; a page being read is left to end on its own, so
// that the caller is not held by a page that takes long (the time limit ends the process).
func (pr *pageReader) stop() {
	if pr.quit != nil {
		close(pr.quit)
	}
}

// readOne reads one page: a panic in the library becomes the page's error, one in the layout its
// layoutErr (which fails the document, as a failure of the later layout does).
func readOne(doc *content.Doc, ref content.PageRef, pageNo int) readPage {
	pg, err := safe(func() (*content.Page, error) { return doc.Interpret(ref) })
	if pg == nil { // the interpreter panicked
		pg = &content.Page{Width: 595, Height: 842}
	}
	rp := readPage{pg: pg, err: err}
	_, rp.layoutErr = safe(func() (struct{}, error) {
		var turned *content.Page
		turned, rp.cells = turnedCells(pg, pageNo)
		rp.upright, rp.sides = upright(turned)
		return struct{}{}, nil
	})
	return rp
}
