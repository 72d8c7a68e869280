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
