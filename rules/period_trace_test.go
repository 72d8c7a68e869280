package rules

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// genProgramme draws the facts of one programme: a start on either side of
// 2019-01-01 and around 29 February, either duration regime, leave,
// registered and still-running interruptions, decisions and an extension.
func genProgramme(rng *rand.Rand) ProgrammeFacts {
	starts := []Date{NewDate(2017, 3, 1), NewDate(2018, 6, 1), NewDate(2018, 12, 31), NewDate(2019, 1, 1),
		NewDate(2020, 2, 29), NewDate(2023, 3, 1), NewDate(2024, 2, 28), NewDate(2026, 1, 5)}
	start := starts[rng.IntN(len(starts))].AddDays(rng.IntN(5) - 2)
	f := ProgrammeFacts{Start: start, EvalDate: start.AddDays(rng.IntN(1300) - 60), Extended: rng.IntN(2) == 0}
	if rng.IntN(2) == 0 {
		f.DurationRegime = DurationRegimeAssessed
	}
	span := func() Period {
		from := start.AddDays(rng.IntN(900) - 30)
		return Period{From: from, To: from.AddDays(rng.IntN(120))}
	}
	for range rng.IntN(3) {
		f.Leave = append(f.Leave, span())
	}
	for range rng.IntN(3) {
		f.Interruptions = append(f.Interruptions, ClosedInterruption(span()))
	}
	if rng.IntN(3) == 0 {
		f.Interruptions = append(f.Interruptions, Interruption{From: f.EvalDate.AddDays(rng.IntN(500) - 450)})
	}
	if rng.IntN(3) > 0 { // back-to-back decisions of a year
		d := start
		for range 1 + rng.IntN(3) {
			end := d.AddYears(1).AddDays(-1)
			f.Decisions = append(f.Decisions, Period{From: d, To: end})
			d = end + 1
		}
	}
	if rng.IntN(2) == 0 {
		app := start.AddDays(-rng.IntN(250))
		f.ApplicationDate = &app
	}
	return f
}

// TestPeriodStepsReplay replays every step EvaluatePeriodTraced records over
// generated programmes, and checks that each figure of the report has its step.
func TestPeriodStepsReplay(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	for i := range 3000 {
		f := genProgramme(rng)
		if f.Validate() != nil {
			continue
		}
		tr := &Trace{}
		r, err := EvaluatePeriodTraced(f, tr)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		results := map[string]string{}
		for j := range tr.Steps {
			s := &tr.Steps[j]
			if err := VerifyStep(s); err != nil {
				t.Fatalf("case %d %+v: %v", i, f, err)
			}
			results[s.Key] = s.Result
		}
		want := map[string]string{
			"period.latest_end":          r.LatestEnd.String(),
			"period.latest_end_extended": r.LatestEndExtended.String(),
			"period.used_through":        r.UsedThrough.String(),
			"period.used_days":           strconv.Itoa(r.UsedDays),
			"period.remaining_days":      strconv.Itoa(r.RemainingDays),
		}
		if f.Extended {
			want["period.limit_days_extended"] = strconv.Itoa(r.LimitDays)
		} else {
			want["period.limit_days"] = strconv.Itoa(r.LimitDays)
		}
		if r.NextDecisionDue != nil {
			want["period.next_decision_due"] = r.NextDecisionDue.String()
		}
		if r.InterruptionEndBy != nil {
			want["period.interruption_end_by"] = r.InterruptionEndBy.String()
		}
		if r.StartDeadlineMet != nil {
			want["period.start_deadline"] = map[bool]string{true: string(Met), false: string(NotMet)}[*r.StartDeadlineMet]
		}
		for k, v := range want {
			if results[k] != v {
				t.Fatalf("case %d %+v: step %s = %q, report says %q", i, f, k, results[k], v)
			}
		}
	}
}

// TestPeriodNoTrace: without a trace nothing is recorded, and the report is the same.
func TestPeriodNoTrace(t *testing.T) {
	f := ProgrammeFacts{Start: NewDate(2026, 1, 5), EvalDate: NewDate(2026, 11, 23), Leave: []Period{{From: NewDate(2026, 12, 20), To: NewDate(2027, 1, 10)}}}
	a, err := EvaluatePeriod(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trace{}
	b, _ := EvaluatePeriodTraced(f, tr)
	if a.LatestEnd != b.LatestEnd || a.UsedDays != b.UsedDays || len(tr.Steps) == 0 {
		t.Fatalf("traced %v/%d (%d steps), untraced %v/%d", b.LatestEnd, b.UsedDays, len(tr.Steps), a.LatestEnd, a.UsedDays)
	}
}
