package rules

import (
	"math"
	"testing"
)

// TestYMDAsCivil: YMD's fast path gives civil_from_days' year, month and
// day for every day from before its range (year −32 800) to year 12 900,
// at the edges of its range and at int32's ends.
func TestYMDAsCivil(t *testing.T) {
	check := func(d Date) {
		y, m, day := d.YMD()
		wy, wm, wd := d.ymdCivil()
		if y != wy || m != wm || day != wd {
			t.Fatalf("%d: YMD %d-%d-%d, civil %d-%d-%d", d, y, m, day, wy, wm, wd)
		}
	}
	for d := Date(-ymdK - 1000); d <= 4_000_000; d++ {
		check(d)
	}
	edge := Date(1<<30 - ymdK)
	for d := edge - 1000; d <= edge+1000; d++ {
		check(d)
	}
	for _, d := range []Date{math.MinInt32, math.MinInt32 + 1, math.MaxInt32 - 1, math.MaxInt32} {
		check(d)
	}
	// By hand: day 0 is 1970-01-01, day 19 782 is 2024-02-29 (54 years
	// of 365 days and 13 leap days to 2024-01-01, then 31 + 28).
	for _, c := range []struct {
		d         Date
		y, m, day int
	}{{0, 1970, 1, 1}, {-1, 1969, 12, 31}, {19782, 2024, 2, 29}, {19783, 2024, 3, 1}} {
		if y, m, day := c.d.YMD(); y != c.y || m != c.m || day != c.day {
			t.Errorf("%d: %d-%d-%d, want %d-%d-%d", c.d, y, m, day, c.y, c.m, c.day)
		}
	}
}
