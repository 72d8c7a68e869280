package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

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
}

// calcDoc is the JSON document of kvp calc.
type calcDoc struct {
	SchemaVersion int      `json:"schema_version"`
	Case          caseFile `json:"case"`
	Warnings      []string `json:"warnings"`
	*calc.Result
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
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "case `FILE` (YAML or JSON; - for stdin)")
	f.StringVar(&o.birthDate, "birth-date", "", "the participant's birth `DATE`")
	f.StringVar(&o.from, "from", "", "first `DATE` of the period")
	f.StringVar(&o.to, "to", "", "last `DATE` of the period")
	f.IntVar(&o.children, "children", 0, "`N` children under 18 for the whole period")
	f.StringArrayVar(&o.childBirthDates, "child-birth-date", nil, "a child's birth `DATE` (repeatable); the child counts until the day before the 18th birthday")
	f.StringArrayVar(&o.interruptions, "interruption", nil, "an interruption (avbrudd) `FROM..TO` with no stipend (repeatable)")
	f.String("rounding", "nav", "rounding `POLICY`: nav or exact")
	f.String("age-switch", "birthday", "when the full rate starts: birthday or next-month")
	return cmd
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
	var interruptions []rules.Period
	for _, s := range o.interruptions {
		p, err := rules.ParsePeriod(s)
		if err != nil {
			return cf, calc.Case{}, usageErrorf("--interruption: %v", err)
		}
		interruptions = append(interruptions, p)
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
	c := calc.Case{
		BirthDate: *cf.BirthDate, Period: rules.Period{From: *cf.From, To: *cf.To},
		ChildBirthDates: cf.ChildBirthDates, Rounding: rounding, AgeSwitch: ageSwitch,
		Interruptions: interruptions,
	}
	if cf.Children != nil {
		c.Children = *cf.Children
	}
	if err := c.Validate(); err != nil {
		if o.file == "" { // every fact came from a flag
			return cf, c, usageErrorf("%s", asFlagError(err))
		}
		return cf, c, err
	}
	return cf, c, nil
}

// asFlagError rewords "child_birth_dates[0]: ..." as "--child-birth-date: ...",
// for errors in facts that all came from flags.
func asFlagError(err error) string {
	field, rest, ok := strings.Cut(err.Error(), ": ")
	if !ok || strings.ContainsAny(field, " ") {
		return err.Error()
	}
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = strings.TrimSuffix(field[:i], "s")
	}
	return "--" + strings.ReplaceAll(field, "_", "-") + ": " + rest
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
	res, err := calc.Stipend(cfg.Params, c)
	if err != nil {
		return err
	}
	cf.Rounding, cf.AgeSwitch = string(c.Rounding), string(c.AgeSwitch)
	if format == "json" {
		return writeJSON(a.out, calcDoc{SchemaVersion: schemaVersion, Case: cf, Warnings: []string{}, Result: res})
	}
	return printCalcTables(a, res)
}

func printCalcTables(a *app, res *calc.Result) error {
	w := a.out
	fmt.Fprintf(w, "Period %s – %s · rounding %s · age switch %s (full rate from %s)\n", res.From, res.To, res.Rounding, res.AgeSwitch, res.FullRate)
	heading(w, "Segments")
	var rows [][]string
	for _, s := range res.Segments {
		band := "25+"
		if s.Under25 {
			band = "<25 (" + s.Share.String() + ")"
		}
		note := s.Ref
		if s.Interrupted {
			note = "interrupted · " + calc.RefInterruption
		}
		rows = append(rows, []string{s.From.String(), s.To.String(), s.G.StringFixed(0), s.Factor, band, s.DayRate.String(),
			strconv.Itoa(s.Children), s.ChildRate.String(), strconv.Itoa(s.PaidDays), s.Stipend.String(), s.ChildSupplement.String(), s.Net.String(), note})
	}
	if err := table(w, []string{"from", "to", "G", "factor", "age", "day rate", "children", "child/day", "days", "stipend", "child suppl.", "net", "reference"}, rows, 2, 3, 5, 6, 7, 8, 9, 10, 11); err != nil {
		return err
	}
	heading(w, "Months (paid in arrears the month after, "+calc.RefPayment+")")
	rows = rows[:0]
	for _, m := range res.Months {
		rows = append(rows, []string{m.Month, m.PaidIn, strconv.Itoa(m.PaidDays), m.Stipend.String(), m.ChildSupplement.String(), m.Interruption.String(), m.Net.String()})
	}
	if err := table(w, []string{"earned", "paid", "days", "stipend", "child suppl.", "interruption", "net"}, rows, 2, 3, 4, 5, 6); err != nil {
		return err
	}
	heading(w, "Years")
	rows = rows[:0]
	for _, y := range res.Years {
		rows = append(rows, []string{strconv.Itoa(y.Year), y.Earned.Stipend.String(), y.Earned.ChildSupplement.String(), y.Earned.Net.String(), y.Paid.Net.String()})
	}
	rows = append(rows, []string{"total", res.Total.Stipend.String(), res.Total.ChildSupplement.String(), res.Total.Net.String(), res.Total.Net.String()})
	if err := table(w, []string{"year", "stipend earned", "child suppl. earned", "net earned", "net paid"}, rows, 1, 2, 3, 4); err != nil {
		return err
	}
	heading(w, "Parameters used")
	rows = rows[:0]
	for _, p := range res.Parameters {
		rows = append(rows, []string{p.Key, p.From.String(), p.Value, p.Ref, p.Source, p.Origin})
	}
	return table(w, []string{"parameter", "from", "value", "reference", "source", "origin"}, rows, 2)
}
