package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// maxBatchLine bounds one input line; a longer line is an error record.
const maxBatchLine = 1 << 20

// batchOptions are kvp batch's options. Its IO writes stdout straight
// through (records stream out); ErrRaw is stderr unquoted, for the progress
// line's terminal controls.
type batchOptions struct {
	env
	ErrRaw    io.Writer
	file      string
	inFormat  string
	summary   bool
	scenario  string
	baseline  string
	workers   int
	withTax   bool
	generate  int
	seed      uint64
	months    int
	chunkSize int
}

func newBatchCmd(a *app) *cobra.Command {
	var o batchOptions
	cmd := &cobra.Command{
		Use:   "batch",
		Short: "Compute many cases: one result per input line",
		Long: `Compute a batch of cases, one per record: JSON lines in the case-file format
(-f cases.jsonl), or CSV with a header row of case-file keys (-f cases.csv);
-f - reads stdin. The file's extension (.csv; .jsonl, .ndjson, .json)
decides the format; without one, the first character that is not blank
does, after a byte order mark: '{' is JSON lines, anything else CSV. A JSON
line is JSON: a line in YAML, also in YAML's flow style
({birth_date: 1990-01-01}), is an error record. A CSV record is what
RFC 4180 makes it: a quoted field may hold commas and line ends.

Each input record gives one output record, in input order, as JSON lines
(-o jsonl, the default) or CSV (-o csv; -o table is refused). A record is
written as soon as it and all before it are done, so a pipe fed line by
line gets each result at once. A record that cannot be computed gives an
error record with its (first) line number and the run goes on; the exit
code is then 1. An "id" (text or a number; a CSV column id) is echoed in
the record, also in an error record, to join results to their input.
A line's pay keys are checked as a case file's: pay_lag or cycle_start on a
monthly line, pay_day on a 14-day line, is an error record naming the key,
e.g. {"line":1,"error":"pay_lag: only with pay_cycle 14-days; the pay cycle
is monthly"}; a line's as_of on which no G was known names as_of.

A summary (lines, failures, totals per year, and the tool version, parameter
hash and rounding policy that make the run reproducible) goes to stderr, or
to stdout after the records with --summary. CSV output starts with its
header row; its stamp goes to stderr as a "kvp: stamp: …" line. With
--scenario (and optionally --baseline), each record carries baseline,
scenario and difference, and the summary the total cost of the change per
year.

CSV columns: id, birth_date, from, to, children, child_birth_dates (separated by
;), rounding, age_switch, leap_birthday, work_hours (HOURS or HOURS@FROM..TO;...),
other_benefits (KIND:PER_DAY@FROM..TO;...), absence (DATE or DATE=HOURS;...),
interruptions (FROM..TO;...), benefit_scope, finnmark, income_year,
withholding_percent; unknown columns are an error. Records carry per-year
stipend totals (in CSV: earned_net_by_year and paid_net_by_year, as
YEAR:AMOUNT;...); add --tax for the tax, the net after tax and the pension
earning per income year (CSV: tax_by_year, net_after_tax_by_year,
pension_earning_by_year; a year without tax parameters is left out).

The work is spread over all cores; memory stays bounded (under 150 MB resident)
however long the input and however large or slow its records: the reader
waits while the results not yet written fill a fixed window. On a terminal,
progress is shown on stderr. On SIGINT, SIGTERM or SIGHUP the run stops
reading, writes the whole records it has, says on stderr how many and that
it was interrupted, and exits 128 + the signal's number.` + exitStatusSection + `
  1  also: at least one line failed (its error record says why)
  129, 130, 143  interrupted by SIGHUP, SIGINT, SIGTERM (only whole records were written)`,
		Example: `  kvp batch -f examples/cases.jsonl
  kvp batch -f examples/cases.csv -o csv --summary
  kvp batch -f examples/cases.csv -o csv --tax > results.csv     # id, per-year and tax columns
  printf '{"id":"p-1","birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31"}\n' | kvp batch -f -
  kvp batch -f examples/cases.jsonl --scenario examples/scenario-g-2027.yaml
  kvp batch --generate 1000 | kvp batch -f - --tax > results.jsonl`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			streams := *a.io
			streams.Out = a.stdout
			o.env, o.ErrRaw = env{IO: &streams, Config: a.loader(cmd, false)}, a.errRaw
			return runBatch(&o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "input `FILE`: JSON lines or CSV (- for stdin)")
	f.StringVar(&o.inFormat, "input-format", "auto", "input `FORMAT`: auto (by the file's extension, else its first character), jsonl or csv")
	f.BoolVar(&o.summary, "summary", false, "print the summary on stdout after the records (default: stderr)")
	f.StringVar(&o.scenario, "scenario", "", "scenario `FILE` to compare with the baseline")
	f.StringVar(&o.baseline, "baseline", "", "scenario `FILE` to use as the baseline (default: the effective configuration)")
	f.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "number of parallel `WORKERS`")
	f.BoolVar(&o.withTax, "tax", false, "add the tax and pension earning per income year to each record")
	f.IntVar(&o.generate, "generate", 0, "write `N` synthetic cases as JSON lines instead (for benchmarks)")
	f.Uint64Var(&o.seed, "seed", 1, "random `SEED` for --generate")
	f.IntVar(&o.months, "months", 0, "with --generate: every period `M` months long (0: 1 to 36, half of them 12)")
	f.IntVar(&o.chunkSize, "chunk", 256, "lines per unit of work")
	_ = f.MarkHidden("generate")
	_ = f.MarkHidden("seed")
	_ = f.MarkHidden("months")
	_ = f.MarkHidden("chunk")
	f.String("rounding", "nav", "rounding `POLICY` for lines that do not say: nav or exact")
	f.String("age-switch", "birthday", "age switch for lines that do not say: birthday or next-month")
	return cmd
}

// batchSide is one parameter set a batch runs under.
type batchSide struct {
	name   string
	title  string
	params *rules.Params
	hash   string
	calc   *calc.Calculator
	// all are the side's parameters with every value however late it was
	// known, and known the side's parameters as known on the dates of the
	// lines that give their own as_of.
	all   *rules.Params
	known *knownSides
}

// knownSides are a side's parameters as known on a line's own as_of, made
// once per date (at most knownSidesMax dates are kept; a line with another
// date is priced as well, with parameters made for it alone).
type knownSides struct {
	mu    sync.Mutex
	sides map[rules.Date]batchSide
}

const knownSidesMax = 64

// asOf is s as known on d (a line's own as_of), or s itself when d is nil
// or the date s is already as known on.
func (s batchSide) asOf(d *rules.Date) batchSide {
	if d == nil || s.all == nil || (s.params.AsOf != nil && *s.params.AsOf == *d) {
		return s
	}
	s.known.mu.Lock()
	defer s.known.mu.Unlock()
	if k, ok := s.known.sides[*d]; ok {
		return k
	}
	p := s.all.KnownOn(*d)
	k := batchSide{name: s.name, title: s.title, params: p, hash: config.Hash(p), calc: calc.NewTotalsCalculator(p)}
	if len(s.known.sides) < knownSidesMax {
		s.known.sides[*d] = k
	}
	return k
}

// batchYear is one year of a record.
type batchYear struct {
	Year           int         `json:"year"`
	EarnedNet      calc.Money  `json:"earned_net"`
	PaidNet        calc.Money  `json:"paid_net"`
	Tax            *calc.Money `json:"tax,omitempty"`
	NetAfterTax    *calc.Money `json:"net_after_tax,omitempty"`
	PensionEarning *calc.Money `json:"pension_earning,omitempty"`
	TaxNote        string      `json:"tax_note,omitempty"`
}

// batchResult is the result of one case under one parameter set.
type batchResult struct {
	From     rules.Date      `json:"from"`
	To       rules.Date      `json:"to"`
	Rounding string          `json:"rounding,omitempty"` // when the line set a policy other than the run's default
	PaidDays int             `json:"paid_days"`
	Total    calc.Amounts    `json:"total"`
	Years    []batchYear     `json:"years"`
	Warnings []rules.Warning `json:"warnings,omitempty"`
}

// fail records err as the line's error.
func (r *batchRecord) fail(err error) { r.Error, r.err = err.Error(), err }

// batchRecord is one output record.
type batchRecord struct {
	Line       int           `json:"line"` // the record's first line
	ID         *caseinput.ID `json:"id,omitempty"`
	Error      string        `json:"error,omitempty"`
	err        error         // the error Error words
	kase       *calc.Case    // the case computed, for kvp compare's groups
	Result     *batchResult  `json:"result,omitempty"`
	Baseline   *batchResult  `json:"baseline,omitempty"`
	Scenario   *batchResult  `json:"scenario,omitempty"`
	Difference *batchResult  `json:"difference,omitempty"`

	basis calc.IncomeBasis // with the tax: the income year its payments count in
}

// yearSum is a summary row.
type yearSum struct {
	Year      int         `json:"year"`
	EarnedNet calc.Money  `json:"earned_net"`
	PaidNet   calc.Money  `json:"paid_net"`
	Tax       *calc.Money `json:"tax,omitempty"` // with --tax: the sum over the cases that have tax parameters for the year
	// TaxUnknown counts the cases whose tax for the year is not known (no
	// tax parameters): their tax is not in Tax, never counted as zero.
	TaxUnknown int `json:"tax_unknown_cases,omitempty"`
}

type batchSummary struct {
	Stamp      stamp     `json:"stamp"`
	Baseline   string    `json:"baseline"`
	Scenario   string    `json:"scenario,omitempty"`
	Lines      int       `json:"lines"`
	Failed     int       `json:"failed"`
	Years      []yearSum `json:"years"`
	Scenarios  []yearSum `json:"scenario_years,omitempty"`
	Cost       []yearSum `json:"cost_of_change,omitempty"`
	FirstError string    `json:"first_error,omitempty"`
	// Warnings count the records' warnings by code (the baseline's when
	// comparing), ScenarioWarnings the scenario's.
	Warnings         map[string]int `json:"warnings"`
	ScenarioWarnings map[string]int `json:"scenario_warnings,omitempty"`
	firstLine        int
	firstErr         error // the first line's error, to word in the output language
	years            map[int]*yearSum
	scenYears        map[int]*yearSum
}

func newBatchSummary() *batchSummary {
	return &batchSummary{Warnings: map[string]int{}, years: map[int]*yearSum{}, scenYears: map[int]*yearSum{}}
}

// merge adds a chunk's summary; chunks are merged in input order.
func (s *batchSummary) merge(c *batchSummary) {
	s.Lines += c.Lines
	s.Failed += c.Failed
	if s.FirstError == "" {
		s.FirstError, s.firstLine, s.firstErr = c.FirstError, c.firstLine, c.firstErr
	}
	mergeYears(s.years, c.years)
	mergeYears(s.scenYears, c.scenYears)
	for code, n := range c.Warnings {
		s.Warnings[code] += n
	}
	for code, n := range c.ScenarioWarnings {
		if s.ScenarioWarnings == nil {
			s.ScenarioWarnings = map[string]int{}
		}
		s.ScenarioWarnings[code] += n
	}
}

// add counts one more year's nets and its tax, when known.
func (t *yearSum) add(earned, paid calc.Money, tax *calc.Money) {
	t.EarnedNet += earned
	t.PaidNet += paid
	if tax != nil {
		sum := *tax
		if t.Tax != nil {
			sum += *t.Tax
		}
		t.Tax = &sum
	}
}

func mergeYears(m, c map[int]*yearSum) {
	for year, y := range c {
		t := m[year]
		if t == nil {
			m[year] = y
			continue
		}
		t.add(y.EarnedNet, y.PaidNet, y.Tax)
		t.TaxUnknown += y.TaxUnknown
	}
}

func (s *batchSummary) add(r *batchRecord) {
	s.Lines++
	if r.Error != "" {
		s.Failed++
		if s.FirstError == "" {
			s.FirstError = "line " + strconv.Itoa(r.Line) + ": " + r.Error
			s.firstLine, s.firstErr = r.Line, r.err
		}
		return
	}
	base := r.Result
	if base == nil {
		base = r.Baseline
	}
	addYears(s.years, base)
	countWarnings(&s.Warnings, base)
	if r.Scenario != nil {
		addYears(s.scenYears, r.Scenario)
		countWarnings(&s.ScenarioWarnings, r.Scenario)
	}
}

func countWarnings(m *map[string]int, r *batchResult) {
	for _, w := range r.Warnings {
		if *m == nil {
			*m = map[string]int{}
		}
		(*m)[w.Code]++
	}
}

func addYears(m map[int]*yearSum, r *batchResult) {
	for _, y := range r.Years {
		t := m[y.Year]
		if t == nil {
			t = &yearSum{Year: y.Year}
			m[y.Year] = t
		}
		t.add(y.EarnedNet, y.PaidNet, y.Tax)
		if y.TaxNote != "" {
			t.TaxUnknown++
		}
	}
}

func sortedYears(m map[int]*yearSum) []yearSum {
	out := make([]yearSum, 0, len(m))
	for _, v := range m {
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b yearSum) int { return a.Year - b.Year })
	return out
}

// batchJob is a chunk of input records.
type batchJob struct {
	seq     int
	first   int // line number of lines[0]
	lines   [][]byte
	errs    []error // a read error per record (too long), or nil
	lineNos []int   // each record's first line; nil: first, first+1, …
	cost    int64   // bytes it holds of the pipeline's window
}

// batchDone is a computed chunk: its output and its share of the summary.
type batchDone struct {
	seq     int
	out     []byte
	records int
	sum     *batchSummary
	cost    int64
}

// progressEvery is how often a batch on a terminal redraws its progress line.
var progressEvery = 300 * time.Millisecond

// batchGCPercent is the garbage collector's target while a batch runs.
const batchGCPercent = 400

// batchMemoryLimit is the garbage collector's soft memory limit while a
// batch runs: what the pipeline lets be in flight (batchLimits) stays well
// under it. With batchGCPercent the heap grows to the limit, so the limit
// is the peak RSS of a long batch; a scenario batch, whose records are three
// times as large, gets scenarioMemoryLimit, the same CPU at 75–85 MiB
// instead of 100–110 (issue 19).
const (
	batchMemoryLimit    = 100 << 20
	scenarioMemoryLimit = 80 << 20
)

func runBatch(o *batchOptions) error {
	if o.generate > 0 {
		if o.months < 0 || o.months > 12*rules.MaxYear {
			return flagUsageError("months", rules.Errorf(errMonths, o.months))
		}
		return generateCases(o.IO.Out, o.generate, o.seed, o.months)
	}
	if o.file == "" {
		return usageErrorf(errFileRequired)
	}
	if o.workers < 1 || o.workers > 256 {
		return flagUsageError("workers", rules.Errorf(errFromTo, o.workers, 1, 256))
	}
	if o.chunkSize < 1 || o.chunkSize > 1<<16 {
		return flagUsageError("chunk", rules.Errorf(errFromTo, o.chunkSize, 1, 65536))
	}
	cfg, err := o.Config()
	if err != nil {
		return err
	}
	outFormat := cfg.Get(config.KeyOutput)
	if outFormat == "table" && !cfg.IsFlag(config.KeyOutput) || outFormat == "json" { // the global default, or a plain JSON request
		outFormat = "jsonl"
	} else if _, err := cfg.Choice(config.KeyOutput, []string{"jsonl", "csv"}); err != nil {
		return err
	}
	defaults, err := (&caseinput.Case{}).Settings(cfg) // for lines that do not say
	if err != nil {
		return err
	}
	sides, err := batchSides(cfg, *o)
	if err != nil {
		return err
	}

	src, header, name, closeInput, err := openBatchInput(o.file, o.inFormat, o.IO.In)
	if err != nil {
		return err
	}
	defer closeInput()

	st := newStamp(cfg, string(defaults.Rounding))
	st.ParamsHash = sides[0].hash
	sum := newBatchSummary()
	sum.Stamp, sum.Baseline = st, sides[0].title
	if len(sides) == 2 {
		sum.Scenario = sides[1].title
	}
	w := bufio.NewWriterSize(o.IO.Out, 256<<10)
	if outFormat == "csv" {
		w.WriteString(strings.Join(csvColumns(len(sides) == 2, o.withTax), ",") + "\n")
	}

	// A batch makes many short-lived values and keeps few: collecting less
	// often buys speed for a few tens of MiB of memory that do not grow with
	// the input. GOGC, when set, decides instead.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(batchGCPercent))
	}
	// The soft limit makes it collect sooner when large lines come in
	// (GOMEMLIMIT, when set, decides instead).
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := int64(batchMemoryLimit)
		if len(sides) == 2 {
			limit = scenarioMemoryLimit
		}
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	}
	regime, err := cfg.Setting(config.KeyDurationRegime, "")
	if err != nil {
		return err
	}
	proc := &batchProcessor{sides: sides, defaults: defaults, withTax: o.withTax, header: header, csvOut: outFormat == "csv",
		durationRegime: regime, regimeFlag: cfg.IsFlag(config.KeyDurationRegime)}
	stop, signalled, stopListening := notifyInterrupt()
	defer stopListening()
	pipe := newBatchPipeline(o.workers, batchLimitsFor(*o), proc.run, stop)
	proc.decodeSlot = pipe.decodeSlot
	lastProgress := time.Now()
	err = pipe.run(src, func(d *batchDone) error {
		if d == nil { // nothing more is ready: what is written goes out now
			if err := w.Flush(); err != nil {
				return &batchWriteError{err}
			}
			return nil
		}
		if _, err := w.Write(d.out); err != nil {
			return &batchWriteError{err}
		}
		sum.merge(d.sum)
		if o.IO.ErrTerminal && time.Since(lastProgress) > progressEvery {
			fmt.Fprintf(o.ErrRaw, "\rkvp: %s", batchLocale(o.env).M(batchProgress.M(sum.Lines)))
			lastProgress = time.Now()
		}
		return nil
	})
	if o.IO.ErrTerminal && sum.Lines > 0 {
		fmt.Fprint(o.ErrRaw, "\r\033[K")
	}
	if err := pipelineError(err, w, name, sum.Lines, signalled); err != nil {
		return err
	}
	sum.Years = sortedYears(sum.years)
	if len(sides) == 2 {
		sum.Scenarios = sortedYears(sum.scenYears)
		sum.Cost = costOfChange(sum.Years, sum.Scenarios)
	}
	if o.summary {
		if outFormat == "csv" {
			w.WriteString("# summary: ")
		}
		b, _ := json.Marshal(sum)
		w.Write(append(b, '\n'))
	}
	if err := w.Flush(); err != nil {
		return rules.Errorf(errWritingResult, err)
	}
	if outFormat == "csv" { // the stamp a CSV file has no place for
		fmt.Fprintf(o.IO.ErrOut, "kvp: %s: kvp %s · params %s · rounding %s · baseline %s", batchLocale(o.env).L(batchStampLabel),
			st.Version, st.ParamsHash, st.Rounding, sides[0].title)
		if len(sides) == 2 {
			fmt.Fprintf(o.IO.ErrOut, " · scenario %s (params %s)", sides[1].title, sides[1].hash)
		}
		fmt.Fprintln(o.IO.ErrOut)
	}
	if !o.summary {
		b, _ := json.Marshal(sum)
		fmt.Fprintf(o.IO.ErrOut, "kvp: %s: %s\n", batchLocale(o.env).L(batchSummaryLabel), b)
	}
	if sum.Failed > 0 {
		return &codeError{code: exitError, err: rules.Errorf(errLinesFailed, sum.Failed, sum.Lines, rules.ErrAtLine.M(sum.firstLine, sum.firstErr))}
	}
	return nil
}

// openBatchInput opens the cases of kvp batch and caseload kvp compare:
// file (- for in), its format by --input-format (auto: by the extension,
// else the first character) and, for CSV, its header row.
func openBatchInput(file, inFormat string, stdin io.Reader) (src recordSource, header []string, name string, closeInput func(), err error) {
	closeInput = func() {}
	var in io.Reader
	name = file
	if file == "-" {
		in, name = stdin, "stdin"
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, nil, "", nil, rules.Errorf(errBatchInput, err)
		}
		closeInput = func() { f.Close() }
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			return nil, nil, "", nil, rules.Errorf(errBatchInput, rules.Errorf(errIsDirectory, file))
		}
		in = f
	}
	br := bufio.NewReaderSize(in, 256<<10)
	skipBOM(br)
	format := inFormat
	if format == "auto" {
		format = sniffFormat(name, br)
	}
	fail := func(err error) (recordSource, []string, string, func(), error) {
		closeInput()
		return nil, nil, "", nil, err
	}
	switch format {
	case "jsonl":
		src = &lineSource{r: br}
	case "csv":
		csvIn := &csvSource{r: br}
		line, _, err := csvIn.next()
		if err == io.EOF {
			return fail(rules.FieldErr(name, rules.Errorf(errNoCSVHeader)))
		} else if err != nil {
			return fail(rules.FieldErr(name, rules.Errorf(rules.ErrAtLine, 1, err)))
		}
		if header, err = parseCSVHeader(line); err != nil {
			return fail(rules.FieldErr(name, rules.Errorf(rules.ErrAtLine, 1, err)))
		}
		src = csvIn
	default:
		return fail(flagUsageError("input-format", rules.Errorf(rules.ErrNotOneOf, rules.Quote(format), "auto, jsonl, csv")))
	}
	return src, header, name, closeInput, nil
}

// batchSides loads the baseline and, with --scenario, the scenario parameters.
func batchSides(cfg *config.Config, o batchOptions) ([]batchSide, error) {
	base := batchSide{name: "baseline", title: "effective configuration", params: cfg.Params, all: cfg.AllParams}
	if o.baseline != "" {
		s, err := config.LoadScenario(o.baseline)
		if err != nil {
			return nil, err
		}
		p, all, err := applyScenario(s, cfg.Params, cfg.AllParams)
		if err != nil {
			return nil, err
		}
		base = batchSide{name: "baseline", title: s.Title, params: p, all: all}
	}
	base.hash = config.Hash(base.params)
	base.calc = calc.NewTotalsCalculator(base.params)
	base.known = &knownSides{sides: map[rules.Date]batchSide{}}
	sides := []batchSide{base}
	if o.scenario != "" {
		s, err := config.LoadScenario(o.scenario)
		if err != nil {
			return nil, err
		}
		p, all, err := applyScenario(s, base.params, base.all)
		if err != nil {
			return nil, err
		}
		sides = append(sides, batchSide{name: "scenario", title: s.Title, params: p, hash: config.Hash(p), calc: calc.NewTotalsCalculator(p),
			all: all, known: &knownSides{sides: map[rules.Date]batchSide{}}})
	} else if o.baseline != "" {
		return nil, usageErrorf(errBaselineNeeds)
	}
	return sides, nil
}

// applyScenario applies s to copies of params and of all (the same
// parameters with every value however late it was known).
func applyScenario(s *config.Scenario, params, all *rules.Params) (*rules.Params, *rules.Params, error) {
	p, a := params.Clone(), all.Clone()
	if err := s.Apply(p); err != nil {
		return nil, nil, err
	}
	if err := s.Apply(a); err != nil {
		return nil, nil, err
	}
	return p, a, nil
}

// lineCase is the calc.Case of a caseload line (kvp batch, kvp regulate,
// caseload compare): the run's defaults under the line's own settings, its
// pay keys checked against its cycle, validated.
func lineCase(defaults caseinput.Settings, cf *caseinput.Case) (calc.Case, caseinput.Settings, error) {
	settings := defaults.Over(cf)
	if err := checkLinePay(cf, settings.Pay); err != nil {
		return calc.Case{}, settings, err
	}
	c, err := cf.Calc(settings)
	if err == nil {
		err = c.Validate()
	}
	return c, settings, err
}

// pipelineError is the error a run of the batch pipeline (kvp batch, kvp
// regulate on a caseload) ends with, or nil: an interrupt (by the signal
// signalled names), after the whole records written are flushed; a failed
// write; or a failure to read name.
func pipelineError(err error, w *bufio.Writer, name string, done int, signalled func() os.Signal) error {
	var werr *batchWriteError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errInterrupted):
		if err := w.Flush(); err != nil {
			return rules.Errorf(errWritingResult, err)
		}
		return interruptError(signalled(), done)
	case errors.As(err, &werr):
		return rules.Errorf(errWritingResult, werr.err)
	default:
		w.Flush()
		return fmt.Errorf("%s: %w", name, err)
	}
}

func costOfChange(base, scen []yearSum) []yearSum {
	m := map[int]*yearSum{}
	for _, y := range scen {
		v := y
		m[y.Year] = &v
	}
	for _, y := range base {
		t := m[y.Year]
		if t == nil {
			t = &yearSum{Year: y.Year}
			m[y.Year] = t
		}
		t.EarnedNet -= y.EarnedNet
		t.PaidNet -= y.PaidNet
		base, scen := y.Tax, t.Tax
		if y.TaxUnknown > 0 {
			base = nil
		}
		if t.TaxUnknown > 0 {
			scen = nil
		}
		if t.Tax = calc.CompareKnown(base, scen); t.Tax == nil { // the difference of a known and an unknown tax is unknown
			t.TaxUnknown = max(t.TaxUnknown, y.TaxUnknown)
		}
	}
	return sortedYears(m)
}

var errLineTooLong = rules.Errorf(errLineLong, maxBatchLine)

// batchWriteError is a failed write of the results.
type batchWriteError struct{ err error }

func (e *batchWriteError) Error() string { return e.err.Error() }

// batchLimitsFor gives the pipeline's limits with the chunk size of o.
func batchLimitsFor(o batchOptions) batchLimits {
	l := defaultBatchLimits
	l.chunkLines = o.chunkSize
	return l
}

// readLine reads one line without its line end. A line longer than
// maxBatchLine is read to its end and reported as errLineTooLong, so that the
// next call starts on the next line. At the end it returns io.EOF.
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		part, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(part) > maxBatchLine+2 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, part...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if tooLong {
			return nil, errLineTooLong
		}
		if err == io.EOF && len(buf) == 0 {
			return nil, io.EOF
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if len(buf) > maxBatchLine {
			return nil, errLineTooLong
		}
		if buf == nil {
			buf = []byte{}
		}
		return buf, nil
	}
}

// batchProcessor computes records; it is shared by the workers and read-only.
type batchProcessor struct {
	sides    []batchSide
	defaults caseinput.Settings // the run's conventions, for lines that do not say
	withTax  bool
	header   []string // CSV input: the columns
	csvOut   bool
	// basis is the income year of the tax for lines that give no
	// income_year ("": the case's own default, paid).
	basis calc.IncomeBasis
	// durationRegime is the run's duration regime for lines with a
	// programme that do not say; with --duration-regime, for every line.
	durationRegime string
	regimeFlag     bool
	// decodeSlot, when set, waits until a large line may be decoded
	// (batchPipeline.decodeSlot); the func it returns ends the wait.
	decodeSlot func(line []byte) func()
}

func (p *batchProcessor) run(job batchJob) batchDone {
	d := batchDone{seq: job.seq, records: len(job.lines), sum: newBatchSummary()}
	var buf bytes.Buffer
	var cw *csv.Writer
	if p.csvOut {
		cw = csv.NewWriter(&buf)
	}
	var out []byte
	var warned rules.WarningJSON // the chunk's warnings, each worded once
	if !p.csvOut {
		// A record is about five times its line: room for the chunk's
		// records at once (at most 1 MiB) rather than growing step by step.
		n := 0
		for _, line := range job.lines {
			n += len(line)
		}
		out = make([]byte, 0, min(6*n+64*len(job.lines), 1<<20))
	}
	for i, line := range job.lines {
		lineNo := job.first + i
		if job.lineNos != nil {
			lineNo = job.lineNos[i]
		}
		rec := p.recordOf(line, lineNo, job.errs[i])
		if cw != nil {
			_ = cw.Write(csvRow(rec, p.withTax))
		} else {
			out = appendRecordWith(out, rec, &warned)
		}
		d.sum.add(rec)
	}
	if cw != nil {
		cw.Flush()
		out = buf.Bytes()
	}
	d.out = out
	return d
}

// recordOf computes the record of one input record, which starts on line
// lineNo; readErr is its read error (too long), or nil.
func (p *batchProcessor) recordOf(line []byte, lineNo int, readErr error) *batchRecord {
	rec := &batchRecord{Line: lineNo}
	if readErr != nil {
		rec.fail(readErr)
	} else if len(bytes.TrimSpace(line)) == 0 {
		rec.fail(rules.Errorf(errEmptyLine))
	} else {
		p.record(line, rec)
	}
	return rec
}

// record computes one line into rec.
func (p *batchProcessor) record(line []byte, rec *batchRecord) {
	var cf *caseinput.Case
	var err error
	if p.decodeSlot != nil {
		defer p.decodeSlot(line)()
	}
	if p.header != nil {
		cf, rec.ID, err = decodeCSVRow(p.header, line, rec.Line)
	} else {
		cf, err = caseinput.DecodeJSON(line)
		var ce *caseinput.Error
		if errors.As(err, &ce) {
			rec.ID = ce.ID
		}
	}
	if err != nil {
		rec.fail(err)
		return
	}
	rec.ID = cf.ID
	c, settings, err := lineCase(p.defaults, cf)
	if err != nil {
		rec.fail(err)
		return
	}
	rec.kase = &c
	var topts calc.TaxOptions
	if p.withTax {
		if topts, err = cf.Tax(); err != nil {
			rec.fail(err)
			return
		}
		if cf.IncomeYear == "" && p.basis != "" {
			topts.Basis = p.basis
		}
		rec.basis = topts.Basis
	}
	regime := p.durationRegime
	if cf.DurationRegime != "" && !p.regimeFlag {
		regime = cf.DurationRegime
	}
	facts, err := caseFacts(cf, c, regime)
	if err != nil {
		rec.fail(err)
		return
	}
	results := make([]*batchResult, len(p.sides))
	for i, side := range p.sides {
		known := side.asOf(settings.AsOf)
		if settings.AsOf != nil && side.all != nil {
			if err := config.NoGKnown(side.all, known.params); err != nil {
				rec.fail(rules.FieldErr(config.KeyAsOf, err))
				return
			}
		}
		r, err := p.compute(known, c, facts, topts)
		if err != nil {
			rec.fail(err)
			return
		}
		results[i] = r
	}
	if len(results) == 1 {
		rec.Result = results[0]
		return
	}
	rec.Baseline, rec.Scenario = results[0], results[1]
	rec.Difference = diffResults(results[0], results[1])
}

// stipendResults are the calc.Results that compute fills, used again from
// case to case (calc.StipendInto); nothing of a case refers to its Result
// once its batchResult is made. A Result that grew large (a long period
// with many reductions) is let go, so that what the pool keeps stays small.
var stipendResults = sync.Pool{New: func() any { return new(calc.Result) }}

// taxSections are the calc.TaxSections that compute fills with --tax
// (calc.Calculator.TaxInto), used again as stipendResults are.
var taxSections = sync.Pool{New: func() any { return new(calc.TaxSection) }}

// maxPooledSegments bounds the Results kept in stipendResults (and the
// years of the TaxSections kept in taxSections).
const maxPooledSegments = 256

func (p *batchProcessor) compute(side batchSide, c calc.Case, facts calc.CaseFacts, topts calc.TaxOptions) (*batchResult, error) {
	res := stipendResults.Get().(*calc.Result)
	defer func() {
		if cap(res.Segments) <= maxPooledSegments && cap(res.Months) <= maxPooledSegments && cap(res.Payments) <= maxPooledSegments {
			stipendResults.Put(res)
		}
	}()
	if err := side.calc.StipendInto(c, res); err != nil {
		return nil, err
	}
	warnings, err := calc.Warnings(c, res, facts)
	if err != nil {
		return nil, err
	}
	out := &batchResult{From: res.From, To: res.To, PaidDays: res.PaidDays, Total: res.Total, Years: make([]batchYear, 0, len(res.Years)), Warnings: warnings}
	if c.Rounding != p.defaults.Rounding {
		out.Rounding = string(c.Rounding)
	}
	for _, y := range res.Years {
		out.Years = append(out.Years, batchYear{Year: y.Year, EarnedNet: y.Earned.Net, PaidNet: y.Paid.Net})
	}
	if !p.withTax {
		return out, nil
	}
	tax := taxSections.Get().(*calc.TaxSection)
	defer func() {
		if cap(tax.Years) <= maxPooledSegments {
			taxSections.Put(tax)
		}
	}()
	if err := side.calc.TaxInto(res, topts, tax); err != nil {
		return nil, err
	}
	// The years' tax, net and pension earning, in one allocation for the case.
	totals := make([]calc.Money, 0, 3*len(tax.Years))
	for j := range tax.Years {
		ty := &tax.Years[j]
		i := slices.IndexFunc(out.Years, func(b batchYear) bool { return b.Year == ty.Year })
		if i < 0 {
			out.Years = append(out.Years, batchYear{Year: ty.Year})
			i = len(out.Years) - 1
		}
		if ty.Tax == nil {
			out.Years[i].TaxNote = ty.NoteText()
			continue
		}
		t, net, pe := ty.Tax.Totals()
		totals = append(totals, t, net, pe)
		v := totals[len(totals)-3:]
		out.Years[i].Tax, out.Years[i].NetAfterTax, out.Years[i].PensionEarning = &v[0], &v[1], &v[2]
	}
	slices.SortFunc(out.Years, func(a, b batchYear) int { return a.Year - b.Year })
	return out, nil
}

func diffResults(a, b *batchResult) *batchResult {
	d := &batchResult{From: a.From, To: a.To, PaidDays: b.PaidDays - a.PaidDays, Total: b.Total.Sub(a.Total), Years: []batchYear{}}
	sides := map[int]*[2]*batchYear{}
	for side, r := range []*batchResult{a, b} {
		for i := range r.Years {
			y := &r.Years[i]
			if sides[y.Year] == nil {
				sides[y.Year] = &[2]*batchYear{}
			}
			sides[y.Year][side] = y
		}
	}
	for _, year := range slices.Sorted(maps.Keys(sides)) {
		t := batchYear{Year: year}
		var tax [2]*calc.Money
		for side, y := range sides[year] {
			if y == nil {
				continue
			}
			sign := calc.Money(1 - 2*(1-side)) // −1 for the baseline, +1 for the scenario
			t.EarnedNet += sign * y.EarnedNet
			t.PaidNet += sign * y.PaidNet
			tax[side] = y.Tax
		}
		t.Tax = calc.CompareKnown(tax[0], tax[1]) // unknown on either side: unknown
		d.Years = append(d.Years, t)
	}
	return d
}
