package calc

import (
	"strings"
	"testing"

	"kvp/rules"
)

// Every step the calculator records replays: its formula over its inputs,
// evaluated independently (rules.VerifyStep), gives its exact value and,
// under its rounding, its result. A calculator that changes a formula
// without its step fails here.
func TestPropertyStepsReplay(t *testing.T) {
	p := propParams(t)
	k := NewCalculator(p)
	g := newPropGen(7)
	keys := map[string]int{}
	for i := range propCases {
		c := g.next()
		c.Explain = true
		r, err := k.Stipend(c)
		if err != nil {
			t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
		}
		if len(r.Steps) == 0 {
			t.Fatalf("case %d: no steps recorded", i)
		}
		for j := range r.Steps {
			s := &r.Steps[j]
			keys[s.Key]++
			if err := rules.VerifyStep(s); err != nil {
				t.Fatalf("case %d (%s): step %d: %v", i, propDescribe(c), j, err)
			}
		}
		if last := r.Steps[len(r.Steps)-1]; last.Key != "stipend.total" || last.Result != r.Total.Net.String() {
			t.Fatalf("case %d: last step %s = %s, want the total %s", i, last.Key, last.Result, r.Total.Net)
		}
		on := c.Period.From
		for _, rounding := range []Rounding{RoundingNAV, RoundingExact} {
			tr := &rules.Trace{}
			if _, err := k.Rates(on, rounding, tr); err != nil {
				t.Fatal(err)
			}
			for j := range tr.Steps {
				keys[tr.Steps[j].Key]++
				if err := rules.VerifyStep(&tr.Steps[j]); err != nil {
					t.Fatalf("rates on %s (%s): %v", on, rounding, err)
				}
			}
		}
	}
	// Every kind of step was exercised.
	for _, key := range []string{"stipend.yearly", "stipend.day_rate", "stipend.child_per_day", "stipend.paid_days", "stipend.amount",
		"stipend.child_amount", "stipend.interruption", "stipend.absence", "stipend.work", "stipend.other_benefits", "stipend.month_net",
		"stipend.total", "rates.under_25.day_rate", "rates.25_and_over.monthly", "rates.child_per_year"} {
		if keys[key] == 0 {
			t.Errorf("no step %s was recorded over %d cases", key, propCases)
		}
	}
}

// Without Explain nothing is recorded, so a batch pays nothing for it.
func TestNoStepsWithoutExplain(t *testing.T) {
	r, err := Stipend(params(t), Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-05-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday})
	if err != nil || r.Steps != nil {
		t.Fatalf("steps %v, err %v", r.Steps, err)
	}
}

// A hand-checked trace: the day rate across 1 May 2026 (kvp-rules.md § 5).
func TestStepsAcrossMay(t *testing.T) {
	r, err := Stipend(params(t), Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-05-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Steps {
		if s.Key == "stipend.day_rate" {
			got = append(got, s.Expand(func(_, v string) string { return v })+" = "+s.Exact+" → "+s.Result)
		}
	}
	want := "2.041 × 130160 / 260 = 1021.756 → 1022|2.041 × 136549 / 260 = 1071.90965 → 1072"
	if strings.Join(got, "|") != want {
		t.Errorf("day rates %q, want %q", got, want)
	}
}
