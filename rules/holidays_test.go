package rules

import "testing"

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25"} {
		if got := Easter(y).String(); got != want {
			t.Errorf("Easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestPublicHolidays2026(t *testing.T) {
	want := []string{"2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-17", "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"}
	got := PublicHolidays(2026)
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("holiday %d = %s, want %s", i, got[i], want[i])
		}
	}
	if !IsPublicHoliday(mustDate(t, "2026-05-14")) || IsPublicHoliday(mustDate(t, "2026-05-13")) {
		t.Error("Ascension Day 2026 is 14 May")
	}
	if IsWorkingDay(mustDate(t, "2026-05-01")) || !IsWorkingDay(mustDate(t, "2026-05-04")) || IsWorkingDay(mustDate(t, "2026-05-02")) {
		t.Error("IsWorkingDay")
	}
}

// TestPublicHolidaysYears checks every holiday of three years against dates
// worked out by hand from Easter (2025: 20 April, 2026: 5 April, 2027: 28
// March): skjærtorsdag −3, langfredag −2, 2. påskedag +1, Kristi
// himmelfartsdag +39, 1. pinsedag +49, 2. pinsedag +50.
func TestPublicHolidaysYears(t *testing.T) {
	for y, want := range map[int][]string{
		2025: {"2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-17", "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-17", "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"},
		2027: {"2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-17", "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26"},
	} {
		got := PublicHolidays(y)
		if len(got) != len(want) {
			t.Fatalf("%d: %d holidays, want %d", y, len(got), len(want))
		}
		for i := range want {
			if got[i].String() != want[i] {
				t.Errorf("%d: holiday %d = %s, want %s", y, i, got[i], want[i])
			}
		}
	}
}

func TestWorkingDayOnOrBefore(t *testing.T) {
	for _, c := range []struct{ in, want, why string }{
		{"2026-05-12", "2026-05-12", "a Tuesday"},
		{"2026-05-10", "2026-05-08", "a Sunday: Friday before"},
		{"2026-05-17", "2026-05-15", "17 May, a Sunday"},
		{"2026-05-25", "2026-05-22", "2. pinsedag, Monday: Friday before"},
		{"2026-05-14", "2026-05-13", "Kristi himmelfartsdag, Thursday"},
		{"2026-04-06", "2026-04-01", "2. påskedag: back past Easter to Wednesday"},
		{"2027-01-01", "2026-12-31", "nyttårsdag, Friday: Thursday the year before"},
		{"2026-12-26", "2026-12-24", "2. juledag, Saturday, after 1. juledag"},
	} {
		if got := WorkingDayOnOrBefore(mustDate(t, c.in)).String(); got != c.want {
			t.Errorf("WorkingDayOnOrBefore(%s) = %s, want %s (%s)", c.in, got, c.want, c.why)
		}
	}
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"2026-05-10", 2, "2026-05-12"}, // Sunday + 2 working days: Mon 11, Tue 12
		{"2026-05-13", 1, "2026-05-15"}, // Wed + 1: Thursday 14 is a holiday
		{"2026-05-16", 0, "2026-05-15"},
	} {
		if got := WorkingDaysAfter(mustDate(t, c.in), c.n).String(); got != c.want {
			t.Errorf("WorkingDaysAfter(%s, %d) = %s, want %s", c.in, c.n, got, c.want)
		}
	}
}

// TestIsPublicHolidayMatchesList checks IsPublicHoliday, which does not build
// the list, against PublicHolidays on every day of 1900–2200: each listed day
// is a holiday and no other day is.
func TestIsPublicHolidayMatchesList(t *testing.T) {
	holidays := 0
	for d := NewDate(1900, 1, 1); d <= NewDate(2200, 12, 31); d++ {
		want := false
		for _, h := range PublicHolidays(d.Year()) {
			want = want || h == d
		}
		if got := IsPublicHoliday(d); got != want {
			t.Fatalf("IsPublicHoliday(%s) = %v, want %v", d, got, want)
		}
		if want {
			holidays++
		}
	}
	// 301 years × 12 holidays, less the years where 17 May is Kristi
	// himmelfartsdag or a pinsedag (counted once): fewer than 3612.
	if holidays < 3500 || holidays > 301*12 {
		t.Errorf("%d holidays in 301 years", holidays)
	}
}
