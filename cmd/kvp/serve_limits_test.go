package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"kvp/rules"
)

// TestServeConfigCacheBounded: requests with many distinct settings (a
// different cycle-start each) leave at most serveConfigCacheSize loaded
// configurations, and each answer is still the command's.
func TestServeConfigCacheBounded(t *testing.T) {
	before := map[string]int{"hashes": syncMapLen(&paramsHashes), "calculators": syncMapLen(&calculators)}
	s, hs := testServer(t, nil)
	body := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`
	start, _ := rules.ParseDate("2025-01-01")
	const n = 3 * serveConfigCacheSize
	var last []byte
	var lastQuery string
	for i := range n {
		query := "as-of=2026-12-01&pay-cycle=14-days&cycle-start=" + start.AddDays(i).String()
		resp, err := hs.Client().Post(hs.URL+"/v1/calc?"+query, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		last, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", query, resp.StatusCode, last)
		}
		lastQuery = query
	}
	if got := s.cachedConfigs(); got > serveConfigCacheSize {
		t.Errorf("after %d distinct settings the server holds %d configurations, at most %d expected", n, got, serveConfigCacheSize)
	}
	for name, m := range map[string]*sync.Map{"hashes": &paramsHashes, "calculators": &calculators} {
		if held := syncMapLen(m) - before[name]; held > serveConfigCacheSize {
			t.Errorf("the server remembers %d more parameter %s, at most %d expected", held, name, serveConfigCacheSize)
		}
	}
	want := commandOut(t, []string{"calc", "-f", "-", "-o", "json", "--as-of", "2026-12-01", "--pay-cycle", "14-days",
		"--cycle-start", strings.TrimPrefix(lastQuery, "as-of=2026-12-01&pay-cycle=14-days&cycle-start=")}, body)
	if !bytes.Equal(last, want) {
		t.Errorf("the last answer differs from kvp calc:\n got: %.300s\nwant: %.300s", last, want)
	}
}

func syncMapLen(m *sync.Map) int {
	n := 0
	m.Range(func(_, _ any) bool { n++; return true })
	return n
}

// syncBuffer is a log the server writes to from its handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestServeBatchOverLimitMidStream: a chunked batch body (no
// Content-Length) that goes over --batch-limit after the records have
// started ends with a final line {"error": {...}} of err.http.too_large,
// and the request's log line names the error.
func TestServeBatchOverLimitMidStream(t *testing.T) {
	var log syncBuffer
	_, hs := testServer(t, func(o *serveOptions) { o.batchLimitMiB = 1; o.quiet = false; o.IO.ErrOut = &log })
	line := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}` + "\n"
	lines := 2<<20/len(line) + 1 // 2 MiB: twice the limit
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		for range lines {
			if _, err := w.WriteString(line); err != nil {
				return
			}
		}
		w.Flush()
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", hs.URL+"/v1/batch", pr)
	req.Header.Set("Content-Type", "application/x-ndjson")
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	pr.CloseWithError(io.ErrClosedPipe)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d (the stream should have started): %.300s", resp.StatusCode, got)
	}
	records := bytes.Split(bytes.TrimSuffix(got, []byte("\n")), []byte("\n"))
	if len(records) < 2 || len(records) >= lines {
		t.Fatalf("%d records of %d lines sent", len(records), lines)
	}
	var final apiError
	if err := json.Unmarshal(records[len(records)-1], &final); err != nil || final.Error.Code != errHTTPTooLarge.ID {
		t.Fatalf("the last line is %s, want {\"error\": {\"code\": %q, …}}", records[len(records)-1], errHTTPTooLarge.ID)
	}
	if !strings.Contains(final.Error.Message, "1 MiB") {
		t.Errorf("the final error says %q: not the limit", final.Error.Message)
	}
	if bytes.Contains(records[len(records)-2], []byte(`"error"`)) {
		t.Errorf("the record before the final error is an error: %s", records[len(records)-2])
	}
	t.Logf("%d records, then %s", len(records)-1, records[len(records)-1])
	logged := log.String()
	want := "kvp: POST /v1/batch 200 "
	var requestLine string
	for l := range strings.SplitSeq(logged, "\n") {
		if strings.HasPrefix(l, want) {
			requestLine = l
		}
	}
	t.Logf("log: %s", requestLine)
	if !strings.Contains(requestLine, errHTTPTooLarge.ID) {
		t.Errorf("the request's log line does not name the error:\n%s", logged)
	}
}

// TestServeMediaTypes: a JSON body is application/json, with at most a
// charset of utf-8; a batch also takes the JSON lines types. Anything else
// is 415 before the body is read.
func TestServeMediaTypes(t *testing.T) {
	_, hs := testServer(t, nil)
	kase := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`
	for _, c := range []struct {
		path, ctype string
		status      int
	}{
		{"/v1/calc", "application/json", 200},
		{"/v1/calc", "application/json; charset=utf-8", 200},
		{"/v1/calc", "Application/JSON; charset=UTF-8", 200},
		{"/v1/calc", `application/json; charset="utf-8"`, 200},
		{"/v1/calc", "application/json; charset=latin1", 415},
		{"/v1/calc", "application/json; charset=utf-16", 415},
		{"/v1/calc", "application/json; profile=x", 415},
		{"/v1/calc", "application/merge-patch+json", 415},
		{"/v1/calc", "application/problem+json", 415},
		{"/v1/calc", "text/json", 415},
		{"/v1/calc", "application/x-ndjson", 415},
		{"/v1/tax?year=2026&income=1", "application/merge-patch+json", 415},
		{"/v1/batch", "application/x-ndjson", 200},
		{"/v1/batch", "application/jsonl; charset=utf-8", 200},
		{"/v1/batch", "application/json", 200},
		{"/v1/batch", "application/x-ndjson; charset=latin1", 415},
		{"/v1/batch", "application/merge-patch+json", 415},
		{"/v1/batch", "text/plain", 415},
	} {
		resp, err := hs.Client().Post(hs.URL+c.path, c.ctype, strings.NewReader(kase))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s with %q: status %d, want %d: %.200s", c.path, c.ctype, resp.StatusCode, c.status, b)
			continue
		}
		if c.status != 415 {
			continue
		}
		var e apiError
		if err := json.Unmarshal(b, &e); err != nil || e.Error.Code != errHTTPMediaType.ID || !strings.Contains(e.Error.Message, "charset=utf-8") {
			t.Errorf("%s with %q: %s", c.path, c.ctype, b)
		}
	}
}
