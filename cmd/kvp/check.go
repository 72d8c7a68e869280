package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// checkOptions are kvp check's options: the flags' values and which facts
// were given as flags (Given).
type checkOptions struct {
	env
	Given           caseinput.Flags
	wide            bool
	file            string
	birthDate       string
	date            string
	applicationDate string
	reducedCapacity string
	assessmentDone  string
	followUpNeeded  string
	benefits        []string
	benefitLimited  string // --benefit-very-limited
	residence       string
	fixedAbode      string
	youthProgramme  string
	previous        []string
	interactive     bool
	explain         bool
}

// checkDoc is the JSON document of kvp check. StartDeadline is null when the
// application date is unknown.
type checkDoc struct {
	SchemaVersion  int             `json:"schema_version"`
	AssessmentDate rules.Date      `json:"assessment_date"`
	Verdict        string          `json:"verdict"`
	Findings       []rules.Finding `json:"findings"`
	Missing        []string        `json:"missing"`
	Notes          []rules.Message `json:"notes"`
	StartDeadline  *rules.Date     `json:"start_deadline"`
	Explain        []explainStep   `json:"explain,omitempty"` // with --explain
}

// maxReasks is how often --interactive asks again after a bad answer on a
// terminal; piped answers get no second chance.
const maxReasks = 3

func newCheckCmd(a *app) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check eligibility for the programme (sotjl. § 29), criterion by criterion",
		Long: `Check whether a person may take part in the qualification programme
(sotjl. § 29), criterion by criterion, on the date of assessment (--date,
default today). Each criterion (KVP-EL-01..08) is met, not met or unknown,
with the reason and the legal reference; the verdict is eligible (all met),
not eligible (any not met) or undetermined (else), with the facts still
missing. Rules that changed are applied as in force on the assessment date:
the lower age was 19 before 2019-01-01, previous participation was a bar
before 2019-01-01, EEA citizens are exempt from the fixed-abode condition
from 2025-03-07 (not with only the initial right of residence), and the
youth programme exclusion applies from 2025-08-01. The fixed-abode (bopel)
condition (forskrift FOR-2011-12-16-1251) is for persons who are not
Norwegian citizens only.
With --application-date the start deadline (6 months later, sotjl. § 31) is
shown. Whether a programme would be unreasonably burdensome (§ 29 third
paragraph) is the municipality's discretion: shown as a note, never decided.

Facts come from flags or a case file (-f FILE, or -f - for stdin; YAML or
JSON): birth_date, date, application_date at the top level and the rest in
its eligibility section. Flags override the file; a repeatable flag given
replaces the file's list. A fact given nowhere is unknown.

  --benefit KIND          a benefit received, amount unknown (needs assessment)
  --benefit KIND=AMOUNT   received partly, AMOUNT kroner a year (0: not received)
  --benefit KIND=full     received in full
  --benefit none          no benefits: the list is known to be empty
  KIND: ` + wrapList(rules.BenefitKinds, 50, "        ") + `.
  --benefit-very-limited yes|no
                          the caseworker's judgement of the benefits that
                          need assessment (a part amount, barnepensjon,
                          other): yes meets KVP-EL-03, no does not; without
                          it the check stays undetermined. A subsistence
                          benefit in full stays not met whatever it says.
  --residence STATUS: ` + wrapList(rules.ResidenceStatuses, 50, "        ") + `.
    norwegian               citizen: no fixed abode needed (the bopel
                            condition is for non-citizens only, § 1)
    trafficking-reflection  presumed victim of human trafficking with a
                            limited permit (utlendingsforskriften § 8-3):
                            no fixed abode needed (§ 1 fourth paragraph)
    pending-application     allowed to stay while a residence application
                            or appeal is processed: no fixed abode needed
                            (§ 1 fourth paragraph)
    eea                     EEA citizen lawfully resident under the EEA
                            agreement: fixed abode needed before 2025-03-07
    eea-initial             EEA citizen with only the initial right of
                            residence (utlendingsloven § 111): fixed abode
                            needed, also from 2025-03-07 (§ 1a)
    lawful-resident         other foreign national: fixed abode needed
    asylum-reception, no-lawful-residence: no right (§§ 2, 4)
  --previous FROM..TO is an earlier programme; --previous none says there was none.

--interactive asks on stderr for each missing fact and reads the answers
from stdin, one a line (a terminal or a pipe); an empty line leaves the fact
unknown, the end of the input leaves the rest unknown, and a line longer
than 4 KiB is a usage error. Lists are comma-separated: "aap=full, other=12000" or "none".

With --explain, the table is followed by the steps the rules record where
they decide, in order: each criterion's condition for met with the dates and
facts filled in ("18th birthday 2008-06-15 ≤ assessed 2026-11-23 < 67th
birthday 2057-06-15"; a rule version of 2019-01-01, 2025-03-07 or 2025-08-01
as a step of its own), the outcome, the legal reference and where the rule
comes from; then the verdict (all criteria met) and the § 31 start deadline.
In JSON the same steps are the list "explain", each with its stable key
(eligibility.KVP-EL-01) and its inputs. With --lang nb the table, verdict,
reasons and explanation are in Norwegian; JSON is the same in both languages.
The table wraps the criterion, reason and reference to fit the terminal, or
120 columns off a terminal; --wide prints each row on one line.` + exitStatusSection + `
  3  not eligible: at least one criterion is not met
  4  undetermined: no criterion is not met, but at least one is unknown`,
		Example: `  kvp check --birth-date 1990-06-15 --reduced-capacity yes --assessment-done yes \
      --follow-up-needed yes --benefit none --residence norwegian --fixed-abode yes \
      --youth-programme no
  kvp check --birth-date 2000-06-15 --date 2018-12-31 --benefit aap=full
  kvp check -f examples/case-check.yaml -o json
  kvp check -f examples/case-check.yaml --benefit dagpenger=20000 --application-date 2026-10-01
  kvp check -f examples/case-check.yaml --benefit dagpenger=20000 --benefit-very-limited yes
  kvp check -f examples/case-check.yaml --residence norwegian --fixed-abode no
  kvp check -f examples/case-check.yaml --residence eea-initial
  kvp check --birth-date 1990-06-15 --interactive < answers.txt
  kvp check -f examples/case-check.yaml --explain --lang nb
  kvp check -f examples/case-check.yaml --wide`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Given = a.env(cmd), o.caseFlags(cmd)
			return runCheck(&o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "case `FILE` (YAML or JSON; - for stdin)")
	f.StringVar(&o.birthDate, "birth-date", "", "the person's birth `DATE`")
	f.StringVar(&o.date, "date", "", "the `DATE` of assessment (default today)")
	f.StringVar(&o.applicationDate, "application-date", "", "the `DATE` the application was received (gives the § 31 start deadline)")
	f.StringVar(&o.reducedCapacity, "reduced-capacity", "", "substantially reduced work and income capacity: `yes|no`")
	f.StringVar(&o.assessmentDone, "assessment-done", "", "work ability assessment (arbeidsevnevurdering) done: `yes|no`")
	f.StringVar(&o.followUpNeeded, "follow-up-needed", "", "close, coordinated follow-up suitable and necessary: `yes|no`")
	f.StringArrayVar(&o.benefits, "benefit", nil, "a benefit received: `KIND[=AMOUNT|full]`, or none (repeatable)")
	f.StringVar(&o.benefitLimited, "benefit-very-limited", "", "the caseworker's judgement that the benefits needing assessment are very limited: `yes|no`")
	f.StringVar(&o.residence, "residence", "", "citizenship or residence `STATUS`: "+strings.Join(rules.ResidenceStatuses, ", "))
	f.StringVar(&o.fixedAbode, "fixed-abode", "", "fixed abode (bopel) in Norway: `yes|no`")
	f.StringVar(&o.youthProgramme, "youth-programme", "", "receives ungdomsprogramytelse: `yes|no`")
	f.StringArrayVar(&o.previous, "previous", nil, "an earlier programme `FROM..TO`, or none (repeatable)")
	addLeapBirthdayFlag(f)
	f.BoolVar(&o.interactive, "interactive", false, "ask for each missing fact on stderr, answers from stdin")
	f.BoolVar(&o.explain, "explain", false, "show how each criterion is decided: rule, dates and facts, legal reference")
	addWideFlag(cmd, &o.wide)
	return cmd
}

// runCheck is kvp check: the eligibility verdict, criterion by criterion.
func runCheck(o *checkOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	if o.interactive && o.file == "-" {
		return usageErrorf(errInteractiveFile)
	}
	cf := &caseinput.Case{}
	name := ""
	if o.file != "" {
		if cf, err = readCaseFile(o.file, o.IO.In); err != nil {
			return err
		}
		name = o.file
		if o.file == "-" {
			name = "stdin"
		}
	}
	set := o.Given
	if err := cf.Override(set); err != nil {
		return err
	}
	var on rules.Date
	if cf.Date != nil {
		on = *cf.Date
	} else if on, err = today(); err != nil {
		return err
	}
	if cf.BirthDate != nil && *cf.BirthDate > on {
		switch {
		case set.BirthDate != nil:
			return flagUsageError("birth-date", rules.Errorf(errAfterAssessment, cf.BirthDate.String(), on.String()))
		case set.Date != nil:
			return flagUsageError("date", rules.Errorf(errBeforeBirth, on.String(), cf.BirthDate.String()))
		}
	}
	if a := cf.ApplicationDate; a != nil && (*a > on || (cf.BirthDate != nil && *a < *cf.BirthDate)) {
		switch {
		case set.ApplicationDate != nil && *a > on:
			return flagUsageError("application-date", rules.Errorf(errAfterAssessment, a.String(), on.String()))
		case set.ApplicationDate != nil:
			return flagUsageError("application-date", rules.Errorf(errBeforeBirth, a.String(), cf.BirthDate.String()))
		case set.Date != nil && *a > on:
			return flagUsageError("date", rules.Errorf(errBeforeApply, on.String(), a.String()))
		}
	}
	facts, err := cf.EligibilityFacts(on)
	if err != nil {
		if name != "" {
			return fmt.Errorf("%s: %w", name, err)
		}
		return err
	}
	leap, err := cfg.Setting(config.KeyLeapBirthday, cf.LeapBirthday)
	if err != nil {
		return err
	}
	facts.LeapBirthday = rules.LeapBirthday(leap)
	if o.interactive {
		if err := interview(o.IO, l, &facts); err != nil {
			return err
		}
	}
	var trace *rules.Trace
	if o.explain {
		trace = &rules.Trace{}
	}
	res := rules.CheckEligibilityTraced(facts, trace)
	if format == "json" {
		doc := checkDoc{
			SchemaVersion: schemaVersion, AssessmentDate: on, Verdict: res.Verdict,
			Findings: res.Findings, Missing: res.Missing, Notes: res.Notes, StartDeadline: res.StartDeadline,
		}
		if o.explain {
			doc.Explain = renderSteps(locale{}, trace.Steps)
		}
		err = writeJSON(o.IO.Out, doc)
	} else {
		err = printCheck(o.IO.printer(l, o.wide), on, res)
		if err == nil && o.explain {
			printExplain(o.IO.Out, l, renderSteps(l, trace.Steps))
		}
	}
	if err != nil {
		return err
	}
	switch res.Verdict {
	case rules.VerdictNotEligible:
		return &codeError{code: exitNotEligible, err: errors.New("not eligible")}
	case rules.VerdictUndetermined:
		return &codeError{code: exitUndetermined, err: errors.New("undetermined: facts are missing or need assessment")}
	}
	return nil
}

// caseFlags are the facts given as flags (kvp check).
func (o *checkOptions) caseFlags(cmd *cobra.Command) caseinput.Flags {
	str := func(name string, v *string) *string { return given(cmd, name, v) }
	return caseinput.Flags{
		BirthDate: str("birth-date", &o.birthDate), Date: str("date", &o.date), ApplicationDate: str("application-date", &o.applicationDate),
		ReducedCapacity: str("reduced-capacity", &o.reducedCapacity), AssessmentDone: str("assessment-done", &o.assessmentDone),
		FollowUpNeeded: str("follow-up-needed", &o.followUpNeeded), BenefitVeryLimited: str("benefit-very-limited", &o.benefitLimited),
		FixedAbode: str("fixed-abode", &o.fixedAbode), YouthProgramme: str("youth-programme", &o.youthProgramme),
		Benefits: given(cmd, "benefit", &o.benefits), Residence: str("residence", &o.residence), Previous: given(cmd, "previous", &o.previous),
	}
}

// wrapList joins items with commas into lines of about width characters,
// indenting the lines after the first, for help text.
func wrapList(items []string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, it := range items {
		if i > 0 {
			b.WriteString(",")
			if line+len(it)+2 > width {
				b.WriteString("\n" + indent)
				line = 0
			} else {
				b.WriteString(" ")
				line++
			}
		}
		b.WriteString(it)
		line += len(it) + 1
	}
	return b.String()
}

// factFlags names the flag that gives each fact, for the missing-facts line.
var factFlags = map[string]string{
	rules.FactBirthDate:       "--birth-date",
	rules.FactReducedCapacity: "--reduced-capacity",
	rules.FactAssessmentDone:  "--assessment-done",
	rules.FactFollowUpNeeded:  "--follow-up-needed",
	rules.FactBenefits:        "--benefit",
	rules.FactResidence:       "--residence",
	rules.FactFixedAbode:      "--fixed-abode",
	rules.FactYouthProgramme:  "--youth-programme",
	rules.FactPrevious:        "--previous",

	rules.FactBenefitVeryLimited: "--benefit-very-limited",
}

// printCheck prints the criteria, the verdict and the notes. Every column
// stays; the criterion, reason and reference wrap to fit p's width.
func printCheck(p printer, on rules.Date, res rules.EligibilityResult) error {
	w, l := p.w, p.l
	fmt.Fprintln(w, l.M(checkHeading.M(on)))
	rows := make([][]string, 0, len(res.Findings))
	var notMet, unknown []string
	for _, f := range res.Findings {
		rows = append(rows, []string{f.ID, l.M(f.NameMessage()), l.M(outcomeWords[f.Result].M()), l.M(f.Reason), l.M(f.RefMessage())})
		switch f.Result {
		case rules.NotMet:
			notMet = append(notMet, f.ID)
		case rules.Unknown:
			unknown = append(unknown, f.ID)
		}
	}
	head := []string{l.M(labelID.M()), l.M(labelCriterion.M()), l.M(labelResult.M()), l.M(labelReason.M()), l.M(labelLegalReference.M())}
	if err := p.table(head, rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	switch res.Verdict {
	case rules.VerdictEligible:
		fmt.Fprintln(w, l.M(checkEligible.M()))
	case rules.VerdictNotEligible:
		fmt.Fprintln(w, l.M(checkNotEligible.M(strings.Join(notMet, ", "))))
	default:
		fmt.Fprintln(w, l.M(checkUndetermined.M(strings.Join(unknown, ", "))))
	}
	missing := l.M(wordNone.M())
	if len(res.Missing) > 0 {
		parts := make([]string, 0, len(res.Missing))
		for _, m := range res.Missing {
			parts = append(parts, fmt.Sprintf("%s (%s)", m, factFlags[m]))
		}
		missing = strings.Join(parts, ", ")
	}
	fmt.Fprintln(w, l.M(checkMissingFacts.M(missing)))
	if res.StartDeadline != nil {
		fmt.Fprintln(w, l.M(checkStartDeadline.M(*res.StartDeadline, rules.RefStartDeadline)))
	}
	fmt.Fprintln(w, l.M(checkNotes.M()))
	for _, n := range res.Notes {
		fmt.Fprintf(w, "  - %s\n", l.M(n))
	}
	return nil
}

// question is how --interactive asks for one fact and applies the answer.
type question struct {
	hint  rules.Message
	apply func(f *rules.EligibilityFacts, answer string) error
}

func yesNoQuestion(field func(*rules.EligibilityFacts) **bool) question {
	return question{hint: hintYesNo.M(), apply: func(f *rules.EligibilityFacts, s string) error {
		v, err := caseinput.ParseYesNo(s)
		if err != nil {
			return err
		}
		*field(f) = &v
		return nil
	}}
}

// questions holds one question for every fact rules.CheckEligibility can miss.
var questions = map[string]question{
	rules.FactBirthDate: {hint: hintDate.M(), apply: func(f *rules.EligibilityFacts, s string) error {
		d, err := rules.ParseDate(s)
		if err != nil {
			return err
		}
		if d > f.AssessmentDate {
			return rules.Errorf(rules.ErrAfterAssessment, d.String(), f.AssessmentDate.String())
		}
		f.BirthDate = &d
		return nil
	}},
	rules.FactReducedCapacity: yesNoQuestion(func(f *rules.EligibilityFacts) **bool { return &f.ReducedCapacity }),
	rules.FactAssessmentDone:  yesNoQuestion(func(f *rules.EligibilityFacts) **bool { return &f.AssessmentDone }),
	rules.FactFollowUpNeeded:  yesNoQuestion(func(f *rules.EligibilityFacts) **bool { return &f.FollowUpNeeded }),
	rules.FactFixedAbode:      yesNoQuestion(func(f *rules.EligibilityFacts) **bool { return &f.FixedAbode }),
	rules.FactYouthProgramme:  yesNoQuestion(func(f *rules.EligibilityFacts) **bool { return &f.YouthProgramme }),

	rules.FactBenefitVeryLimited: yesNoQuestion(func(f *rules.EligibilityFacts) **bool { return &f.BenefitVeryLimited }),
	rules.FactBenefits: {hint: hintBenefits.M(strings.Join(rules.BenefitKinds, ", ")),
		apply: func(f *rules.EligibilityFacts, s string) error {
			list, err := caseinput.ParseBenefitList(strings.Split(s, ","))
			if err != nil {
				return err
			}
			f.Benefits, f.BenefitsKnown = make([]rules.Benefit, 0, len(list)), true
			for _, e := range list {
				b, _ := e.Rules() // ParseBenefitList checked it
				f.Benefits = append(f.Benefits, b)
			}
			return nil
		}},
	rules.FactResidence: {hint: hintResidence.M(strings.Join(rules.ResidenceStatuses, ", ")), apply: func(f *rules.EligibilityFacts, s string) error {
		r, err := caseinput.ParseResidence(s)
		if err != nil {
			return err
		}
		f.Residence = r
		return nil
	}},
	rules.FactPrevious: {hint: hintPrevious.M(), apply: func(f *rules.EligibilityFacts, s string) error {
		list, err := caseinput.ParsePreviousList(strings.Split(s, ","))
		if err != nil {
			return err
		}
		f.Previous, f.PreviousKnown = caseinput.Periods(list), true
		return nil
	}},
}

// maxAnswer bounds one line of --interactive input: stdin may be endless
// (/dev/zero) and no answer needs more.
const maxAnswer = 4 << 10

// interview asks on stderr for each fact the verdict still needs, in the
// order of the result's Missing, and judges again after every answer, so an
// answer that settles a criterion drops the questions it made moot. An empty
// answer leaves the fact unknown; at the end of the input the rest stay
// unknown. A bad answer is asked again on a terminal and is a usage error
// naming the fact when the answers are piped. A line longer than maxAnswer
// is a usage error too.
func interview(s *IOStreams, l locale, f *rules.EligibilityFacts) error {
	in := bufio.NewReaderSize(s.In, maxAnswer+1) // room for the newline
	asked := map[string]bool{}
	for {
		fact := ""
		for _, m := range rules.CheckEligibility(*f).Missing {
			if !asked[m] {
				fact = m
				break
			}
		}
		if fact == "" {
			return nil
		}
		asked[fact] = true
		q, ok := questions[fact]
		if !ok {
			fmt.Fprintf(s.ErrOut, "kvp: %s\n", l.M(checkCannotAsk.M(fact)))
			continue
		}
		for attempt := 0; ; attempt++ {
			fmt.Fprintf(s.ErrOut, "%s (%s): ", fact, l.M(q.hint))
			raw, err := in.ReadSlice('\n')
			if errors.Is(err, bufio.ErrBufferFull) {
				return flagUsageError("interactive", rules.FieldErr(fact, rules.Errorf(errAnswerTooLong, maxAnswer)))
			}
			line := string(raw)
			if err != nil && !errors.Is(err, io.EOF) {
				return rules.Errorf(errReadingAnswer, fact, err)
			}
			answer := strings.TrimSpace(line)
			if !s.InTerminal || err != nil {
				fmt.Fprintln(s.ErrOut, answer) // a piped answer is not echoed: show it, so the transcript reads
			}
			if answer == "" {
				if err != nil { // end of input: leave the rest unknown
					return nil
				}
				break
			}
			aerr := q.apply(f, answer)
			if aerr == nil {
				break
			}
			if !s.InTerminal || attempt >= maxReasks {
				return flagUsageError("interactive", rules.FieldErr(fact, aerr))
			}
			fmt.Fprintf(s.ErrOut, "kvp: %s; %s\n", oneLine(rules.ErrorText(aerr, l.lang())), l.M(checkTryAgain.M()))
		}
	}
}
