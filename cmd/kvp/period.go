package main

import (
	"errors"
	"fmt"

	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// periodOptions are kvp period's options: the flags' values and which of
// them were given (Given).
type periodOptions struct {
	env
	Given           caseinput.Flags
	wide            bool
	file            string
	startDate       string
	applicationDate string
	date            string
	decisions       []string
	leave           []string
	interruptions   []string
	extended        bool
	explain         bool
}

// periodDoc is the JSON document of kvp period: the facts as evaluated, then
// the report's fields.
type periodDoc struct {
	SchemaVersion int                  `json:"schema_version"`
	Facts         rules.ProgrammeFacts `json:"facts"`
	rules.PeriodReport
	Explain []explainStep `json:"explain,omitempty"` // with --explain
}

func newPeriodCmd(a *app) *cobra.Command {
	var o periodOptions
	cmd := &cobra.Command{
		Use:   "period",
		Short: "Show the programme's time limits: time used and left, latest end, next decision",
		Long: `Show the qualification programme's time limits on a date (default today):
the regime and the duration regime that chose it, the counted days used and
remaining, the latest end date without and with the extra year, the decision
in force and when the next one is due, an interruption still running, the
date by which a long interruption forces the programme to end, and the start
deadline (sotjl. §§ 31, 32, 34; KVP-forskriften § 2). Each line carries its
legal reference.

Facts come from flags or a case file (-f FILE, or -f - for a case on stdin;
YAML or JSON): the top-level date, application_date and duration_regime, and
the programme section (start, decisions, leave, interruptions, extended).
Flags override the file; a repeatable flag given replaces the file's whole
list. Periods are written FROM..TO, both days included; an interruption
still running is written FROM.. (no end date).

Conventions:
  Counting      N years from a start S end the day before the same date N
                years on: two years from 2026-01-05 end on 2028-01-04; from
                2024-02-29 they end on 2026-02-28. The limit in counted days
                is the calendar days in those years (730, or 731 over a
                29 February).
  Regime        before 2019-01-01: one year, extendable by one (two in
                total). From 2019-01-01: at most two years, and up to one more
                year for special reasons (--extended). Years count from the
                start.
  Duration      CONVENTION (no transitional rule was found for programmes
  regime        running on 2019-01-01): --duration-regime start, the default,
                takes the rules in force on the start date; assessed takes
                the rules in force on --date. Started 2018-06-01 and assessed
                2019-06-01: start gives one year (to 2019-05-31), assessed two
                (to 2020-05-31). Also the case key and config key
                duration_regime, and KVP_DURATION_REGIME; the flag wins, then
                the case file, then the config.
  Leave and     each day of approved leave (permisjon) or interruption
  interruption  (avbrudd) inside the programme is not counted and pushes the
                latest end out by one day; a day that is both counts once.
                Leave and interruptions registered with an end date count
                whole, whatever --date is: before, inside or after them.
  Used          counted days from the start through --date, or through the
                end of the last decision when every decision has ended.
  Decisions     a vedtak covers at most one year; the next decision is due on
                the last day of the decision in force, so that the new one
                takes effect the day after.
  Interruption  one still running (FROM..) counts from FROM through --date,
  with no end   that day included: the latest end assumes the programme
                resumes the day after, and moves one day later for each
                further day. One that starts after --date counts no day yet
                (a warning). Only one can be still running.
  One year      the programme must be ended when it has been interrupted for
  interrupted   one year (§ 34): interrupted from 2026-06-01, end it by
                2027-05-31, for one still running and for one registered that
                long. It may not be ended on the ground of absence for
                ordinary work, birth or adoption during the first year of that
                absence; kvp does not know the reason.
  Start         the programme must start within six months of the application
  deadline      (§ 31), on the same day of the month or the month's last day:
                applied 2025-08-31, start by 2026-02-28.

Warnings (overlapping periods, leave or interruption outside the programme, a
decision longer than a year, time past the limit, a missed start deadline)
are printed on stderr and under Warnings; they do not change the exit status.
Decisions that overlap, a period that ends before it starts, or two
interruptions still running are errors.

JSON carries the facts as evaluated, then the report: duration_regime and
regime_date (the date that chose the regime), and open_interruption (from,
counted_through, days) for an interruption still running, whose "to" is null
among the facts.

With --explain, the tables are followed by the counting step by step: the
regime and the convention that chose it, the limit in counted days, the days
of leave and interruption, how far they push the latest end out, the used
and remaining days, the next decision, the end of a long interruption and
the § 31 deadline, each with its legal reference. In JSON the same steps are the list "explain". With
--lang nb the tables, warnings and explanation are in Norwegian; JSON is the
same in both languages. The tables wrap the references to fit the terminal,
or 120 columns off a terminal; --wide prints each row on one line.` + exitStatusSection,
		Example: `  kvp period --start 2026-01-05
  kvp period --start 2026-01-05 --decision 2026-01-05..2027-01-04 --leave 2026-12-20..2027-01-10
  kvp period --start 2026-01-05 --interruption 2026-06-01.. --date 2026-09-30
  kvp period --start 2018-06-01 --date 2019-06-01 --duration-regime assessed
  kvp period --start 2026-07-16 --application-date 2026-01-15 --extended
  kvp period -f examples/case-period.yaml -o json
  kvp period --start 2026-01-05 --leave 2026-12-20..2027-01-10 --explain --lang nb
  kvp period -f examples/case-period.yaml --wide`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			str := func(name string, v *string) *string { return given(cmd, name, v) }
			list := func(name string, v *[]string) *[]string { return given(cmd, name, v) }
			o.env, o.Given = a.env(cmd), caseinput.Flags{
				Start: str("start", &o.startDate), ApplicationDate: str("application-date", &o.applicationDate), Date: str("date", &o.date),
				Decisions: list("decision", &o.decisions), Leave: list("leave", &o.leave), Interruptions: list("interruption", &o.interruptions),
				Extended: given(cmd, "extended", &o.extended),
			}
			return runPeriod(&o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "case `FILE` (YAML or JSON; - for stdin) with a programme section")
	f.StringVar(&o.startDate, "start", "", "the programme's start `DATE`")
	f.StringVar(&o.applicationDate, "application-date", "", "the application `DATE`, for the start deadline (§ 31)")
	f.StringVar(&o.date, "date", "", "the evaluation `DATE` (default today)")
	f.StringArrayVar(&o.decisions, "decision", nil, "a decision (vedtak) `FROM..TO` already made (repeatable)")
	f.StringArrayVar(&o.leave, "leave", nil, "approved leave (permisjon) `FROM..TO` (repeatable)")
	f.StringArrayVar(&o.interruptions, "interruption", nil, "an interruption (avbrudd) `FROM..TO`, or FROM.. while it is still running (repeatable)")
	f.BoolVar(&o.extended, "extended", false, "an extension for special reasons is granted (§ 32; 2019 regime)")
	f.String("duration-regime", rules.DurationRegimeStart, "duration `REGIME` (CONVENTION): start (the rules on the start date) or assessed (the rules on --date)")
	f.BoolVar(&o.explain, "explain", false, "show how each limit is counted: days, push-outs, legal reference")
	addWideFlag(cmd, &o.wide)
	return cmd
}

// factFileField is where a rules.ProgrammeFacts field lives in a case file.
var factFileField = map[string]string{
	"start":            "programme.start",
	"decisions":        "programme.decisions",
	"leave":            "programme.leave",
	"interruptions":    "programme.interruptions",
	"application_date": "application_date",
	"eval_date":        "date",
	"duration_regime":  "duration_regime",
}

// periodFactErrors renames the fields in Validate's joined errors after the
// flag or the case-file key they came from. The result is a usage error only
// when every problem lies in a flag.
func periodFactErrors(err error, fromFlag map[string]string) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	out := make([]error, 0, len(errs))
	allFlags := true
	for _, e := range errs {
		var fe *rules.PeriodFactError
		if !errors.As(e, &fe) {
			out, allFlags = append(out, e), false
			continue
		}
		name, index, _ := strings.Cut(fe.Field, "[")
		other, points := fe.Problem.Arg("other")
		ref, _ := other.(rules.FactRef)
		if flag, ok := fromFlag[name]; ok {
			// A flag's list is the command line's: "overlaps decisions[0] X" reads "overlaps X".
			problem := fe.Problem
			if points {
				ref.Field = ""
				problem = problem.With("other", ref)
			}
			out = append(out, &rules.FieldError{Field: "--" + flag, Problem: problem})
			continue
		}
		allFlags = false
		field := factFileField[name]
		if field == "" {
			field = name
		}
		if index != "" {
			field += "[" + index
		}
		problem := fe.Problem
		if points {
			ref.Field = "programme." + ref.Field
			problem = problem.With("other", ref)
		}
		out = append(out, &rules.FieldError{Field: field, Problem: problem})
	}
	joined := errors.Join(out...)
	if allFlags {
		return &codeError{code: exitUsage, err: joined}
	}
	return joined
}

// periodFacts reads the case file, lets the flags override it and gives
// the facts to evaluate.
func periodFacts(o *periodOptions) (rules.ProgrammeFacts, error) {
	cf := &caseinput.Case{}
	if o.file != "" {
		read, err := readCaseFile(o.file, o.IO.In)
		if err != nil {
			return rules.ProgrammeFacts{}, err
		}
		cf = read
	}
	if err := cf.Override(o.Given); err != nil {
		return rules.ProgrammeFacts{}, err
	}
	cfg, err := o.Config()
	if err != nil {
		return rules.ProgrammeFacts{}, err
	}
	regime, err := cfg.Setting(config.KeyDurationRegime, cf.DurationRegime)
	if err != nil {
		return rules.ProgrammeFacts{}, err
	}
	fromFlag := cf.Flagged
	if fromFlag == nil {
		fromFlag = map[string]string{}
	}
	evalDate, err := today()
	if err != nil {
		return rules.ProgrammeFacts{}, err
	}
	if cf.Date != nil {
		evalDate = *cf.Date
	} else {
		fromFlag["eval_date"] = "date" // today, or KVP_TODAY: not the file's
	}
	facts, ok, err := cf.ProgrammeFacts(evalDate, regime)
	if !ok {
		return facts, usageErrorf(errRequiredOr, "--start", "programme.start")
	}
	if err != nil {
		err = periodFactErrors(err, fromFlag)
		if exitCode(err) != exitUsage {
			err = fmt.Errorf("%s: %w", inputName(o.file), err)
		}
	}
	return facts, err
}

// inputName is how errors name the case file.
func inputName(file string) string {
	if file == "-" {
		return "stdin"
	}
	return file
}

// runPeriod is kvp period: the programme's time limits on a date.
func runPeriod(o *periodOptions) error {
	_, format, l, err := o.start()
	if err != nil {
		return err
	}
	facts, err := periodFacts(o)
	if err != nil {
		return err
	}
	var trace *rules.Trace
	if o.explain {
		trace = &rules.Trace{}
	}
	report, err := rules.EvaluatePeriodTraced(facts, trace)
	if err != nil {
		return err // Validate has passed in periodFacts
	}
	for _, w := range report.Warnings {
		fmt.Fprintf(o.IO.ErrOut, "kvp: %s: %s\n", l.L(labelWarning), warningText(l, w))
	}
	if format == "json" {
		for _, l := range []*[]rules.Period{&facts.Decisions, &facts.Leave} {
			if *l == nil {
				*l = []rules.Period{}
			}
		}
		if facts.Interruptions == nil {
			facts.Interruptions = []rules.Interruption{}
		}
		doc := periodDoc{SchemaVersion: schemaVersion, Facts: facts, PeriodReport: report}
		if o.explain {
			doc.Explain = periodExplain(locale{}, report, trace.Steps)
		}
		return writeJSON(o.IO.Out, doc)
	}
	if err := printPeriodTables(o.IO.printer(l, o.wide), facts, report); err != nil {
		return err
	}
	if o.explain {
		printExplain(o.IO.Out, l, periodExplain(l, report, trace.Steps))
	}
	return nil
}

// warningText is a warning as one line: "CODE: message (reference)", in
// Norwegian with --lang nb (the code stays as it is: scripts match on it).
func warningText(l locale, w rules.Warning) string {
	return w.Code + ": " + l.M(w.Message) + " (" + l.domainText(w.Ref) + ")"
}

// periodRef is a timeline entry's reference in l: a regime reference may
// end in ": past the limit".
func periodRef(l locale, ref string) string {
	if base, ok := strings.CutSuffix(ref, ": "+periodPastLimit.T(rules.LangEN)); ok {
		return l.domainText(base) + ": " + l.L(periodPastLimit)
	}
	return l.domainText(ref)
}

// printPeriodTables prints the timeline and the summary. Every column
// stays; the references wrap to fit p's width.
func printPeriodTables(p printer, f rules.ProgrammeFacts, r rules.PeriodReport) error {
	w, l := p.w, p.l
	fmt.Fprintln(w, l.M(periodHeading.M(f.Start, f.EvalDate, regimeWords[r.Regime].M(), l.domainText(r.RegimeRef))))
	heading(w, l.L(periodTimeline))
	rows := make([][]string, 0, len(r.Timeline))
	for _, e := range r.Timeline {
		kind := l.L(periodKinds[e.Kind])
		if e.Ongoing {
			kind += " (" + l.L(periodOngoing) + ")"
		}
		rows = append(rows, []string{l.Date(e.Period.From), l.Date(e.Period.To), kind,
			strconv.Itoa(e.CountedDays), strconv.Itoa(e.RunningTotal), periodRef(l, e.Ref)})
	}
	head := []string{l.L(labelFrom), l.L(labelTo), l.L(labelKind), l.L(labelCountedDays), l.L(labelRunningTotal), l.L(labelReference)}
	if err := p.table(head, rows, 3, 4); err != nil {
		return err
	}
	heading(w, l.L(periodSummary))
	lines := r.Lines()
	rows = make([][]string, 0, len(lines))
	for _, line := range lines {
		rows = append(rows, []string{l.M(line.Label), l.M(line.Value), l.domainText(line.Ref)})
	}
	if err := p.table([]string{"", l.L(labelValue), l.L(labelReference)}, rows); err != nil {
		return err
	}
	if len(r.Warnings) > 0 {
		heading(w, l.L(periodWarnings))
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "%s: %s\n", l.L(labelWarning), warningText(l, x))
		}
	}
	return nil
}
