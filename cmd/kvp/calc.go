package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kvp/calc"
	"kvp/rules"
)

type calcOptions struct {
	file            string
	birthDate       string
	from, to        string
	children        int
	childBirthDates []string
	interruptions   []string
	workHours       []string
	otherBenefits   []string
	absence         []string
	benefitScope    string
	tax             taxFlags
}

// calcDoc is the JSON document of kvp calc.
type calcDoc struct {
	SchemaVersion int      `json:"schema_version"`
	Stamp         stamp    `json:"stamp"`
	Case          caseFile `json:"case"`
	*calc.Result
	Tax *calc.TaxSection `json:"tax"`
}

func newCalcCmd(a *app) *cobra.Command {
	var o calcOptions
	cmd := &cobra.Command{
		Use:   "calc",
		Short: "Compute the stipend and child supplement over a period",
		Long: `Compute the stipend (sotjl. § 35) and child supplement (KVP-forskriften § 3)
for a participant over a period, from flags or a case file (-f FILE, or -f -
for a case on stdin; YAML or JSON). Flags override the file.

The period is split into segments at every change of G, the stipend factor,
the child supplement rate, the age band (the 25th birthday) and the number of
children under 18. Paid days are Monday to Friday, public holidays included.
The schedule shows what is earned in each month and paid the month after
(sotjl. § 39); totals are given per calendar year, earned and paid.

Rounding policies: nav (the default: the day rate rounded half up to whole
kroner, amount = day rate × days) and exact (nothing rounded until the
monthly payment, to the øre). Age switch: birthday (the default: the full
rate from the 25th birthday) or next-month.` + exitStatusSection,
		Example: `  kvp calc --birth-date 1999-08-20 --from 2026-01-01 --to 2026-12-31 --children 1
  kvp calc --birth-date 2001-03-15 --from 2026-01-01 --to 2026-06-30 --age-switch next-month
  kvp calc -f examples/case-basic.yaml -o json
  echo '{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31"}' | kvp calc -f -`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCalc(a, cmd, o) },
	}
	addCaseFlags(cmd, &o)
	return cmd
}

// addCaseFlags defines the flags of one case (kvp calc, kvp compare).
func addCaseFlags(cmd *cobra.Command, o *calcOptions) {
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "case `FILE` (YAML or JSON; - for stdin)")
	f.StringVar(&o.birthDate, "birth-date", "", "the participant's birth `DATE`")
	f.StringVar(&o.from, "from", "", "first `DATE` of the period")
	f.StringVar(&o.to, "to", "", "last `DATE` of the period")
	f.IntVar(&o.children, "children", 0, "`N` children under 18 for the whole period")
	f.StringArrayVar(&o.childBirthDates, "child-birth-date", nil, "a child's birth `DATE` (repeatable); the child counts until the day before the 18th birthday")
	f.StringArrayVar(&o.interruptions, "interruption", nil, "an interruption (avbrudd) `FROM..TO` with no stipend (repeatable)")
	f.StringArrayVar(&o.workHours, "work-hours", nil, "paid work, hours a week: `HOURS` for the whole period or HOURS@FROM..TO (repeatable; § 37)")
	f.StringArrayVar(&o.otherBenefits, "other-benefit", nil, "dagpenger, sykepenger or foreldrepenger: `KIND:PER_DAY[@FROM..TO]` or KIND:total=AMOUNT[@FROM..TO] (repeatable; § 38)")
	f.StringArrayVar(&o.absence, "absence", nil, "absence without leave: `DATE` or DATE=HOURS (repeatable; § 36)")
	f.StringVar(&o.benefitScope, "benefit-scope", "stipend", "what § 38 benefits reduce: stipend (the child supplement is kept) or all")
	addTaxFlags(f, &o.tax)
	f.String("rounding", "nav", "rounding `POLICY`: nav or exact")
	f.String("age-switch", "birthday", "when the full rate starts: birthday or next-month")
}

// buildCase merges the case file and the flags into a calc.Case.
func buildCase(a *app, cmd *cobra.Command, o calcOptions) (caseFile, calc.Case, error) {
	var cf caseFile
	if o.file != "" {
		read, err := readCaseFile(o.file, a.io.In)
		if err != nil {
			return cf, calc.Case{}, err
		}
		cf = *read
	}
	fl := cmd.Flags()
	setDate := func(flag, value string, dst **rules.Date) error {
		if !fl.Changed(flag) {
			return nil
		}
		d, err := parseDateFlag(flag, value)
		if err != nil {
			return err
		}
		*dst = &d
		return nil
	}
	for _, x := range []struct {
		flag, value string
		dst         **rules.Date
	}{{"birth-date", o.birthDate, &cf.BirthDate}, {"from", o.from, &cf.From}, {"to", o.to, &cf.To}} {
		if err := setDate(x.flag, x.value, x.dst); err != nil {
			return cf, calc.Case{}, err
		}
	}
	if fl.Changed("children") {
		if o.children < 0 || o.children > calc.MaxChildren {
			return cf, calc.Case{}, usageErrorf("--children: %d is not a number of children from 0 to %d", o.children, calc.MaxChildren)
		}
		n := o.children
		cf.Children = &n
	}
	if fl.Changed("child-birth-date") {
		cf.ChildBirthDates = nil
		for _, s := range o.childBirthDates {
			d, err := parseDateFlag("child-birth-date", s)
			if err != nil {
				return cf, calc.Case{}, err
			}
			cf.ChildBirthDates = append(cf.ChildBirthDates, d)
		}
	}
	if fl.Changed("interruption") {
		if cf.Programme == nil {
			cf.Programme = &programmeSection{}
		}
		cf.Programme.Interruptions = nil
		for _, s := range o.interruptions {
			p, err := rules.ParsePeriod(s)
			if err != nil {
				return cf, calc.Case{}, usageErrorf("--interruption: %v", err)
			}
			cf.Programme.Interruptions = append(cf.Programme.Interruptions, periodText(p))
		}
	}
	for name, missing := range map[string]bool{"birth-date": cf.BirthDate == nil, "from": cf.From == nil, "to": cf.To == nil} {
		if missing {
			return cf, calc.Case{}, usageErrorf("--%s is required (or %s in the case file)", name, snake(name))
		}
	}
	if cf.Children != nil && len(cf.ChildBirthDates) > 0 {
		return cf, calc.Case{}, usageErrorf("--children and --child-birth-date (children and child_birth_dates) exclude each other: give one")
	}
	cfg, err := a.load(cmd)
	if err != nil {
		return cf, calc.Case{}, err
	}
	rounding, err := roundingSetting(cfg, cf.Rounding)
	if err != nil {
		return cf, calc.Case{}, err
	}
	ageSwitch, err := ageSwitchSetting(cfg, cf.AgeSwitch)
	if err != nil {
		return cf, calc.Case{}, err
	}
	c, err := caseFromFile(&cf, rounding, ageSwitch)
	if err != nil {
		return cf, c, err
	}
	if err := reductionFlags(fl, o, &c, &cf); err != nil {
		return cf, c, err
	}
	if err := c.Validate(); err != nil {
		if o.file == "" { // every fact came from a flag
			return cf, c, usageErrorf("%s", asFlagError(err))
		}
		return cf, c, err
	}
	return cf, c, nil
}

// caseWarnings checks the case file's other sections against the period
// asked for: eligibility facts that make the person not eligible (sotjl.
// § 29), and a period that runs past the programme's latest end (§ 32). The
// stipend is computed all the same; these are warnings.
func caseWarnings(cf *caseFile, c calc.Case) ([]string, error) {
	var out []string
	assessed := c.Period.From
	if cf.Date != nil {
		assessed = *cf.Date
	}
	if cf.Eligibility != nil {
		if err := eligibilityFileError(cf, assessed); err != nil {
			return nil, err
		}
		facts, _ := eligibilityFacts(cf, assessed)
		r := rules.CheckEligibility(facts)
		if r.Verdict == rules.VerdictNotEligible {
			var failing []string
			for _, f := range r.Findings {
				if f.Result == rules.NotMet {
					failing = append(failing, f.ID+" "+f.Name+" ("+f.Reason+")")
				}
			}
			out = append(out, fmt.Sprintf("not eligible on %s under sotjl. § 29: %s; the stipend is computed all the same", assessed, strings.Join(failing, "; ")))
		}
	}
	if cf.Programme != nil && cf.Programme.Start != nil {
		facts, ok, err := programmeFacts(cf, c.Period.To)
		if err != nil {
			return nil, err
		}
		if ok {
			rep, err := rules.EvaluatePeriod(facts)
			if err != nil {
				return nil, err
			}
			if c.Period.To > rep.LimitEnd {
				out = append(out, fmt.Sprintf("the period runs to %s, past the programme's latest end %s (sotjl. § 32)", c.Period.To, rep.LimitEnd))
			}
		}
	}
	return out, nil
}

// caseFromFile turns a case file into a calc.Case, with the rounding policy
// and age-switch convention already resolved by the caller. Errors name the
// case-file field. kvp calc, compare and batch all read cases through it.
func caseFromFile(cf *caseFile, rounding calc.Rounding, ageSwitch calc.AgeSwitch) (calc.Case, error) {
	switch {
	case cf.BirthDate == nil:
		return calc.Case{}, fmt.Errorf("birth_date: missing")
	case cf.From == nil:
		return calc.Case{}, fmt.Errorf("from: missing")
	case cf.To == nil:
		return calc.Case{}, fmt.Errorf("to: missing")
	case cf.Children != nil && len(cf.ChildBirthDates) > 0:
		return calc.Case{}, fmt.Errorf("children: give children or child_birth_dates, not both")
	}
	c := calc.Case{
		BirthDate: *cf.BirthDate, Period: rules.Period{From: *cf.From, To: *cf.To},
		ChildBirthDates: cf.ChildBirthDates, Rounding: rounding, AgeSwitch: ageSwitch,
		BenefitScope: calc.BenefitScope(cf.BenefitScope),
	}
	if cf.Children != nil {
		c.Children = *cf.Children
	}
	if cf.Programme != nil {
		c.Interruptions = periods(cf.Programme.Interruptions)
	}
	return c, reductionsFromFile(cf, c.Period, &c)
}

// reductionFlags applies --work-hours, --other-benefit, --absence and
// --benefit-scope; a list flag given replaces the file's list.
func reductionFlags(fl *pflag.FlagSet, o calcOptions, c *calc.Case, cf *caseFile) error {
	if fl.Changed("work-hours") {
		c.Work = nil
		for _, s := range o.workHours {
			w, err := parseWorkHours(s, c.Period)
			if err != nil {
				return usageErrorf("%v", err)
			}
			c.Work = append(c.Work, w)
		}
	}
	if fl.Changed("other-benefit") {
		c.Benefits = nil
		for _, s := range o.otherBenefits {
			b, err := parseOtherBenefit(s, c.Period)
			if err != nil {
				return usageErrorf("%v", err)
			}
			c.Benefits = append(c.Benefits, b)
		}
	}
	if fl.Changed("absence") {
		c.Absence, c.AbsenceDays = nil, nil
		for _, s := range o.absence {
			a, err := parseAbsence(s)
			if err != nil {
				return usageErrorf("%v", err)
			}
			c.Absence = append(c.Absence, a)
		}
	}
	scope := cf.BenefitScope
	if fl.Changed("benefit-scope") || scope == "" {
		scope = o.benefitScope
	}
	switch calc.BenefitScope(scope) {
	case calc.BenefitScopeStipend, calc.BenefitScopeAll:
		c.BenefitScope = calc.BenefitScope(scope)
	default:
		if fl.Changed("benefit-scope") {
			return usageErrorf("--benefit-scope: %q is not one of stipend, all", scope)
		}
		return fmt.Errorf("benefit_scope: %q is not one of stipend, all", scope)
	}
	cf.BenefitScope = scope
	return nil
}

// asFlagError rewords "child_birth_dates[0]: ..." as "--child-birth-date: ...",
// for errors in facts that all came from flags.
func asFlagError(err error) string {
	field, rest, ok := strings.Cut(err.Error(), ": ")
	if !ok || strings.ContainsAny(field, " ") {
		return err.Error()
	}
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = field[:i]
	}
	flag, known := fieldFlags[field]
	if !known {
		flag = strings.ReplaceAll(field, "_", "-")
	}
	return "--" + flag + ": " + rest
}

// fieldFlags maps case-file list fields to the flag that fills them.
var fieldFlags = map[string]string{
	"child_birth_dates": "child-birth-date",
	"work_hours":        "work-hours",
	"other_benefits":    "other-benefit",
	"interruptions":     "interruption",
}

func snake(flag string) string {
	b := []byte(flag)
	for i := range b {
		if b[i] == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}

func runCalc(a *app, cmd *cobra.Command, o calcOptions) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	cf, c, err := buildCase(a, cmd, o)
	if err != nil {
		return err
	}
	cfg, _ := a.load(cmd)
	topts, err := taxOptions(cmd.Flags(), o.tax, &cf)
	if err != nil {
		return err
	}
	res, err := calc.Stipend(cfg.Params, c)
	if err != nil {
		return err
	}
	tax, err := calc.TaxFor(res, cfg.Params, topts)
	if err != nil {
		return err
	}
	cf.Rounding, cf.AgeSwitch = string(c.Rounding), string(c.AgeSwitch)
	caseWarnings, err := caseWarnings(&cf, c)
	if err != nil {
		return err
	}
	res.Warnings = append(res.Warnings, caseWarnings...)
	// A year with no tax parameters is noted in the tax section itself.
	for _, w := range res.Warnings {
		fmt.Fprintf(a.io.ErrOut, "kvp: warning: %s\n", w)
	}
	if format == "json" {
		return writeJSON(a.out, calcDoc{SchemaVersion: schemaVersion, Stamp: a.stamp(cfg, string(c.Rounding)), Case: cf, Result: res, Tax: tax})
	}
	if err := printCalcTables(a, res); err != nil {
		return err
	}
	return printTaxSection(a, tax)
}

// moneyColumns are the optional reduction lines: shown only when the case has them.
var moneyColumns = []struct {
	head string
	ref  string
	get  func(calc.Amounts) calc.Money
}{
	{"interruption", calc.RefInterruption, func(a calc.Amounts) calc.Money { return a.Interruption }},
	{"absence", calc.RefAbsence, func(a calc.Amounts) calc.Money { return a.Absence }},
	{"work", calc.RefWork, func(a calc.Amounts) calc.Money { return a.Work }},
	{"other benefits", calc.RefBenefits, func(a calc.Amounts) calc.Money { return a.OtherBenefits }},
}

func printCalcTables(a *app, res *calc.Result) error {
	w := a.out
	var cols []int // the reduction columns in use
	for i, mc := range moneyColumns {
		if !mc.get(res.Total).IsZero() {
			cols = append(cols, i)
		}
	}
	amounts := func(am calc.Amounts) []string {
		out := []string{am.Stipend.String(), am.ChildSupplement.String()}
		for _, i := range cols {
			out = append(out, moneyColumns[i].get(am).String())
		}
		return append(out, am.Net.String())
	}
	amountHeads := []string{"stipend", "child suppl."}
	for _, i := range cols {
		amountHeads = append(amountHeads, moneyColumns[i].head)
	}
	amountHeads = append(amountHeads, "net")
	span := func(first int) []int {
		out := make([]int, 0, len(amountHeads))
		for i := range amountHeads {
			out = append(out, first+i)
		}
		return out
	}

	fmt.Fprintf(w, "Period %s – %s · rounding %s · age switch %s (full rate from %s)", res.From, res.To, res.Rounding, res.AgeSwitch, res.FullRate)
	if !res.Total.OtherBenefits.IsZero() {
		fmt.Fprintf(w, " · other benefits reduce: %s", res.BenefitScope)
	}
	fmt.Fprintln(w)
	heading(w, "Segments")
	var rows [][]string
	for _, s := range res.Segments {
		band := "25+"
		if s.Under25 {
			band = "<25 (" + s.Share.String() + ")"
		}
		note := s.Ref
		switch {
		case s.Interrupted:
			note = "interrupted · " + calc.RefInterruption
		default:
			if s.WorkHours.IsPositive() {
				note += " · work " + s.WorkHours.String() + " h/wk (" + calc.RefWork + ")"
			}
			if s.BenefitDay.IsPositive() {
				note += " · other benefits " + s.BenefitDay.String() + "/day (" + calc.RefBenefits + ")"
			}
		}
		row := []string{s.From.String(), s.To.String(), s.G.StringFixed(0), s.Factor.String(), band, s.DayRate.String(),
			strconv.Itoa(s.Children), s.ChildRate.String(), strconv.Itoa(s.PaidDays)}
		rows = append(rows, append(append(row, amounts(s.Amounts)...), note))
	}
	head := append([]string{"from", "to", "G", "factor", "age", "day rate", "children", "child/day", "days"}, amountHeads...)
	if err := table(w, append(head, "reference"), rows, append([]int{2, 3, 5, 6, 7, 8}, span(9)...)...); err != nil {
		return err
	}
	heading(w, "Months (paid in arrears the month after, "+calc.RefPayment+")")
	rows = nil
	for _, m := range res.Months {
		rows = append(rows, append([]string{m.Month.String(), m.PaidIn.String(), strconv.Itoa(m.PaidDays)}, amounts(m.Amounts)...))
	}
	if err := table(w, append([]string{"earned", "paid", "days"}, amountHeads...), rows, append([]int{2}, span(3)...)...); err != nil {
		return err
	}
	heading(w, "Years (by the year earned; net paid counts the year of payment)")
	rows = nil
	for _, y := range res.Years {
		rows = append(rows, append(append([]string{strconv.Itoa(y.Year)}, amounts(y.Earned)...), y.Paid.Net.String()))
	}
	rows = append(rows, append(append([]string{"total"}, amounts(res.Total)...), res.Total.Net.String()))
	if err := table(w, append(append([]string{"year"}, amountHeads...), "net paid"), rows, append(span(1), len(amountHeads)+1)...); err != nil {
		return err
	}
	if len(cols) > 0 {
		heading(w, "Reductions")
		rows = nil
		for _, i := range cols {
			rows = append(rows, []string{moneyColumns[i].head, moneyColumns[i].get(res.Total).String(), moneyColumns[i].ref})
		}
		if err := table(w, []string{"reduction", "total", "reference"}, rows, 1); err != nil {
			return err
		}
	}
	if len(res.NotDeducted) > 0 {
		heading(w, "Not deducted")
		rows = nil
		for _, n := range res.NotDeducted {
			rows = append(rows, []string{n.Kind, n.Amount.String(), n.Ref})
		}
		if err := table(w, []string{"benefit", "amount", "reference"}, rows, 1); err != nil {
			return err
		}
	}
	heading(w, "Parameters used")
	rows = nil
	for _, p := range res.Parameters {
		rows = append(rows, []string{p.Key, p.From.String(), p.Value, p.Ref, p.Source, p.Origin})
	}
	return table(w, []string{"parameter", "from", "value", "reference", "source", "origin"}, rows, 2)
}
