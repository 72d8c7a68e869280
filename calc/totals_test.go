package calc

import (
	"reflect"
	"testing"

	"kvp/rules"
)

// TestTotalsCalculator: a totals-only Calculator gives every figure a full
// one gives, and no parameter list.
func TestTotalsCalculator(t *testing.T) {
	p := params(t)
	full, totals := NewCalculator(p), NewTotalsCalculator(p)
	for _, c := range []Case{
		{BirthDate: date(t, "2002-03-15"), Period: rules.Period{From: date(t, "2026-01-01"), To: date(t, "2027-12-31")},
			ChildBirthDates: []rules.Date{date(t, "2009-06-10")}, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday},
		{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-03-01"), To: date(t, "2026-05-31")}, Children: 2,
			Work:     []WorkHours{{Period: rules.Period{From: date(t, "2026-03-01"), To: date(t, "2026-04-30")}, Hours: dec("15")}},
			Absence:  []Absence{{Date: date(t, "2026-05-06")}},
			Rounding: RoundingExact, AgeSwitch: AgeSwitchNextMonth},
	} {
		want, err := full.Stipend(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := totals.Stipend(c)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Parameters) == 0 || got.Parameters != nil {
			t.Errorf("parameters: full %d, totals %v", len(want.Parameters), got.Parameters)
		}
		want.Parameters = nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: totals-only result differs:\n%+v\n%+v", c.Period, got, want)
		}
	}
}
