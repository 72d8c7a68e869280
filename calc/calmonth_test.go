package calc

import (
	"testing"

	"kvp/rules"
)

// TestCalMonth: the month of a day, and the month after, as the schedule
// walks them, are the calendar's: 2024-02-10 is in February of a leap year
// (1–29); the month after is March (1–31); from 1899-12 to 2200-01 each
// month's next is the month its last day + 1 falls in.
func TestCalMonth(t *testing.T) {
	c := calMonthOf(rules.NewDate(2024, 2, 10))
	if c.first != rules.NewDate(2024, 2, 1) || c.last != rules.NewDate(2024, 2, 29) || c.ym != MonthOf(c.first) {
		t.Fatalf("February 2024: %+v", c)
	}
	if n := c.next(); n.first != rules.NewDate(2024, 3, 1) || n.last != rules.NewDate(2024, 3, 31) || n.ym != c.ym+1 {
		t.Fatalf("March 2024: %+v", n)
	}
	c = calMonthOf(rules.NewDate(1899, 12, 31))
	for c.first < rules.NewDate(2200, 1, 1) {
		n := c.next()
		if want := calMonthOf(c.last + 1); n != want {
			t.Fatalf("after %+v: %+v, want %+v", c, n, want)
		}
		for _, d := range []rules.Date{n.first, n.last, (n.first + n.last) / 2} {
			if got := calMonthOf(d); got != n {
				t.Fatalf("calMonthOf(%v) = %+v, want %+v", d, got, n)
			}
		}
		if y, m, _ := n.last.YMD(); rules.NewDate(y, m, rules.DaysInMonth(y, m)) != n.last || YearMonth(y*12+m-1) != n.ym {
			t.Fatalf("%+v does not end on its month's last day", n)
		}
		c = n
	}
}
