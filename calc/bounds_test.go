package calc

import (
	"testing"

	"kvp/rules"
)

// With every parameter at its bound (rules.Bounds), the most children and
// the longest period, the amounts are still exact: no int64 øre overflows
// (issue 16 #5). Day rate 10 000 000 × 10 / 1 = 100 000 000 kroner; child
// supplement 10 000 × 30 = 300 000 kroner a day; so every paid day is
// 100 300 000 kroner, and 60 years of them about 1.6 × 10^12 kroner.
func TestAmountsAtTheBounds(t *testing.T) {
	p := params(t)
	p.G.Items, p.Factor.Items, p.DayDivisor.Items, p.ChildSupplement.Items, p.Under25Share.Items = nil, nil, nil, nil, nil
	from := date(t, "1967-01-01")
	for key, v := range map[string]string{rules.KeyG: "10000000", rules.KeyFactor: "10", rules.KeyDayDivisor: "1",
		rules.KeyChildSupplement: "10000", rules.KeyUnder25Share: "2/3"} {
		if err := p.Set(key, from, v, "", "test", rules.OriginFlag); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	c := Case{BirthDate: date(t, "1940-01-01"), Period: rules.Period{From: date(t, "1970-01-01"), To: date(t, "2029-12-31")},
		Children: MaxChildren, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	if r.PaidDays < 60*250 {
		t.Fatalf("paid days %d: expected about 60 × 261", r.PaidDays)
	}
	want := Kroner(100_300_000 * int64(r.PaidDays))
	if r.Total.Net != want || r.Total.Stipend != Kroner(100_000_000*int64(r.PaidDays)) {
		t.Errorf("net %s (stipend %s), want %s = 100 300 000 × %d paid days", r.Total.Net, r.Total.Stipend, want, r.PaidDays)
	}
	checkAddsUp(t, r)
}
