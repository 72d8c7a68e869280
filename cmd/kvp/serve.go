package main

import (
	"bytes"
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// bodyKind is what a request to an endpoint carries.
type bodyKind int

const (
	bodyNone   bodyKind = iota // GET: settings in the query only
	bodyCase                   // a case as JSON, the keys of a case file (-f -)
	bodyJSONL                  // JSON lines, one case each (kvp batch -f -)
	bodyFlags                  // a JSON object of the command's flags (kvp tax has no case file)
	bodyRecalc                 // {"paid": a kvp calc -o json document, "case": the case now}
)

// endpoint is one route of kvp serve: the command it runs, in process,
// through the same cobra command and run function as on the command line.
// Query parameters are the command's flags by name (rounding=exact,
// age-switch=next-month, explain=true); a command's flag that reads a file
// or changes the output's form is not offered. A new command's endpoint is
// one more entry here (and its document one more entry in documents).
type endpoint struct {
	Method  string
	Path    string
	Words   []string                    // the command line's words: "calc", "g list"
	New     func(a *app) *cobra.Command // the constructor of Words[0]
	Schema  string                      // the document a 200 response is (documents)
	Body    bodyKind
	Summary string
}

var endpoints = []endpoint{
	{http.MethodPost, "/v1/calc", []string{"calc"}, newCalcCmd, "calc", bodyCase, "kvp calc: the stipend and child supplement over a period"},
	{http.MethodPost, "/v1/check", []string{"check"}, newCheckCmd, "check", bodyCase, "kvp check: eligibility"},
	{http.MethodPost, "/v1/period", []string{"period"}, newPeriodCmd, "period", bodyCase, "kvp period: the programme's time limits"},
	{http.MethodPost, "/v1/tax", []string{"tax"}, newTaxCmd, "tax", bodyFlags, "kvp tax: the tax on a personal income"},
	{http.MethodPost, "/v1/compare", []string{"compare"}, newCompareCmd, "compare", bodyCase, "kvp compare: one case under a scenario (scenario=NAME of a file in --scenario-dir)"},
	{http.MethodPost, "/v1/regulate", []string{"regulate"}, newRegulateCmd, "regulate", bodyCase, "kvp regulate: the back pay after a G regulation (regulated-on=DATE, or the case's regulated_on)"},
	{http.MethodPost, "/v1/recalc", []string{"recalc"}, newRecalcCmd, "recalc", bodyRecalc, `kvp recalc: what was paid ("paid": a kvp calc -o json document) against what is owed now ("case": the case now)`},
	{http.MethodPost, "/v1/letter", []string{"letter"}, newLetterCmd, "letter", bodyCase, "kvp letter: the decision letter as JSON, or with format=text|markdown|html the letter itself"},
	{http.MethodPost, "/v1/curve", []string{"curve"}, newCurveCmd, "curve", bodyCase, "kvp curve: the case at each value of one input (vary=KEY=FROM..TO/STEP)"},
	{http.MethodPost, "/v1/batch", []string{"batch"}, newBatchCmd, "batch-record", bodyJSONL, "kvp batch: JSON lines in, the records streamed back"},
	{http.MethodGet, "/v1/rates", []string{"rates"}, newRatesCmd, "rates", bodyNone, "kvp rates: the rates in force on a date"},
	{http.MethodGet, "/v1/g", []string{"g"}, newGCmd, "g", bodyNone, "kvp g: the G in force on a date"},
	{http.MethodGet, "/v1/g/list", []string{"g", "list"}, newGCmd, "g-list", bodyNone, "kvp g list: every G and the yearly averages"},
	{http.MethodGet, "/v1/parameters", []string{"config", "show"}, newConfigCmd, "parameters", bodyNone, "kvp config show: the effective settings and parameters"},
}

// notOffered are the flags no endpoint takes: they read files, write, ask
// or change the output's form, which the server decides.
var notOffered = map[string]bool{
	"file": true, "output": true, "config": true, "set": true, "wide": true, "interactive": true, "help": true,
	"input-format": true, "workers": true, "write": true, "baseline": true,
	"records": true, "chart": true, "paid": true, "paid-case": true,
}

// formatEndpoints are the endpoints whose format= query parameter chooses
// what they answer (the first is the default); the others answer JSON, or
// the command's tables to Accept: text/plain.
var formatEndpoints = map[string][]string{"/v1/letter": {"json", "text", "markdown", "html"}}

// mediaTypes are the Content-Type of each output format.
var mediaTypes = map[string]string{
	"json": "application/json", "table": "text/plain; charset=utf-8", "text": "text/plain; charset=utf-8",
	"markdown": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
}

// settingFlags are the flags config.Load reads as settings: a request's
// values of them choose its cached configuration.
var settingFlags = []struct{ flag, key string }{
	{"rounding", config.KeyRounding}, {"age-switch", config.KeyAgeSwitch}, {"leap-birthday", config.KeyLeapBirthday},
	{"output", config.KeyOutput}, {"lang", config.KeyLang}, {"duration-regime", config.KeyDurationRegime},
	{"pay-cycle", config.KeyPayCycle}, {"pay-day", config.KeyPayDay}, {"cycle-start", config.KeyCycleStart},
	{"pay-lag", config.KeyPayLag}, {"as-of", config.KeyAsOf},
}

// The server's own errors.
var (
	errHTTPNotFound    = rules.NewCode("err.http.not_found", "path")
	errHTTPMethod      = rules.NewCode("err.http.method", "method", "allowed")
	errHTTPMediaType   = rules.NewCode("err.http.media_type", "type", "want")
	errHTTPTooLarge    = rules.NewCode("err.http.too_large", "limit")
	errHTTPParameter   = rules.NewCode("err.http.unknown_parameter", "name", "names")
	errHTTPNotJSON     = rules.NewCode("err.http.not_json", "err")
	errHTTPNotObject   = rules.NewCode("err.http.not_object")
	errHTTPScenario    = rules.NewCode("err.http.scenario", "name")
	errHTTPNoScenarios = rules.NewCode("err.http.no_scenario_dir")
	errHTTPInternal    = rules.NewCode("err.http.internal")
	errHTTPFlagValue   = rules.NewCode("err.http.flag_value")
	errHTTPRecalcBody  = rules.NewCode("err.http.recalc_body", "key")
	errServeAddr       = rules.NewCode("err.serve.listen", "addr", "err")
	serveListening     = rules.NewCode("serve.listening", "url")
	serveStopped       = rules.NewCode("serve.stopped", "signal")
)

// apiError is the body of every response that is not a result.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`    // the message code, as in the catalogue: "err.not_one_of"
	Message string `json:"message"` // the text in the request's language
	Field   string `json:"field"`   // the case key or query parameter at fault, or ""
}

// serveOptions are kvp serve's flags.
type serveOptions struct {
	env
	addr          string
	quiet         bool
	maxConcurrent int
	caseLimit     int64 // bytes
	batchLimitMiB int64
	readTimeout   time.Duration
	writeTimeout  time.Duration
	scenarioDir   string
	cfgFile       string
	sets          []string
}

func newServeCmd(a *app) *cobra.Command {
	o := serveOptions{caseLimit: 1 << 20}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the calculations as an HTTP JSON API and a web page",
		Long: `Serve kvp's calculations over HTTP, on loopback unless --addr names another
address. Each endpoint runs the command of its name in process, with the
same code, so that a response is byte for byte what "kvp CMD -o json" prints
for the same input and settings:

  POST /v1/calc, /v1/check, /v1/period, /v1/compare,  the case as JSON (the keys of a case file)
       /v1/regulate, /v1/letter, /v1/curve
  POST /v1/recalc                                     {"paid": a kvp calc -o json document, "case": the case now}
  POST /v1/tax                                        the flags as a JSON object, or in the query
  POST /v1/batch                                      JSON lines; the records stream back as JSON lines
  GET  /v1/rates?date=, /v1/g?date=, /v1/g/list, /v1/parameters
  GET  /openapi.json (OpenAPI 3.1, the schemas of kvp schema), /healthz, / (the web page)

Settings are query parameters named as the command's flags (rounding=exact,
age-switch=next-month, explain=true, lang=nb, pay-day=20, regulated-on=DATE,
vary=work-hours=0..37.5/2.5); Accept-Language sets lang when the query does
not. compare's scenario=NAME names a file in --scenario-dir. recalc reads
"paid" as the file --paid paid would be (the answer's paid.path is "paid")
and "case" as -f -. letter answers its JSON document, whose sentences are in
the request's language; format=text, markdown or html answers the letter
itself (text/plain, text/markdown, text/html). No endpoint takes a flag that
reads or writes a file (file, paid, paid-case, records, chart, config).
A request that cannot be served gets {"error": {"code", "message", "field"}}:
400 for bad input, 404, 405, 413 for a body over its limit (1 MiB for a case,
--batch-limit for a batch), 415 for a body that is not JSON. A batch sent
without a length that goes over --batch-limit once records have come back
ends with a last line {"error": {"code": "err.http.too_large", ...}} (the
log line of the request names it). At most
--max-concurrent computations run at once; more wait in a queue. SIGINT and
SIGTERM stop the server after the requests in flight have finished. Each
request is logged on stderr (method, path, status, duration) unless --quiet.
The last 64 sets of settings asked for stay loaded. The web page (/) takes
one case with its settings and pay cycle (pay day, or a 14-day period's
first day), in bokmål, nynorsk or English.` + exitStatusSection,
		Example: `  kvp serve
  kvp serve --addr 127.0.0.1:9090 --quiet --scenario-dir examples
  curl -s -X POST -H 'Content-Type: application/json' --data-binary @examples/case.json localhost:8080/v1/calc
  curl -s 'localhost:8080/v1/rates?date=2026-05-01'
  curl -s -X POST -H 'Content-Type: application/json' -H 'Accept-Language: nb' --data-binary @examples/case.json 'localhost:8080/v1/letter?format=text'
  curl -s -X POST -H 'Content-Type: application/json' --data-binary @examples/case.json 'localhost:8080/v1/regulate?regulated-on=2026-07-01'
  curl -s -X POST -H 'Content-Type: application/json' --data-binary @examples/case.json 'localhost:8080/v1/curve?vary=work-hours=0..37.5/7.5'
  jq -n --slurpfile paid paid.json --slurpfile now now.json '{paid: $paid[0], case: $now[0]}' |
    curl -s -X POST -H 'Content-Type: application/json' --data-binary @- localhost:8080/v1/recalc`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.cfgFile, o.sets = a.env(cmd), a.cfgFile, a.sets
			return runServe(cmd.Context(), &o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (another host than loopback must be given here)")
	f.BoolVar(&o.quiet, "quiet", false, "no request log on stderr")
	f.IntVar(&o.maxConcurrent, "max-concurrent", 64, "computations at once (`N`); more requests wait")
	f.Int64Var(&o.batchLimitMiB, "batch-limit", 64, "largest batch body in `MIB`")
	f.DurationVar(&o.readTimeout, "read-timeout", 30*time.Second, "longest time to read a request (`DURATION`)")
	f.DurationVar(&o.writeTimeout, "write-timeout", 60*time.Second, "longest time to write a response (`DURATION`)")
	f.StringVar(&o.scenarioDir, "scenario-dir", "", "`DIR` of scenario files that compare's scenario=NAME may name")
	return cmd
}

// runServe listens on o.addr and serves until ctx ends or a signal comes.
func runServe(ctx context.Context, o *serveOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	srv, err := newServer(o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usageErrorf(errServeAddr, o.addr, err)
	}
	l := srv.locale()
	fmt.Fprintf(o.IO.ErrOut, "kvp: %s\n", l.M(serveListening.M("http://"+ln.Addr().String()+"/")))
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	hs := srv.httpServer()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop()
	fmt.Fprintf(o.IO.ErrOut, "kvp: %s\n", l.M(serveStopped.M(context.Cause(ctx).Error())))
	sctx, cancel := context.WithTimeout(context.Background(), o.writeTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// server is kvp serve's state: the configurations it has loaded, the
// computations' slots, the log.
type server struct {
	o       *serveOptions
	slots   chan struct{}
	logMu   sync.Mutex
	cfgMu   sync.Mutex
	configs configCache
	openapi []byte
	page    []byte
	allowed map[string]map[string]*pflag.Flag // endpoint path → offered flags
}

func newServer(o *serveOptions) (*server, error) {
	s := &server{o: o, slots: make(chan struct{}, max(o.maxConcurrent, 1)), configs: newConfigCache(serveConfigCacheSize),
		allowed: map[string]map[string]*pflag.Flag{}}
	if _, err := s.config(nil); err != nil { // a broken config file stops the server at once
		return nil, err
	}
	for _, e := range endpoints {
		s.allowed[e.Path] = offeredFlags(e)
	}
	var err error
	if s.openapi, err = openAPIDocument(s.allowed); err != nil {
		return nil, err
	}
	if s.page, err = webPage(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *server) locale() locale {
	cfg, _ := s.config(nil)
	l, _ := configLocale(cfg)
	return l
}

func (s *server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler(),
		ReadHeaderTimeout: min(s.o.readTimeout, 10*time.Second),
		ReadTimeout:       s.o.readTimeout,
		WriteTimeout:      s.o.writeTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// offeredFlags are the flags of e's command that a request may give.
func offeredFlags(e endpoint) map[string]*pflag.Flag {
	root := serveRoot(&app{io: &IOStreams{}, out: &bytes.Buffer{}}, e)
	cmd, _, err := root.Find(e.Words)
	out := map[string]*pflag.Flag{}
	if err != nil {
		return out
	}
	add := func(f *pflag.Flag) {
		if !f.Hidden && !notOffered[f.Name] {
			out[f.Name] = f
		}
	}
	cmd.LocalFlags().VisitAll(add)
	root.PersistentFlags().VisitAll(add)
	return out
}

// serveRoot is the command tree one request runs in: the root's global
// flags and e's command, nothing else (the whole tree costs more to build
// than a calculation).
func serveRoot(a *app, e endpoint) *cobra.Command {
	root := &cobra.Command{Use: "kvp", SilenceUsage: true, SilenceErrors: true}
	root.SetFlagErrorFunc(flagError)
	addGlobalFlags(root, a)
	root.AddCommand(e.New(a))
	return root
}

func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	for _, e := range endpoints {
		mux.Handle(e.Path, s.endpointHandler(e))
	}
	mux.HandleFunc("/openapi.json", s.static(s.openapi, "application/json"))
	mux.HandleFunc("/healthz", s.static([]byte("{\"status\":\"ok\"}\n"), "application/json"))
	mux.HandleFunc("/{$}", s.static(s.page, "text/html; charset=utf-8"))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, rules.Errorf(errHTTPNotFound, rules.Quote(r.URL.Path)))
	})
	return s.logged(mux)
}

func (s *server) static(body []byte, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.fail(w, r, http.StatusMethodNotAllowed, rules.Errorf(errHTTPMethod, r.Method, "GET"))
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		if contentType == "text/html; charset=utf-8" {
			w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:")
		}
		w.Write(body)
	}
}

// statusWriter remembers the status for the request log and flushes
// streamed output.
type statusWriter struct {
	http.ResponseWriter
	status int
	note   string // an error after the response started (noteError)
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logged writes a line per request on stderr, and answers a panic with a
// 500 that says nothing of the code.
func (s *server) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				if sw.status == 0 {
					s.fail(sw, r, http.StatusInternalServerError, rules.Errorf(errHTTPInternal))
				}
				s.log("kvp: serve: panic: %v\n", p)
			}
			switch {
			case !s.o.quiet && sw.note != "":
				s.log("kvp: %s %s %d %s: %s\n", r.Method, r.URL.RequestURI(), sw.status, time.Since(start).Round(time.Microsecond), oneLine(sw.note))
			case !s.o.quiet:
				s.log("kvp: %s %s %d %s\n", r.Method, r.URL.RequestURI(), sw.status, time.Since(start).Round(time.Microsecond))
			case sw.note != "": // quiet, but the status does not say it
				s.log("kvp: serve: %s %s: %s\n", r.Method, r.URL.Path, oneLine(sw.note))
			}
		}()
		h.ServeHTTP(sw, r)
	})
}

func (s *server) log(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.o.IO.ErrOut, format, args...)
}

// requestLang is the request's language: lang= in the query, else the
// first language of Accept-Language that kvp speaks, else "" (the server's).
func requestLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		return l
	}
	type tag struct {
		lang string
		q    float64
	}
	var tags []tag
	for part := range strings.SplitSeq(r.Header.Get("Accept-Language"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(name), "-")
		if base == "no" {
			base = rules.LangNB
		}
		if base != "" && q > 0 {
			tags = append(tags, tag{base, q})
		}
	}
	sort.SliceStable(tags, func(i, j int) bool { return tags[i].q > tags[j].q })
	for _, t := range tags {
		if config.CheckChoice(config.KeyLang, t.lang) == nil {
			return t.lang
		}
	}
	return ""
}

// requestFormat is the output format of a request: format= where the
// endpoint offers it, else JSON, or the command's tables to Accept:
// text/plain.
func requestFormat(e endpoint, r *http.Request) (string, error) {
	formats, ok := formatEndpoints[e.Path]
	if !ok {
		if wantsText(r) && e.Body != bodyJSONL {
			return "table", nil
		}
		return "json", nil
	}
	switch f := r.URL.Query().Get("format"); {
	case f == "":
		return formats[0], nil
	case slices.Contains(formats, f):
		return f, nil
	default:
		return "", rules.FieldErr("format", rules.Errorf(rules.ErrNotOneOf, rules.Quote(f), strings.Join(formats, ", ")))
	}
}

// recalcBody is the body of POST /v1/recalc split in two: "paid", the kvp
// calc -o json document of what was paid, and "case", the case now; both
// JSON objects, and nothing else.
func recalcBody(body []byte) (paid, kase []byte, err error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, nil, rules.Errorf(errHTTPRecalcBody, "paid")
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if k != "paid" && k != "case" {
			return nil, nil, rules.FieldErr(k, rules.Errorf(rules.ErrUnknownField, k))
		}
	}
	for _, k := range []string{"paid", "case"} {
		if v := bytes.TrimSpace(obj[k]); len(v) == 0 || v[0] != '{' {
			return nil, nil, rules.FieldErr(k, rules.Errorf(errHTTPRecalcBody, k))
		}
	}
	return obj["paid"], obj["case"], nil
}

// wantsText: the client asks for the command's tables (Accept: text/plain),
// as the web page does.
func wantsText(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	return strings.HasPrefix(accept, "text/plain")
}

// scenarioName: a file name of letters, digits, '.', '_' and '-', not
// starting with '.' (no path, no hidden file).
func scenarioName(name string) bool {
	if name == "" || name[0] == '.' || name[0] == '-' {
		return false
	}
	for _, c := range []byte(name) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// endpointHandler runs e's command for one request.
func (s *server) endpointHandler(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := requestLang(r)
		fail := func(status int, err error) { s.failIn(w, lang, status, err) }
		if r.Method != e.Method && !(e.Method == http.MethodGet && r.Method == http.MethodHead) {
			w.Header().Set("Allow", e.Method)
			fail(http.StatusMethodNotAllowed, rules.Errorf(errHTTPMethod, r.Method, e.Method))
			return
		}
		args := slices.Clone(e.Words)
		format, err := requestFormat(e, r)
		if err != nil {
			fail(http.StatusBadRequest, err)
			return
		}
		args = append(args, "--output="+format)
		if lang != "" && r.URL.Query().Get("lang") == "" {
			args = append(args, "--lang="+lang)
		}
		flags, err := s.queryFlags(e, r)
		if err != nil {
			fail(http.StatusBadRequest, err)
			return
		}
		var in io.Reader = bytes.NewReader(nil)
		var paid io.Reader
		switch e.Body {
		case bodyCase, bodyFlags:
			body, status, err := s.readBody(r, s.o.caseLimit, e.Body == bodyFlags)
			if err != nil {
				fail(status, err)
				return
			}
			if e.Body == bodyCase {
				args = append(args, "--file=-")
				in = bytes.NewReader(body)
			} else if len(bytes.TrimSpace(body)) > 0 {
				more, err := s.bodyFlags(e, body)
				if err != nil {
					fail(http.StatusBadRequest, err)
					return
				}
				flags = append(more, flags...)
			}
		case bodyRecalc:
			body, status, err := s.readBody(r, s.o.caseLimit, false)
			if err != nil {
				fail(status, err)
				return
			}
			paidDoc, caseDoc, err := recalcBody(body)
			if err != nil {
				fail(http.StatusBadRequest, err)
				return
			}
			args = append(args, "--paid=paid", "--file=-")
			in, paid = bytes.NewReader(caseDoc), bytes.NewReader(paidDoc)
		case bodyJSONL:
			if status, err := s.checkBody(r, s.o.batchLimitMiB<<20, "application/x-ndjson", "application/jsonl", "application/json"); err != nil {
				fail(status, err)
				return
			}
			args = append(args, "--file=-", "--input-format=jsonl", "--output=jsonl")
			in = http.MaxBytesReader(w, r.Body, s.o.batchLimitMiB<<20)
		}
		args = append(args, flags...)
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		case <-r.Context().Done():
			return // the client has gone
		}
		if e.Body == bodyJSONL {
			s.stream(w, r, e, args, in, lang)
			return
		}
		out, code, err := s.run(e, args, in, paid, nil)
		if err != nil && code != exitNotEligible && code != exitUndetermined {
			fail(statusOf(err), err)
			return
		}
		w.Header().Set("Content-Type", mediaTypes[format])
		if format == "html" { // the letter: its style inline, nothing else
			w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.Write(out)
	})
}

// stream runs kvp batch with its records written to w as they come.
func (s *server) stream(w http.ResponseWriter, r *http.Request, e endpoint, args []string, in io.Reader, lang string) {
	fw := &firstWriter{w: w}
	_, _, err := s.run(e, args, in, nil, fw)
	if err == nil || linesFailed(err) {
		if !fw.started {
			fw.start()
		}
		return // failed lines are error records in the stream
	}
	if !fw.started {
		s.failIn(w, lang, statusOf(err), err)
		return
	}
	// The records have started with 200: the stream ends with the error
	// as its last line, {"error": {...}} as a refused request's body, and
	// the request's log line says it.
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = rules.Errorf(errHTTPTooLarge, sizeText(mbe.Limit))
	}
	if lang == "" {
		lang = s.locale().lang()
	}
	body := errorBody(err, lang)
	b, _ := json.Marshal(body)
	fw.Write(append(b, '\n'))
	noteError(w, body.Error.Code+": "+body.Error.Message)
}

// linesFailed: err is kvp batch's "N of M lines failed", whose lines are
// error records in the stream.
func linesFailed(err error) bool {
	var re *rules.Error
	return errors.As(err, &re) && re.Msg().Code == errLinesFailed.ID
}

// noteError gives the request's log line an error that its status cannot
// say (the response had started).
func noteError(w http.ResponseWriter, note string) {
	for {
		switch x := w.(type) {
		case *statusWriter:
			x.note = note
			return
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return
		}
	}
}

// firstWriter sets the JSON lines headers at the first record and flushes
// after every write, so that records reach the client as they are made.
type firstWriter struct {
	w       http.ResponseWriter
	started bool
}

func (f *firstWriter) start() {
	f.started = true
	f.w.Header().Set("Content-Type", "application/x-ndjson")
	f.w.WriteHeader(http.StatusOK)
}

func (f *firstWriter) Write(b []byte) (int, error) {
	if !f.started {
		f.start()
	}
	n, err := f.w.Write(b)
	if fl, ok := f.w.(http.Flusher); ok {
		fl.Flush()
	} else {
		_ = http.NewResponseController(f.w).Flush()
	}
	return n, err
}

// run runs the command line args of e in process, the case (or lines) on
// stdin: what Main does, with the configuration of the request's settings
// loaded once for the server. paid, when set, is kvp recalc's paid
// document. stream, when set, is where kvp batch writes its records; else
// stdout is returned.
func (s *server) run(e endpoint, args []string, in, paid io.Reader, stream io.Writer) ([]byte, int, error) {
	out := &bytes.Buffer{}
	streams := &IOStreams{In: in, Out: out, ErrOut: io.Discard}
	a := &app{io: streams, stdout: out, errRaw: io.Discard, out: out, cfgFile: s.o.cfgFile, sets: s.o.sets, paidIn: paid}
	if stream != nil {
		a.stdout = stream
	}
	if cfg, err := s.config(args); err == nil && cfg != nil {
		a.cfg = cfg
	}
	root := serveRoot(a, e)
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(io.Discard)
	err := root.Execute()
	if err != nil {
		err = cobraError(root, err)
	}
	return out.Bytes(), exitCode(err), err
}

// config is the configuration for the settings among args: the serve
// command's config file and --set, with the request's settings as flags.
// The last serveConfigCacheSize sets of settings used are kept loaded;
// another set is loaded and the least recently used one dropped (dates such
// as cycle-start and as-of make the sets unbounded). Settings whose values
// are not among their choices are not cached (nil): the command loads them
// itself, to say what is wrong.
func (s *server) config(args []string) (*config.Config, error) {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	given := map[string]string{}
	for _, sf := range settingFlags {
		fs.String(sf.flag, "", "")
	}
	for _, a := range args {
		name, value, ok := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !ok || !strings.HasPrefix(a, "--") || fs.Lookup(name) == nil {
			continue
		}
		if name != "output" && config.CheckChoice(keyOfFlag(name), value) != nil {
			return nil, nil
		}
		given[name] = value
	}
	keys := make([]string, 0, len(given))
	for k, v := range given {
		keys = append(keys, k+"="+v)
	}
	slices.Sort(keys)
	key := strings.Join(keys, "&")
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	if cfg, ok := s.configs.get(key); ok {
		return cfg, nil
	}
	for k, v := range given {
		_ = fs.Set(k, v)
	}
	cfg, err := config.Load(config.Options{File: s.o.cfgFile, Flags: fs, Sets: s.o.sets})
	if err != nil {
		return nil, err
	}
	rememberParamsHash(cfg.Params)
	s.configs.put(key, cfg)
	return cfg, nil
}

// serveConfigCacheSize is how many loaded configurations the server keeps.
const serveConfigCacheSize = 64

// cachedConfigs is how many configurations the server holds.
func (s *server) cachedConfigs() int {
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	return s.configs.order.Len()
}

// configCache keeps the configurations last used, at most size; the
// caller holds server.cfgMu.
type configCache struct {
	size  int
	order *list.List               // of *configEntry, the most recently used first
	byKey map[string]*list.Element // key → its element in order
}

type configEntry struct {
	key string
	cfg *config.Config
}

func newConfigCache(size int) configCache {
	return configCache{size: size, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *configCache) get(key string) (*config.Config, bool) {
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*configEntry).cfg, true
}

func (c *configCache) put(key string, cfg *config.Config) {
	c.byKey[key] = c.order.PushFront(&configEntry{key, cfg})
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		dropped := oldest.Value.(*configEntry)
		delete(c.byKey, dropped.key)
		c.order.Remove(oldest)
		// Its parameters' hash and calculator go too; a request still
		// running with it computes them afresh.
		paramsHashes.Delete(dropped.cfg.Params)
		calculators.Delete(dropped.cfg.Params)
	}
}

func keyOfFlag(flag string) string {
	for _, sf := range settingFlags {
		if sf.flag == flag {
			return sf.key
		}
	}
	return flag
}

// queryFlags are the query's parameters as the command's flags.
func (s *server) queryFlags(e endpoint, r *http.Request) ([]string, error) {
	q := r.URL.Query()
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	slices.Sort(names)
	var out []string
	for _, name := range names {
		if _, ok := formatEndpoints[e.Path]; ok && name == "format" {
			continue // requestFormat's
		}
		for _, v := range q[name] {
			flag, err := s.flagArg(e, name, v)
			if err != nil {
				return nil, err
			}
			out = append(out, flag)
		}
	}
	return out, nil
}

// flagArg is "--name=value" for e's command, checked: an unknown name is
// an error naming the parameters there are; a scenario names a file in
// --scenario-dir.
func (s *server) flagArg(e endpoint, name, value string) (string, error) {
	offered := s.allowed[e.Path]
	if _, ok := offered[name]; !ok {
		names := make([]string, 0, len(offered))
		for n := range offered {
			names = append(names, n)
		}
		slices.Sort(names)
		return "", rules.FieldErr(name, rules.Errorf(errHTTPParameter, rules.Quote(name), strings.Join(names, ", ")))
	}
	if name == "scenario" {
		if s.o.scenarioDir == "" {
			return "", rules.FieldErr(name, rules.Errorf(errHTTPNoScenarios))
		}
		path := filepath.Join(s.o.scenarioDir, value)
		if !scenarioName(value) {
			return "", rules.FieldErr(name, rules.Errorf(errHTTPScenario, rules.Quote(value)))
		}
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
			return "", rules.FieldErr(name, rules.Errorf(errHTTPScenario, rules.Quote(value)))
		}
		value = path
	}
	return "--" + name + "=" + value, nil
}

// bodyFlags reads a JSON object of flags: {"year": 2026, "income": "300000"}.
// Keys may be written as flags (birth-date) or as case keys (birth_date).
func (s *server) bodyFlags(e endpoint, body []byte) ([]string, error) {
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, rules.Errorf(errHTTPNotObject)
	}
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	slices.Sort(names)
	var out []string
	for _, k := range names {
		name := strings.ReplaceAll(k, "_", "-")
		var values []any
		var v any
		d := json.NewDecoder(bytes.NewReader(obj[k]))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return nil, rules.FieldErr(k, rules.Errorf(errHTTPNotJSON, err))
		}
		if list, ok := v.([]any); ok {
			values = list
		} else {
			values = []any{v}
		}
		for _, x := range values {
			var text string
			switch x := x.(type) {
			case string:
				text = x
			case json.Number:
				text = x.String()
			case bool:
				text = strconv.FormatBool(x)
			default:
				return nil, rules.FieldErr(k, rules.Errorf(errHTTPFlagValue))
			}
			flag, err := s.flagArg(e, name, text)
			if err != nil {
				return nil, err
			}
			out = append(out, flag)
		}
	}
	return out, nil
}

// checkBody refuses a body that is not of the types want, or that says it
// is larger than limit, before anything of it is read. The only parameter
// a type may have is charset=utf-8: JSON is UTF-8 (RFC 8259), and a
// "+json" type (merge-patch, problem) means something else than a case.
func (s *server) checkBody(r *http.Request, limit int64, want ...string) (int, error) {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	charset, hasCharset := params["charset"]
	if err != nil || !slices.Contains(want, mt) || len(params) > 1 || len(params) == 1 && !(hasCharset && strings.EqualFold(charset, "utf-8")) {
		return http.StatusUnsupportedMediaType, rules.Errorf(errHTTPMediaType, rules.Quote(ct), strings.Join(want, ", "))
	}
	if r.ContentLength > limit {
		return http.StatusRequestEntityTooLarge, rules.Errorf(errHTTPTooLarge, sizeText(limit))
	}
	return 0, nil
}

// readBody reads a JSON body of at most limit bytes. An empty body is
// allowed where the flags may all be in the query.
func (s *server) readBody(r *http.Request, limit int64, emptyOK bool) ([]byte, int, error) {
	if emptyOK && r.ContentLength == 0 {
		return nil, 0, nil
	}
	if status, err := s.checkBody(r, limit, "application/json"); err != nil {
		return nil, status, err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, http.StatusBadRequest, rules.Errorf(errHTTPNotJSON, err)
	}
	if int64(len(body)) > limit {
		return nil, http.StatusRequestEntityTooLarge, rules.Errorf(errHTTPTooLarge, sizeText(limit))
	}
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v)
		if err == nil {
			err = errors.New("empty body")
		}
		return nil, http.StatusBadRequest, rules.Errorf(errHTTPNotJSON, err)
	}
	return body, 0, nil
}

// sizeText is a limit in words: "1 MiB".
func sizeText(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// statusOf is the HTTP status of a command's error: bad input, unless it
// is the server's own fault.
func statusOf(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

func (s *server) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	s.failIn(w, requestLang(r), status, err)
}

// failIn writes err as {"error": {...}} in lang.
func (s *server) failIn(w http.ResponseWriter, lang string, status int, err error) {
	if lang == "" {
		lang = s.locale().lang()
	}
	body := errorBody(err, lang)
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// errorBody words err for a client: the innermost message's code, the text
// in lang without the "stdin: " a command line would show, and the case key
// or parameter at fault ("birth_date", "children[1]", "rounding").
func errorBody(err error, lang string) apiError {
	text := strings.TrimPrefix(oneLine(rules.ErrorText(err, lang)), "stdin: ")
	m := rules.ErrorMessage(err)
	var path []string
	var ce *caseinput.Error
	if errors.As(err, &ce) && len(ce.Problems) > 0 { // the case's first problem
		m = ce.Problems[0].Msg
		if p := ce.Problems[0].Path; p != "" {
			path = append(path, p)
		}
	}
	var re *rules.Error
	if m.Code == codeErrID && errors.As(err, &re) { // "--rounding: …" around a coded problem
		m = re.Msg()
	}
	for {
		next, field, ok := innerMessage(m)
		if !ok {
			break
		}
		if field != "" && field != "stdin" {
			path = append(path, strings.TrimPrefix(field, "--"))
		}
		m = next
	}
	if f, ok := flagPrefix(text); ok && len(path) == 0 {
		path = append(path, f)
	}
	if k, ok := keyPrefix(text); ok && len(path) == 0 {
		path = append(path, k)
	}
	for _, name := range []string{"key", "field", "flag"} { // the case key before the flag that stands for it
		for _, a := range m.Args {
			if f, ok := a.Value.(string); ok && a.Name == name && len(path) == 0 {
				path = append(path, strings.TrimPrefix(f, "--"))
			}
		}
	}
	return apiError{apiErrorBody{Code: m.Code, Message: text, Field: strings.Join(path, ".")}}
}

// codeErrID is the code of an error that has no code of its own.
var codeErrID = rules.ErrorMessage(errors.New("")).Code

// flagPrefix is the flag a command's flag error starts with: "--date: …".
func flagPrefix(text string) (string, bool) {
	rest, ok := strings.CutPrefix(text, "--")
	name, _, found := strings.Cut(rest, ": ")
	if !ok || !found || name == "" || strings.ContainsAny(name, " =") {
		return "", false
	}
	return name, true
}

// keyPrefix is the case key an error starts with: "eligibility.residence: …".
func keyPrefix(text string) (string, bool) {
	key, _, found := strings.Cut(text, ": ")
	if !found || key == "" {
		return "", false
	}
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '[' || c == ']') {
			return "", false
		}
	}
	return key, true
}

// innerMessage is the problem of "field: problem" and "line N: problem",
// with the field.
func innerMessage(m rules.Message) (rules.Message, string, bool) {
	if m.Code != rules.ErrAtField.ID && m.Code != rules.ErrAtLine.ID && m.Code != errCaseFile.ID {
		return m, "", false
	}
	var field string
	for _, a := range m.Args {
		switch a.Name {
		case "field":
			field, _ = a.Value.(string)
		case "problem", "err":
			switch v := a.Value.(type) {
			case rules.Message:
				return v, field, true
			case error:
				return rules.ErrorMessage(v), field, true
			}
		}
	}
	return m, field, false
}
