package calc

import "testing"

func TestCompare(t *testing.T) {
	tests := []struct {
		base, scen Money
		diff       Money
		percent    string // "" for none
	}{
		{Kroner(1000), Kroner(1100), Kroner(100), "10.00"},
		{Kroner(1000), Kroner(900), Kroner(-100), "-10.00"},
		{Kroner(3), Kroner(4), Kroner(1), "33.33"}, // 1/3 to two places
		{Kroner(3), Kroner(5), Kroner(2), "66.67"}, // half up
		{0, Kroner(50), Kroner(50), ""},            // no per cent of zero
		{Kroner(7), Kroner(7), 0, "0.00"},
	}
	for _, tt := range tests {
		c := Compare(tt.base, tt.scen)
		got := ""
		if c.Percent != nil {
			got = *c.Percent
		}
		if c.Difference != tt.diff || got != tt.percent || c.Baseline != tt.base || c.Scenario != tt.scen {
			t.Errorf("Compare(%s, %s) = %+v (%q), want %s and %q", tt.base, tt.scen, c, got, tt.diff, tt.percent)
		}
	}
}

func TestCompareKnown(t *testing.T) {
	a, b := Kroner(100), Kroner(130)
	if d := CompareKnown(&a, &b); d == nil || *d != Kroner(30) {
		t.Errorf("known: %v", d)
	}
	// A tax unknown on either side has an unknown difference, never −tax.
	if d := CompareKnown(&a, nil); d != nil {
		t.Errorf("known − unknown = %s, want unknown", *d)
	}
	if d := CompareKnown(nil, &b); d != nil {
		t.Errorf("unknown − known = %s, want unknown", *d)
	}
}

func TestAmountsSub(t *testing.T) {
	a := Amounts{Stipend: 10, ChildSupplement: 5, Interruption: -1, Absence: -2, Work: -3, OtherBenefits: -4, Net: 5}
	if got := a.Sub(a); got != (Amounts{}) {
		t.Errorf("a − a = %+v", got)
	}
	b := Amounts{Stipend: 4, Net: 4}
	if got := a.Sub(b); got.Stipend != 6 || got.Net != 1 || got.Work != -3 {
		t.Errorf("a − b = %+v", got)
	}
}
