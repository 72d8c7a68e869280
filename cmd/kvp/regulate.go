package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/cmd/kvp/internal/caseinput"
	"kvp/config"
	"kvp/rules"
)

// regulateOptions are kvp regulate's options: one case's (as kvp calc's),
// the regulation date and, for a caseload, the input format.
type regulateOptions struct {
	calcOptions
	regulatedOn string
	inFormat    string
}

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
// over the cases computed (nearest-rank percentiles).
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
--as-of does not apply: the regulation date says what was known.

One case comes from flags or -f case.yaml|case.json (or -f - for a case on
stdin). A caseload is -f cases.jsonl|cases.csv, or -f - with --input-format
jsonl|csv, in kvp batch's formats; each case may give regulated_on, else
--regulated-on applies. It gives one record per case (line, id, back pay,
the pay date that carries it) and a summary: the number of cases, the total
back pay, and its distribution (min, median, max, deciles p10–p90, and the
total per carrying pay date). A case that cannot be computed is a record
with its error.` + exitStatusSection,
		Example: `  kvp regulate --birth-date 1980-01-01 --from 2026-05-01 --to 2026-05-31 --pay-day 10 --regulated-on 2026-07-01
  kvp regulate -f examples/case-regulate.yaml -o json
  kvp regulate -f examples/cases.jsonl --regulated-on 2026-06-15
  cat cases.csv | kvp regulate -f - --input-format csv --regulated-on 2026-06-15 --lang nb`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			if !cmd.Flags().Changed("regulated-on") {
				o.regulatedOn = ""
			}
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
		fmt.Fprintln(p.w, l.M(regulateNone.M(reg.RegulatedOn)))
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

// runRegulateCaseload regulates every case of a JSON-lines or CSV caseload,
// read with kvp batch's readers and decoders.
func runRegulateCaseload(o *regulateOptions, params *rules.Params, flagOn *rules.Date, format string, l locale, st stamp) error {
	cfg, err := o.Config()
	if err != nil {
		return err
	}
	defaults, err := (&caseinput.Case{}).Settings(cfg)
	if err != nil {
		return err
	}
	in, name := o.IO.In, "stdin"
	if o.file != "-" {
		f, err := os.Open(o.file)
		if err != nil {
			return rules.Errorf(errBatchInput, err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return rules.Errorf(errBatchInput, rules.Errorf(errIsDirectory, o.file))
		}
		in, name = f, o.file
	}
	br := bufio.NewReaderSize(in, 256<<10)
	skipBOM(br)
	inFormat := o.inFormat
	if inFormat == "" {
		inFormat = sniffFormat(name, br)
	}
	var header []string
	var src recordSource = &lineSource{r: br}
	if inFormat == "csv" {
		csvIn := &csvSource{r: br}
		line, _, err := csvIn.next()
		if err == io.EOF {
			return rules.FieldErr(name, rules.Errorf(errNoCSVHeader))
		} else if err != nil {
			return rules.FieldErr(name, rules.Errorf(rules.ErrAtLine, 1, err))
		}
		if header, err = parseCSVHeader(line); err != nil {
			return rules.FieldErr(name, rules.Errorf(rules.ErrAtLine, 1, err))
		}
		src = csvIn
	}
	st.Rounding = string(defaults.Rounding)
	regulators := map[rules.Date]*calc.Regulator{}
	doc := regulateCaseload{SchemaVersion: schemaVersion, Stamp: st, Records: []regulateRecord{}}
	var amounts []calc.Money
	byPayDay := map[string]*calc.Money{}
	for {
		line, lineNo, err := src.next()
		if err == io.EOF {
			break
		}
		rec := regulateRecord{Line: lineNo}
		if err == nil {
			err = regulateOne(line, header, lineNo, defaults, params, flagOn, regulators, &rec)
		}
		if err != nil {
			rec.Error, rec.err = err.Error(), err
			doc.Summary.Failed++
		} else {
			amounts = append(amounts, *rec.BackPay)
			doc.Summary.BackPay += *rec.BackPay
			if *rec.BackPay != 0 {
				doc.Summary.WithPay++
				key := "none"
				if rec.PaidWith != nil {
					key = rec.PaidWith.String()
				}
				if byPayDay[key] == nil {
					byPayDay[key] = new(calc.Money)
				}
				*byPayDay[key] += *rec.BackPay
			}
		}
		doc.Summary.Cases++
		doc.Records = append(doc.Records, rec)
	}
	doc.Summary.ByPayDay = byPayDay
	doc.Summary.Deciles = map[string]calc.Money{}
	if len(amounts) > 0 {
		slices.Sort(amounts)
		rank := func(q int) calc.Money { return amounts[max(0, (q*len(amounts)+99)/100-1)] } // nearest rank
		doc.Summary.Min, doc.Summary.Median, doc.Summary.Max = amounts[0], rank(50), amounts[len(amounts)-1]
		for q := 10; q <= 90; q += 10 {
			doc.Summary.Deciles["p"+strconv.Itoa(q)] = rank(q)
		}
	}
	if doc.Summary.Failed > 0 {
		fmt.Fprintf(o.IO.ErrOut, "kvp: %s: %s\n", l.L(labelWarning), l.M(regulateFailed.M(doc.Summary.Failed, doc.Summary.Cases)))
	}
	if format == "json" {
		return writeJSON(o.IO.Out, doc)
	}
	p := o.IO.printer(l, o.wide)
	rows := make([][]string, 0, len(doc.Records))
	for _, r := range doc.Records {
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
		rows = append(rows, []string{strconv.Itoa(r.Line), id, strconv.Itoa(r.Payments), back, with})
	}
	if err := p.table([]string{l.L(labelLine), "id", l.L(labelPayments), l.L(labelBackPay), l.L(labelCarriedWith)}, rows, 0, 2, 3); err != nil {
		return err
	}
	s := doc.Summary
	fmt.Fprintln(p.w, l.M(regulateSummaryLine.M(s.Cases, l.Money(s.BackPay))))
	rows = [][]string{{"min", l.Money(s.Min)}, {"median", l.Money(s.Median)}, {"max", l.Money(s.Max)}}
	for q := 10; q <= 90; q += 10 {
		k := "p" + strconv.Itoa(q)
		rows = append(rows, []string{k, l.Money(s.Deciles[k])})
	}
	return p.table([]string{"", l.L(labelBackPay)}, rows, 1)
}

// regulateOne regulates the case of one caseload record into rec.
func regulateOne(line []byte, header []string, lineNo int, defaults caseinput.Settings, params *rules.Params, flagOn *rules.Date,
	regulators map[rules.Date]*calc.Regulator, rec *regulateRecord) error {
	var cf *caseinput.Case
	var err error
	if header != nil {
		cf, rec.ID, err = decodeCSVRow(header, line, lineNo)
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
	c, err := cf.Calc(defaults.Over(cf))
	if err == nil {
		err = c.Validate()
	}
	if err != nil {
		return err
	}
	on := cf.RegulatedOn
	if on == nil {
		on = flagOn
	}
	if on == nil {
		return &rules.FieldError{Field: "regulated_on", Problem: rules.ErrMissing.M()}
	}
	r := regulators[*on]
	if r == nil {
		if r, err = calc.NewRegulator(params, *on); err != nil {
			return err
		}
		regulators[*on] = r
	}
	reg, err := r.Regulate(c)
	if err != nil {
		return err
	}
	rec.BackPay, rec.PaidWith, rec.Payments = &reg.BackPay, reg.PaidWith, len(reg.Payments)
	return nil
}
