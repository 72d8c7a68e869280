package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchChildProcess is not a test: run by the tests below as a child
// process (KVP_BATCH_CHILD=1), it is kvp with the arguments after "--".
func TestBatchChildProcess(t *testing.T) {
	if os.Getenv("KVP_BATCH_CHILD") != "1" {
		t.Skip("run as a child process by the batch streaming and signal tests")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(Main(args, &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}))
}

// batchChild starts kvp batch reading stdin from a pipe the test feeds.
type batchChild struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr bytes.Buffer
	t      *testing.T
}

func startBatchChild(t *testing.T, args ...string) *batchChild {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("signals: unix only")
	}
	c := &batchChild{t: t}
	c.cmd = exec.Command(os.Args[0], append([]string{"-test.run=^TestBatchChildProcess$", "--", "batch", "-f", "-"}, args...)...)
	c.cmd.Env = append(os.Environ(), "KVP_BATCH_CHILD=1")
	c.cmd.Stderr = &c.stderr
	var err error
	if c.in, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.out = bufio.NewReader(out)
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() })
	return c
}

// readLine reads one line of the child's stdout, or fails after 10 s: a
// record that is not flushed while the input stays open never comes.
func (c *batchChild) readLine() string {
	c.t.Helper()
	got := make(chan string, 1)
	go func() {
		s, err := c.out.ReadString('\n')
		if err != nil {
			s += " <" + err.Error() + ">"
		}
		got <- s
	}()
	select {
	case s := <-got:
		return s
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no record on stdout within 10 s (the input is still open); stderr: %s", c.stderr.String())
		return ""
	}
}

const childCase = `{"id":%d,"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31","children":1}` + "\n"

// A pipe fed line by line sees each line's record before the input ends
// (issue 16, streaming).
func TestBatchStreamsRecords(t *testing.T) {
	c := startBatchChild(t)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(c.in, childCase, i)
		if rec := c.readLine(); !strings.HasPrefix(rec, fmt.Sprintf(`{"line":%d,"id":%d,"result":`, i, i)) {
			t.Fatalf("record %d: %q", i, rec)
		}
	}
	c.in.Close()
	if rest, _ := io.ReadAll(c.out); len(rest) != 0 {
		t.Errorf("more output after the last record: %q", rest)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("exit: %v; stderr: %s", err, c.stderr.String())
	}
}

// A signal mid-batch (issue 16 #8): reading stops, stdout holds whole
// records only, stderr says the run was interrupted and how many records
// were written, and the exit code is 128 + the signal's number.
func TestBatchSignalWritesWholeRecords(t *testing.T) {
	for _, sig := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{{syscall.SIGINT, "SIGINT", 130}, {syscall.SIGTERM, "SIGTERM", 143}, {syscall.SIGHUP, "SIGHUP", 129}} {
		t.Run(sig.name, func(t *testing.T) {
			c := startBatchChild(t, "--tax")
			for i := 1; i <= 5; i++ {
				fmt.Fprintf(c.in, childCase, i)
				c.readLine()
			}
			// A part of a line: never a record.
			io.WriteString(c.in, `{"id":6,"birth_date":"1990-01-01",`)
			time.Sleep(50 * time.Millisecond)
			if err := c.cmd.Process.Signal(sig.sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(c.out)
			err := c.cmd.Wait()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != sig.code {
				t.Fatalf("exit %v, want %d; stderr: %s", err, sig.code, c.stderr.String())
			}
			if len(rest) != 0 {
				t.Errorf("stdout after the signal: %q", rest)
			}
			want := fmt.Sprintf("kvp: error: interrupted by %s: 5 records written, the input was not read to its end\n", sig.name)
			if !strings.HasSuffix(c.stderr.String(), want) {
				t.Errorf("stderr = %q, want it to end in %q", c.stderr.String(), want)
			}
		})
	}
}

// A signal while records stream out fast: stdout still ends in a whole
// record, every line is a JSON record, and their count is the one stderr
// gives.
func TestBatchSignalUnderLoad(t *testing.T) {
	var cases bytes.Buffer
	if err := generateCases(&cases, 20000, 7, 0); err != nil {
		t.Fatal(err)
	}
	c := startBatchChild(t, "--tax", "--scenario", "../../examples/scenario-g-2027.yaml")
	go func() { // feed the cases again and again until the child stops reading
		for {
			if _, err := c.in.Write(cases.Bytes()); err != nil {
				return
			}
		}
	}()
	var out bytes.Buffer
	copied := make(chan error, 1)
	go func() { _, err := io.Copy(&out, c.out); copied <- err }()
	time.Sleep(300 * time.Millisecond)
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-copied:
	case <-time.After(10 * time.Second):
		t.Fatal("the batch did not stop within 10 s of SIGTERM")
	}
	err := c.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 143 {
		t.Fatalf("exit %v, want 143; stderr: %s", err, c.stderr.String())
	}
	b := out.Bytes()
	if len(b) == 0 || b[len(b)-1] != '\n' {
		t.Fatalf("stdout does not end in a whole record: …%q", b[max(0, len(b)-80):])
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, fmt.Sprintf(`{"line":%d,`, i+1)) || !strings.HasSuffix(l, "}") {
			t.Fatalf("record %d is not whole: %.80q", i+1, l)
		}
	}
	want := fmt.Sprintf("interrupted by SIGTERM: %d records written", len(lines))
	if !strings.Contains(c.stderr.String(), want) {
		t.Errorf("stderr = %q, want %q", c.stderr.String(), want)
	}
}

// TestBatchWindowBoundsWorkInFlight (issue 16 #2): while the first chunk
// is slow, the others are not read without bound: the reader waits once
// the window is full, and what is in flight never passes the window by
// more than one chunk. The output is still complete and in order.
func TestBatchWindowBoundsWorkInFlight(t *testing.T) {
	limits := batchLimits{chunkLines: 4, chunkBytes: 1 << 10, window: 8 << 10, bigLine: 1 << 20, decoding: 1 << 20}
	release := make(chan struct{})
	process := func(job batchJob) batchDone {
		if job.seq == 0 {
			<-release // a slow chunk: the test says when it is done
		}
		var out []byte
		for i := range job.lines {
			out = fmt.Appendf(out, "%d\n", job.first+i)
		}
		return batchDone{seq: job.seq, out: out, records: len(job.lines), sum: newBatchSummary()}
	}
	var input bytes.Buffer
	const n = 20000
	for i := range n {
		fmt.Fprintf(&input, "{\"n\":%d,\"pad\":\"%040d\"}\n", i, i)
	}
	p := newBatchPipeline(2, limits, process, nil)
	go func() {
		// Wait until the reader is held up by the window, then let the
		// slow chunk finish.
		for p.window.maxUsed() < limits.window-2<<10 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		close(release)
	}()
	var got bytes.Buffer
	err := p.run(&lineSource{r: bufio.NewReader(&input)}, func(d *batchDone) error {
		if d != nil {
			got.Write(d.out)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(got.String(), "\n"), "\n")
	if len(lines) != n || lines[0] != "1" || lines[n-1] != fmt.Sprint(n) {
		t.Fatalf("%d records, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	chunk := int64(limits.chunkBytes + limits.chunkLines*recordOverhead)
	if peak := p.window.maxUsed(); peak > limits.window+chunk {
		t.Errorf("%d bytes in flight, want at most %d (the window and one chunk)", peak, limits.window+chunk)
	}
}
