package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testServer is kvp serve's handler with the defaults, examples/ as the
// scenario directory, over loopback.
func testServer(t testing.TB, edit func(o *serveOptions)) (*server, *httptest.Server) {
	t.Helper()
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	o := &serveOptions{env: env{IO: &IOStreams{ErrOut: io.Discard}}, addr: "127.0.0.1:0", quiet: true, maxConcurrent: 64,
		caseLimit: 1 << 20, batchLimitMiB: 64, readTimeout: 10 * time.Second, writeTimeout: 30 * time.Second, scenarioDir: "../../examples"}
	if edit != nil {
		edit(o)
	}
	s, err := newServer(o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(nil)
	hs.Config = s.httpServer()
	hs.Start()
	t.Cleanup(hs.Close)
	return s, hs
}

// commandOut is the command line's stdout for args, stdin in.
func commandOut(t testing.TB, args []string, in string) []byte {
	t.Helper()
	var out bytes.Buffer
	code := Main(args, &IOStreams{In: strings.NewReader(in), Out: &out, ErrOut: io.Discard})
	if code != 0 && code != exitNotEligible && code != exitUndetermined && !(args[0] == "batch" && code == exitError) {
		t.Fatalf("kvp %s: exit %d", strings.Join(args, " "), code)
	}
	return out.Bytes()
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestServeMatchesCommand: every endpoint's body is byte for byte what the
// command prints with -o json for the same input and settings, and it
// validates against its schema.
func TestServeMatchesCommand(t *testing.T) {
	_, hs := testServer(t, nil)
	caseJSON := `{"birth_date":"1999-08-20","from":"2026-01-01","to":"2026-12-31","children":1}`
	reductions := `{"birth_date":"1990-01-01","from":"2026-05-01","to":"2026-07-31","programme":{"interruptions":["2026-06-15..2026-06-20"]},"work_hours":[{"hours":"10"}],"absence":[{"date":"2026-05-13","hours":"3"}]}`
	checkCase := `{"birth_date":"1990-01-01","date":"2026-03-01","application_date":"2026-02-15","eligibility":{"residence":"norwegian","reduced_capacity":"yes","assessment_done":"yes","follow_up_needed":"yes","benefits":[],"fixed_abode":"no"}}`
	periodCase := `{"programme":{"start":"2025-01-06"}}`
	lines := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31"}` + "\n" + `{"birth_date":"x"}` + "\n"
	regulateCase := `{"birth_date":"1980-01-01","from":"2026-04-01","to":"2026-08-31","children":1,"pay_day":10}`
	letterCase := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31","children":2}`
	// kvp recalc: what was paid is kvp calc's document; the server reads
	// the body's "paid" as the file --paid paid, which the command line
	// reads from the folder it runs in.
	paidDoc := string(commandOut(t, []string{"calc", "--birth-date", "1990-01-01", "--from", "2026-03-02", "--to", "2026-03-06", "-o", "json"}, ""))
	caseNow := `{"birth_date":"1990-01-01","from":"2026-03-02","to":"2026-03-06","absence":[{"date":"2026-03-04"}]}`
	recalcReq := `{"paid":` + paidDoc + `,"case":` + caseNow + `}`
	for _, c := range []struct {
		method, path, ctype, body, schema string
		args                              []string
		lang, stdin, paid, media          string // Accept-Language; the command's stdin (else body), its file "paid"; the answer's type (else JSON)
	}{
		{"POST", "/v1/calc", "application/json", caseJSON, "calc", []string{"calc", "-f", "-", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/calc?explain=true&rounding=exact", "application/json", caseJSON, "calc", []string{"calc", "-f", "-", "-o", "json", "--explain", "--rounding", "exact"}, "", "", "", ""},
		{"POST", "/v1/calc?age-switch=next-month", "application/json", reductions, "calc", []string{"calc", "-f", "-", "-o", "json", "--age-switch", "next-month"}, "", "", "", ""},
		{"POST", "/v1/calc?pay-day=20&as-of=2026-04-01", "application/json", caseJSON, "calc", []string{"calc", "-f", "-", "-o", "json", "--pay-day", "20", "--as-of", "2026-04-01"}, "", "", "", ""},
		{"POST", "/v1/calc?pay-cycle=14-days&cycle-start=2026-01-05&pay-lag=3", "application/json", caseJSON, "calc",
			[]string{"calc", "-f", "-", "-o", "json", "--pay-cycle", "14-days", "--cycle-start", "2026-01-05", "--pay-lag", "3"}, "", "", "", ""},
		{"POST", "/v1/check", "application/json", checkCase, "check", []string{"check", "-f", "-", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/period?date=2026-11-23", "application/json", periodCase, "period", []string{"period", "-f", "-", "-o", "json", "--date", "2026-11-23"}, "", "", "", ""},
		{"POST", "/v1/tax", "application/json", `{"year":2026,"income":"300000","birth_date":"1990-01-01"}`, "tax", []string{"tax", "--year", "2026", "--income", "300000", "--birth-date", "1990-01-01", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/tax?year=2026&income=250000&explain=true", "", "", "tax", []string{"tax", "--year", "2026", "--income", "250000", "--explain", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/compare?scenario=scenario-g-2027.yaml", "application/json", readFile(t, "../../examples/case.json"), "compare",
			[]string{"compare", "-f", "-", "--scenario", "../../examples/scenario-g-2027.yaml", "-o", "json"}, "", "", "", ""},
		{"GET", "/v1/rates?date=2026-05-01", "", "", "rates", []string{"rates", "--date", "2026-05-01", "-o", "json"}, "", "", "", ""},
		{"GET", "/v1/g?date=2024-06-01", "", "", "g", []string{"g", "--date", "2024-06-01", "-o", "json"}, "", "", "", ""},
		{"GET", "/v1/g/list?from=2020", "", "", "g-list", []string{"g", "list", "--from", "2020", "-o", "json"}, "", "", "", ""},
		{"GET", "/v1/parameters", "", "", "parameters", []string{"config", "show", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/batch?summary=true&tax=true", "application/x-ndjson", lines, "batch-record", []string{"batch", "-f", "-", "--summary", "--tax"}, "", "", "", ""},
		{"POST", "/v1/regulate?regulated-on=2026-07-15", "application/json", regulateCase, "regulate",
			[]string{"regulate", "-f", "-", "--regulated-on", "2026-07-15", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/regulate?pay-day=20", "application/json", `{"birth_date":"2002-01-01","from":"2026-04-01","to":"2026-08-31","regulated_on":"2026-07-15"}`, "regulate",
			[]string{"regulate", "-f", "-", "--pay-day", "20", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/recalc", "application/json", recalcReq, "recalc", []string{"recalc", "--paid", "paid", "-f", "-", "-o", "json"}, "", caseNow, paidDoc, ""},
		{"POST", "/v1/recalc?recover=20%25&explain=true", "application/json", recalcReq, "recalc",
			[]string{"recalc", "--paid", "paid", "-f", "-", "--recover", "20%", "--explain", "-o", "json"}, "", caseNow, paidDoc, ""},
		{"POST", "/v1/letter", "application/json", letterCase, "letter", []string{"letter", "-f", "-", "-o", "json", "--lang", "nb"}, "nb", "", "", ""},
		{"POST", "/v1/letter", "application/json", letterCase, "letter", []string{"letter", "-f", "-", "-o", "json", "--lang", "en"}, "en-GB,en;q=0.9", "", "", ""},
		{"POST", "/v1/letter?lang=en&withholding-percent=30", "application/json", letterCase, "letter",
			[]string{"letter", "-f", "-", "-o", "json", "--lang", "en", "--withholding-percent", "30"}, "nb", "", "", ""},
		{"POST", "/v1/letter?format=text", "application/json", letterCase, "", []string{"letter", "-f", "-", "--lang", "nb"}, "nb", "", "", "text/plain; charset=utf-8"},
		{"POST", "/v1/letter?format=markdown&lang=en", "application/json", letterCase, "", []string{"letter", "-f", "-", "-o", "markdown", "--lang", "en"}, "", "", "", "text/markdown; charset=utf-8"},
		{"POST", "/v1/letter?format=html", "application/json", letterCase, "", []string{"letter", "-f", "-", "-o", "html", "--lang", "nb"}, "nb", "", "", "text/html; charset=utf-8"},
		{"POST", "/v1/curve?vary=work-hours%3D0..37.5%2F7.5", "application/json", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31"}`, "curve",
			[]string{"curve", "-f", "-", "--vary", "work-hours=0..37.5/7.5", "-o", "json"}, "", "", "", ""},
		{"POST", "/v1/curve?vary=other-income%3D0..400000%2F100000", "application/json", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31"}`, "curve",
			[]string{"curve", "-f", "-", "--vary", "other-income=0..400000/100000", "-o", "json"}, "", "", "", ""},
	} {
		t.Run(c.path, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, hs.URL+c.path, strings.NewReader(c.body))
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			if c.lang != "" {
				req.Header.Set("Accept-Language", c.lang)
			}
			resp, err := hs.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, got)
			}
			media := cmp.Or(c.media, "application/json")
			if c.schema == "batch-record" {
				media = "application/x-ndjson"
			}
			if ct := resp.Header.Get("Content-Type"); ct != media {
				t.Errorf("Content-Type %q, want %q", ct, media)
			}
			stdin := cmp.Or(c.stdin, c.body)
			if c.paid != "" {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "paid"), []byte(c.paid), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Chdir(dir)
			}
			want := commandOut(t, c.args, stdin)
			if !bytes.Equal(got, want) {
				t.Errorf("the body differs from kvp %s:\n got: %.300s\nwant: %.300s", strings.Join(c.args, " "), got, want)
			}
			if c.schema == "" {
				return
			}
			if c.schema == "batch-record" {
				_, problems := checkDocuments(c.args, got, nil)
				for _, p := range problems {
					t.Error(p)
				}
				return
			}
			if err := validateDocument(c.schema, got); err != nil {
				t.Errorf("not valid against %s: %v", c.schema, err)
			}
		})
	}
}

// TestServeErrors: a request that cannot be served is an error document
// with the status, the code and the field at fault; never a stack trace.
func TestServeErrors(t *testing.T) {
	_, hs := testServer(t, nil)
	for _, c := range []struct {
		method, path, ctype, lang, body string
		status                          int
		code, field, text               string
	}{
		{"POST", "/v1/calc", "application/json", "", `{"birth_date":"1990-13-01","from":"2026-01-01","to":"2026-03-31"}`, 400, "err.date.month_not_1_12", "birth_date", `birth_date: "1990-13-01" does not exist`},
		{"POST", "/v1/calc", "application/json", "", `{"from":"2026-01-01","to":"2026-03-31"}`, 400, "err.usage.required_or", "birth_date", "required"},
		{"POST", "/v1/calc", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31","x":1}`, 400, "err.unknown_field", "x", "unknown field x"},
		{"POST", "/v1/calc", "application/json", "nb-NO,nb;q=0.9,en;q=0.5", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31","x":1}`, 400, "err.unknown_field", "x", "ukjent felt x"},
		{"POST", "/v1/calc", "application/json", "", `{"birth_date": `, 400, "err.http.not_json", "", "not JSON"},
		{"POST", "/v1/calc", "application/json", "", "birth_date: 1990-01-01\n", 400, "err.http.not_json", "", "not JSON"},
		{"POST", "/v1/calc", "text/yaml", "", "birth_date: 1990-01-01\n", 415, "err.http.media_type", "", "text/yaml"},
		{"POST", "/v1/calc", "", "", `{}`, 415, "err.http.media_type", "", "application/json"},
		{"POST", "/v1/calc?rounding=nva", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31"}`, 400, "err.not_one_of", "rounding", `"nva" is not one of nav, exact`},
		{"POST", "/v1/calc?file=/etc/passwd", "application/json", "", `{}`, 400, "err.http.unknown_parameter", "file", "unknown parameter"},
		{"POST", "/v1/compare?scenario=../config.yaml", "application/json", "", `{}`, 400, "err.http.scenario", "scenario", "no scenario file"},
		{"POST", "/v1/compare?scenario=nothere.yaml", "application/json", "", `{}`, 400, "err.http.scenario", "scenario", "no scenario file"},
		{"POST", "/v1/tax", "application/json", "", `{"year":2026,"income":{"a":1}}`, 400, "err.http.flag_value", "income", "expected a string"},
		{"POST", "/v1/tax", "application/json", "", `[1]`, 400, "err.http.not_object", "", "JSON object"},
		{"POST", "/v1/check", "application/json", "", `{"birth_date":"1990-01-01","eligibility":{"residence":"yes"}}`, 400, "", "eligibility.residence", `"yes" is not one of norwegian`},
		{"GET", "/v1/rates?date=2026-15-01", "", "", "", 400, "err.date.month_not_1_12", "date", "month 15"},
		{"GET", "/v1/rates?dat=2026-05-01", "", "", "", 400, "err.http.unknown_parameter", "dat", "the parameters are as-of, ascii, date, explain, lang, rounding"},
		{"POST", "/v1/rates", "", "", "", 405, "err.http.method", "", "use GET"},
		{"GET", "/v1/calc", "", "", "", 405, "err.http.method", "", "use POST"},
		{"GET", "/v2/calc", "", "", "", 404, "err.http.not_found", "", "no endpoint"},
		{"POST", "/v1/recalc", "application/json", "", `{"case":{"birth_date":"1990-01-01"}}`, 400, "err.http.recalc_body", "paid", `with the fields paid (a kvp calc -o json document) and case (the case now); paid is missing`},
		{"POST", "/v1/recalc", "application/json", "", `{"paid":{"schema_version":1},"case":[1]}`, 400, "err.http.recalc_body", "case", "case is missing or not an object"},
		{"POST", "/v1/recalc", "application/json", "", `{"paid":{},"case":{},"now":{}}`, 400, "err.unknown_field", "now", "unknown field now"},
		{"POST", "/v1/recalc", "application/json", "", `{"paid":{"months":[]},"case":{"birth_date":"1990-01-01","from":"2026-03-02","to":"2026-03-06"}}`, 400, "err.recalc.not_kvp", "paid", "paid"},
		{"POST", "/v1/recalc?paid=/etc/passwd", "application/json", "", `{}`, 400, "err.http.unknown_parameter", "paid", "unknown parameter"},
		{"POST", "/v1/letter?format=pdf", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`, 400, "err.not_one_of", "format", `"pdf" is not one of json, text, markdown, html`},
		{"POST", "/v1/letter?kind=change", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`, 400, "err.usage.letter_change_needs", "", "change"},
		{"POST", "/v1/compare?records=/tmp/kvp-records.jsonl", "application/json", "", `{}`, 400, "err.http.unknown_parameter", "records", "unknown parameter"},
		{"POST", "/v1/curve?chart=/tmp/kvp-chart.svg", "application/json", "", `{}`, 400, "err.http.unknown_parameter", "chart", "unknown parameter"},
		{"POST", "/v1/curve", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`, 400, "", "vary", "--vary"},
		{"POST", "/v1/curve?vary=work-hours%3D0..40%2F5", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`, 400, "", "vary", "37.5"},
		{"POST", "/v1/regulate", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-05-01","to":"2026-05-31"}`, 400, "err.usage.required_or", "regulated_on", "--regulated-on is required"},
		{"POST", "/v1/batch", "text/csv", "", "birth_date\n", 415, "err.http.media_type", "", "application/x-ndjson"},
		{"POST", "/v1/calc", "application/json", "", `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31","children":"` + strings.Repeat("1", 1<<20) + `"}`, 413, "err.http.too_large", "", "1 MiB"},
	} {
		t.Run(c.path+" "+c.code, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, hs.URL+c.path, strings.NewReader(c.body))
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			if c.lang != "" {
				req.Header.Set("Accept-Language", c.lang)
			}
			resp, err := hs.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, c.status, b)
			}
			if err := validateDocument("error", b); err != nil {
				t.Fatalf("not an error document: %v: %s", err, b)
			}
			var e apiError
			json.Unmarshal(b, &e)
			if e.Error.Code == "" {
				t.Error("no code")
			}
			if c.code != "" && e.Error.Code != c.code || e.Error.Field != c.field || !strings.Contains(e.Error.Message, c.text) {
				t.Errorf("got %+v, want code %s, field %q, a message with %q", e.Error, c.code, c.field, c.text)
			}
			if strings.Contains(string(b), "goroutine") || strings.Contains(string(b), ".go:") {
				t.Errorf("a stack trace: %s", b)
			}
		})
	}
}

// TestServeAcceptLanguage: Accept-Language sets lang as --lang does: the
// tables change, the JSON does not (it is the same in every language).
func TestServeAcceptLanguage(t *testing.T) {
	_, hs := testServer(t, nil)
	body := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`
	get := func(lang, accept string) string {
		req, _ := http.NewRequest("POST", hs.URL+"/v1/calc", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", lang)
		req.Header.Set("Accept", accept)
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if nb, en := get("nb", "application/json"), get("en", "application/json"); nb != en {
		t.Error("the JSON differs between nb and en")
	}
	nn, nb, en := get("nn;q=1, nb;q=0.8", "text/plain"), get("se, nb;q=0.8", "text/plain"), get("en-GB", "text/plain")
	if want := string(commandOut(t, []string{"calc", "-f", "-", "--lang", "nn"}, body)); nn != want {
		t.Errorf("Accept-Language nn: the tables differ from kvp calc --lang nn:\n%s", nn)
	}
	if want := string(commandOut(t, []string{"calc", "-f", "-", "--lang", "nb"}, body)); nb != want {
		t.Errorf("Accept-Language nb: the tables differ from kvp calc --lang nb:\n%s", nb)
	}
	if want := string(commandOut(t, []string{"calc", "-f", "-", "--lang", "en"}, body)); en != want {
		t.Errorf("Accept-Language en: the tables differ from kvp calc --lang en:\n%s", en)
	}
}

// TestServeStatic: the page, the health check and the OpenAPI document,
// which names every endpoint and carries every schema.
func TestServeStatic(t *testing.T) {
	_, hs := testServer(t, nil)
	get := func(path string) (*http.Response, []byte) {
		resp, err := hs.Client().Get(hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	resp, page := get("/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, bad := range []string{"http://", "https://", "/*TEXTS*/"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the page holds %q: it must need nothing from outside", bad)
		}
	}
	if !bytes.Contains(page, []byte(`"page.submit":"Beregn"`)) {
		t.Error("the page has no bokmål texts")
	}
	if _, b := get("/healthz"); string(b) != "{\"status\":\"ok\"}\n" {
		t.Errorf("GET /healthz: %s", b)
	}
	_, b := get("/openapi.json")
	var doc struct {
		OpenAPI    string                    `json:"openapi"`
		Paths      map[string]map[string]any `json:"paths"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	for _, e := range endpoints {
		if _, ok := doc.Paths[e.Path][strings.ToLower(e.Method)]; !ok {
			t.Errorf("openapi.json has no %s %s", e.Method, e.Path)
		}
	}
	for _, d := range documents {
		if _, ok := doc.Components.Schemas[d.Name]; !ok {
			t.Errorf("openapi.json has no schema %s", d.Name)
		}
	}
}

// TestServeLargeBodyRefused: a body of 100 MB is refused with 413 after
// the headers, without the server reading it: the client gets its answer
// having sent only a little of it.
func TestServeLargeBodyRefused(t *testing.T) {
	_, hs := testServer(t, nil)
	for _, path := range []string{"/v1/calc", "/v1/batch"} {
		ctype := "application/json"
		if path == "/v1/batch" {
			ctype = "application/x-ndjson"
		}
		var sent atomic.Int64
		pr, pw := io.Pipe()
		go func() {
			chunk := bytes.Repeat([]byte(" "), 64<<10)
			for sent.Load() < 100<<20 {
				n, err := pw.Write(chunk)
				sent.Add(int64(n))
				if err != nil {
					return
				}
			}
			pw.Close()
		}()
		req, _ := http.NewRequest("POST", hs.URL+path, pr)
		req.ContentLength = 100 << 20
		req.Header.Set("Content-Type", ctype)
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		pr.CloseWithError(io.ErrClosedPipe)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: status %d: %s", path, resp.StatusCode, b)
		}
		if n := sent.Load(); n > 8<<20 {
			t.Errorf("%s: the client sent %d MiB before the answer", path, n>>20)
		}
		t.Logf("%s: 413 after %d KiB of 100 MiB sent", path, sent.Load()>>10)
	}
}

// TestServeSlowClient: a client that sends a byte a second holds neither
// the server nor a computation slot: other requests are answered at once
// (one slot only), and the slow connection is closed at the read timeout.
func TestServeSlowClient(t *testing.T) {
	_, hs := testServer(t, func(o *serveOptions) { o.readTimeout = 2 * time.Second; o.maxConcurrent = 1 })
	addr := strings.TrimPrefix(hs.URL, "http://")
	body := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`
	slow := func(headersFirst bool) chan time.Duration {
		done := make(chan time.Duration, 1)
		go func() {
			start := time.Now()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				done <- -1
				return
			}
			defer c.Close()
			msg := "POST /v1/calc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
			if headersFirst {
				i := strings.Index(msg, "\r\n\r\n") + 4
				c.Write([]byte(msg[:i]))
				msg = msg[i:]
			}
			for i := 0; i < len(msg); i++ {
				if _, err := c.Write([]byte{msg[i]}); err != nil {
					break
				}
				time.Sleep(time.Second)
			}
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			io.Copy(io.Discard, c) // until the server closes
			done <- time.Since(start)
		}()
		return done
	}
	inHeaders, inBody := slow(false), slow(true)
	time.Sleep(300 * time.Millisecond)
	for i := range 20 {
		start := time.Now()
		req, _ := http.NewRequest("POST", hs.URL+"/v1/calc", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("request %d: status %d", i, resp.StatusCode)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("request %d took %s while slow clients were connected", i, d)
		}
	}
	for name, ch := range map[string]chan time.Duration{"headers": inHeaders, "body": inBody} {
		select {
		case d := <-ch:
			if d < 0 || d > 6*time.Second {
				t.Errorf("slow client (%s): connection held %s (read timeout 2 s)", name, d)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("slow client (%s): the connection is still open after 15 s", name)
		}
	}
}

// TestServeQueue: with one computation slot, 32 requests at once all
// succeed: they wait in the queue rather than fail.
func TestServeQueue(t *testing.T) {
	s, hs := testServer(t, func(o *serveOptions) { o.maxConcurrent = 1 })
	body := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31"}`
	var wg sync.WaitGroup
	var failed, peak atomic.Int32
	stop := make(chan struct{})
	go func() { // watch the slots: never more than one in use
		for {
			select {
			case <-stop:
				return
			default:
				if n := int32(len(s.slots)); n > peak.Load() {
					peak.Store(n)
				}
				time.Sleep(20 * time.Microsecond)
			}
		}
	}()
	for range 32 {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", hs.URL+"/v1/calc", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			resp, err := hs.Client().Do(req)
			if err != nil || resp.StatusCode != 200 {
				failed.Add(1)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		})
	}
	wg.Wait()
	close(stop)
	if failed.Load() > 0 {
		t.Errorf("%d of 32 requests failed", failed.Load())
	}
	if peak.Load() > 1 {
		t.Errorf("%d computations ran at once with --max-concurrent 1", peak.Load())
	}
}

// TestServeGracefulShutdown: when the server is told to stop (as by
// SIGINT or SIGTERM), a request in flight is still answered, then the
// server returns; the log has a line per request.
func TestServeGracefulShutdown(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("HOME", t.TempDir())
	logR, logW := io.Pipe()
	o := &serveOptions{env: env{IO: &IOStreams{ErrOut: logW}}, addr: "127.0.0.1:0", maxConcurrent: 64,
		caseLimit: 1 << 20, batchLimitMiB: 64, readTimeout: 10 * time.Second, writeTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	returned := make(chan error, 1)
	go func() { returned <- runServe(ctx, o); logW.Close() }()
	log := bufio.NewScanner(logR)
	log.Scan()
	url, ok := strings.CutPrefix(log.Text(), "kvp: serving on ")
	if !ok {
		t.Fatalf("first line: %q", log.Text())
	}
	url = strings.Fields(url)[0]
	var lines []string
	logDone := make(chan struct{})
	go func() {
		for log.Scan() {
			lines = append(lines, log.Text())
		}
		close(logDone)
	}()
	body := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31"}`
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", url+"v1/calc", pr)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = int64(len(body))
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- -1
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	pw.Write([]byte(body[:10])) // in flight: the body half sent
	time.Sleep(200 * time.Millisecond)
	cancel()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-returned:
		t.Fatalf("the server returned (%v) with a request in flight", err)
	default:
	}
	pw.Write([]byte(body[10:]))
	pw.Close()
	if status := <-answered; status != 200 {
		t.Errorf("the request in flight got %d", status)
	}
	select {
	case err := <-returned:
		if err != nil {
			t.Errorf("runServe: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop")
	}
	<-logDone
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "POST /v1/calc 200 ") || !strings.Contains(joined, "finishing the requests in flight") {
		t.Errorf("log:\n%s", joined)
	}
}
