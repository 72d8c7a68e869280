package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// calcOptions are kvp calc's options (and kvp compare's case): the flags'
// values, which of them were given (Given) and, with --wide, every column.
type calcOptions struct {
	env
	Given           caseinput.Flags
	wide            bool
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
	explain         bool // kvp calc --explain
	// params are the parameters the case is priced with (as known on its
	// as_of, when given), set by buildCase.
	params *rules.Params
}

// calcDoc is the JSON document of kvp calc.
type calcDoc struct {
	SchemaVersion int             `json:"schema_version"`
	Stamp         stamp           `json:"stamp"`
	Case          *caseinput.Case `json:"case"`
	*calc.Result
	Tax     *calc.TaxSection `json:"tax"`
	Explain []explainStep    `json:"explain,omitempty"`
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
rate from the 25th birthday) or next-month. Leap birthday (CONVENTION,
kvp-rules.md § 7.1): someone born on 29 February turns a year older on
28 February in a common year (feb28, the default, as NAV's own code does) or
on 1 March (mar1); it applies to every age limit: 18 and 67, 25, and a
child's 18th birthday.

Paid work above 18.75 hours a week (50 % of full time) gives a warning: it
is outside the programme (sotjl. § 30 andre ledd).

Pay days (sotjl. § 39; the municipality decides): --pay-cycle monthly (the
default) pays each calendar month on --pay-day (1–28, default 12) of the
month after; --pay-cycle 14-days pays each 14-day period from --cycle-start
(required with it) --pay-lag working days (0–20, default 2) after it ends. A
pay day on a Saturday, Sunday or public holiday moves to the working day
before (CONVENTION, kvp-rules.md § 7.2). The Payments table (JSON
"payments") gives each payment's earned days, due day, pay date and amounts;
the years' net paid, the income year and the tax withholding (June none,
December half; on 14-days only the first two payments made in June or
December, CONVENTION: --pay-cycle 14-days --cycle-start 2026-05-18
--withholding-percent 30 withholds nothing on 02.06 and 16.06, 30 % on
30.06) follow the pay date. Each is also a case key and a config key
(pay_cycle, pay_day, cycle_start, pay_lag). A flag or case key of the other
cycle is an error, not ignored: --cycle-start or --pay-lag with the monthly
cycle, --pay-day with 14-days (exit 2 for a flag; a case key is named with
its file and line). A config file's keys are defaults for either cycle.

--as-of DATE (case key as_of, KVP_AS_OF) prices with the parameters as known
on DATE: a value known only later is left out and the one before it carried
forward, with a warning, and the output says so (JSON stamp "as_of").
CONVENTION (known from, kvp-rules.md § 7.2): G counts as known from the day
NAV began to pay it (grunnbelop.csv, from 2013; before, its date in force);
every other value from its date in force; a config file may give known_from
per value.

With --explain, the result is followed by the derivation of each figure in
order: per segment the yearly amount, the day rate, the child supplement per
day, the paid days, the amounts and each reduction with its rule; then each
month's net and the total. Each line gives the formula with its values, the
rounding applied, the legal reference and the parameter's source (in JSON,
the list "explain").

The tables fit the terminal, or 120 columns off a terminal: per segment from,
to, day rate, days, stipend, child supplement, the reductions in one column
and net, with the references under the table. --wide shows every column (G,
factor, age band, children, child supplement per day, each reduction, the
reference, the parameters' source) at any width.` + exitStatusSection,
		Example: `  kvp calc --birth-date 1999-08-20 --from 2026-01-01 --to 2026-12-31 --children 1
  kvp calc -f examples/case-reductions.yaml --wide
  kvp calc --birth-date 2001-03-15 --from 2026-01-01 --to 2026-06-30 --age-switch next-month
  kvp calc --birth-date 2000-02-29 --from 2025-02-24 --to 2025-03-07 --leap-birthday mar1
  kvp calc -f examples/case-basic.yaml -o json
  kvp calc --birth-date 1990-01-01 --from 2026-04-01 --to 2026-05-31 --explain --lang nb
  kvp calc --birth-date 1990-01-01 --from 2026-05-01 --to 2026-07-31 --interruption 2026-06-15..
  kvp calc --birth-date 1980-01-01 --from 2026-04-01 --to 2026-09-30 --pay-day 10
  kvp calc --birth-date 1980-01-01 --from 2026-03-02 --to 2026-04-12 --pay-cycle 14-days --cycle-start 2026-03-02
  kvp calc --birth-date 1980-01-01 --from 2026-05-01 --to 2026-05-31 --as-of 2026-05-15
  echo '{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31"}' | kvp calc -f -`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			return runCalc(&o)
		},
	}
	addCaseFlags(cmd, &o)
	addWideFlag(cmd, &o.wide)
	cmd.Flags().BoolVar(&o.explain, "explain", false, "show how each figure is derived: formula, rounding, legal reference, source")
	cmd.Flags().String("duration-regime", rules.DurationRegimeStart, "duration `REGIME` of the case file's programme, for its latest end (CONVENTION, see kvp period): start, or assessed on --to")
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
	f.StringArrayVar(&o.interruptions, "interruption", nil, "an interruption (avbrudd) `FROM..TO` with no stipend, or FROM.. while still running: none from FROM to the period's end (repeatable)")
	f.StringArrayVar(&o.workHours, "work-hours", nil, "paid work, hours a week: `HOURS` for the whole period or HOURS@FROM..TO (repeatable; § 37)")
	f.StringArrayVar(&o.otherBenefits, "other-benefit", nil, "dagpenger, sykepenger or foreldrepenger: `KIND:PER_DAY[@FROM..TO]` or KIND:total=AMOUNT[@FROM..TO] (repeatable; § 38)")
	f.StringArrayVar(&o.absence, "absence", nil, "absence without leave: `DATE` or DATE=HOURS (repeatable; § 36)")
	f.StringVar(&o.benefitScope, "benefit-scope", "stipend", "what § 38 benefits reduce: stipend (the child supplement is kept) or all")
	addTaxFlags(f, &o.tax)
	f.String("rounding", "nav", "rounding `POLICY`: nav or exact")
	f.String("age-switch", "birthday", "when the full rate starts: birthday or next-month")
	addLeapBirthdayFlag(f)
	addPayFlags(f)
}

// addLeapBirthdayFlag adds --leap-birthday, the 29 February convention of every age limit.
func addLeapBirthdayFlag(f *pflag.FlagSet) {
	f.String("leap-birthday", "feb28", "a 29 February birthday in a common year falls on: feb28 or mar1 (every age limit)")
}

// caseFlags are the flags of one case that were given (kvp calc, compare).
func (o *calcOptions) caseFlags(cmd *cobra.Command) caseinput.Flags {
	str := func(name string, v *string) *string { return given(cmd, name, v) }
	list := func(name string, v *[]string) *[]string { return given(cmd, name, v) }
	f := caseinput.Flags{
		BirthDate: str("birth-date", &o.birthDate), From: str("from", &o.from), To: str("to", &o.to),
		Children:        given(cmd, "children", &o.children),
		ChildBirthDates: list("child-birth-date", &o.childBirthDates), Interruptions: list("interruption", &o.interruptions),
		WorkHours: list("work-hours", &o.workHours), OtherBenefits: list("other-benefit", &o.otherBenefits), Absence: list("absence", &o.absence),
		BenefitScope: str("benefit-scope", &o.benefitScope),
		OtherIncome:  list("other-income", &o.tax.otherIncome), Finnmark: given(cmd, "finnmark", &o.tax.finnmark),
		WithholdingPercent: str("withholding-percent", &o.tax.withholding), IncomeYear: str("income-year", &o.tax.basis),
	}
	return f
}

// buildCase reads the case file, lets the flags override it and converts
// it into a calc.Case.
func buildCase(o *calcOptions) (*caseinput.Case, calc.Case, error) {
	cf := &caseinput.Case{}
	if o.file != "" {
		read, err := readCaseFile(o.file, o.IO.In)
		if err != nil {
			return cf, calc.Case{}, err
		}
		cf = read
	}
	if err := cf.Override(o.Given); err != nil {
		return cf, calc.Case{}, err
	}
	for _, x := range []struct {
		name    string
		missing bool
	}{{"birth-date", cf.BirthDate == nil}, {"from", cf.From == nil}, {"to", cf.To == nil}} { // in this order, so the error is always the same
		if x.missing {
			return cf, calc.Case{}, usageErrorf(errRequiredOr, "--"+x.name, snake(x.name))
		}
	}
	if cf.Children != nil && len(cf.ChildBirthDates) > 0 {
		return cf, calc.Case{}, usageErrorf(errExclusive)
	}
	if cf.BenefitScope == "" {
		cf.BenefitScope = string(calc.BenefitScopeStipend) // the JSON "case" says which was used
	}
	cfg, err := o.Config()
	if err != nil {
		return cf, calc.Case{}, err
	}
	settings, err := cf.Settings(cfg)
	if err != nil {
		return cf, calc.Case{}, err
	}
	if err := checkPaySettings(cfg, cf, o.file, settings.Pay); err != nil {
		return cf, calc.Case{}, err
	}
	o.params = settings.Params(cfg)
	c, err := cf.Calc(settings)
	if err == nil {
		err = c.Validate()
	}
	if err != nil && o.file == "" { // every fact came from a flag
		return cf, c, usageError(asFlagError(err))
	}
	return cf, c, err
}

// taxAndWarnings completes a priced case: the tax section of res under p,
// the conventions used written into cf (the JSON "case" says which), and
// res's warnings (calc and eligibility). kvp calc and kvp letter share it.
func taxAndWarnings(cfg *config.Config, cf *caseinput.Case, c calc.Case, res *calc.Result, p *rules.Params, topts calc.TaxOptions) (*calc.TaxSection, error) {
	tax, err := calc.TaxFor(res, p, topts)
	if err != nil {
		return nil, err
	}
	cf.Rounding, cf.AgeSwitch, cf.LeapBirthday = string(c.Rounding), string(c.AgeSwitch), string(c.LeapBirthday)
	regime, err := caseRegime(cfg, cf)
	if err != nil {
		return nil, err
	}
	if res.Warnings, err = caseWarnings(cf, c, res, regime); err != nil {
		return nil, err
	}
	return tax, nil
}

// taxSectionExplain explains the tax of every income year that has parameters.
func taxSectionExplain(l locale, t *calc.TaxSection) []explainStep {
	var out []explainStep
	for _, y := range t.Years {
		if y.Tax == nil {
			continue
		}
		out = append(out, taxExplain(l, *y.Tax)...)
	}
	return out
}

// caseFacts are the case file's other sections, as the facts calc.Warnings
// checks the period against: the eligibility section judged on its date
// (else the period's first day), the programme section evaluated on the
// period's last day under the duration regime in force.
func caseFacts(cf *caseinput.Case, c calc.Case, regime string) (calc.CaseFacts, error) {
	var out calc.CaseFacts
	assessed := c.Period.From
	if cf.Date != nil {
		assessed = *cf.Date
	}
	if cf.Eligibility != nil {
		facts, err := cf.EligibilityFacts(assessed)
		if err != nil {
			return out, err
		}
		facts.LeapBirthday = c.LeapBirthday
		out.Eligibility = &facts
	}
	if cf.Programme != nil && cf.Programme.Start != nil {
		facts, ok, err := cf.ProgrammeFacts(c.Period.To, regime)
		if err != nil {
			return out, periodFactErrors(err, nil)
		}
		if ok {
			out.Programme = &facts
		}
	}
	return out, nil
}

// caseRegime is the duration regime in force for cf (the flag, the case's,
// the config's), written into a case with a programme: its latest end, which
// the warnings judge the period against, depends on it.
func caseRegime(cfg *config.Config, cf *caseinput.Case) (string, error) {
	regime, err := cfg.Setting(config.KeyDurationRegime, cf.DurationRegime)
	if err == nil && cf.Programme != nil && cf.Programme.Start != nil {
		cf.DurationRegime = regime
	}
	return regime, err
}

// caseWarnings are every warning of the calculation res of the case c read
// from cf, by calc.Warnings: kvp calc, compare and batch all warn through it.
func caseWarnings(cf *caseinput.Case, c calc.Case, res *calc.Result, regime string) ([]rules.Warning, error) {
	f, err := caseFacts(cf, c, regime)
	if err != nil {
		return nil, err
	}
	return calc.Warnings(c, res, f)
}

// printWarnings writes each warning on stderr: "kvp: warning: …" in l.
func printWarnings(io *IOStreams, l locale, ws []rules.Warning) {
	for _, w := range ws {
		fmt.Fprintf(io.ErrOut, "kvp: %s: %s\n", l.L(labelWarning), l.M(w.Message))
	}
}

// asFlagError rewords "child_birth_dates[0]: ..." as "--child-birth-date: ...",
// for errors in facts that all came from flags.
func asFlagError(err error) error {
	fe, ok := err.(*rules.FieldError)
	if !ok {
		return err
	}
	field := fe.Field
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = field[:i]
	}
	flag, known := fieldFlags[field]
	if !known {
		flag = strings.ReplaceAll(field, "_", "-")
	}
	return &rules.FieldError{Field: "--" + flag, Problem: fe.Problem, Err: fe.Err}
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

// runCalc is kvp calc: the case's stipend, schedule, totals and tax.
func runCalc(o *calcOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	cf, c, err := buildCase(o)
	if err != nil {
		return err
	}
	topts, err := cf.Tax()
	if err != nil {
		return err
	}
	c.Explain = o.explain
	// The tax table shows each year's figures from their steps.
	topts.Explain = format != "json" || o.explain
	res, err := calculatorFor(o.params).Stipend(c)
	if err != nil {
		return err
	}
	tax, err := taxAndWarnings(cfg, cf, c, res, o.params, topts)
	if err != nil {
		return err
	}
	// A year with no tax parameters is noted in the tax section itself.
	printWarnings(o.IO, l, res.Warnings)
	if format == "json" {
		doc := calcDoc{SchemaVersion: schemaVersion, Stamp: caseStamp(cfg, o.params, string(c.Rounding)), Case: cf, Result: res, Tax: tax}
		if o.explain {
			// JSON is the same in every language: the steps in English.
			doc.Explain = append(renderSteps(locale{}, res.Steps), taxSectionExplain(locale{}, tax)...)
		}
		return writeJSON(o.IO.Out, doc)
	}
	p := o.IO.printer(l, o.wide)
	printAsOf(p, o.params)
	if err := printCalcTables(p, res); err != nil {
		return err
	}
	if err := printTaxSectionLang(p, tax); err != nil {
		return err
	}
	if o.explain {
		printExplain(o.IO.Out, l, append(renderSteps(l, res.Steps), taxSectionExplain(l, tax)...))
	}
	return nil
}

// moneyColumns are the optional reduction lines: shown only when the case has them.
var moneyColumns = []struct {
	head rules.Code
	ref  string
	get  func(calc.Amounts) calc.Money
}{
	{labelInterruption, calc.RefInterruption, func(a calc.Amounts) calc.Money { return a.Interruption }},
	{labelAbsence, calc.RefAbsence, func(a calc.Amounts) calc.Money { return a.Absence }},
	{labelWork, calc.RefWork, func(a calc.Amounts) calc.Money { return a.Work }},
	{labelOtherBenefits, calc.RefBenefits, func(a calc.Amounts) calc.Money { return a.OtherBenefits }},
}

// printCalcTables prints kvp calc's tables. The narrow tables (the
// default) keep, per segment: from, to, day rate, days, stipend, child
// supplement, the reductions in one column and net, with the references in
// lines under the table; per month and year the same amounts; the
// parameters without their source. --wide adds G, the factor, age band,
// children, child supplement per day and reference per segment, each
// reduction in its own column and the parameters' source.
func printCalcTables(p printer, res *calc.Result) error {
	w, l := p.w, p.l
	var cols []int // the reduction columns in use
	for i, mc := range moneyColumns {
		if !mc.get(res.Total).IsZero() {
			cols = append(cols, i)
		}
	}
	amounts := func(am calc.Amounts) []string {
		out := []string{l.Money(am.Stipend), l.Money(am.ChildSupplement)}
		if len(cols) > 0 {
			out = append(out, l.Money(am.Interruption+am.Absence+am.Work+am.OtherBenefits))
		}
		for _, i := range cols {
			out = append(out, l.Money(moneyColumns[i].get(am)))
		}
		return append(out, l.Money(am.Net))
	}
	amountHeads := []string{l.L(labelStipend), l.L(labelChildSuppl)}
	if len(cols) > 0 {
		amountHeads = append(amountHeads, l.L(labelReductions))
	}
	for _, i := range cols {
		amountHeads = append(amountHeads, l.L(moneyColumns[i].head))
	}
	amountHeads = append(amountHeads, l.L(labelNet))
	span := func(first int) []int {
		out := make([]int, 0, len(amountHeads))
		for i := range amountHeads {
			out = append(out, first+i)
		}
		return out
	}
	// dropAmounts are the amount columns from first that p leaves out: the
	// sum of the reductions when wide, else each reduction.
	dropAmounts := func(first int) []int {
		if len(cols) == 0 {
			return nil
		}
		if p.wide {
			return []int{first + 2}
		}
		return span(first + 3)[:len(cols)]
	}

	line := l.M(calcHeading.M(res.From, res.To, string(res.Rounding), l.settingWord("age_switch", string(res.AgeSwitch)), res.FullRate))
	if res.LeapDayBirth {
		line += " · " + l.M(calcHeadingLeap.M(l.settingWord("leap_birthday", string(res.LeapBirthday))))
	}
	if !res.Total.OtherBenefits.IsZero() {
		line += " · " + l.M(calcHeadingBenefits.M(l.settingWord("benefit_scope", string(res.BenefitScope))))
	}
	fmt.Fprintln(w, line)
	heading(w, l.L(calcSegments))
	var rows [][]string
	notes := make([]string, 0, len(res.Segments))
	for _, s := range res.Segments {
		band := "25+"
		if s.Under25 {
			band = "<25 (" + s.Share.String() + ")"
		}
		note := l.domainText(s.Ref)
		switch {
		case s.Interrupted:
			note = l.L(calcInterrupted) + " · " + calc.RefInterruption
		default:
			if s.WorkHours.IsPositive() {
				note += " · " + l.M(calcSegmentWork.M(l.Num(s.WorkHours), calc.RefWork))
			}
			if s.BenefitDay.IsPositive() {
				note += " · " + l.M(calcSegmentBenefits.M(l.amt(s.BenefitDay), calc.RefBenefits))
			}
		}
		notes = append(notes, note)
		row := []string{l.Date(s.From), l.Date(s.To), l.Kroner(s.G), l.Num(s.Factor), band, l.Money(s.DayRate),
			strconv.Itoa(s.Children), l.Money(s.ChildRate), strconv.Itoa(s.PaidDays)}
		rows = append(rows, append(append(row, amounts(s.Amounts)...), note))
	}
	head := []string{l.L(labelFrom), l.L(labelTo), "G", l.L(labelFactor), l.L(labelAge), l.L(labelDayRate), l.L(labelChildren), l.L(labelChildPerDay), l.L(labelDays)}
	head = append(append(head, amountHeads...), l.L(labelReference))
	drop := dropAmounts(9)
	if !p.wide {
		drop = append(drop, 2, 3, 4, 6, 7, len(head)-1)
	}
	if err := p.tableWithout(drop, head, rows, append([]int{2, 3, 5, 6, 7, 8}, span(9)...)...); err != nil {
		return err
	}
	if !p.wide {
		printSegmentNotes(p, res.Segments, notes)
	}
	heading(w, l.M(calcMonths.M(calc.RefPayment)))
	rows = nil
	for _, m := range res.Months {
		rows = append(rows, append([]string{l.month(m.Month), l.month(m.PaidIn), strconv.Itoa(m.PaidDays)}, amounts(m.Amounts)...))
	}
	if err := p.tableWithout(dropAmounts(3), append([]string{l.L(labelEarned), l.L(labelPaid), l.L(labelDays)}, amountHeads...), rows, append([]int{2}, span(3)...)...); err != nil {
		return err
	}
	if err := printPayments(p, res); err != nil {
		return err
	}
	heading(w, l.L(calcYears))
	rows = nil
	for _, y := range res.Years {
		rows = append(rows, append(append([]string{strconv.Itoa(y.Year)}, amounts(y.Earned)...), l.Money(y.Paid.Net)))
	}
	rows = append(rows, append(append([]string{l.L(labelTotal)}, amounts(res.Total)...), l.Money(res.Total.Net)))
	if err := p.tableWithout(dropAmounts(1), append(append([]string{l.L(labelYear)}, amountHeads...), l.L(labelNetPaid)), rows, append(span(1), len(amountHeads)+1)...); err != nil {
		return err
	}
	if len(cols) > 0 {
		heading(w, l.L(calcReductions))
		rows = nil
		for _, i := range cols {
			rows = append(rows, []string{l.L(moneyColumns[i].head), l.Money(moneyColumns[i].get(res.Total)), moneyColumns[i].ref})
		}
		if err := p.table([]string{l.L(labelReduction), l.L(labelTotal), l.L(labelReference)}, rows, 1); err != nil {
			return err
		}
	}
	if len(res.NotDeducted) > 0 {
		heading(w, l.L(calcNotDeducted))
		rows = nil
		for _, n := range res.NotDeducted {
			rows = append(rows, []string{n.Kind, l.Money(n.Amount), l.domainText(n.Ref)})
		}
		if err := p.table([]string{l.L(labelBenefit), l.L(labelAmount), l.L(labelReference)}, rows, 1); err != nil {
			return err
		}
	}
	heading(w, l.L(calcParametersUsed))
	rows = nil
	for _, q := range res.Parameters {
		rows = append(rows, []string{q.Key, l.Date(q.From), l.value(q.Value), l.domainText(q.Ref), q.Source, originText(l, q.Origin)})
	}
	drop = nil
	if !p.wide {
		drop = []int{4} // the source
	}
	return p.tableWithout(drop, []string{l.L(labelParameter), l.L(labelFrom), l.L(labelValue), l.L(labelReference), l.L(labelSource), l.L(labelOrigin)}, rows, 2)
}

// printSegmentNotes writes the narrow segment table's references under it:
// one line when every segment has the same, else one line per segment.
func printSegmentNotes(p printer, segs []calc.Segment, notes []string) {
	if len(notes) > 0 && !slices.ContainsFunc(notes, func(n string) bool { return n != notes[0] }) {
		fmt.Fprintf(p.w, "%s: %s\n", p.l.L(labelReference), notes[0])
		return
	}
	for i, s := range segs {
		fmt.Fprintf(p.w, "%s – %s: %s\n", p.l.Date(s.From), p.l.Date(s.To), notes[i])
	}
}
