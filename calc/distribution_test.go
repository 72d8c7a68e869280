package calc

import (
	"slices"
	"testing"
)

// TestDistribution: the summary of a caseload's changes, worked by hand.
func TestDistribution(t *testing.T) {
	m := func(v Money) *Money { return &v }
	for _, c := range []struct {
		name    string
		changes []Money
		want    Distribution
	}{
		{
			// sorted −100, 0, 0, 50, 250 kroner; total 200, mean 200 / 5 = 40.
			// h = 4k/10: k=1 h=0.4: −100 + 0.4·100 = −60; k=2 h=0.8: −20;
			// k=3 h=1.2 and k=4 h=1.6: 0; k=5 h=2: 0 (the median);
			// k=6 h=2.4: 0 + 0.4·50 = 20; k=7 h=2.8: 40; k=8 h=3.2: 50 + 0.2·200 = 90; k=9 h=3.6: 170.
			"five cases", []Money{25000, -10000, 0, 5000, 0},
			Distribution{TotalChange: 20000, BetterOff: 2, WorseOff: 1, Unchanged: 2, MeanChange: m(4000), MedianChange: m(0),
				Deciles: []Money{-6000, -2000, 0, 0, 0, 2000, 4000, 9000, 17000}},
		},
		{
			// 1 and 2 øre: mean 1.5 → 2 (half away from zero); k=1 h=0.1: 1.1 → 1;
			// k=5 h=0.5: 1.5 → 2; k=9 h=0.9: 1.9 → 2.
			"half an øre up", []Money{2, 1},
			Distribution{TotalChange: 3, BetterOff: 2, MeanChange: m(2), MedianChange: m(2),
				Deciles: []Money{1, 1, 1, 1, 2, 2, 2, 2, 2}},
		},
		{
			// −2 and −1 øre: mean −1.5 → −2; median −1.5 → −2 (away from zero); k=4 h=0.4: −1.6 → −2; k=6 h=0.6: −1.4 → −1.
			"half an øre down", []Money{-1, -2},
			Distribution{TotalChange: -3, WorseOff: 2, MeanChange: m(-2), MedianChange: m(-2),
				Deciles: []Money{-2, -2, -2, -2, -2, -1, -1, -1, -1}},
		},
		{"one case", []Money{700}, Distribution{TotalChange: 700, BetterOff: 1, MeanChange: m(700), MedianChange: m(700),
			Deciles: []Money{700, 700, 700, 700, 700, 700, 700, 700, 700}}},
		{"none", nil, Distribution{Deciles: []Money{}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := slices.Clone(c.changes)
			got := NewDistribution(c.changes)
			if !slices.Equal(in, c.changes) {
				t.Error("the changes were reordered")
			}
			if got.TotalChange != c.want.TotalChange || got.BetterOff != c.want.BetterOff || got.WorseOff != c.want.WorseOff || got.Unchanged != c.want.Unchanged {
				t.Errorf("counts %+v, want %+v", got, c.want)
			}
			if (got.MeanChange == nil) != (c.want.MeanChange == nil) || got.MeanChange != nil && *got.MeanChange != *c.want.MeanChange {
				t.Errorf("mean %v, want %v", got.MeanChange, c.want.MeanChange)
			}
			if (got.MedianChange == nil) != (c.want.MedianChange == nil) || got.MedianChange != nil && *got.MedianChange != *c.want.MedianChange {
				t.Errorf("median %v, want %v", got.MedianChange, c.want.MedianChange)
			}
			if !slices.Equal(got.Deciles, c.want.Deciles) {
				t.Errorf("deciles %v, want %v", got.Deciles, c.want.Deciles)
			}
		})
	}
}
