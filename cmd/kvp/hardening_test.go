package main

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// failWriter fails every write with err.
type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// A failed write to stdout is exit 1 with one line on stderr, whatever the
// command would have exited with (check's 3 and 4 included).
func TestMainReportsFailedStdoutWrite(t *testing.T) {
	for _, args := range [][]string{
		{"version"},
		{"rates", "--date", "2026-05-01"},
		{"calc", "--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-01-31"},
		{"check", "--birth-date", "1990-06-15"}, // undetermined: exit 4 when written
	} {
		var errOut bytes.Buffer
		code := Main(args, &IOStreams{In: strings.NewReader(""), Out: failWriter{syscall.ENOSPC}, ErrOut: &errOut})
		if code != exitError {
			t.Errorf("%v: exit %d, want %d", args, code, exitError)
		}
		if got := errOut.String(); !strings.HasPrefix(got, "kvp: error: writing the output: ") || strings.Count(got, "\n") != 1 ||
			!strings.Contains(got, "no space left on device") {
			t.Errorf("%v: stderr = %q, want one line 'kvp: error: writing the output: …no space left on device'", args, got)
		}
	}
}

// A reader that has gone away (EPIPE) is not an error worth a word.
func TestMainQuietOnClosedPipe(t *testing.T) {
	var errOut bytes.Buffer
	code := Main([]string{"version"}, &IOStreams{In: strings.NewReader(""), Out: failWriter{syscall.EPIPE}, ErrOut: &errOut})
	if errOut.Len() != 0 {
		t.Errorf("stderr = %q, want nothing", errOut.String())
	}
	if code != exitOK {
		t.Errorf("exit %d, want %d (the output was not wanted)", code, exitOK)
	}
}

func TestMainReportsDevFull(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/dev/full is Linux's")
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	var errOut bytes.Buffer
	if code := Main([]string{"version"}, &IOStreams{In: strings.NewReader(""), Out: full, ErrOut: &errOut}); code != exitError {
		t.Errorf("exit %d, want 1; stderr %q", code, errOut.String())
	}
}

// zeros is stdin as /dev/zero: no newline ever. It counts what was read.
type zeros struct{ read, limit int }

func (z *zeros) Read(p []byte) (int, error) {
	if z.read >= z.limit {
		return 0, io.EOF
	}
	n := min(len(p), z.limit-z.read)
	clear(p[:n])
	z.read += n
	return n, nil
}

// check --interactive reads an answer of at most 4 KiB: a longer line is a
// usage error naming the fact, and kvp stops reading.
func TestInterviewLineLimit(t *testing.T) {
	in := &zeros{limit: 64 << 20}
	var out, errOut bytes.Buffer
	code := Main([]string{"check", "--birth-date", "1990-06-15", "--interactive"}, &IOStreams{In: in, Out: &out, ErrOut: &errOut})
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if in.read > 64<<10 {
		t.Errorf("read %d bytes of an endless line, want at most a buffer's worth", in.read)
	}
	if !strings.Contains(errOut.String(), "kvp: error: --interactive: reduced_capacity: the answer is longer than 4096 bytes") {
		t.Errorf("stderr = %.300q…", errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out.String())
	}
	if errOut.Len() > 1<<10 {
		t.Errorf("stderr is %d bytes: the long answer was echoed", errOut.Len())
	}
}

// Control characters in a message are quoted on stderr: an ESC from a G file
// must not reach the terminal.
func TestStderrQuotesControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text\n", "plain text\n"},
		{"tab\tstays\n", "tab\tstays\n"},
		{"\x1b]0;PWNED\x07\n", `\x1b]0;PWNED\x07` + "\n"},
		{"cr\rdel\x7f\n", `cr\x0ddel\x7f` + "\n"},
		{"c1 \u009b31m ø\n", `c1 \u009b31m ø` + "\n"},
		{"bidi \u202e txt\n", `bidi \u202e txt` + "\n"},
		{"bad \xff utf8\n", `bad \xff utf8` + "\n"},
	} {
		var b bytes.Buffer
		w := &controlQuoter{w: &b}
		if _, err := io.WriteString(w, tc.in); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%q: wrote %q, want %q", tc.in, b.String(), tc.want)
		}
	}
	// A rune split across two writes is still seen whole.
	var b bytes.Buffer
	w := &controlQuoter{w: &b}
	_, _ = w.Write([]byte("a\xc2"))
	_, _ = w.Write([]byte("\x9bb ø"))
	if want := `a\u009bb ø`; b.String() != want {
		t.Errorf("split write: %q, want %q", b.String(), want)
	}
}

// NAV's G data must be UTF-8 JSON: a BOM is skipped, UTF-16 is named.
func TestParseNAVGEncoding(t *testing.T) {
	if _, err := parseNAVG("bom.json", []byte("\ufeff{\"dato\": \"2026-05-01\", \"grunnbeløp\": 136549}")); err != nil {
		t.Errorf("a UTF-8 BOM: %v", err)
	}
	for _, data := range []string{"\xff\xfe{\x00}\x00", "\xfe\xff\x00{\x00}"} {
		_, err := parseNAVG("utf16.json", []byte(data))
		if want := "utf16.json: the file is UTF-16: expected NAV's G data as UTF-8 JSON"; err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
}

// A flag's bad value is echoed cut to 80 characters (issue 16 #16): a
// 100 KB value gives a short, single-line error.
func TestFlagErrorCutsLongValues(t *testing.T) {
	long := strings.Repeat("x", 100_000)
	for _, args := range [][]string{
		{"calc", "--children", long},
		{"tax", "--year", "2026", "--income", long},
		{"batch", "-f", "-", "--input-format", long},
		{"rates", long},
	} {
		var out, errOut bytes.Buffer
		code := Main(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		if code != exitUsage || out.Len() != 0 || errOut.Len() > 400 || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %d bytes: %.200q", args[:2], code, out.Len(), errOut.Len(), errOut.String())
		}
	}
}
