package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"kvp/rules"
)

// The batch pipeline: one reader cuts the input into chunks of records, the
// workers compute chunks, and the writer writes them in input order. What
// is in flight (read and not yet written) is bounded by a window of bytes:
// a chunk's input while it waits and is computed, then its output while it
// waits for the chunks before it. When the window is full the reader waits
// (back-pressure), so that one slow chunk cannot make the others pile up.

// batchLimits bound the work in flight.
type batchLimits struct {
	chunkLines int   // records per chunk (--chunk)
	chunkBytes int   // input bytes per chunk
	window     int64 // bytes in flight: input read and output not yet written
	// bigLine and decoding bound the memory of decoding large lines: a
	// line longer than bigLine is decoded only while the large lines being
	// decoded hold less than decoding bytes (a line's node tree takes tens
	// of times its length while it is decoded).
	bigLine  int
	decoding int64
}

// recordOverhead is the memory a record costs besides its bytes.
const recordOverhead = 256

var defaultBatchLimits = batchLimits{chunkLines: 256, chunkBytes: 256 << 10, window: 4 << 20, bigLine: 64 << 10, decoding: 2 << 20}

// byteWindow is a counting semaphore of bytes. acquire waits while the
// window is full; grow and release never wait. A request larger than the
// window is let in when nothing else is in flight.
type byteWindow struct {
	mu     sync.Mutex
	cond   *sync.Cond
	limit  int64
	used   int64
	peak   int64 // the most ever in flight (for tests and measurements)
	closed bool
}

func newByteWindow(limit int64) *byteWindow {
	w := &byteWindow{limit: limit}
	w.cond = sync.NewCond(&w.mu)
	return w
}

// acquire takes n bytes; false when the window was closed while waiting.
func (w *byteWindow) acquire(n int64) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for !w.closed && w.used > 0 && w.used+n > w.limit {
		w.cond.Wait()
	}
	if w.closed {
		return false
	}
	w.add(n)
	return true
}

// grow adds n bytes (or takes them off when n < 0) without waiting: a
// chunk's output is larger or smaller than its input.
func (w *byteWindow) grow(n int64) {
	w.mu.Lock()
	w.add(n)
	w.mu.Unlock()
	if n < 0 {
		w.cond.Broadcast()
	}
}

func (w *byteWindow) release(n int64) { w.grow(-n) }

func (w *byteWindow) add(n int64) {
	w.used += n
	w.peak = max(w.peak, w.used)
}

// close lets every waiting acquire return false.
func (w *byteWindow) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.cond.Broadcast()
}

func (w *byteWindow) maxUsed() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.peak
}

// recordSource reads the input one record at a time: a JSON line, or a CSV
// record, which may span lines.
type recordSource interface {
	// next returns a record and its first line number; a record longer
	// than maxBatchLine is errLineTooLong (and the next call starts after
	// it); at the end io.EOF.
	next() (rec []byte, line int, err error)
	// waiting says the next record is not read yet: the input is slow (a
	// pipe fed line by line), so the records read so far are sent on.
	waiting() bool
}

// lineSource reads JSON lines.
type lineSource struct {
	r    *bufio.Reader
	line int
}

func (s *lineSource) next() ([]byte, int, error) {
	line, err := readLine(s.r)
	if err == io.EOF && len(line) == 0 {
		return nil, 0, io.EOF
	}
	if err != nil && !errors.Is(err, errLineTooLong) {
		return nil, 0, err
	}
	s.line++
	return line, s.line, err
}

func (s *lineSource) waiting() bool { return s.r.Buffered() == 0 }

// batchPipeline computes a batch's records with bounded memory.
type batchPipeline struct {
	workers int
	limits  batchLimits
	// process computes a chunk (batchProcessor.run, or a test's stand-in).
	process func(batchJob) batchDone
	// stop, when closed, ends the run: an interrupt.
	stop <-chan struct{}

	window   *byteWindow
	decoding *byteWindow
}

func newBatchPipeline(workers int, limits batchLimits, process func(batchJob) batchDone, stop <-chan struct{}) *batchPipeline {
	return &batchPipeline{workers: workers, limits: limits, process: process, stop: stop,
		window: newByteWindow(limits.window), decoding: newByteWindow(limits.decoding)}
}

// errInterrupted ends a run stopped by p.stop.
var errInterrupted = errors.New("interrupted")

// run reads src to its end, and gives each chunk's result to emit in input
// order. It returns the input's read error, errInterrupted, or emit's error.
func (p *batchPipeline) run(src recordSource, emit func(*batchDone) error) error {
	jobs := make(chan batchJob, p.workers)
	done := make(chan batchDone, p.workers)
	quit := make(chan struct{}) // the writer has stopped: the others stop too
	var readErr error
	go func() { // the reader
		defer close(jobs)
		for seq := 0; ; seq++ {
			job, err := p.readChunk(src, seq)
			if err != nil {
				readErr = err
			}
			if len(job.lines) == 0 || !p.window.acquire(job.cost) {
				return
			}
			select {
			case jobs <- job:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				d := p.process(job)
				d.cost = int64(cap(d.out)) + recordOverhead*int64(d.records)
				p.window.grow(d.cost - job.cost) // the input is gone, the output waits
				select {
				case done <- d:
				case <-quit:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	defer func() { close(quit); p.window.close(); p.decoding.close() }()
	pending := map[int]batchDone{}
	next := 0
	for {
		var d batchDone
		var ok bool
		select {
		case <-p.stop:
			return errInterrupted
		case d, ok = <-done:
		default: // nothing is ready: write out what is done before waiting
			if err := emit(nil); err != nil {
				return err
			}
			select {
			case <-p.stop:
				return errInterrupted
			case d, ok = <-done:
			}
		}
		if !ok {
			break
		}
		pending[d.seq] = d
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if err := emit(&c); err != nil {
				return err
			}
			p.window.release(c.cost)
			next++
		}
	}
	return readErr
}

// readChunk reads the records of one chunk: up to chunkLines records or
// chunkBytes bytes, fewer when the input makes us wait.
func (p *batchPipeline) readChunk(src recordSource, seq int) (batchJob, error) {
	job := batchJob{seq: seq}
	size := 0
	for len(job.lines) < p.limits.chunkLines && size < p.limits.chunkBytes {
		rec, line, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, errLineTooLong) {
			return job, err
		}
		if len(job.lines) == 0 {
			job.first = line
		}
		job.lines = append(job.lines, rec)
		job.errs = append(job.errs, err)
		job.lineNos = append(job.lineNos, line)
		size += len(rec)
		if src.waiting() {
			break
		}
	}
	job.cost = int64(size) + recordOverhead*int64(len(job.lines))
	return job, nil
}

// decodeSlot waits, for a large line, until it may be decoded; the
// returned func gives the slot back.
func (p *batchPipeline) decodeSlot(line []byte) func() {
	if p == nil || len(line) <= p.limits.bigLine {
		return func() {}
	}
	n := int64(len(line))
	if !p.decoding.acquire(n) { // the run has stopped
		return func() {}
	}
	return func() { p.decoding.release(n) }
}

// interruptSignals are the signals that stop a batch cleanly.
var interruptSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// notifyInterrupt returns a channel closed on the first of
// interruptSignals, the signal it was, and a func that stops listening. A
// second signal is not caught: it ends the process as usual.
func notifyInterrupt() (stop <-chan struct{}, which func() os.Signal, cancel func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, interruptSignals...)
	closed := make(chan struct{})
	finished := make(chan struct{})
	var got os.Signal
	go func() {
		select {
		case got = <-sigs:
			signal.Stop(sigs)
			close(closed)
		case <-finished:
		}
	}()
	var once sync.Once
	return closed, func() os.Signal { <-closed; return got }, func() {
		once.Do(func() { signal.Stop(sigs); close(finished) })
	}
}

// interruptError reports a run ended by sig after written records: exit
// 128 + the signal's number, as a shell reports it.
func interruptError(sig os.Signal, written int) error {
	code, name := 130, "SIGINT"
	switch sig {
	case syscall.SIGTERM:
		code, name = 143, "SIGTERM"
	case syscall.SIGHUP:
		code, name = 129, "SIGHUP"
	}
	return &codeError{code: code, err: rules.Errorf(errInterruptedBy, name, written)}
}
