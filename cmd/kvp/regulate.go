package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// regulateOptions are kvp regulate's options: one case's (as kvp calc's),
// the regulation date and, for a caseload, the input format.
type regulateOptions struct {
	calcOptions
	regulatedOn string
	inFormat    string
	// stdout is the real stdout: a caseload's records go straight out, as
	// kvp batch's do, also when some cases fail (exit 1).
	stdout io.Writer
}

// The words of kvp regulate; their texts are in rules/catalog/*.json.
var (
	errRegulateAsOf      = rules.NewCode("err.regulate.as_of")
	regulateNoneUnderNew = rules.NewCode("regulate.none_under_new_g", "regulated_on", "g_from")
)

// regulateDoc is the JSON document of kvp regulate for one case.
type regulateDoc struct {
	SchemaVersion int             `json:"schema_version"`
	Stamp         stamp           `json:"stamp"`
	Case          *caseinput.Case `json:"case"`
	*calc.Regulation
	Warnings []rules.Warning `json:"warnings"`
}

// regulateRecord is one case of a caseload.
type regulateRecord struct {
	Line     int           `json:"line"`
	ID       *caseinput.ID `json:"id,omitempty"`
	BackPay  *calc.Money   `json:"back_pay,omitempty"`
	PaidWith *rules.Date   `json:"paid_with,omitempty"`
	Payments int           `json:"payments"` // payments made at the old G
	Error    string        `json:"error,omitempty"`
	err      error         // for the table, in its language
}

// regulateSummary sums a caseload: the total back pay and its distribution
// over the cases computed (calc.NewDistribution's quantiles).
type regulateSummary struct {
	Cases    int                    `json:"cases"`
	Failed   int                    `json:"failed"`
	BackPay  calc.Money             `json:"back_pay"`
	WithPay  int                    `json:"cases_with_back_pay"`
	Min      calc.Money             `json:"min"`
	Median   calc.Money             `json:"median"`
	Max      calc.Money             `json:"max"`
	Deciles  map[string]calc.Money  `json:"deciles"` // p10 … p90
	ByPayDay map[string]*calc.Money `json:"by_pay_date"`
}

// regulateCaseload is the JSON document of kvp regulate for a caseload.
type regulateCaseload struct {
	SchemaVersion int              `json:"schema_version"`
	Stamp         stamp            `json:"stamp"`
	Records       []regulateRecord `json:"records"`
	Summary       regulateSummary  `json:"summary"`
}

func newRegulateCmd(a *app) *cobra.Command {
	var o regulateOptions
	cmd := &cobra.Command{
		Use:   "regulate",
		Short: "Back pay after a G regulation: paid at the old G, owed at the new",
		Long: `Compute the back pay (etterbetaling) a G regulation gives. The new G takes
effect on 1 May but is put into payment later (NAV adjusts
kvalifiseringsstønad "normalt juni eller juli"): every payment made before
--regulated-on (the day the municipality began paying the new G; case key
regulated_on) was priced with the parameters as known the day before, at the
old G; what was owed uses the new G (sotjl. § 35, kvp-rules.md § 7.2). The
new G is the latest in force on --regulated-on.

For each payment made at the old G for days on or after the new G's date:
the days earned, the pay date, what was paid, what was owed and the back pay;
then the total and the payment that carries it (the first pay date on or
after --regulated-on). Reductions, the child supplement (not changed by G),
the under-25 share and work are applied as in kvp calc, and the pay schedule
(--pay-cycle, --pay-day, --cycle-start, --pay-lag) decides the pay dates.
--as-of (KVP_AS_OF, a case's as_of) does not apply: the regulation date
says what was known, so it is a usage error (exit 2).

One case comes from flags or -f case.yaml|case.json (or -f - for a case on
stdin). A caseload is -f cases.jsonl|cases.csv, or -f - with --input-format
jsonl|csv, in kvp batch's formats; each case may give regulated_on, else
--regulated-on applies. It gives one record per case (line, id, back pay,
the pay date that carries it) and a summary: the number of cases, the total
back pay, and its distribution (min, median, max, deciles p10–p90 by linear
interpolation as caseload compare, and the
total per carrying pay date). A case that cannot be computed is a record
with its error, and the run then exits 1, as kvp batch does (every record
and the summary are still written); a pay key of the other pay cycle
(pay_lag or cycle_start on a monthly line, pay_day on a 14-day line) is
such an error, naming the key. The records are written as they are
computed (kvp batch's pipeline), so memory does not grow with the caseload.
A case with no payment at the old G for days under the new G says why: no
payment before --regulated-on, or none of the days paid falls under it.` + exitStatusSection,
		Example: `  kvp regulate --birth-date 1980-01-01 --from 2026-05-01 --to 2026-05-31 --pay-day 10 --regulated-on 2026-07-01
  kvp regulate -f examples/case-regulate.yaml -o json
  kvp regulate -f examples/cases.jsonl --regulated-on 2026-06-15
  kvp regulate -f examples/cases.jsonl            # no regulated_on: 4 error records, exit 1
  cat cases.csv | kvp regulate -f - --input-format csv --regulated-on 2026-06-15 --lang nb`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			if !cmd.Flags().Changed("regulated-on") {
				o.regulatedOn = ""
			}
			o.stdout = a.stdout
			return runRegulate(&o)
		},
	}
	addCaseFlags(cmd, &o.calcOptions)
	cmd.Flags().StringVar(&o.regulatedOn, "regulated-on", "", "the `DATE` the municipality began paying the new G (required here or as the case's regulated_on)")
	cmd.Flags().StringVar(&o.inFormat, "input-format", "", "a caseload's `FORMAT`: jsonl or csv (default: by the file's extension; a .yaml or .json file is one case)")
	return cmd
}

// isCaseload says whether -f names a caseload rather than one case.
func (o *regulateOptions) isCaseload() (bool, error) {
	switch o.inFormat {
	case "":
	case "jsonl", "csv":
		return true, nil
	default:
		return false, flagUsageError("input-format", rules.Errorf(rules.ErrNotOneOf, rules.Quote(o.inFormat), "jsonl, csv"))
	}
	switch strings.ToLower(filepath.Ext(o.file)) {
	case ".jsonl", ".ndjson", ".csv":
		return true, nil
	}
	return false, nil
}

func runRegulate(o *regulateOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	if cfg.Params.AsOf != nil {
		return flagUsageError("as-of", rules.Errorf(errRegulateAsOf))
	}
	var flagOn *rules.Date
	if o.regulatedOn != "" {
		d, err := parseDateFlag("regulated-on", o.regulatedOn)
		if err != nil {
			return err
		}
		flagOn = &d
	}
	caseload, err := o.isCaseload()
	if err != nil {
		return err
	}
	st := newStamp(cfg, "")
	st.AsOf, st.ParamsHash = nil, config.Hash(cfg.AllParams)
	if caseload {
		return runRegulateCaseload(o, cfg.AllParams, flagOn, format, l, st)
	}
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return err
	}
	if cf.AsOf != nil {
		return rules.FieldErr("as_of", rules.Errorf(errRegulateAsOf))
	}
	on := flagOn
	if on == nil {
		on = cf.RegulatedOn
	}
	if on == nil {
		return usageErrorf(errRequiredOr, "--regulated-on", "regulated_on")
	}
	cf.RegulatedOn = on
	r, err := calc.NewRegulator(cfg.AllParams, *on)
	if err != nil {
		return err
	}
	reg, err := r.Regulate(c)
	if err != nil {
		return err
	}
	cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
	st.Rounding = string(c.Rounding)
	regime, err := caseRegime(cfg, cf)
	if err != nil {
		return err
	}
	warnings, err := caseWarnings(cf, c, reg.Result, regime)
	if err != nil {
		return err
	}
	printWarnings(o.IO, l, warnings)
	if format == "json" {
		return writeJSON(o.IO.Out, regulateDoc{SchemaVersion: schemaVersion, Stamp: st, Case: cf, Regulation: reg, Warnings: warnings})
	}
	return printRegulation(o.IO.printer(l, o.wide), c, reg)
}

// printRegulation writes one case's back pay: the payments at the old G,
// the total and the payment that carries it.
func printRegulation(p printer, c calc.Case, reg *calc.Regulation) error {
	l := p.l
	old := "–"
	if reg.OldG != nil {
		old = l.Kroner(*reg.OldG)
	}
	fmt.Fprintln(p.w, l.M(regulateHeading.M(c.Period.From, c.Period.To, l.Kroner(reg.G), reg.GFrom, old, reg.RegulatedOn)))
	if len(reg.Payments) == 0 {
		fmt.Fprintln(p.w, l.M(regulateNothing(reg)))
		return nil
	}
	heading(p.w, l.M(payPayments.M(calc.RefRegulation)))
	rows := make([][]string, 0, len(reg.Payments)+1)
	for _, m := range reg.Payments {
		rows = append(rows, []string{l.Date(m.From), l.Date(m.To), l.Date(m.PayDate), strconv.Itoa(m.PaidDays), l.Money(m.Paid.Net), l.Money(m.Owed.Net), l.Money(m.BackPay)})
	}
	rows = append(rows, []string{l.L(labelTotal), "", "", "", l.Money(reg.Paid), l.Money(reg.Owed), l.Money(reg.BackPay)})
	if err := p.table([]string{l.L(labelFrom), l.L(labelTo), l.L(labelPayDate), l.L(labelDays), l.L(labelPaidAmount), l.L(labelOwed), l.L(labelBackPay)}, rows, 3, 4, 5, 6); err != nil {
		return err
	}
	if reg.PaidWith != nil {
		fmt.Fprintln(p.w, l.M(regulateTotal.M(l.Money(reg.BackPay), *reg.PaidWith)))
	} else {
		fmt.Fprintln(p.w, l.M(regulateNoCarry.M(l.Money(reg.BackPay))))
	}
	return nil
}

// regulateNothing says why a case has no back pay: no payment was made
// before the regulation, or those made were all for days before the new G.
func regulateNothing(reg *calc.Regulation) rules.Message {
	if reg.Result != nil {
		for _, m := range reg.Result.Payments {
			if m.PayDate < reg.RegulatedOn {
				return regulateNoneUnderNew.M(reg.RegulatedOn, reg.GFrom)
			}
		}
	}
	return regulateNone.M(reg.RegulatedOn)
}

// runRegulateCaseload regulates every case of a JSON-lines or CSV caseload
// in kvp batch's pipeline (cmd/kvp/batch_pipeline.go): the records are
// written as they are computed, in input order, and the summary is made of
// running totals and the back pay of each case as int64 øre (8 bytes a
// case), all that exact percentiles need. A table is printed at the end, so
// it keeps its rows' texts; -o json keeps nothing else per case.
func runRegulateCaseload(o *regulateOptions, params *rules.Params, flagOn *rules.Date, format string, l locale, st stamp) error {
	cfg, err := o.Config()
	if err != nil {
		return err
	}
	defaults, err := (&caseinput.Case{}).Settings(cfg)
	if err != nil {
		return err
	}
	inFormat := o.inFormat
	if inFormat == "" {
		inFormat = "auto"
	}
	src, header, name, closeInput, err := openBatchInput(o.file, inFormat, o.IO.In)
	if err != nil {
		return err
	}
	defer closeInput()
	st.Rounding = string(defaults.Rounding)

	// As kvp batch: collect less often, under the same soft memory limit.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(batchGCPercent))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchMemoryLimit))
	}

	proc := &regulateProcessor{header: header, defaults: defaults, params: params, flagOn: flagOn,
		regulators: map[rules.Date]*calc.Regulator{}, chunks: map[int]*regulateChunk{}, json: format == "json"}
	stop, signalled, stopListening := notifyInterrupt()
	defer stopListening()
	pipe := newBatchPipeline(runtime.GOMAXPROCS(0), defaultBatchLimits, proc.run, stop)
	proc.decodeSlot = pipe.decodeSlot

	out := o.stdout
	if out == nil {
		out = o.IO.Out
	}
	w := bufio.NewWriterSize(out, 256<<10)
	if format == "json" {
		w.Write(regulateJSONHead(st))
	}
	var sum regulateSummary
	sum.ByPayDay = map[string]*calc.Money{}
	var amounts []int64 // each computed case's back pay, in øre
	var rows [][]string // the table's rows (table output only)
	firstLine, firstErr := 0, error(nil)
	err = pipe.run(src, func(d *batchDone) error {
		if d == nil {
			if format == "json" {
				if err := w.Flush(); err != nil {
					return &batchWriteError{err}
				}
			}
			return nil
		}
		ch := proc.take(d.seq)
		if format == "json" {
			if sum.Cases > 0 && len(d.out) > 0 {
				w.WriteByte(',')
			}
			if _, err := w.Write(d.out); err != nil {
				return &batchWriteError{err}
			}
		}
		for _, r := range ch.records {
			sum.Cases++
			if r.err != nil {
				sum.Failed++
				if firstErr == nil {
					firstLine, firstErr = r.Line, r.err
				}
			} else {
				sum.add(r)
				amounts = append(amounts, int64(*r.BackPay))
			}
			if format != "json" {
				rows = append(rows, regulateRow(l, r))
			}
		}
		return nil
	})
	if err := pipelineError(err, w, name, sum.Cases, signalled); err != nil {
		return err
	}
	sum.distribution(amounts)
	if format == "json" {
		w.Write(regulateJSONTail(sum.Cases == 0, sum))
		if err := w.Flush(); err != nil {
			return rules.Errorf(errWritingResult, err)
		}
	} else {
		// The tables, in the style stdout asks for (--ascii), go out
		// now: with failed cases the run ends in exit 1.
		var buf bytes.Buffer
		p := o.IO.printer(l, o.wide)
		p.w = &buf
		if t, ok := o.IO.Out.(tableOut); ok {
			p.w = tableOut{&buf, t.style}
		}
		if err := printRegulateCaseload(p, rows, sum); err != nil {
			return err
		}
		if _, err := out.Write(buf.Bytes()); err != nil {
			return rules.Errorf(errWritingResult, err)
		}
	}
	if sum.Failed > 0 { // as kvp batch: the records are written, the exit status says some failed
		return &codeError{code: exitError, err: rules.Errorf(errLinesFailed, sum.Failed, sum.Cases, rules.ErrAtLine.M(firstLine, firstErr))}
	}
	return nil
}

// add counts a computed case in the running totals.
func (s *regulateSummary) add(r *regulateRecord) {
	s.BackPay += *r.BackPay
	if *r.BackPay == 0 {
		return
	}
	s.WithPay++
	key := "none"
	if r.PaidWith != nil {
		key = r.PaidWith.String()
	}
	if s.ByPayDay[key] == nil {
		s.ByPayDay[key] = new(calc.Money)
	}
	*s.ByPayDay[key] += *r.BackPay
}

// distribution sets the min, median, max and deciles of the cases' back
// pay: the median and deciles by calc.NewDistribution, the one convention
// of kvp's quantiles (type 7, rounded to the øre).
func (s *regulateSummary) distribution(amounts []int64) {
	s.Deciles = map[string]calc.Money{}
	if len(amounts) == 0 {
		return
	}
	backPay := make([]calc.Money, len(amounts))
	for i, a := range amounts {
		backPay[i] = calc.Money(a)
	}
	d := calc.NewDistribution(backPay)
	s.Min, s.Median, s.Max = slices.Min(backPay), *d.MedianChange, slices.Max(backPay)
	for i, q := range d.Deciles {
		s.Deciles["p"+strconv.Itoa(10*(i+1))] = q
	}
}

// regulateJSONHead and regulateJSONTail frame the streamed records as the
// regulateCaseload document writeJSON would write.
func regulateJSONHead(st stamp) []byte {
	b, _ := json.MarshalIndent(struct {
		SchemaVersion int   `json:"schema_version"`
		Stamp         stamp `json:"stamp"`
	}{schemaVersion, st}, "", "  ")
	b = bytes.TrimSuffix(b, []byte("\n}"))
	return append(b, ",\n  \"records\": ["...)
}

func regulateJSONTail(empty bool, sum regulateSummary) []byte {
	b := []byte("\n  ],\n  \"summary\": ")
	if empty {
		b = []byte("],\n  \"summary\": ")
	}
	s, _ := json.MarshalIndent(sum, "  ", "  ")
	return append(append(b, s...), "\n}\n"...)
}

// regulateRow is a record's row of the caseload table.
func regulateRow(l locale, r *regulateRecord) []string {
	id, back, with := "", "", ""
	if r.ID != nil {
		id = r.ID.Text
	}
	if r.BackPay != nil {
		back = l.Money(*r.BackPay)
	}
	if r.PaidWith != nil {
		with = l.Date(*r.PaidWith)
	}
	if r.err != nil {
		with = rules.ErrorText(r.err, l.lang())
	}
	return []string{strconv.Itoa(r.Line), id, strconv.Itoa(r.Payments), back, with}
}

// printRegulateCaseload writes a caseload's records and summary as tables.
func printRegulateCaseload(p printer, rows [][]string, s regulateSummary) error {
	l := p.l
	if err := p.table([]string{l.L(labelLine), "id", l.L(labelPayments), l.L(labelBackPay), l.L(labelCarriedWith)}, rows, 0, 2, 3); err != nil {
		return err
	}
	fmt.Fprintln(p.w, l.M(regulateSummaryLine.M(s.Cases, l.Money(s.BackPay))))
	rows = [][]string{{"min", l.Money(s.Min)}, {"median", l.Money(s.Median)}, {"max", l.Money(s.Max)}}
	for q := 10; q <= 90; q += 10 {
		k := "p" + strconv.Itoa(q)
		rows = append(rows, []string{k, l.Money(s.Deciles[k])})
	}
	return p.table([]string{"", l.L(labelBackPay)}, rows, 1)
}

// regulateProcessor regulates the chunks of a caseload; the pipeline's
// workers share it.
type regulateProcessor struct {
	header     []string
	defaults   caseinput.Settings
	params     *rules.Params
	flagOn     *rules.Date
	json       bool
	decodeSlot func([]byte) func()

	mu         sync.Mutex
	regulators map[rules.Date]*calc.Regulator // one per regulation date
	chunks     map[int]*regulateChunk         // computed, not yet taken by the writer
}

// regulateChunk is a computed chunk's records, for the summary and table.
type regulateChunk struct{ records []*regulateRecord }

// regulator is the Regulator for the regulation date on, made once.
func (p *regulateProcessor) regulator(on rules.Date) (*calc.Regulator, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r := p.regulators[on]; r != nil {
		return r, nil
	}
	r, err := calc.NewRegulator(p.params, on)
	if err != nil {
		return nil, err
	}
	p.regulators[on] = r
	return r, nil
}

// take hands the writer the records of chunk seq.
func (p *regulateProcessor) take(seq int) *regulateChunk {
	p.mu.Lock()
	defer p.mu.Unlock()
	ch := p.chunks[seq]
	delete(p.chunks, seq)
	return ch
}

func (p *regulateProcessor) run(job batchJob) batchDone {
	d := batchDone{seq: job.seq, records: len(job.lines)}
	ch := &regulateChunk{records: make([]*regulateRecord, 0, len(job.lines))}
	var out []byte
	for i, line := range job.lines {
		lineNo := job.first + i
		if job.lineNos != nil {
			lineNo = job.lineNos[i]
		}
		rec := &regulateRecord{Line: lineNo}
		err := job.errs[i]
		if err == nil {
			release := p.decodeSlot(line)
			err = p.regulateOne(line, lineNo, rec)
			release()
		}
		if err != nil {
			rec.Error, rec.err = err.Error(), err
		}
		if p.json {
			if i > 0 {
				out = append(out, ',')
			}
			b, _ := json.MarshalIndent(rec, "    ", "  ")
			out = append(append(out, "\n    "...), b...)
		}
		ch.records = append(ch.records, rec)
	}
	d.out = out
	p.mu.Lock()
	p.chunks[job.seq] = ch
	p.mu.Unlock()
	return d
}

// regulateOne regulates the case of one caseload record into rec.
func (p *regulateProcessor) regulateOne(line []byte, lineNo int, rec *regulateRecord) error {
	var cf *caseinput.Case
	var err error
	if p.header != nil {
		cf, rec.ID, err = decodeCSVRow(p.header, line, lineNo)
	} else {
		cf, err = caseinput.DecodeJSON(line)
		var ce *caseinput.Error
		if errors.As(err, &ce) {
			rec.ID = ce.ID
		}
	}
	if err != nil {
		return err
	}
	rec.ID = cf.ID
	if cf.AsOf != nil {
		return rules.FieldErr("as_of", rules.Errorf(errRegulateAsOf))
	}
	c, _, err := lineCase(p.defaults, cf)
	if err != nil {
		return err
	}
	on := cf.RegulatedOn
	if on == nil {
		on = p.flagOn
	}
	if on == nil {
		return &rules.FieldError{Field: "regulated_on", Problem: rules.ErrMissing.M()}
	}
	r, err := p.regulator(*on)
	if err != nil {
		return err
	}
	reg, err := r.Regulate(c)
	if err != nil {
		return err
	}
	back := reg.BackPay // a copy: the record keeps nothing of reg
	rec.BackPay, rec.PaidWith, rec.Payments = &back, reg.PaidWith, len(reg.Payments)
	return nil
}
