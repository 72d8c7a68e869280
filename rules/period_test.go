package rules

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ptD reads an ISO date in a test table; a typo panics at once.
func ptD(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ptDp is ptD for optional dates.
func ptDp(s string) *Date { d := ptD(s); return &d }

// ptP reads "FROM..TO" without the ends-before-start check, so tables can hold bad periods.
func ptP(s string) Period {
	from, to, ok := strings.Cut(s, "..")
	if !ok {
		panic("not a period: " + s)
	}
	return Period{From: ptD(from), To: ptD(to)}
}

func ptPs(ss ...string) []Period {
	ps := make([]Period, len(ss))
	for i, s := range ss {
		ps[i] = ptP(s)
	}
	return ps
}

// ptIs reads interruptions: "FROM..TO" as ptP does, or "FROM.." for one still running.
func ptIs(ss ...string) []Interruption {
	out := make([]Interruption, len(ss))
	for i, s := range ss {
		if from, ok := strings.CutSuffix(s, ".."); ok {
			out[i] = Interruption{From: ptD(from)}
			continue
		}
		out[i] = ClosedInterruption(ptP(s))
	}
	return out
}

func ptCodes(ws []Warning) []string {
	codes := make([]string, len(ws))
	for i, w := range ws {
		codes[i] = w.Code
	}
	slices.Sort(codes)
	return codes
}

func ptStr[T interface{ String() string }](p *T) string {
	if p == nil {
		return ""
	}
	return (*p).String()
}

type periodCase struct {
	name  string
	facts ProgrammeFacts
	// Expected values; "" for a date that must be nil.
	regime        string
	limitDays     int
	usedDays      int
	remaining     int
	latestEnd     string
	latestEndExt  string
	limitEnd      string
	current       string
	nextDue       string
	interruptBy   string
	startDeadline string
	met           string // "true", "false" or "" for nil
	warnings      []string
}

var periodCases = []periodCase{
	{
		name:   "two years from 2026-01-05 end on 2028-01-04",
		facts:  ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30")},
		regime: Regime2019, limitDays: 730, usedDays: 177, remaining: 553,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
	},
	{
		name:   "start on 29 February: AddYears gives 1 March, the limit ends on 28 February",
		facts:  ProgrammeFacts{Start: ptD("2024-02-29"), EvalDate: ptD("2024-02-29")},
		regime: Regime2019, limitDays: 731, usedDays: 1, remaining: 730,
		latestEnd: "2026-02-28", latestEndExt: "2027-02-28", limitEnd: "2026-02-28",
	},
	{
		name:   "leap day inside the two years: 731 counted days",
		facts:  ProgrammeFacts{Start: ptD("2027-03-01"), EvalDate: ptD("2027-03-01")},
		regime: Regime2019, limitDays: 731, usedDays: 1, remaining: 730,
		latestEnd: "2029-02-28", latestEndExt: "2030-02-28", limitEnd: "2029-02-28",
	},
	{
		name:   "no leap day inside the two years: 730 counted days",
		facts:  ProgrammeFacts{Start: ptD("2025-03-01"), EvalDate: ptD("2025-03-01")},
		regime: Regime2019, limitDays: 730, usedDays: 1, remaining: 729,
		latestEnd: "2027-02-28", latestEndExt: "2028-02-29", limitEnd: "2027-02-28",
	},
	{
		name:   "evaluation before the start: nothing used",
		facts:  ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2025-12-01")},
		regime: Regime2019, limitDays: 730, usedDays: 0, remaining: 730,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
	},
	{
		name:   "extension for special reasons: three years",
		facts:  ProgrammeFacts{Start: ptD("2026-01-05"), Extended: true, EvalDate: ptD("2028-03-01")},
		regime: Regime2019, limitDays: 1096, usedDays: 787, remaining: 309,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2029-01-04",
	},
	{
		name:   "past the two years without an extension",
		facts:  ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2028-03-01")},
		regime: Regime2019, limitDays: 730, usedDays: 787, remaining: 0,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		warnings: []string{WarnPastLimit.ID},
	},
	{
		// One year: 2018-12-31 + 1 year − 1 day = 2019-12-30 (365 days); extended by one: 2020-12-30 (731).
		name:   "start 2018-12-31: the old regime, one year extendable by one",
		facts:  ProgrammeFacts{Start: ptD("2018-12-31"), EvalDate: ptD("2019-06-30")},
		regime: RegimePre2019, limitDays: 365, usedDays: 182, remaining: 183,
		latestEnd: "2019-12-30", latestEndExt: "2020-12-30", limitEnd: "2019-12-30",
	},
	{
		name:   "start 2019-01-01: the 2019 regime",
		facts:  ProgrammeFacts{Start: ptD("2019-01-01"), EvalDate: ptD("2019-06-30")},
		regime: Regime2019, limitDays: 731, usedDays: 181, remaining: 550,
		latestEnd: "2020-12-31", latestEndExt: "2021-12-31", limitEnd: "2020-12-31",
	},
	{
		name:   "extension before 2019: the second year",
		facts:  ProgrammeFacts{Start: ptD("2018-12-31"), Extended: true, EvalDate: ptD("2019-06-30")},
		regime: RegimePre2019, limitDays: 731, usedDays: 182, remaining: 549,
		latestEnd: "2019-12-30", latestEndExt: "2020-12-30", limitEnd: "2020-12-30",
	},
	{
		// Started 2018-06-01, assessed 2019-06-01, by the start date: the old
		// regime. One year: 2019-06-01 − 2018-06-01 = 365 days, to 2019-05-31;
		// with the second year 2020-06-01 − 2018-06-01 = 365 + 366 = 731, to
		// 2020-05-31. Used 2018-06-01..2019-06-01 = 366 > 365: past the limit.
		name: "duration regime start: a programme from 2018-06-01 keeps the old regime after 2019",
		facts: ProgrammeFacts{Start: ptD("2018-06-01"), EvalDate: ptD("2019-06-01"),
			DurationRegime: DurationRegimeStart},
		regime: RegimePre2019, limitDays: 365, usedDays: 366, remaining: 0,
		latestEnd: "2019-05-31", latestEndExt: "2020-05-31", limitEnd: "2019-05-31",
		warnings: []string{WarnPastLimit.ID},
	},
	{
		name:   "duration regime unset is start",
		facts:  ProgrammeFacts{Start: ptD("2018-06-01"), EvalDate: ptD("2019-06-01")},
		regime: RegimePre2019, limitDays: 365, usedDays: 366, remaining: 0,
		latestEnd: "2019-05-31", latestEndExt: "2020-05-31", limitEnd: "2019-05-31",
		warnings: []string{WarnPastLimit.ID},
	},
	{
		// The same assessed by the rules in force on 2019-06-01: two years,
		// 731 days (2020-02-29 inside), to 2020-05-31; three years
		// 2021-06-01 − 2018-06-01 = 365 + 366 + 365 = 1096, to 2021-05-31.
		// 731 − 366 = 365 left.
		name: "duration regime assessed: the same programme under the 2019 rules",
		facts: ProgrammeFacts{Start: ptD("2018-06-01"), EvalDate: ptD("2019-06-01"),
			DurationRegime: DurationRegimeAssessed},
		regime: Regime2019, limitDays: 731, usedDays: 366, remaining: 365,
		latestEnd: "2020-05-31", latestEndExt: "2021-05-31", limitEnd: "2020-05-31",
	},
	{
		// Assessed before 2019-01-01 the old rules are in force. Used
		// 2018-06-01..2018-12-31 = 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214
		// days; 365 − 214 = 151 left.
		name: "duration regime assessed before 2019: the old regime",
		facts: ProgrammeFacts{Start: ptD("2018-06-01"), EvalDate: ptD("2018-12-31"),
			DurationRegime: DurationRegimeAssessed},
		regime: RegimePre2019, limitDays: 365, usedDays: 214, remaining: 151,
		latestEnd: "2019-05-31", latestEndExt: "2020-05-31", limitEnd: "2019-05-31",
	},
	{
		name: "leave over a year end pushes the end out by its 22 days",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-01-31"),
			Leave: ptPs("2026-12-20..2027-01-10")},
		regime: Regime2019, limitDays: 730, usedDays: 370, remaining: 360,
		latestEnd: "2028-01-26", latestEndExt: "2029-01-26", limitEnd: "2028-01-26",
	},
	{
		name: "a pushed-out end brings later leave inside, and is pushed again",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
			Leave: ptPs("2026-03-01..2026-03-31", "2028-01-20..2028-02-10")},
		regime: Regime2019, limitDays: 730, usedDays: 146, remaining: 584,
		latestEnd: "2028-02-26", latestEndExt: "2029-02-26", limitEnd: "2028-02-26",
	},
	{
		name: "leave that starts after the pushed-out end stays outside",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
			Leave: ptPs("2026-03-01..2026-03-31", "2028-02-05..2028-02-10")},
		regime: Regime2019, limitDays: 730, usedDays: 146, remaining: 584,
		latestEnd: "2028-02-04", latestEndExt: "2029-02-10", limitEnd: "2028-02-04",
		warnings: []string{WarnAbsenceAfterLimit.ID},
	},
	{
		name: "back-to-back leave: no overlap, 61 days",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
			Leave: ptPs("2026-03-01..2026-03-31", "2026-04-01..2026-04-30")},
		regime: Regime2019, limitDays: 730, usedDays: 116, remaining: 614,
		latestEnd: "2028-03-05", latestEndExt: "2029-03-06", limitEnd: "2028-03-05",
	},
	{
		name: "leave and interruption that overlap count once",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
			Leave: ptPs("2026-03-01..2026-03-31"), Interruptions: ptIs("2026-03-15..2026-04-14")},
		regime: Regime2019, limitDays: 730, usedDays: 132, remaining: 598,
		latestEnd: "2028-02-18", latestEndExt: "2029-02-18", limitEnd: "2028-02-18",
		warnings: []string{WarnOverlap.ID},
	},
	{
		name: "leave before the start and after the latest end",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
			Leave: ptPs("2025-12-20..2026-01-10", "2028-06-01..2028-06-10")},
		regime: Regime2019, limitDays: 730, usedDays: 171, remaining: 559,
		// The later leave lies inside the extended window, so it pushes that end.
		latestEnd: "2028-01-10", latestEndExt: "2029-01-20", limitEnd: "2028-01-10",
		warnings: []string{WarnAbsenceBeforeStart.ID, WarnAbsenceAfterLimit.ID},
	},
	{
		// 2026-06-01..2026-09-30, both included: 30 + 31 + 31 + 30 = 122 days;
		// 2028-01-04 + 122 = 2028-05-05. Used 2026-01-05..2026-05-31 = 147.
		name: "interruption still running: counted through the evaluation date, end by one year after its start",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-09-30"),
			Interruptions: ptIs("2026-06-01..")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2028-05-05", latestEndExt: "2029-05-06", limitEnd: "2028-05-05",
		interruptBy: "2027-05-31",
	},
	{
		// Registered whole: it ends within the year, so § 34 sets no end-by date.
		name: "registered interruption ending on the evaluation date: the same days as one still running",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-09-30"),
			Interruptions: ptIs("2026-06-01..2026-09-30")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2028-05-05", latestEndExt: "2029-05-06", limitEnd: "2028-05-05",
	},
	{
		// The same still running, evaluated the day it starts: 1 day counted,
		// 2028-01-04 + 1 = 2028-01-05; used 2026-01-05..2026-05-31 = 147.
		name: "interruption still running, evaluated on its first day: that day counts",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-01"),
			Interruptions: ptIs("2026-06-01..")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2028-01-05", latestEndExt: "2029-01-05", limitEnd: "2028-01-05",
		interruptBy: "2027-05-31",
	},
	{
		// Evaluated the day before it starts: nothing of it is counted yet.
		name: "interruption still running that starts after the evaluation date: no day counted, a warning",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-05-31"),
			Interruptions: ptIs("2026-06-01..")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		warnings: []string{WarnOpenNotStarted.ID},
	},
	{
		// A registered interruption of more than a year, evaluated inside it
		// before the year is up: it counts whole (2026-06-01..2027-12-31 =
		// 214 + 365 = 579 days; 2028-01-04 + 366 = 2029-01-04 over 2028-02-29,
		// + 213 = 2029-08-05; with the extra year 2029-01-04 + 365 =
		// 2030-01-04, + 214 = 2030-08-06) and must end by 2027-05-31.
		name: "registered interruption of more than a year, evaluated inside it: must be ended by the year's end",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-09-30"),
			Interruptions: ptIs("2026-06-01..2027-12-31")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2029-08-05", latestEndExt: "2030-08-06", limitEnd: "2029-08-05",
		interruptBy: "2027-05-31",
		warnings:    []string{WarnInterruptionYearAhead.ID},
	},
	{
		name: "back-to-back interruptions are one run for § 34",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-09-30"),
			Interruptions: ptIs("2026-06-01..2026-06-30", "2026-07-01..")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2028-05-05", latestEndExt: "2029-05-06", limitEnd: "2028-05-05",
		interruptBy: "2027-05-31",
	},
	{
		name: "interrupted for more than a year: must be ended",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-06-15"),
			Interruptions: ptIs("2026-06-01..")},
		regime: Regime2019, limitDays: 730, usedDays: 147, remaining: 583,
		latestEnd: "2029-01-18", latestEndExt: "2030-01-19", limitEnd: "2029-01-18",
		interruptBy: "2027-05-31",
		warnings:    []string{WarnInterruptionYearReached.ID},
	},
	{
		name: "interruption from 29 February: one year ends on 28 February",
		facts: ProgrammeFacts{Start: ptD("2027-06-01"), EvalDate: ptD("2028-03-10"),
			Interruptions: ptIs("2028-02-29..")},
		regime: Regime2019, limitDays: 731, usedDays: 273, remaining: 458,
		latestEnd: "2029-06-11", latestEndExt: "2030-06-11", limitEnd: "2029-06-11",
		interruptBy: "2029-02-28",
	},
	{
		name: "past interruption of a full year",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-09-01"),
			Interruptions: ptIs("2026-02-01..2027-01-31")},
		regime: Regime2019, limitDays: 730, usedDays: 240, remaining: 490,
		latestEnd: "2029-01-03", latestEndExt: "2030-01-04", limitEnd: "2029-01-03",
		interruptBy: "2027-01-31",
		warnings:    []string{WarnInterruptionYearPassed.ID},
	},
	{
		name: "back-to-back decisions: the next is due at the end of the one in force",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-03-01"),
			Decisions: ptPs("2026-01-05..2027-01-04", "2027-01-05..2028-01-04")},
		regime: Regime2019, limitDays: 730, usedDays: 421, remaining: 309,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		current: "2027-01-05..2028-01-04", nextDue: "2028-01-04",
	},
	{
		name: "decision on its last day",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-01-04"),
			Decisions: ptPs("2026-01-05..2027-01-04")},
		regime: Regime2019, limitDays: 730, usedDays: 365, remaining: 365,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		current: "2026-01-05..2027-01-04", nextDue: "2027-01-04",
	},
	{
		name: "decision one day longer than a year",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
			Decisions: ptPs("2026-01-05..2027-01-05")},
		regime: Regime2019, limitDays: 730, usedDays: 177, remaining: 553,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		current: "2026-01-05..2027-01-05", nextDue: "2027-01-05",
		warnings: []string{WarnDecisionTooLong.ID},
	},
	{
		name: "decision of a year from 29 February ends 28 February",
		facts: ProgrammeFacts{Start: ptD("2024-02-29"), EvalDate: ptD("2024-06-01"),
			Decisions: ptPs("2024-02-29..2025-02-28")},
		regime: Regime2019, limitDays: 731, usedDays: 94, remaining: 637,
		latestEnd: "2026-02-28", latestEndExt: "2027-02-28", limitEnd: "2026-02-28",
		current: "2024-02-29..2025-02-28", nextDue: "2025-02-28",
	},
	{
		name: "decision from 29 February to 1 March is too long",
		facts: ProgrammeFacts{Start: ptD("2024-02-29"), EvalDate: ptD("2024-06-01"),
			Decisions: ptPs("2024-02-29..2025-03-01")},
		regime: Regime2019, limitDays: 731, usedDays: 94, remaining: 637,
		latestEnd: "2026-02-28", latestEndExt: "2027-02-28", limitEnd: "2026-02-28",
		current: "2024-02-29..2025-03-01", nextDue: "2025-03-01",
		warnings: []string{WarnDecisionTooLong.ID},
	},
	{
		name: "programme over with its last decision: used days stop there",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-06-01"),
			Decisions: ptPs("2026-01-05..2026-12-31")},
		regime: Regime2019, limitDays: 730, usedDays: 361, remaining: 369,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
	},
	{
		name: "decision running past the latest end",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-06-01"),
			Decisions: ptPs("2026-01-05..2027-01-04", "2027-01-05..2027-05-31", "2027-06-01..2028-05-31")},
		regime: Regime2019, limitDays: 730, usedDays: 513, remaining: 217,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		current: "2027-06-01..2028-05-31", nextDue: "2028-05-31",
		warnings: []string{WarnDecisionPastLimit.ID},
	},
	{
		name: "a gap between decisions: no decision in force",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-07-15"),
			Decisions: ptPs("2026-01-05..2026-06-30", "2026-08-01..2027-01-04")},
		regime: Regime2019, limitDays: 730, usedDays: 192, remaining: 538,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		warnings: []string{WarnNoDecisionGap.ID},
	},
	{
		name: "started, before the first decision: no decision in force",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-01-20"),
			Decisions: ptPs("2026-02-01..2027-01-04")},
		regime: Regime2019, limitDays: 730, usedDays: 16, remaining: 714,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		warnings: []string{WarnNoDecisionBeforeFirst.ID},
	},
	{
		name: "unsorted decisions with a gap: still found",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-01-10"),
			Decisions: ptPs("2027-02-01..2028-01-04", "2026-01-05..2027-01-04")},
		regime: Regime2019, limitDays: 730, usedDays: 371, remaining: 359,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		warnings: []string{WarnNoDecisionGap.ID},
	},
	{
		name: "evaluation before the start, with a decision: nothing is in force yet, no warning",
		facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2025-12-01"),
			Decisions: ptPs("2026-01-05..2027-01-04")},
		regime: Regime2019, limitDays: 730, usedDays: 0, remaining: 730,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
	},
	{
		name:   "start deadline met on its last day",
		facts:  ProgrammeFacts{Start: ptD("2026-07-15"), ApplicationDate: ptDp("2026-01-15"), EvalDate: ptD("2026-07-15")},
		regime: Regime2019, limitDays: 731, usedDays: 1, remaining: 730,
		latestEnd: "2028-07-14", latestEndExt: "2029-07-14", limitEnd: "2028-07-14",
		startDeadline: "2026-07-15", met: "true",
	},
	{
		name:   "start deadline missed by one day",
		facts:  ProgrammeFacts{Start: ptD("2026-07-16"), ApplicationDate: ptDp("2026-01-15"), EvalDate: ptD("2026-07-16")},
		regime: Regime2019, limitDays: 731, usedDays: 1, remaining: 730,
		latestEnd: "2028-07-15", latestEndExt: "2029-07-15", limitEnd: "2028-07-15",
		startDeadline: "2026-07-15", met: "false",
		warnings: []string{WarnStartDeadlineMissed.ID},
	},
	{
		name:   "start deadline in a month without the day: its last day",
		facts:  ProgrammeFacts{Start: ptD("2026-03-01"), ApplicationDate: ptDp("2025-08-31"), EvalDate: ptD("2026-03-01")},
		regime: Regime2019, limitDays: 731, usedDays: 1, remaining: 730,
		latestEnd: "2028-02-29", latestEndExt: "2029-02-28", limitEnd: "2028-02-29",
		startDeadline: "2026-02-28", met: "false",
		warnings: []string{WarnStartDeadlineMissed.ID},
	},
	{
		name:   "start before the application",
		facts:  ProgrammeFacts{Start: ptD("2026-01-05"), ApplicationDate: ptDp("2026-02-01"), EvalDate: ptD("2026-01-05")},
		regime: Regime2019, limitDays: 730, usedDays: 1, remaining: 729,
		latestEnd: "2028-01-04", latestEndExt: "2029-01-04", limitEnd: "2028-01-04",
		startDeadline: "2026-08-01", met: "true",
		warnings: []string{WarnStartBeforeApplication.ID},
	},
}

func TestEvaluatePeriod(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := EvaluatePeriod(tc.facts)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want any) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %v, want %v", what, got, want)
				}
			}
			check("Regime", r.Regime, tc.regime)
			wantDR, wantRD := DurationRegimeStart, tc.facts.Start
			if tc.facts.DurationRegime == DurationRegimeAssessed {
				wantDR, wantRD = DurationRegimeAssessed, tc.facts.EvalDate
			}
			check("DurationRegime", r.DurationRegime, wantDR)
			check("RegimeDate", r.RegimeDate, wantRD)
			wantBase := 2 // from 2019: two years, and one more for special reasons
			if tc.regime == RegimePre2019 {
				wantBase = 1 // before 2019: one year, extendable by one
			}
			check("BaseLimitYears", r.BaseLimitYears, wantBase)
			check("ExtraYears", r.ExtraYears, 1)
			check("LimitDays", r.LimitDays, tc.limitDays)
			check("UsedDays", r.UsedDays, tc.usedDays)
			check("RemainingDays", r.RemainingDays, tc.remaining)
			check("LatestEnd", r.LatestEnd.String(), tc.latestEnd)
			check("LatestEndExtended", ptStr(r.LatestEndExtended), tc.latestEndExt)
			check("LimitEnd", r.LimitEnd.String(), tc.limitEnd)
			check("CurrentDecision", ptStr(r.CurrentDecision), tc.current)
			check("NextDecisionDue", ptStr(r.NextDecisionDue), tc.nextDue)
			check("InterruptionEndBy", ptStr(r.InterruptionEndBy), tc.interruptBy)
			check("StartDeadline", ptStr(r.StartDeadline), tc.startDeadline)
			met := ""
			if r.StartDeadlineMet != nil {
				met = map[bool]string{true: "true", false: "false"}[*r.StartDeadlineMet]
			}
			check("StartDeadlineMet", met, tc.met)
			want := slices.Clone(tc.warnings)
			slices.Sort(want)
			if got := ptCodes(r.Warnings); !slices.Equal(got, want) {
				t.Errorf("warnings = %v, want %v\n%+v", got, want, r.Warnings)
			}
			for _, w := range r.Warnings {
				if w.Text(LangEN) == w.Code || w.Ref == "" {
					t.Errorf("warning %s lacks a message or a reference: %+v", w.Code, w)
				}
			}
		})
	}
}

// TestTimelineInvariants checks every case's timeline: the programme,
// leave and interruption entries cover the programme without gaps or
// overlaps, the running totals add up, the limit is used up exactly on
// LimitEnd, and the total on UsedThrough is UsedDays.
func TestTimelineInvariants(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := EvaluatePeriod(tc.facts)
			if err != nil {
				t.Fatal(err)
			}
			next, total := tc.facts.Start, 0
			horizon := max(r.LimitEnd, r.UsedThrough)
			limitSeen, usedSeen := false, r.UsedThrough < tc.facts.Start
			for i, e := range r.Timeline {
				if i > 0 && e.Period.From < r.Timeline[i-1].Period.From {
					t.Errorf("entry %d %s is out of order", i, e.Period)
				}
				if e.Ref == "" {
					t.Errorf("entry %d %s has no reference", i, e.Period)
				}
				if e.Kind == KindDecision {
					continue
				}
				if e.Period.From != next {
					t.Fatalf("entry %d starts %s, want %s", i, e.Period.From, next)
				}
				if e.Period.To < e.Period.From {
					t.Fatalf("entry %d %s is empty", i, e.Period)
				}
				switch e.Kind {
				case KindProgramme:
					if e.CountedDays != e.Period.Days() {
						t.Errorf("programme entry %s counts %d days", e.Period, e.CountedDays)
					}
				case KindLeave, KindInterruption:
					if e.CountedDays != 0 {
						t.Errorf("%s entry %s counts %d days", e.Kind, e.Period, e.CountedDays)
					}
				default:
					t.Errorf("entry %d: unknown kind %q", i, e.Kind)
				}
				total += e.CountedDays
				if e.RunningTotal != total {
					t.Errorf("entry %d %s: running total %d, want %d", i, e.Period, e.RunningTotal, total)
				}
				if e.Period.To == r.LimitEnd {
					limitSeen = true
					if total != r.LimitDays {
						t.Errorf("running total on LimitEnd %s is %d, want LimitDays %d", r.LimitEnd, total, r.LimitDays)
					}
				}
				if e.Period.Contains(r.UsedThrough) {
					usedSeen = true
					at := total
					if e.Kind == KindProgramme {
						at -= int(e.Period.To - r.UsedThrough)
					}
					if at != r.UsedDays {
						t.Errorf("counted through %s = %d, want UsedDays %d", r.UsedThrough, at, r.UsedDays)
					}
				}
				next = e.Period.To + 1
			}
			if next != horizon+1 {
				t.Errorf("timeline ends %s, want %s", next-1, horizon)
			}
			if !limitSeen {
				t.Errorf("no entry ends on LimitEnd %s", r.LimitEnd)
			}
			if !usedSeen {
				t.Errorf("no entry holds UsedThrough %s", r.UsedThrough)
			}
		})
	}
}

func TestTimelineEntries(t *testing.T) {
	f := ProgrammeFacts{
		Start:         ptD("2026-01-05"),
		EvalDate:      ptD("2026-09-30"),
		Decisions:     ptPs("2026-01-05..2027-01-04"),
		Leave:         ptPs("2026-03-01..2026-03-10"),
		Interruptions: ptIs("2026-06-01.."),
		Extended:      true,
	}
	r, err := EvaluatePeriod(f)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		period  string
		kind    string
		counted int
		total   int
		ongoing bool
	}
	want := []row{
		{"2026-01-05..2027-01-04", KindDecision, 233, 233, false},
		{"2026-01-05..2026-02-28", KindProgramme, 55, 55, false},
		{"2026-03-01..2026-03-10", KindLeave, 0, 55, false},
		{"2026-03-11..2026-05-31", KindProgramme, 82, 137, false},
		{"2026-06-01..2026-09-30", KindInterruption, 0, 137, true},
		{"2026-10-01..2028-05-15", KindProgramme, 593, 730, false},
		{"2028-05-16..2029-05-16", KindProgramme, 366, 1096, false},
	}
	var got []row
	for _, e := range r.Timeline {
		got = append(got, row{e.Period.String(), e.Kind, e.CountedDays, e.RunningTotal, e.Ongoing})
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline:\n got %v\nwant %v", got, want)
	}
	if r.Timeline[6].Ref != refPeriodExtraYear {
		t.Errorf("the extra year's entry cites %q", r.Timeline[6].Ref)
	}
}

func TestValidatePeriodFacts(t *testing.T) {
	base := func(mod func(*ProgrammeFacts)) ProgrammeFacts {
		f := ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30")}
		mod(&f)
		return f
	}
	tests := []struct {
		name  string
		facts ProgrammeFacts
		want  []string // substrings of the error; none for valid facts
	}{
		{"valid", base(func(f *ProgrammeFacts) {}), nil},
		{"back-to-back decisions are valid", base(func(f *ProgrammeFacts) {
			f.Decisions = ptPs("2026-01-05..2027-01-04", "2027-01-05..2028-01-04")
		}), nil},
		{"one-day periods are valid", base(func(f *ProgrammeFacts) {
			f.Leave = ptPs("2026-03-01..2026-03-01")
		}), nil},
		{"overlapping decisions", base(func(f *ProgrammeFacts) {
			f.Decisions = ptPs("2026-01-05..2027-01-04", "2027-01-04..2028-01-03")
		}), []string{"decisions[1]: 2027-01-04..2028-01-03 overlaps decisions[0] 2026-01-05..2027-01-04"}},
		{"overlap named by the later index, out of order", base(func(f *ProgrammeFacts) {
			f.Decisions = ptPs("2027-01-05..2028-01-04", "2026-01-05..2026-06-30", "2026-06-01..2027-01-04")
		}), []string{"decisions[2]:", "overlaps decisions[1]"}},
		{"decision ending before it starts", base(func(f *ProgrammeFacts) {
			f.Decisions = ptPs("2026-01-05..2026-12-31", "2027-02-01..2027-01-01")
		}), []string{"decisions[1]: 2027-02-01..2027-01-01 ends before it starts"}},
		{"leave ending before it starts", base(func(f *ProgrammeFacts) {
			f.Leave = ptPs("2026-03-10..2026-03-01")
		}), []string{"leave[0]: 2026-03-10..2026-03-01 ends before it starts"}},
		{"interruption ending before it starts", base(func(f *ProgrammeFacts) {
			f.Interruptions = ptIs("2026-03-01..2026-03-10", "2026-04-01..2026-04-10", "2026-06-02..2026-06-01")
		}), []string{"interruptions[2]:"}},
		{"all problems reported", base(func(f *ProgrammeFacts) {
			f.Leave = ptPs("2026-03-10..2026-03-01")
			f.Interruptions = ptIs("2026-06-02..2026-06-01")
		}), []string{"leave[0]:", "interruptions[0]:"}},
		{"one interruption still running is valid", base(func(f *ProgrammeFacts) {
			f.Interruptions = ptIs("2026-03-01..2026-03-10", "2026-06-01..")
		}), nil},
		{"two interruptions still running", base(func(f *ProgrammeFacts) {
			f.Interruptions = ptIs("2026-06-01..", "2026-03-01..2026-03-10", "2026-08-01..")
		}), []string{"interruptions[2]: 2026-08-01.. has no end date, nor has interruptions[0] 2026-06-01..: only one interruption can be still running"}},
		{"interruption still running from a year out of range", base(func(f *ProgrammeFacts) {
			f.Interruptions = []Interruption{{From: NewDate(2200, 1, 1)}}
		}), []string{"interruptions[0]:", "2200"}},
		{"both duration regimes are valid", base(func(f *ProgrammeFacts) {
			f.DurationRegime = DurationRegimeAssessed
		}), nil},
		{"unknown duration regime", base(func(f *ProgrammeFacts) {
			f.DurationRegime = "today"
		}), []string{`duration_regime: "today" is not one of start, assessed`}},
		{"date out of range", base(func(f *ProgrammeFacts) {
			f.Start = NewDate(1850, 1, 1)
		}), []string{"start:", "1850"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.facts.Validate()
			_, evalErr := EvaluatePeriod(tt.facts)
			if len(tt.want) == 0 {
				if err != nil || evalErr != nil {
					t.Fatalf("Validate() = %v, EvaluatePeriod error %v; want none", err, evalErr)
				}
				return
			}
			if err == nil || evalErr == nil {
				t.Fatalf("Validate() = %v, EvaluatePeriod error %v; want an error", err, evalErr)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLeaveOutsideIsWarningNotError(t *testing.T) {
	f := ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30"),
		Leave: ptPs("2025-01-01..2025-02-01")}
	if err := f.Validate(); err != nil {
		t.Fatalf("leave before the start rejected: %v", err)
	}
	r, err := EvaluatePeriod(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := ptCodes(r.Warnings); !slices.Equal(got, []string{WarnAbsenceBeforeStart.ID}) {
		t.Errorf("warnings = %v", got)
	}
	if r.LatestEnd != ptD("2028-01-04") {
		t.Errorf("leave before the start moved the end to %s", r.LatestEnd)
	}
}

func TestInterruptedDays(t *testing.T) {
	s := ProgrammeFacts{Interruptions: ptIs(
		"2026-03-01..2026-03-10",
		"2026-03-11..2026-03-20", // back to back
		"2026-03-15..2026-03-25", // overlapping
		"2026-05-01..2026-04-01", // backwards: covers nothing
		"2026-12-30..2027-01-02", // over a year end
	)}.InterruptedDays()
	for _, tt := range []struct {
		d    string
		want bool
	}{
		{"2026-02-28", false},
		{"2026-03-01", true},
		{"2026-03-10", true},
		{"2026-03-11", true},
		{"2026-03-25", true},
		{"2026-03-26", false},
		{"2026-04-15", false},
		{"2026-12-31", true},
		{"2027-01-01", true},
		{"2027-01-03", false},
	} {
		if got := s.Contains(ptD(tt.d)); got != tt.want {
			t.Errorf("Contains(%s) = %v, want %v", tt.d, got, tt.want)
		}
	}
	for _, tt := range []struct {
		p    string
		want int
	}{
		{"2026-01-01..2026-12-31", 27},
		{"2026-03-05..2026-03-06", 2},
		{"2026-04-01..2026-04-30", 0},
		{"2027-01-01..2027-01-31", 2},
	} {
		if got := s.Count(ptP(tt.p)); got != tt.want {
			t.Errorf("Count(%s) = %d, want %d", tt.p, got, tt.want)
		}
	}
	if NewInterruptedDays(nil).Contains(ptD("2026-01-01")) {
		t.Error("no interruptions contain a day")
	}
}

func TestPeriodReportJSONAndLines(t *testing.T) {
	r, err := EvaluatePeriod(ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"warnings":[]`, `"latest_end":"2028-01-04"`, `"latest_end_extended":"2029-01-04"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("JSON has a null: %s", b)
	}
	lines := r.Lines()
	if len(lines) < 5 {
		t.Fatalf("Lines() = %v", lines)
	}
	for _, l := range lines {
		if l.Label.Code == "" || l.Value.Code == "" || l.Ref == "" {
			t.Errorf("incomplete line %+v", l)
		}
	}
}

// TestPeriodWarningWording checks the words of warnings whose numbers or
// references once read wrongly ("1 days", "…(2018–2019)))").
func TestPeriodWarningWording(t *testing.T) {
	tests := []struct {
		name  string
		facts ProgrammeFacts
		code  string
		want  []string // substrings of the message
	}{
		{name: "missed by one day: singular",
			facts: ProgrammeFacts{Start: ptD("2026-07-16"), ApplicationDate: ptDp("2026-01-15"), EvalDate: ptD("2026-07-16")},
			code:  WarnStartDeadlineMissed.ID, want: []string{"started 2026-07-16, 1 day after the deadline 2026-07-15"}},
		{name: "missed by two days: plural",
			facts: ProgrammeFacts{Start: ptD("2026-07-17"), ApplicationDate: ptDp("2026-01-15"), EvalDate: ptD("2026-07-17")},
			code:  WarnStartDeadlineMissed.ID, want: []string{"started 2026-07-17, 2 days after the deadline 2026-07-15"}},
		{name: "gap between decisions",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-07-15"),
				Decisions: ptPs("2026-01-05..2026-06-30", "2026-08-01..2027-01-04")},
			code: WarnNoDecisionGap.ID,
			want: []string{"no decision (vedtak) is in force on 2026-07-15",
				"between decisions[0] 2026-01-05..2026-06-30 and decisions[1] 2026-08-01..2027-01-04"}},
		{name: "the nearest decisions of an unsorted list",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-07-15"),
				Decisions: ptPs("2026-09-01..2027-01-04", "2026-01-05..2026-03-31", "2026-04-01..2026-06-30", "2026-08-01..2026-08-31")},
			code: WarnNoDecisionGap.ID,
			want: []string{"between decisions[2] 2026-04-01..2026-06-30 and decisions[3] 2026-08-01..2026-08-31"}},
		{name: "a registered interruption of more than a year, before its year is up",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-09-30"),
				Interruptions: ptIs("2026-06-01..2027-12-31")},
			code: WarnInterruptionYearAhead.ID,
			want: []string{"the programme is interrupted 2026-06-01..2027-12-31, for one year on 2027-05-31: it must be ended by then"}},
		{name: "an interruption still running, past its year",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2027-05-31"),
				Interruptions: ptIs("2026-06-01..")},
			code: WarnInterruptionYearReached.ID,
			want: []string{"the programme has been interrupted since 2026-06-01, for one year on 2027-05-31: it must be ended"}},
		{name: "an interruption still running that has not started",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-05-31"),
				Interruptions: ptIs("2026-06-01..")},
			code: WarnOpenNotStarted.ID,
			want: []string{"interruptions[0] 2026-06-01.. has no end date and starts after the evaluation date 2026-05-31: none of its days is counted"}},
		{name: "leave inside an interruption still running",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-07-01"),
				Leave: ptPs("2026-12-20..2027-01-10"), Interruptions: ptIs("2026-06-01..")},
			code: WarnOverlap.ID,
			want: []string{"interruptions[0] 2026-06-01.. overlaps leave[0] 2026-12-20..2027-01-10"}},
		{name: "before the first decision, one day",
			facts: ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-01-31"),
				Decisions: ptPs("2026-02-01..2027-01-04")},
			code: WarnNoDecisionBeforeFirst.ID,
			want: []string{"in force on 2026-01-31, before the first one: decisions[0] 2026-02-01..2027-01-04 starts 1 day later"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := EvaluatePeriod(tt.facts)
			if err != nil {
				t.Fatal(err)
			}
			var found *Warning
			for i, w := range r.Warnings {
				if w.Code == tt.code {
					found = &r.Warnings[i]
				}
			}
			if found == nil {
				t.Fatalf("no %s warning in %+v", tt.code, r.Warnings)
			}
			for _, s := range tt.want {
				if !strings.Contains(found.String(), s) {
					t.Errorf("message %q does not contain %q", found.String(), s)
				}
			}
			if tt.code == WarnNoDecisionGap.ID && found.Ref != "KVP-forskriften § 2" {
				t.Errorf("reference = %q, want KVP-forskriften § 2", found.Ref)
			}
		})
	}
}

// TestPeriodNoDoubledParentheses: output puts the reference in parentheses
// after a warning and after the regime, so those must not read "((" or "))".
func TestPeriodNoDoubledParentheses(t *testing.T) {
	cases := slices.Clone(periodCases)
	cases = append(cases, periodCase{name: "pre-2019 with warnings", facts: ProgrammeFacts{
		Start: ptD("2017-01-02"), Extended: true, ApplicationDate: ptDp("2016-01-04"), EvalDate: ptD("2019-06-30"),
		Decisions: ptPs("2017-01-02..2018-06-30"), Leave: ptPs("2016-12-01..2017-01-10")}})
	seen := 0
	for _, tc := range cases {
		r, err := EvaluatePeriod(tc.facts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		texts := []string{"regime " + r.Regime + " (" + r.RegimeRef + ")"}
		for _, w := range r.Warnings {
			texts = append(texts, w.Code+": "+w.String()+" ("+w.Ref+")")
			seen++
		}
		for _, s := range texts {
			if strings.Contains(s, "))") || strings.Contains(s, "((") {
				t.Errorf("%s: doubled parentheses in %q", tc.name, s)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no warnings seen")
	}
}

// TestLatestEndIndependentOfDate: a registered interruption with an end date
// counts whole, whatever the evaluation date. Once the evaluation date fell
// inside it, only its days through that date were counted, and the latest end
// moved earlier (2028-06-28 on 2026-11-23).
//
// By hand: two years from 2026-01-05 end on 2028-01-04 (730 days, no 29
// February inside). 2026-06-01..2026-12-31 is 30 + 31 + 31 + 30 + 31 + 30 + 31
// = 214 days, each pushing the end one day: from 2028-01-04, 27 days to
// 2028-01-31, then 29 (February 2028) + 31 + 30 + 31 + 30 + 31 = 182 to
// 2028-07-31 (209 in all), and 5 more: 2028-08-05. With the extra year:
// 2029-01-04 + 214; 2029 has no 29 February: 27 + 28 + 31 + 30 + 31 + 30 + 31
// = 208 to 2029-07-31, and 6 more: 2029-08-06.
func TestLatestEndIndependentOfDate(t *testing.T) {
	for _, on := range []string{"2026-05-01", "2026-06-01", "2026-11-23", "2026-12-31", "2027-01-15"} {
		f := ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD(on),
			Interruptions: ptIs("2026-06-01..2026-12-31")}
		r, err := EvaluatePeriod(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.LatestEnd.String(); got != "2028-08-05" {
			t.Errorf("evaluated %s: LatestEnd = %s, want 2028-08-05", on, got)
		}
		if got := ptStr(r.LatestEndExtended); got != "2029-08-06" {
			t.Errorf("evaluated %s: LatestEndExtended = %s, want 2029-08-06", on, got)
		}
	}
}

func TestParseInterruption(t *testing.T) {
	for _, tt := range []struct {
		in, want, err string
	}{
		{in: "2026-06-01..2026-12-31", want: "2026-06-01..2026-12-31"},
		{in: "2026-06-01..2026-06-01", want: "2026-06-01..2026-06-01"},
		{in: "2026-06-01..", want: "2026-06-01.."},
		{in: "2026-06-01", err: `"2026-06-01" is not a period: expected FROM..TO, or FROM.. for an interruption still running`},
		{in: "2026-06-31..", err: `"2026-06-31" does not exist`},
		{in: "2026-06-01...", err: `"2026-06-01." is not a date`},
		{in: "..2026-06-01", err: `"" is not a date`},
		{in: "2026-06-02..2026-06-01", err: `"2026-06-02..2026-06-01" ends before it starts`},
	} {
		got, err := ParseInterruption(tt.in)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseInterruption(%q) error = %v, want %q", tt.in, err, tt.err)
			}
		case err != nil:
			t.Errorf("ParseInterruption(%q): %v", tt.in, err)
		case got.String() != tt.want:
			t.Errorf("ParseInterruption(%q) = %s, want %s", tt.in, got, tt.want)
		case got.Open() != strings.HasSuffix(tt.want, ".."):
			t.Errorf("ParseInterruption(%q).Open() = %v", tt.in, got.Open())
		}
		// A closed period reads as ParsePeriod reads it.
		if p, perr := ParsePeriod(tt.in); perr == nil && (err != nil || got.Through(0) != p) {
			t.Errorf("ParseInterruption(%q) = %v, %v; ParsePeriod gives %s", tt.in, got, err, p)
		}
	}
}

// TestOpenInterruption: one still running counts through the evaluation
// date, that day included, and the report says so. 2026-06-01..2026-09-30 is
// 122 days; 2026-06-01..2026-11-23 is 30 + 31 + 31 + 30 + 31 + 23 = 176, so
// the latest end moves from 2028-01-04 + 122 = 2028-05-05 to 2028-01-04 + 176
// = 2028-06-28 while the end-by date (§ 34) stays 2027-05-31.
func TestOpenInterruption(t *testing.T) {
	for _, tt := range []struct {
		on, latestEnd string
		days          int
	}{{"2026-09-30", "2028-05-05", 122}, {"2026-11-23", "2028-06-28", 176}} {
		r, err := EvaluatePeriod(ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD(tt.on),
			Interruptions: ptIs("2026-06-01..")})
		if err != nil {
			t.Fatal(err)
		}
		o := r.OpenInterruption
		if o == nil || o.From != ptD("2026-06-01") || o.CountedThrough != ptD(tt.on) || o.Days != tt.days {
			t.Errorf("%s: OpenInterruption = %+v, want from 2026-06-01 through %s, %d days", tt.on, o, tt.on, tt.days)
		}
		if r.LatestEnd.String() != tt.latestEnd {
			t.Errorf("%s: LatestEnd = %s, want %s", tt.on, r.LatestEnd, tt.latestEnd)
		}
		if ptStr(r.InterruptionEndBy) != "2027-05-31" || ptStr(r.InterruptedSince) != "2026-06-01" {
			t.Errorf("%s: interrupted since %s, end by %s", tt.on, ptStr(r.InterruptedSince), ptStr(r.InterruptionEndBy))
		}
		found := false
		for _, l := range r.Lines() {
			if l.Label.Code == LabelStillRunning.ID {
				found = true
				want := "since 2026-06-01, no end date: " + strconv.Itoa(tt.days) + " days counted through " + tt.on
				if l.Value.String() != want {
					t.Errorf("%s: line %q, want %q", tt.on, l.Value, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no line for the interruption still running", tt.on)
		}
	}
	// Registered with an end date, nothing is still running.
	r, err := EvaluatePeriod(ProgrammeFacts{Start: ptD("2026-01-05"), EvalDate: ptD("2026-09-30"),
		Interruptions: ptIs("2026-06-01..2026-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	if r.OpenInterruption != nil {
		t.Errorf("OpenInterruption = %+v for a registered interruption", r.OpenInterruption)
	}
	for _, e := range r.Timeline {
		if e.Ongoing {
			t.Errorf("entry %s is ongoing for a registered interruption", e.Period)
		}
	}
	// Days of an interruption still running, for the stipend: every day from its start.
	days := ProgrammeFacts{Interruptions: ptIs("2026-06-01..")}.InterruptedDays()
	if days.Contains(ptD("2026-05-31")) || !days.Contains(ptD("2026-06-01")) || !days.Contains(ptD("2199-12-31")) {
		t.Error("an interruption still running covers every day from its start")
	}
	if got := days.Count(ptP("2026-01-01..2026-12-31")); got != 214 {
		t.Errorf("Count(2026) = %d, want 214 (2026-06-01..2026-12-31)", got)
	}
}

// FuzzParseInterruption: what ParseInterruption accepts writes back to
// itself, and a closed period reads exactly as ParsePeriod reads it.
//
//	go test -run '^$' -fuzz '^FuzzParseInterruption$' -fuzztime 60s ./rules
func FuzzParseInterruption(f *testing.F) {
	for _, s := range []string{
		"2026-06-01..2026-12-31", "2026-06-01..", "2026-06-01...", "..2026-06-01", "2026-06-01",
		"2026-02-30..", "2026-06-02..2026-06-01", "..", "", "2026-06-01....",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseInterruption(s)
		p, perr := ParsePeriod(s)
		if perr == nil && (err != nil || in.Open() || in.Through(0) != p) {
			t.Fatalf("ParseInterruption(%q) = %v, %v; ParsePeriod gives %s", s, in, err, p)
		}
		if err != nil {
			fuzzCleanError(t, s, err)
			return
		}
		if in.Open() != strings.HasSuffix(s, "..") {
			t.Fatalf("ParseInterruption(%q).Open() = %v", s, in.Open())
		}
		back, err := ParseInterruption(in.String())
		if err != nil || back.String() != in.String() || back.Open() != in.Open() {
			t.Fatalf("round trip of %q via %q: %v, %v", s, in.String(), back, err)
		}
	})
}
