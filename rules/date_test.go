package rules

import (
	"testing"
	"time"
)

func TestDateRoundTripAgainstTime(t *testing.T) {
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 300*366; i += 7 {
		tm := start.AddDate(0, 0, i)
		d := NewDate(tm.Year(), int(tm.Month()), tm.Day())
		y, m, day := d.YMD()
		if y != tm.Year() || m != int(tm.Month()) || day != tm.Day() {
			t.Fatalf("%s: YMD gave %d-%d-%d", tm.Format(time.DateOnly), y, m, day)
		}
		if got, want := d.String(), tm.Format(time.DateOnly); got != want {
			t.Fatalf("String() = %s, want %s", got, want)
		}
		wantWd := (int(tm.Weekday()) + 6) % 7
		if d.Weekday() != wantWd {
			t.Fatalf("%s: Weekday() = %d, want %d", tm.Format(time.DateOnly), d.Weekday(), wantWd)
		}
		if int(d) != int(tm.Sub(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)).Hours()/24) {
			t.Fatalf("%s: day number %d", tm.Format(time.DateOnly), d)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2026-05-01", "2026-05-01", true},
		{"2024-02-29", "2024-02-29", true},
		{"2026-02-29", "", false},
		{"2026-02-30", "", false},
		{"2026-13-01", "", false},
		{"2026-00-10", "", false},
		{"2026-1-01", "", false},
		{"26-01-01xx", "", false},
		{"+026-01-01", "", false},
		{"99999-01-01", "", false},
		{"1899-12-31", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %s", tt.in, d)
		}
	}
}

func TestAddYearsAndBirthday(t *testing.T) {
	tests := []struct {
		from  string
		years int
		want  string
	}{
		{"2026-01-05", 2, "2028-01-05"},
		{"2000-02-29", 25, "2025-03-01"},
		{"2000-02-29", 24, "2024-02-29"},
		{"2024-02-29", 1, "2025-03-01"},
		{"1999-08-20", 25, "2024-08-20"},
	}
	for _, tt := range tests {
		got := mustDate(t, tt.from).AddYears(tt.years)
		if got.String() != tt.want {
			t.Errorf("%s + %d years = %s, want %s", tt.from, tt.years, got, tt.want)
		}
	}
}

func TestBirthdayLeapConventions(t *testing.T) {
	tests := []struct {
		birth string
		age   int
		leap  LeapBirthday
		want  string
	}{
		{"2000-02-29", 25, "", "2025-02-28"}, // the default is feb28
		{"2000-02-29", 25, LeapFeb28, "2025-02-28"},
		{"2000-02-29", 25, LeapMar1, "2025-03-01"},
		{"2000-02-29", 24, LeapFeb28, "2024-02-29"}, // a leap year keeps 29 February
		{"2000-02-29", 24, LeapMar1, "2024-02-29"},
		{"2008-02-29", 18, LeapFeb28, "2026-02-28"},
		{"1960-02-29", 67, LeapFeb28, "2027-02-28"},
		{"2000-02-28", 25, LeapMar1, "2025-02-28"}, // only 29 February moves
		{"2000-03-01", 25, LeapFeb28, "2025-03-01"},
		{"1999-08-20", 25, LeapFeb28, "2024-08-20"},
	}
	for _, tt := range tests {
		if got := Birthday(mustDate(t, tt.birth), tt.age, tt.leap); got.String() != tt.want {
			t.Errorf("Birthday(%s, %d, %q) = %s, want %s", tt.birth, tt.age, tt.leap, got, tt.want)
		}
	}
}

func TestWeekdays(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-01-01", "2026-12-31", 261},
		{"2026-05-02", "2026-05-03", 0}, // Saturday and Sunday
		{"2026-05-04", "2026-05-04", 1},
		{"2026-05-01", "2026-05-31", 21},
		{"2024-01-01", "2024-12-31", 262},
		{"2026-05-05", "2026-05-04", 0},
	}
	for _, tt := range tests {
		if got := Weekdays(mustDate(t, tt.from), mustDate(t, tt.to)); got != tt.want {
			t.Errorf("Weekdays(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
	// brute force against IsWeekday
	a := mustDate(t, "2025-12-20")
	for n := 0; n < 40; n++ {
		count := 0
		for d := a; d <= a.AddDays(n); d++ {
			if d.IsWeekday() {
				count++
			}
		}
		if got := Weekdays(a, a.AddDays(n)); got != count {
			t.Fatalf("Weekdays over %d days = %d, want %d", n+1, got, count)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	p, err := ParsePeriod("2026-01-01..2026-06-30")
	if err != nil || p.Days() != 181 {
		t.Fatalf("ParsePeriod: %v %v", p, err)
	}
	for _, bad := range []string{"2026-06-30..2026-01-01", "2026-01-01", "2026-01-01..", "..2026-01-01", "2026-02-30..2026-03-01"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestAppendISO: AppendISO appends what String returns, in and out of years
// 0–9999, after what the buffer holds.
func TestAppendISO(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{{NewDate(2026, 5, 1), "2026-05-01"}, {NewDate(1, 1, 9), "0001-01-09"}, {NewDate(9999, 12, 31), "9999-12-31"},
		{NewDate(10000, 1, 1), "10000-01-01"}, {NewDate(-1, 3, 4), "-1-03-04"}} {
		if got := string(c.d.AppendISO([]byte("x"))); got != "x"+c.want || c.d.String() != c.want {
			t.Errorf("AppendISO(%v) = %q, String %q, want %q", int(c.d), got, c.d.String(), c.want)
		}
	}
}
