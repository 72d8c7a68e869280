package calc

import (
	"testing"

	"kvp/rules"
)

// TestChildrenCounted: the result names each child of the case's birth
// dates with the last day counted, the day before the 18th birthday, as the
// segments are cut. By hand: born 2008-06-10 turns 18 on 2026-06-10, last
// counted 2026-06-09; born 2008-02-29 turns 18 on 2026-02-28 under feb28
// (last 2026-02-27) and on 2026-03-01 under mar1 (last 2026-02-28).
func TestChildrenCounted(t *testing.T) {
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) rules.Date { return date(t, s) }
	for _, tc := range []struct {
		name  string
		born  rules.Date
		leap  rules.LeapBirthday
		last  rules.Date
		split rules.Date // the first day of the segment without the child
	}{
		{"ordinary", d("2008-06-10"), rules.LeapFeb28, d("2026-06-09"), d("2026-06-10")},
		{"leap feb28", d("2008-02-29"), rules.LeapFeb28, d("2026-02-27"), d("2026-02-28")},
		{"leap mar1", d("2008-02-29"), rules.LeapMar1, d("2026-02-28"), d("2026-03-01")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Stipend(p, Case{BirthDate: d("1990-01-01"), Period: rules.Period{From: d("2026-01-01"), To: d("2026-12-31")},
				ChildBirthDates: []rules.Date{tc.born}, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday, LeapBirthday: tc.leap})
			if err != nil {
				t.Fatal(err)
			}
			want := []ChildCounted{{BirthDate: tc.born, LastDay: tc.last}}
			if len(res.Children) != 1 || res.Children[0] != want[0] {
				t.Fatalf("children %+v, want %+v", res.Children, want)
			}
			for _, s := range res.Segments {
				if s.From <= tc.last && s.Children != 1 || s.From >= tc.split && s.Children != 0 {
					t.Errorf("segment %s–%s counts %d children", s.From, s.To, s.Children)
				}
			}
		})
	}
}
