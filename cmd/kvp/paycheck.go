package main

import (
	"slices"
	"strings"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// The errors of a pay setting that does not fit the pay cycle.
var (
	errPayFlagsCycle      = rules.NewCode("err.usage.pay_flags_cycle", "flags", "for", "cycle")
	errCycleStartFlag     = rules.NewCode("err.usage.cycle_start_required")
	errPayKeyCycle        = rules.NewCode("err.case.pay_key_cycle", "for", "cycle")
	errCaseCycleStartFile = rules.NewCode("err.case.cycle_start_required")
	payKeysOfOtherCycle   = map[calc.PayCycle][]string{calc.PayMonthly: {config.KeyCycleStart, config.KeyPayLag}, calc.Pay14Days: {config.KeyPayDay}}
	payCycleOfOtherKeys   = map[calc.PayCycle]calc.PayCycle{calc.PayMonthly: calc.Pay14Days, calc.Pay14Days: calc.PayMonthly}
)

// checkPaySettings refuses a pay setting given for the other pay cycle
// (--cycle-start or --pay-lag with the monthly cycle, --pay-day with
// 14-days) rather than ignoring it: a flag is a usage error, a case-file key
// an error naming the file and line. A 14-day cycle the case file chose
// without cycle_start names the file and the line of pay_cycle. A setting
// from the configuration is a default for whichever cycle is used and is
// not checked. file is the case file ("" for none, "-" for stdin).
func checkPaySettings(cfg *config.Config, cf *caseinput.Case, file string, s calc.PaySchedule) error {
	cycle := s.Normal().Cycle
	var flags []string
	var problems []caseinput.Problem
	for _, key := range payKeysOfOtherCycle[cycle] {
		switch {
		case cfg.IsFlag(key):
			flags = append(flags, "--"+strings.ReplaceAll(key, "_", "-"))
		case payKeyGiven(cf, key):
			problems = append(problems, payKeyProblem(cf, key, cycle))
		}
	}
	if len(flags) > 0 {
		return usageErrorf(errPayFlagsCycle, strings.Join(flags, ", "), string(payCycleOfOtherKeys[cycle]), string(cycle))
	}
	if cycle == calc.Pay14Days && s.CycleStart == nil {
		switch {
		case cfg.IsFlag(config.KeyPayCycle):
			return usageErrorf(errCycleStartFlag)
		case cf.PayCycle != "" && file != "":
			problems = append(problems, caseinput.Problem{Line: cf.PayLines[config.KeyPayCycle], Path: config.KeyCycleStart,
				Msg: errCaseCycleStartFile.M()})
		}
	}
	if len(problems) == 0 {
		return nil
	}
	slices.SortFunc(problems, func(a, b caseinput.Problem) int { return a.Line - b.Line })
	name := file
	if file == "-" {
		name = "stdin"
	}
	return rules.FieldErr(name, &caseinput.Error{Problems: problems})
}

// payKeyGiven reports whether the case itself gives the pay key.
func payKeyGiven(cf *caseinput.Case, key string) bool {
	switch key {
	case config.KeyCycleStart:
		return cf.CycleStart != nil
	case config.KeyPayLag:
		return cf.PayLag != nil
	}
	return cf.PayDay != nil
}

// payKeyProblem is the case's pay key that does not fit the pay cycle.
func payKeyProblem(cf *caseinput.Case, key string, cycle calc.PayCycle) caseinput.Problem {
	return caseinput.Problem{Line: cf.PayLines[key], Path: key,
		Msg: errPayKeyCycle.M(string(payCycleOfOtherKeys[cycle]), string(cycle))}
}

// checkLinePay is checkPaySettings for a caseload line (kvp batch, kvp
// regulate, kvp compare -f cases.jsonl): a pay key the line gives for the
// other pay cycle is an error of the line, naming the key; the record
// carries the line's number. The run's flags and the configuration are
// defaults for every line, whichever cycle it uses, and are not checked
// here. A 14-day cycle without cycle_start is refused by the calculation
// (calc.PaySchedule's check names cycle_start).
func checkLinePay(cf *caseinput.Case, s calc.PaySchedule) error {
	cycle := s.Normal().Cycle
	var problems []caseinput.Problem
	for _, key := range payKeysOfOtherCycle[cycle] {
		if payKeyGiven(cf, key) {
			p := payKeyProblem(cf, key, cycle)
			p.Line = 0 // the record says the line
			problems = append(problems, p)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &caseinput.Error{Problems: problems, ID: cf.ID}
}
