package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"kvp/rules"
)

// navHistory is NAV's G history since 1967 in the G service's format
// (Norwegian keys, newest first), made from ../../shared/data.
const navHistory = "testdata/nav/historikk.json"

// asciiKeys rewrites NAV's Norwegian keys to their ASCII twins.
var asciiKeys = strings.NewReplacer("grunnbeløpPerMåned", "grunnbeloepPerMaaned", "grunnbeløp", "grunnbeloep", "gjennomsnittPerÅr", "gjennomsnittPerAar")

// gService is a local stand-in for g.nav.no. Each path answers one way.
func gService() (*httptest.Server, error) {
	history, err := os.ReadFile(navHistory)
	if err != nil {
		return nil, err
	}
	serve := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v1/historikk/grunnbeløp", serve(string(history)))
	mux.Handle("/historikk", serve(string(history)))
	mux.Handle("/historikk-ascii", serve(asciiKeys.Replace(string(history))))
	mux.Handle("/new", serve(`[{"dato": "2027-05-01", "grunnbeløp": 143000, "grunnbeløpPerMåned": 11917, "gjennomsnittPerÅr": 140850, "omregningsfaktor": 1.047243},
		{"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeløpPerMåned": 11379, "gjennomsnittPerÅr": 134419, "omregningsfaktor": 1.049086}]`))
	mux.Handle("/truncated", serve(`[{"dato": "2026-05-01", "grunnbeløp": 1365`))
	mux.HandleFunc("/html", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("<html><body>Vedlikehold</body></html>"))
	})
	mux.Handle("/wrong", serve(`{"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeløpPerMåned": 12000}`))
	mux.HandleFunc("/status", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, _ *http.Request) {})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`[{"dato": "2026-05-01", `))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	})
	srv := httptest.NewUnstartedServer(mux)
	// Redirects elsewhere: to another host name of this server, and to this
	// host over plain http. kvp follows neither.
	mux.HandleFunc("/moved-host", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fmt.Sprintf("http://localhost:%d/new", srv.Listener.Addr().(*net.TCPAddr).Port), http.StatusFound)
	})
	mux.HandleFunc("/moved-http", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	})
	srv.Start()
	return srv, nil
}

// A redirect is followed only to https on the same host, and the final
// address is what fetchG reports as the data's source.
func TestFetchGRedirects(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	mux.HandleFunc("/new", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"dato": "2027-05-01", "grunnbeløp": 143000}`))
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusFound) })
	mux.HandleFunc("/to-http", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+r.Host+"/new", http.StatusFound)
	})
	mux.HandleFunc("/to-other", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://example.com/new", http.StatusFound)
	})
	client := srv.Client()
	client.CheckRedirect = gRedirectPolicy
	get := func(path string) (string, string, error) {
		u, _ := url.Parse(srv.URL + path)
		data, final, err := getG(t.Context(), client, u, time.Second)
		if err != nil {
			return "", "", err
		}
		return string(data), final.String(), nil
	}
	body, final, err := get("/old")
	if err != nil || !strings.Contains(body, "143000") || final != srv.URL+"/new" {
		t.Errorf("same-host https redirect: body %q, final %q, err %v; want the body of %s/new", body, final, err, srv.URL)
	}
	for path, want := range map[string]string{
		"/to-http":  "redirected to http://127.0.0.1:",
		"/to-other": "redirected to https://example.com/new: kvp follows a redirect only to https on the same host",
	} {
		_, _, err := get(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want %q", path, err, want)
		}
	}
}

// closedURL is the address of a port that nothing listens on.
func closedURL() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	return "http://" + addr + "/historikk", l.Close()
}

// TestGService runs testdata/gservice/*.txtar against a local G service
// ($GSERVER) and a closed port ($GDOWN); it never uses the network.
func TestGService(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/gservice",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			srv, err := gService()
			if err != nil {
				return err
			}
			env.Defer(srv.Close)
			down, err := closedURL()
			if err != nil {
				return err
			}
			abs, err := filepath.Abs(navHistory)
			if err != nil {
				return err
			}
			env.Setenv("GSERVER", srv.URL)
			env.Setenv("GDOWN", down)
			env.Setenv("NAV_HISTORY", abs)
			env.Setenv("KVP_TODAY", "2026-11-23")
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_CONFIG_HOME", "")
			return nil
		},
	})
}

func TestDefaultGURL(t *testing.T) {
	u, err := url.Parse(defaultGURL)
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != "g.nav.no" || u.Path != "/api/v1/historikk/grunnbeløp" || u.Query().Get("fra") != "1967-01-01" {
		t.Errorf("default URL %s: host %s, path %s, query %s", defaultGURL, u.Host, u.Path, u.RawQuery)
	}
	if strings.ContainsRune(defaultGURL, 'ø') {
		t.Errorf("default URL %s: the ø is not percent-encoded", defaultGURL)
	}
}

// TestParseNAVGHistory: NAV's whole history reads the same in both key
// spellings, matches the embedded G table, and gives no average warning.
func TestParseNAVGHistory(t *testing.T) {
	data, err := os.ReadFile(navHistory)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := parseNAVG("nb", data)
	if err != nil {
		t.Fatal(err)
	}
	ascii, err := parseNAVG("ascii", []byte(asciiKeys.Replace(string(data))))
	if err != nil {
		t.Fatal(err)
	}
	if len(nb) != len(ascii) || len(nb) < 70 {
		t.Fatalf("%d entries with Norwegian keys, %d with ASCII keys", len(nb), len(ascii))
	}
	for i := range nb {
		if nb[i] != ascii[i] {
			t.Errorf("entry %d: %+v vs %+v", i, nb[i], ascii[i])
		}
	}
	if nb[0].From != rules.NewDate(1967, 1, 1) {
		t.Errorf("not sorted oldest first: %s", nb[0].From)
	}
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	plan := planGImport(p, "nb", nb)
	if len(plan.New) != 0 || len(plan.Changed) != 0 || plan.Unchanged != len(nb) || len(plan.Warnings) != 0 {
		t.Errorf("plan against the defaults: %+v", plan)
	}
}

func TestParseNAVGErrors(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{``, "f.json is empty"},
		{`[]`, "an empty list"},
		{`"x"`, "expected a JSON object or an array"},
		{`[1]`, "entry 1: not NAV's G data: expected an object, got a JSON number"},
		{"[\n{\"dato\": \"2026-05-01\",\n}]", "not valid JSON: line 3"},
		{`{"dato": 20260501, "grunnbeløp": 1}`, "f.json: dato: expected a string, got a JSON number"},
		{`{"dato": "2026-05-01", "grunnbeløp": true}`, "grunnbeløp: expected a number, got a JSON bool"},
		{`{"grunnbeløp": 136549}`, "dato is missing"},
		{`{"dato": "2026-13-01", "grunnbeløp": 136549}`, `dato: "2026-13-01" does not exist`},
		{`{"dato": "01.05.2026", "grunnbeløp": 136549}`, `expected YYYY-MM-DD`},
		{`{"dato": "2026-05-01"}`, "grunnbeløp (or grunnbeloep) is missing"},
		{`{"dato": "2026-05-01", "grunnbeløp": 136549.5}`, "(dato 2026-05-01): grunnbeløp: 136549.5 is not a whole number of kroner"},
		{`{"dato": "2026-05-01", "grunnbeloep": -5}`, "grunnbeløp: -5 must be positive"},
		{`{"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeloep": 136550}`, "grunnbeløp 136549 and grunnbeloep 136550 disagree"},
		{`{"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeløpPerMåned": 12000}`, "grunnbeløpPerMåned 12000 does not match grunnbeløp 136549: G/12 rounded is 11379"},
		{`{"dato": "2026-05-01", "grunnbeløp": 136549, "omregningsfaktor": 0}`, "omregningsfaktor: 0 is not a positive number"},
		{`{"dato": "2026-05-01", "grunnbeløp": 136549, "virkningstidspunktForMinsteinntekt": "snart"}`, "virkningstidspunktForMinsteinntekt: \"snart\" is not a date"},
		{`[{"dato": "2026-05-01", "grunnbeløp": 136549}, {"dato": "2026-05-01", "grunnbeløp": 136549}]`, "entry 2 (dato 2026-05-01): dato 2026-05-01 appears twice"},
	} {
		_, err := parseNAVG("f.json", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.data, err, tc.want)
		}
	}
}

// TestParseNAVGRounding: G per month may be a krone off G/12 (another
// rounding), not more; a missing average or factor is fine (NAV leaves them
// out on some entries).
func TestParseNAVGRounding(t *testing.T) {
	for _, data := range []string{
		`{"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeløpPerMåned": 11379}`,
		`{"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeløpPerMåned": 11378}`,
		`{"dato": "1967-01-01", "grunnbeloep": 5400, "grunnbeloepPerMaaned": 450, "gjennomsnittPerAar": 5400}`,
		`{"dato": "2026-05-01", "grunnbeløp": 136549, "gjennomsnittPerÅr": null, "omregningsfaktor": null}`,
	} {
		if _, err := parseNAVG("f.json", []byte(data)); err != nil {
			t.Errorf("%s: %v", data, err)
		}
	}
}

// TestImportWritesNothingToStdoutOnError: a failed import prints one line on
// stderr and nothing on stdout.
func TestImportWritesNothingToStdoutOnError(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("KVP_CONFIG", "")
	var out, errOut bytes.Buffer
	code := Main([]string{"g", "import", "-"}, &IOStreams{In: strings.NewReader(`{"dato": "2026-05-01"}`), Out: &out, ErrOut: &errOut})
	if code != exitError || out.Len() != 0 || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if code := Main([]string{"g", "import"}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != exitUsage {
		t.Errorf("no FILE: exit %d, want %d", code, exitUsage)
	}
}

// TestNetError: a name that does not resolve and a refused connection say
// which host and what to do, in one line.
func TestNetError(t *testing.T) {
	u, _ := url.Parse(defaultGURL)
	dns := &url.Error{Op: "Get", URL: defaultGURL, Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: "g.nav.no", IsNotFound: true}}}
	want := "cannot reach g.nav.no (no such host g.nav.no): check the network or use kvp g import FILE"
	if got := netError(u, 10*time.Second, dns).Error(); got != want {
		t.Errorf("DNS:\n got %s\nwant %s", got, want)
	}
	timeout := &url.Error{Op: "Get", URL: defaultGURL, Err: &net.DNSError{Err: "i/o timeout", Name: "g.nav.no", IsTimeout: true}}
	want = "g.nav.no did not answer within 10s: check the network, try a longer --timeout, or use kvp g import FILE"
	if got := netError(u, 10*time.Second, timeout).Error(); got != want {
		t.Errorf("timeout:\n got %s\nwant %s", got, want)
	}
}
