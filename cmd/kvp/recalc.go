package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// recalcOptions are kvp recalc's options: the case now as kvp calc reads
// it, what was paid, and the settlement and recovery decisions.
type recalcOptions struct {
	calcOptions
	paid, paidCase string
	paidIn         io.Reader // kvp serve: the paid document, read in place of the file --paid names
	recover        string
	settle         string
}

// recalcPaid says where the paid amounts came from.
type recalcPaid struct {
	Source string          `json:"source"` // "document": the amounts as paid; "case": computed now from the case file
	Path   string          `json:"path"`
	Stamp  *stamp          `json:"stamp,omitempty"` // the document's
	Case   *caseinput.Case `json:"case"`
}

// changedFact is a case field that differs between what was paid and the
// case now, and the rule it touches.
type changedFact struct {
	Field string          `json:"field"`
	Paid  json.RawMessage `json:"paid"` // null when the field was not given
	Now   json.RawMessage `json:"now"`
	Topic string          `json:"topic"` // absence, benefits, interruption, work, children, period, g, parameters, convention, not_deducted
	Ref   string          `json:"legal_reference"`
}

// recalcDoc is the JSON document of kvp recalc.
type recalcDoc struct {
	SchemaVersion int             `json:"schema_version"`
	Stamp         stamp           `json:"stamp"`
	Paid          recalcPaid      `json:"paid"`
	Case          *caseinput.Case `json:"case"`
	ChangedFacts  []changedFact   `json:"changed_facts"`
	*calc.Recalc
	Warnings []rules.Warning `json:"warnings"`
	Explain  []explainStep   `json:"explain,omitempty"`
}

func newRecalcCmd(a *app) *cobra.Command {
	var o recalcOptions
	cmd := &cobra.Command{
		Use:   "recalc",
		Short: "Set what was paid against what is owed now: back pay, overpayment, a § 40 recovery plan",
		Long: `Recalculate payments already made when the facts have changed afterwards:
absence registered late (sotjl. § 36), sykepenger or other benefits granted
for months already paid (§ 38), an interruption dated back (§ 35), paid work
(§ 37), children, the period, or G and the other parameters.

What was paid is an earlier kvp calc -o json document (--paid FILE: its
payments are taken as paid, with their pay dates, as they are written, even
when the document's kvp version or parameter hash differs from this run's;
the difference is said; a document from before pay dates, with months and
no payments, is read as paid on the 12th of each paid_in month, or the
working day before, with a warning) or the case file used then (--paid-case
FILE: the paid amounts are computed now, under the parameters of this run).

Payments follow the pay schedule (sotjl. § 39), set as for kvp calc:
--pay-cycle monthly|14-days, --pay-day, --cycle-start, --pay-lag (or the
case keys pay_cycle, pay_day, cycle_start, pay_lag). A payment is matched by
its pay period's first day (the first of its month, or of its 14-day
period), so the case now must have the same pay periods as what was paid:
another cycle, or 14-day periods that start on other days, is an error; a
changed pay day is not. Each payment shows its pay date (JSON "pay_date",
beside "paid_in", its month). The case as it is now is given as
to kvp calc: flags, or -f FILE. It must be the same person (the birth dates
must agree) and cover every payment made.

Per payment: paid, owed now, the difference (owed − paid), and the back pay
(a positive difference) or overpayment (a negative one), with the money
lines that differ and their rules; the totals sum the payments. The case
fields that differ are listed with the rule each touches.

Settlement (--settle, CONVENTION: the law does not say): net (the default)
sets back pay in one payment off against overpayment in another, so only
the net difference is paid out or recovered; gross pays each back pay out
and recovers each overpayment in full.

Recovery (§ 40: "kan det overskytende trekkes i framtidig stønad"): with
--recover 20% (a per cent of each future payment) or --recover 1000 (kroner
per future payment), the municipality's decision, the overpayment left
after settlement is taken from the future payments of the case now: those
earned after the last payment made, taken in pay-date order. No payment
goes below zero. The plan says with which payment (its pay date: JSON
"completed_on") the overpayment is recovered in full, or what remains at the
case's end. Without --recover the overpayment is reported
with no plan.

With --explain, each difference is traced: the owed amount's derivation
(the steps kvp calc records), then each line's and payment's difference
with its rule, the settlement and each recovery.

A paid document that is not kvp's, that is another person's (the birth
dates differ: both are named), or that has payments outside the case now is
an error (exit status 1) with nothing on stdout.` + exitStatusSection,
		Example: `  kvp calc --birth-date 1990-01-01 --from 2026-03-02 --to 2026-03-06 -o json > paid.json
  kvp recalc --paid paid.json --birth-date 1990-01-01 --from 2026-03-02 --to 2026-03-06 --absence 2026-03-04
  kvp recalc --paid-case examples/recalc-paid.yaml -f examples/recalc-now.yaml --recover 20%
  kvp recalc --paid-case examples/recalc-paid.yaml -f examples/recalc-now.yaml --recover 1000 --settle gross -o json
  kvp recalc --paid paid.json -f case-now.yaml --explain --lang nb
  kvp calc --birth-date 1980-01-01 --from 2026-03-04 --to 2026-04-12 --pay-cycle 14-days --cycle-start 2026-03-02 -o json > paid14.json
  kvp recalc --paid paid14.json --birth-date 1980-01-01 --from 2026-03-04 --to 2026-05-10 --absence 2026-03-18 --pay-cycle 14-days --cycle-start 2026-03-02 --recover 4%`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given, o.paidIn = a.env(cmd), o.caseFlags(cmd), a.paidIn
			return runRecalc(&o)
		},
	}
	addCaseFlags(cmd, &o.calcOptions)
	f := cmd.Flags()
	f.StringVar(&o.paid, "paid", "", "what was paid: an earlier kvp calc -o json `FILE` (- for stdin)")
	f.StringVar(&o.paidCase, "paid-case", "", "what was paid: the case `FILE` used then (computed now under this run's parameters)")
	f.StringVar(&o.recover, "recover", "", "recover an overpayment from each future payment (§ 40): `N%` of it, or N kroner (e.g. 20% or 1000)")
	f.StringVar(&o.settle, "settle", string(calc.SettleNet), "settlement of back pay and overpayment in different payments: net (set off) or gross (CONVENTION)")
	f.BoolVar(&o.explain, "explain", false, "trace each difference to its rule: the owed amounts' steps, each difference, the settlement and the recovery")
	return cmd
}

// runRecalc is kvp recalc.
func runRecalc(o *recalcOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	if o.paid == "" && o.paidCase == "" {
		return usageErrorf(errRecalcPaidNeeded)
	}
	run, err := computeRecalc(o, cfg)
	if err != nil {
		return err
	}
	doc, res, rc := run.doc, run.res, run.doc.Recalc
	printWarnings(o.IO, l, doc.Warnings)
	steps := func(l locale) []explainStep {
		return append(renderSteps(l, owedSteps(res.Steps, rc)), renderSteps(l, rc.Steps)...)
	}
	if format == "json" {
		if o.explain {
			doc.Explain = steps(locale{})
		}
		return writeJSON(o.IO.Out, doc)
	}
	p := o.IO.printer(l, false)
	printAsOf(p, o.params)
	if err := printRecalc(p, doc); err != nil {
		return err
	}
	if o.explain {
		printExplain(o.IO.Out, l, steps(l))
	}
	return nil
}

// recalcResult is a recalculation (its document) and the case now it was
// computed against (kvp recalc, and kvp letter --kind change --paid).
type recalcResult struct {
	doc *recalcDoc
	cf  *caseinput.Case
	c   calc.Case
	res *calc.Result // the case now, with its steps when o.explain
	// recovery is the § 40 decision of --recover, nil for none.
	recovery *calc.Recovery
}

// computeRecalc reads what was paid (--paid or --paid-case) and the case
// now, and sets one against the other under the settlement and recovery
// decisions of o.
func computeRecalc(o *recalcOptions, cfg *config.Config) (*recalcResult, error) {
	if o.paid != "" && o.paidCase != "" {
		return nil, usageErrorf(errRecalcPaidBoth)
	}
	if !slices.Contains(calc.Settlements, o.settle) {
		return nil, flagUsageError("settle", rules.Errorf(rules.ErrNotOneOf, rules.Quote(o.settle), strings.Join(calc.Settlements, ", ")))
	}
	var recovery *calc.Recovery
	if o.recover != "" {
		r, err := calc.ParseRecovery(o.recover)
		if err != nil {
			return nil, flagUsageError("recover", err)
		}
		recovery = &r
	}
	if o.paid == "-" && o.file == "-" && o.paidIn == nil {
		return nil, usageErrorf(errRecalcStdinTwice)
	}
	// What was paid.
	var paid recalcPaid
	var paidLines []calc.PaymentLine
	var paidParams []calc.ParamValue
	var paidPay calc.PaySchedule
	var warnings []rules.Warning
	if o.paid != "" {
		data, name, err := readPaid(o)
		if err != nil {
			return nil, err
		}
		doc, err := parsePaidDoc(data, name)
		if err != nil {
			return nil, err
		}
		st := doc.Stamp
		paid = recalcPaid{Source: "document", Path: name, Stamp: &st, Case: doc.Case}
		paidLines, paidParams, paidPay = doc.Lines, doc.Parameters, doc.Pay
		now := newStamp(cfg, "")
		if st.Version != now.Version || st.ParamsHash != now.ParamsHash {
			warnings = append(warnings, rules.Warn(warnRecalcStamp.M(name, st.Version, st.ParamsHash, now.Version, now.ParamsHash), ""))
		}
		if doc.MonthsOnly {
			warnings = append(warnings, rules.Warn(warnRecalcMonthsOnly.M(name, calc.DefaultPayDay), calc.RefPayDay))
		}
	} else {
		if err := checkInputFile("paid-case", o.paidCase); err != nil {
			return nil, err
		}
		po := calcOptions{env: o.env, file: o.paidCase}
		cf, c, err := buildCase(&po)
		if err != nil {
			return nil, err
		}
		c.Explain = o.explain
		paidRes, err := calc.Stipend(po.params, c)
		if err != nil {
			return nil, rules.FieldErr(o.paidCase, err)
		}
		cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
		paid = recalcPaid{Source: "case", Path: o.paidCase, Case: cf}
		paidLines, paidParams, paidPay = calc.PaymentLines(paidRes), paidRes.Parameters, paidRes.Pay
	}
	// The case now.
	cf, c, err := buildCase(&o.calcOptions)
	if err != nil {
		return nil, err
	}
	if pb, nb := paid.Case.BirthDate, cf.BirthDate; pb != nil && nb != nil && *pb != *nb {
		return nil, rules.Errorf(errRecalcOtherPerson, paid.Path, pb.String(), nb.String())
	}
	c.Explain = o.explain
	res, err := calc.Stipend(o.params, c)
	if err != nil {
		return nil, err
	}
	if !samePayPeriods(paidPay, res.Pay) {
		return nil, rules.Errorf(errRecalcPayPeriods, paid.Path, payPeriodsText(paidPay), payPeriodsText(res.Pay))
	}
	cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
	regime, err := caseRegime(cfg, cf)
	if err != nil {
		return nil, err
	}
	caseWarns, err := caseWarnings(cf, c, res, regime)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, caseWarns...)
	rc, err := calc.Recalculate(calc.RecalcInput{Paid: paidLines, Owed: calc.PaymentLines(res), Settle: calc.Settlement(o.settle), Recover: recovery, Explain: o.explain})
	if err != nil {
		return nil, err
	}
	doc := &recalcDoc{SchemaVersion: schemaVersion, Stamp: caseStamp(cfg, o.params, string(c.Rounding)), Paid: paid, Case: cf,
		ChangedFacts: changedFacts(paid.Case, cf, paidParams, res.Parameters), Recalc: rc, Warnings: warnings}
	if doc.Warnings == nil {
		doc.Warnings = []rules.Warning{}
	}
	return &recalcResult{doc: doc, cf: cf, c: c, res: res, recovery: recovery}, nil
}

// samePayPeriods reports whether a and b cut time into the same pay
// periods (the same cycle, and for 14 days the same phase), so that the
// payments of one are found in the other; the pay day may differ.
func samePayPeriods(a, b calc.PaySchedule) bool {
	a, b = a.Normal(), b.Normal()
	if a.Cycle != b.Cycle {
		return false
	}
	return a.Cycle != calc.Pay14Days || a.PeriodStart(*b.CycleStart) == *b.CycleStart
}

// payPeriodsText names a schedule's pay periods in the flags' words:
// "--pay-cycle monthly", "--pay-cycle 14-days --cycle-start 2026-03-02".
func payPeriodsText(s calc.PaySchedule) string {
	s = s.Normal()
	if s.Cycle == calc.Pay14Days {
		return "--pay-cycle " + string(s.Cycle) + " --cycle-start " + s.CycleStart.String()
	}
	return "--pay-cycle " + string(s.Cycle)
}

// owedSteps are the steps of the case now about the payments that differ:
// how each owed amount was computed, as kvp calc recorded it.
func owedSteps(steps []rules.Step, rc *calc.Recalc) []rules.Step {
	var spans []rules.Period
	for _, p := range rc.Payments {
		if p.Difference != 0 {
			spans = append(spans, rules.Period{From: p.EarnedFrom, To: p.EarnedTo})
		}
	}
	var out []rules.Step
	for _, s := range steps {
		if s.Span == nil {
			continue // the total of the case now is not a difference
		}
		if slices.ContainsFunc(spans, func(p rules.Period) bool { return p.Overlaps(*s.Span) }) {
			out = append(out, s)
		}
	}
	return out
}

// factTopics are the case fields that change the stipend, and the rule each
// touches; the other fields (tax, eligibility, the programme's other dates)
// do not change what is owed.
var factTopics = []struct{ field, topic, ref string }{
	{"from", "period", calc.RefStipend},
	{"to", "period", calc.RefStipend},
	{"absence", "absence", calc.RefAbsence},
	{"other_benefits", "benefits", calc.RefBenefits},
	{"benefit_scope", "benefits", calc.RefBenefits},
	{"programme.interruptions", "interruption", calc.RefInterruption},
	{"work_hours", "work", calc.RefWork},
	{"children", "children", calc.RefChildSupplement},
	{"child_birth_dates", "children", calc.RefChildSupplement},
	{"not_deducted", "not_deducted", calc.RefNotDeducted},
	{"rounding", "convention", "kvp-rules.md § 3 (CONVENTION)"},
	{"age_switch", "convention", calc.RefUnder25},
	{"leap_birthday", "convention", "kvp-rules.md § 7.1 (CONVENTION)"},
}

// changedFacts lists the fields of the paid case and the case now that
// differ, and the parameters (G first) whose values differ.
func changedFacts(paid, now *caseinput.Case, paidParams, nowParams []calc.ParamValue) []changedFact {
	out := []changedFact{}
	pm, nm := caseFields(paid), caseFields(now)
	for _, f := range factTopics {
		if !bytes.Equal(pm[f.field], nm[f.field]) {
			out = append(out, changedFact{Field: f.field, Paid: orNull(pm[f.field]), Now: orNull(nm[f.field]), Topic: f.topic, Ref: f.ref})
		}
	}
	// A parameter counts as changed when a value in force in the paid
	// period differs: a G that takes effect after it is no change.
	var paidEnd rules.Date
	if paid != nil && paid.To != nil {
		paidEnd = *paid.To
	}
	values := func(ps []calc.ParamValue, key string) json.RawMessage {
		vs := []string{}
		for _, p := range ps {
			if p.Key == key && p.From <= paidEnd {
				vs = append(vs, p.From.String()+"="+p.Value)
			}
		}
		b, _ := json.Marshal(vs)
		return b
	}
	for _, key := range rules.Keys {
		pv, nv := values(paidParams, key), values(nowParams, key)
		if bytes.Equal(pv, nv) || string(pv) == "[]" {
			continue // a parameter the paid run did not use is not a change
		}
		topic, ref := "parameters", ""
		for _, p := range nowParams {
			if p.Key == key {
				ref = p.Ref
			}
		}
		if key == rules.KeyG {
			topic = "g"
		}
		out = append(out, changedFact{Field: "parameters." + key, Paid: pv, Now: nv, Topic: topic, Ref: ref})
	}
	return out
}

// caseFields are the case's fields by their case-file key, as JSON.
func caseFields(c *caseinput.Case) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	if c == nil {
		return out
	}
	b, _ := json.Marshal(c)
	_ = json.Unmarshal(b, &out)
	if p, ok := out["programme"]; ok {
		var prog map[string]json.RawMessage
		if json.Unmarshal(p, &prog) == nil {
			if in, ok := prog["interruptions"]; ok {
				out["programme.interruptions"] = in
			}
		}
	}
	return out
}

func orNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

// printRecalc writes kvp recalc's tables.
func printRecalc(p printer, doc *recalcDoc) error {
	w, l, r := p.w, p.l, doc.Recalc
	span := l.span
	pc := doc.Paid.Case
	if doc.Paid.Source == "document" {
		fmt.Fprintln(w, l.M(recalcPaidDocument.M(doc.Paid.Path, doc.Paid.Stamp.Version, doc.Paid.Stamp.ParamsHash, span(*pc.From, *pc.To))))
	} else {
		fmt.Fprintln(w, l.M(recalcPaidCase.M(doc.Paid.Path, span(*pc.From, *pc.To))))
	}
	fmt.Fprintln(w, l.M(recalcNow.M(span(*doc.Case.From, *doc.Case.To), doc.Stamp.Rounding, doc.Stamp.ParamsHash)))

	heading(w, l.L(recalcChangedFacts))
	if len(doc.ChangedFacts) == 0 {
		fmt.Fprintln(w, l.L(recalcNoChanges))
	} else {
		var rows [][]string
		for _, f := range doc.ChangedFacts {
			rows = append(rows, []string{f.Field, factValue(f.Paid), factValue(f.Now), l.L(recalcTopics[f.Topic]), f.Ref})
		}
		if err := p.table([]string{l.L(labelField), l.L(labelPaid), l.L(labelNow), l.L(labelTopic), l.L(labelReference)}, rows); err != nil {
			return err
		}
	}

	heading(w, l.L(recalcPayments))
	var rows [][]string
	var notes []string
	for _, p := range r.Payments {
		var lines []string
		for _, d := range p.Lines {
			lines = append(lines, l.L(lineLabels[d.Line])+" "+l.Money(d.Difference)+" ("+d.Ref+")")
		}
		if len(lines) > 0 {
			notes = append(notes, span(p.EarnedFrom, p.EarnedTo)+": "+strings.Join(lines, "; "))
		}
		rows = append(rows, []string{span(p.EarnedFrom, p.EarnedTo), l.Date(p.PayDate), l.Money(p.Paid), l.Money(p.Owed), l.Money(p.Difference),
			l.Money(p.BackPay), l.Money(p.Overpayment)})
	}
	t := r.Totals
	rows = append(rows, []string{l.L(labelTotal), "", l.Money(t.Paid), l.Money(t.Owed), l.Money(t.Difference), l.Money(t.BackPay), l.Money(t.Overpayment)})
	if err := p.table([]string{l.L(labelEarned), l.L(labelPayDate), l.L(labelPaid), l.L(labelOwed), l.L(labelDifference), l.L(labelBackPay),
		l.L(labelOverpayment)}, rows, 2, 3, 4, 5, 6); err != nil {
		return err
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, l.L(labelLinesDiffering)+":")
		for _, n := range notes {
			fmt.Fprintln(w, "  "+n)
		}
	}

	settle := recalcSettleNet
	if r.Settled.Convention == calc.SettleGross {
		settle = recalcSettleGross
	}
	heading(w, l.L(settle))
	if err := p.table([]string{"", l.L(labelAmount)}, [][]string{
		{l.L(recalcBackPayOut), l.Money(r.Settled.BackPay)},
		{l.M(recalcOverpaymentToRecover.M(calc.RefRecovery)), l.Money(r.Settled.Overpayment)},
	}, 1); err != nil {
		return err
	}
	switch {
	case r.Plan == nil && r.Settled.Overpayment > 0:
		fmt.Fprintln(w, l.M(recalcNoPlan.M(calc.RefRecovery)))
		return nil
	case r.Plan == nil:
		return nil
	}
	plan := r.Plan
	var decision string
	if strings.HasSuffix(plan.Decision, "%") {
		decision = l.M(recalcPercentOfEach.M(l.pct(strings.TrimSuffix(plan.Decision, "%"))))
	} else {
		var m calc.Money
		_ = json.Unmarshal([]byte(`"`+plan.Decision+`"`), &m)
		decision = l.M(recalcPerPayment.M(l.Money(m)))
	}
	heading(w, l.M(recalcPlan.M(calc.RefRecovery, decision, r.Future)))
	rows = nil
	for _, q := range plan.Payments {
		rows = append(rows, []string{span(q.EarnedFrom, q.EarnedTo), l.Date(q.PayDate), l.Money(q.Owed), l.Money(q.Recovered), l.Money(q.PaidOut), l.Money(q.Remaining)})
	}
	if len(rows) > 0 {
		if err := p.table([]string{l.L(labelEarned), l.L(labelPayDate), l.L(labelOwed), l.L(labelRecovered), l.L(labelPaidOut), l.L(labelRemaining)}, rows, 2, 3, 4, 5); err != nil {
			return err
		}
	}
	if plan.RecoveredInFull {
		fmt.Fprintln(w, l.M(recalcRecoveredInFull.M(l.Money(plan.Overpayment), *plan.CompletedOn)))
	} else {
		fmt.Fprintln(w, l.M(recalcNotRecovered.M(l.Money(plan.Recovered), l.Money(plan.Remaining), l.Date(*doc.Case.To))))
	}
	return nil
}

// pct writes a per cent figure the way of l: "12.5", "12,5".
func (l locale) pct(s string) string {
	if l.norwegian() {
		return groupNB(s)
	}
	return s
}

// factValue writes a case field's value in a table: its JSON, cut short.
func factValue(b json.RawMessage) string {
	if string(b) == "null" {
		return "–"
	}
	s := string(b)
	if u, err := jsonString(b); err == nil {
		s = u
	}
	if r := []rune(s); len(r) > 36 {
		s = string(r[:35]) + "…"
	}
	return s
}

func jsonString(b json.RawMessage) (string, error) {
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// readPaid reads the paid document: the file --paid names, stdin for -,
// or under kvp serve the request's "paid", named by --paid.
func readPaid(o *recalcOptions) ([]byte, string, error) {
	if o.paidIn == nil {
		if err := checkInputFile("paid", o.paid); err != nil {
			return nil, o.paid, err
		}
		return readInput(o.paid, o.IO.In)
	}
	data, _, err := readInput("-", o.paidIn)
	return data, o.paid, err
}

// checkInputFile says, naming --flag, that the file it gives cannot be read
// as one: it is missing, unreadable or a directory (- is stdin). The
// command line is right; the file is not (exit 1).
func checkInputFile(flag, path string) error {
	if path == "-" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return rules.FieldErr("--"+flag, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return rules.FieldErr("--"+flag, rules.Errorf(errIsDirectory, path))
	}
	return nil
}
