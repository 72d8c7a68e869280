package calc

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

func params(t testing.TB) *rules.Params {
	t.Helper()
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func date(t testing.TB, s string) rules.Date {
	t.Helper()
	d, err := rules.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPublishedYearlyAmounts reproduces the figures on nav.no (kvp-rules.md § 5).
func TestPublishedYearlyAmounts(t *testing.T) {
	tests := []struct {
		date, full, under25 string
	}{
		{"2024-04-09", "237240", "158160"},
		{"2024-07-01", "253141", "168761"},
		{"2025-05-01", "265657", "177104"},
		{"2023-05-01", "237240", "158160"},
	}
	for _, tt := range tests {
		r, err := RatesOn(params(t), date(t, tt.date), RoundingNAV)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Bands[0].Yearly.StringFixed(0); got != tt.full {
			t.Errorf("%s: yearly = %s, want %s", tt.date, got, tt.full)
		}
		if got := r.Bands[1].Yearly.StringFixed(0); got != tt.under25 {
			t.Errorf("%s: under 25 yearly = %s, want %s", tt.date, got, tt.under25)
		}
	}
	r, _ := RatesOn(params(t), date(t, "2026-01-01"), RoundingNAV)
	if r.ChildSupplementDay.String() != "38.00" {
		t.Errorf("child supplement 2026 = %s, want 38", r.ChildSupplementDay)
	}
	// 2.041 × 130 160 / 260 = 1 021.756 → 1 022 (nav) or 1 021.76 shown (exact).
	if r.Bands[0].Daily.String() != "1022.00" || r.Bands[0].DailyExact != "1021.756" {
		t.Errorf("daily 2026-01-01 = %s (%s)", r.Bands[0].Daily, r.Bands[0].DailyExact)
	}
	if r.Bands[0].Monthly.String() != "22138.05" { // 265 656.56 / 12 = 22 138.0466…
		t.Errorf("monthly = %s", r.Bands[0].Monthly)
	}
}

// Hand-computed cases. Day rates (nav): 2 × 124 028 / 260 = 954.06 → 954;
// 2.041 × 124 028 / 260 = 973.62 → 974; 2.041 × 130 160 / 260 = 1 021.76 → 1 022;
// 2.041 × 136 549 / 260 = 1 071.91 → 1 072; under 25 with G 130 160: 681.17 → 681;
// under 25 with G 124 028 and 2.041: 649.08 → 649.
func TestStipendHandComputed(t *testing.T) {
	tests := []struct {
		name     string
		c        Case
		rounding Rounding
		total    string
		stipend  string
		child    string
		paidDays int
		segments int
	}{
		{"across 1 May 2026", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-05-31")}},
			RoundingNAV, "44996.00", "44996.00", "0.00", 43, 2}, // 1022 × 22 + 1072 × 21
		{"across 1 May 2026, exact", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-05-31")}},
			RoundingExact, "44988.73", "44988.73", "0.00", 43, 2}, // 1021.756 × 22 = 22 478.632 → 22 478.63; 1071.90965 × 21 = 22 510.10265 → 22 510.10
		{"across 2024-07-01", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2024-06-01"), To: date(t, "2024-07-31")}},
			RoundingNAV, "41482.00", "41482.00", "0.00", 43, 2}, // 954 × 20 + 974 × 23
		{"25th birthday mid-month, birthday switch", Case{BirthDate: date(t, "2001-03-15"), Period: rules.Period{From: date(t, "2026-03-01"), To: date(t, "2026-03-31")}},
			RoundingNAV, "19074.00", "19074.00", "0.00", 22, 2}, // 681 × 10 + 1022 × 12
		{"25th birthday mid-month, next-month switch", Case{BirthDate: date(t, "2001-03-15"), Period: rules.Period{From: date(t, "2026-03-01"), To: date(t, "2026-03-31")}, AgeSwitch: AgeSwitchNextMonth},
			RoundingNAV, "14982.00", "14982.00", "0.00", 22, 1}, // 681 × 22
		// 29 February (kvp-rules.md § 7.1, CONVENTION): feb28 (the default) and mar1.
		{"born 29 February, turns 25 on 28 February 2025 (feb28)", Case{BirthDate: date(t, "2000-02-29"), Period: rules.Period{From: date(t, "2025-02-01"), To: date(t, "2025-03-31")}, Children: 1},
			RoundingNAV, "35276.00", "33759.00", "1517.00", 41, 2}, // 649 × 19 (3–27 Feb) + 974 × 22 (28 Feb, March); 37 × 41
		{"born 29 February, turns 25 on 1 March 2025 (mar1)", Case{BirthDate: date(t, "2000-02-29"), Period: rules.Period{From: date(t, "2025-02-01"), To: date(t, "2025-03-31")}, Children: 1, LeapBirthday: rules.LeapMar1},
			RoundingNAV, "34951.00", "33434.00", "1517.00", 41, 2}, // 649 × 20 + 974 × 21; 37 × 41
		{"issue 13 example, feb28", Case{BirthDate: date(t, "2000-02-29"), Period: rules.Period{From: date(t, "2025-02-24"), To: date(t, "2025-03-07")}},
			RoundingNAV, "8440.00", "8440.00", "0.00", 10, 2}, // 649 × 4 (24–27 Feb) + 974 × 6 (28 Feb, 3–7 Mar)
		{"issue 13 example, mar1", Case{BirthDate: date(t, "2000-02-29"), Period: rules.Period{From: date(t, "2025-02-24"), To: date(t, "2025-03-07")}, LeapBirthday: rules.LeapMar1},
			RoundingNAV, "8115.00", "8115.00", "0.00", 10, 2}, // 649 × 5 (24–28 Feb) + 974 × 5 (3–7 Mar)
		{"child born 29 February turns 18 on 28 February 2022 (feb28)", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2022-02-21"), To: date(t, "2022-03-04")}, ChildBirthDates: []rules.Date{date(t, "2004-02-29")}},
			RoundingNAV, "8315.00", "8180.00", "135.00", 10, 2}, // 2 × 106 399 / 260 = 818.45 → 818, × 10; 27 × 5 (21–25 Feb)
		{"child born 29 February turns 18 on 1 March 2022 (mar1)", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2022-02-21"), To: date(t, "2022-03-04")}, ChildBirthDates: []rules.Date{date(t, "2004-02-29")}, LeapBirthday: rules.LeapMar1},
			RoundingNAV, "8342.00", "8180.00", "162.00", 10, 2}, // 818 × 10; 27 × 6 (21–25 and 28 Feb)
		{"child turns 18 on 2026-06-10", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-06-01"), To: date(t, "2026-06-30")}, ChildBirthDates: []rules.Date{date(t, "2008-06-10")}},
			RoundingNAV, "23850.00", "23584.00", "266.00", 22, 2}, // 1072 × 22; 38 × 7 (1–9 June)
		{"one day", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-05-04"), To: date(t, "2026-05-04")}, Children: 1},
			RoundingNAV, "1110.00", "1072.00", "38.00", 1, 1},
		{"weekend only", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-05-02"), To: date(t, "2026-05-03")}, Children: 2},
			RoundingExact, "0.00", "0.00", "0.00", 0, 1},
		{"interruption covering May 2026", Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-06-30")}, Interruptions: []rules.Period{{From: date(t, "2026-05-01"), To: date(t, "2026-05-31")}}},
			RoundingNAV, "46068.00", "68580.00", "0.00", 65, 3}, // 1022 × 22 + 1072 × 22 paid; May 1072 × 21 = 22 512 interrupted
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.Rounding = tt.rounding
			if c.AgeSwitch == "" {
				c.AgeSwitch = AgeSwitchBirthday
			}
			r, err := Stipend(params(t), c)
			if err != nil {
				t.Fatal(err)
			}
			if r.Total.Net.String() != tt.total || r.Total.Stipend.String() != tt.stipend || r.Total.ChildSupplement.String() != tt.child {
				t.Errorf("net %s stipend %s child %s; want %s %s %s", r.Total.Net, r.Total.Stipend, r.Total.ChildSupplement, tt.total, tt.stipend, tt.child)
			}
			if r.PaidDays != tt.paidDays {
				t.Errorf("paid days %d, want %d", r.PaidDays, tt.paidDays)
			}
			if len(r.Segments) != tt.segments {
				t.Errorf("%d segments, want %d: %+v", len(r.Segments), tt.segments, r.Segments)
			}
			checkAddsUp(t, r)
		})
	}
}

// checkAddsUp asserts that segments, months and years each sum to the total.
func checkAddsUp(t *testing.T, r *Result) {
	t.Helper()
	var segs, months, earned, paid Amounts
	days := 0
	for _, s := range r.Segments {
		segs.add(s.Amounts)
		days += s.PaidDays
	}
	for _, m := range r.Months {
		months.add(m.Amounts)
	}
	for _, y := range r.Years {
		earned.add(y.Earned)
		paid.add(y.Paid)
	}
	for name, a := range map[string]Amounts{"segments": segs, "months": months, "earned years": earned, "paid years": paid} {
		if a != r.Total {
			t.Errorf("%s add up to %+v, total %+v", name, a, r.Total)
		}
	}
	if days != r.PaidDays {
		t.Errorf("segment days %d, total %d", days, r.PaidDays)
	}
	for _, m := range []Money{r.Total.Net, r.Total.Stipend, r.Total.ChildSupplement} {
		if m.IsNegative() {
			t.Errorf("amount %s is negative", m)
		}
	}
}

// TestSegmentsAddUpRandom checks the adding up over many generated cases,
// under both policies.
func TestSegmentsAddUpRandom(t *testing.T) {
	p := params(t)
	rng := rand.New(rand.NewPCG(1, 2))
	base := date(t, "2019-01-01")
	for i := 0; i < 400; i++ {
		from := base.AddDays(rng.IntN(2900))
		c := Case{
			BirthDate: from.AddDays(-(18*365 + rng.IntN(45*365))),
			Period:    rules.Period{From: from, To: from.AddDays(rng.IntN(1100))},
			Rounding:  Rounding(Roundings[rng.IntN(2)]),
			AgeSwitch: AgeSwitch(AgeSwitches[rng.IntN(2)]),
		}
		for k := rng.IntN(4); k > 0; k-- {
			c.ChildBirthDates = append(c.ChildBirthDates, from.AddDays(-rng.IntN(20*365)))
		}
		r, err := Stipend(p, c)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		checkAddsUp(t, r)
	}
}

// TestUnder25IsTwoThirds: the under-25 day rate is 2/3 of the full one before rounding.
func TestUnder25IsTwoThirds(t *testing.T) {
	r, _ := RatesOn(params(t), date(t, "2025-06-01"), RoundingExact)
	full, _ := decimal.NewFromString(r.Bands[0].DailyExact)
	under, _ := decimal.NewFromString(r.Bands[1].DailyExact)
	if d := full.Mul(decimal.NewFromInt(2)).Div(decimal.NewFromInt(3)).Sub(under).Abs(); d.GreaterThan(decimal.New(1, -5)) {
		t.Errorf("under 25 %s is not 2/3 of %s", under, full)
	}
}

func TestStipendBadInput(t *testing.T) {
	p := params(t)
	ok := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-01-01"), To: date(t, "2026-12-31")}, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	tests := []struct {
		name   string
		change func(*Case)
	}{
		{"to before from", func(c *Case) { c.Period.To = date(t, "2025-12-31") }},
		{"birth after period", func(c *Case) { c.BirthDate = date(t, "2027-01-01") }},
		{"negative children", func(c *Case) { c.Children = -1 }},
		{"before the programme", func(c *Case) { c.Period.From = date(t, "2000-01-01") }},
		{"before the first G", func(c *Case) { c.BirthDate = date(t, "1930-01-01"); c.Period.From = date(t, "1960-01-01") }},
		{"unknown rounding", func(c *Case) { c.Rounding = "up" }},
		{"child born after the period", func(c *Case) { c.ChildBirthDates = []rules.Date{date(t, "2027-02-01")} }},
	}
	for _, tt := range tests {
		c := ok
		tt.change(&c)
		if _, err := Stipend(p, c); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if _, err := Stipend(p, ok); err != nil {
		t.Fatal(err)
	}
}

// The references of kvp-rules.md § 7.1: the factor and 2/3 in § 35 andre
// ledd, the 260 days in tredje ledd, the child supplement in fjerde ledd.
func TestStipendReferences(t *testing.T) {
	r, err := Stipend(params(t), Case{BirthDate: date(t, "2001-03-15"), Period: rules.Period{From: date(t, "2026-03-01"), To: date(t, "2026-03-31")},
		Children: 1, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Segments[0].Ref; got != "sotjl. § 35 andre og tredje ledd (under 25 år: 2/3)" {
		t.Errorf("under-25 segment ref = %q", got)
	}
	if got := r.Segments[1].Ref; got != "sotjl. § 35 andre og tredje ledd" {
		t.Errorf("segment ref = %q", got)
	}
	want := map[string]string{
		rules.KeyFactor:          "sotjl. § 35 andre ledd",
		rules.KeyUnder25Share:    "sotjl. § 35 andre ledd",
		rules.KeyDayDivisor:      "sotjl. § 35 tredje ledd",
		rules.KeyChildSupplement: "sotjl. § 35 fjerde ledd, KVP-forskriften § 3",
	}
	for _, p := range r.Parameters {
		if w, ok := want[p.Key]; ok && !strings.HasPrefix(p.Ref, w) {
			t.Errorf("%s ref = %q, want it to start with %q", p.Key, p.Ref, w)
		}
		if strings.Contains(p.Ref, "første ledd") {
			t.Errorf("%s still cites første ledd: %q", p.Key, p.Ref)
		}
	}
}

// Paid work above 50 % (18.75 hours a week) is outside the programme
// (sotjl. § 30 andre ledd): a warning, the stipend computed all the same.
func TestWorkAboveHalfTimeWarns(t *testing.T) {
	tests := []struct {
		hours string
		warn  bool
	}{{"18.75", false}, {"18.76", true}, {"30", true}, {"0", false}}
	for _, tt := range tests {
		c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-04-30")},
			Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday,
			Work: []WorkHours{{Period: rules.Period{From: date(t, "2026-04-13"), To: date(t, "2026-04-17")}, Hours: decimal.RequireFromString(tt.hours)}}}
		r, err := Stipend(params(t), c)
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(r.Warnings, func(w rules.Warning) bool {
			return w.Code == WarnWorkOverHalfTime.ID && strings.Contains(w.String(), "sotjl. § 30 andre ledd") && strings.Contains(w.String(), "2026-04-13 to 2026-04-17")
		})
		if got != tt.warn {
			t.Errorf("%s hours: warned %v, want %v (%q)", tt.hours, got, tt.warn, r.Warnings)
		}
	}
}
