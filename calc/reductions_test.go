package calc

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func decPtr(s string) *decimal.Decimal { d := dec(s); return &d }

// Hand-computed reductions. Day rates (nav): 1 022 until 2026-04-30, 1 072
// from 2026-05-01; child supplement 38 kr in 2026. Exact day rates:
// 1 021.756 and 1 071.909650.
func TestReductionsHandComputed(t *testing.T) {
	period := func(a, b string) rules.Period { return rules.Period{From: date(t, a), To: date(t, b)} }
	tests := []struct {
		name     string
		c        Case
		rounding Rounding
		want     map[string]string // line → total
		warning  string
	}{
		{
			// April: 22 days, May: 21 days. Work share 15/37.5 = 0.4.
			// stipend 1022×22 + 1072×21 = 44 996; child 38×43 = 1 634;
			// work 0.4 × (44 996 + 1 634) = 18 652; net 27 978.
			name: "work 15 h/week across 1 May", rounding: RoundingNAV,
			c:    Case{Period: period("2026-04-01", "2026-05-31"), Children: 1, Work: []WorkHours{{Period: period("2026-04-01", "2026-05-31"), Hours: dec("15")}}},
			want: map[string]string{"stipend": "44996.00", "child": "1634.00", "work": "-18652.00", "net": "27978.00"},
		},
		{
			// April 1021.756×22 = 22 478.632 (→ 22 478.63), work 0.4 × = 8 991.4528 (→ 8 991.45);
			// May 1071.90965×21 = 22 510.10265 (→ 22 510.10), work 9 004.04106 (→ 9 004.04).
			name: "work 15 h/week across 1 May, exact", rounding: RoundingExact,
			c:    Case{Period: period("2026-04-01", "2026-05-31"), Work: []WorkHours{{Period: period("2026-04-01", "2026-05-31"), Hours: dec("15")}}},
			want: map[string]string{"stipend": "44988.73", "work": "-17995.49", "net": "26993.24"},
		},
		{
			name: "work over 37.5 hours pays nothing", rounding: RoundingNAV,
			c:    Case{Period: period("2026-06-01", "2026-06-30"), Children: 2, Work: []WorkHours{{Period: period("2026-06-01", "2026-06-30"), Hours: dec("40")}}},
			want: map[string]string{"stipend": "23584.00", "child": "1672.00", "work": "-25256.00", "net": "0.00"},
		},
		{
			// June 2026: 22 days × 1 072 = 23 584; child 38 × 22 = 836.
			// Sykepenger 1 500/day on 15–19 June: capped at the stipend, 5 × 1 072 = 5 360;
			// 500/day on 22–26 June: 2 500. Net 23 584 + 836 − 7 860 = 16 560.
			name: "sykepenger larger than the stipend on some days", rounding: RoundingNAV,
			c: Case{Period: period("2026-06-01", "2026-06-30"), Children: 1, Benefits: []OtherBenefit{
				{Kind: "sykepenger", Period: period("2026-06-15", "2026-06-19"), PerDay: dec("1500")},
				{Kind: "sykepenger", Period: period("2026-06-22", "2026-06-26"), Total: decPtr("2500")},
			}},
			want: map[string]string{"stipend": "23584.00", "child": "836.00", "benefits": "-7860.00", "net": "16560.00"},
		},
		{
			// The same with the child supplement in scope: 5 × min(1 500, 1 110) = 5 550.
			name: "sykepenger, child supplement in scope", rounding: RoundingNAV,
			c: Case{Period: period("2026-06-01", "2026-06-30"), Children: 1, BenefitScope: BenefitScopeAll, Benefits: []OtherBenefit{
				{Kind: "sykepenger", Period: period("2026-06-15", "2026-06-19"), PerDay: dec("1500")},
				{Kind: "sykepenger", Period: period("2026-06-22", "2026-06-26"), Total: decPtr("2500")},
			}},
			want: map[string]string{"benefits": "-8050.00", "net": "16370.00"},
		},
		{
			// May 2026: 21 days × 1 072 = 22 512. Absence on 13 May: 1 072; on
			// 14 May (Ascension Day): not a working day, not deducted; 3 hours
			// on 12 May: 1 072 × 3 / 7.5 = 428.80.
			name: "absence, one day on a public holiday", rounding: RoundingNAV,
			c: Case{Period: period("2026-05-01", "2026-05-31"), Absence: []Absence{
				{Date: date(t, "2026-05-13")}, {Date: date(t, "2026-05-14")}, {Date: date(t, "2026-05-12"), Hours: decPtr("3")},
			}},
			want:    map[string]string{"stipend": "22512.00", "absence": "-1500.80", "net": "21011.20"},
			warning: "absence on 2026-05-14 is not deducted: a public holiday",
		},
		{
			// Two absent days in June 2026 counted as its first working days (1–2 June).
			name: "absence as days in a month, exact", rounding: RoundingExact,
			c: Case{Period: period("2026-06-01", "2026-06-30"), AbsenceDays: []AbsenceDays{{Month: date(t, "2026-06-01"), Days: 2}}},
			// 1071.90965 × 22 = 23 582.0123 → 23 582.01; × 2 = 2 143.8193 → 2 143.82
			want: map[string]string{"stipend": "23582.01", "absence": "-2143.82", "net": "21438.19"},
		},
		{
			// An interruption covering all of May; work in April and May.
			// April: 22 × 1 022 = 22 484, work 0.4 → 8 993.60. May: interrupted, 22 512.
			name: "interruption covering a month, with work", rounding: RoundingNAV,
			c: Case{Period: period("2026-04-01", "2026-05-31"), Interruptions: []rules.Period{period("2026-05-01", "2026-05-31")},
				Work: []WorkHours{{Period: period("2026-04-01", "2026-05-31"), Hours: dec("15")}}},
			want: map[string]string{"stipend": "44996.00", "interruption": "-22512.00", "work": "-8993.60", "net": "13490.40"},
		},
		{
			// Exact: 1071.90965 × 22 = 23 582.0123 → 23 582.01; benefits 5 × 1071.90965
			// = 5 359.54825 plus 2 500 = 7 859.54825 → 7 859.55; net 23 582.01 + 836 − 7 859.55.
			name: "sykepenger larger than the stipend, exact", rounding: RoundingExact,
			c: Case{Period: period("2026-06-01", "2026-06-30"), Children: 1, Benefits: []OtherBenefit{
				{Kind: "sykepenger", Period: period("2026-06-15", "2026-06-19"), PerDay: dec("1500")},
				{Kind: "sykepenger", Period: period("2026-06-22", "2026-06-26"), Total: decPtr("2500")},
			}},
			want: map[string]string{"stipend": "23582.01", "benefits": "-7859.55", "net": "16558.46"},
		},
		{
			// Exact: 21 × 1071.90965 = 22 510.10265 → 22 510.10; absence 1071.90965 +
			// 1071.90965 × 3 / 7.5 = 1 500.67351 → 1 500.67.
			name: "absence on a public holiday, exact", rounding: RoundingExact,
			c: Case{Period: period("2026-05-01", "2026-05-31"), Absence: []Absence{
				{Date: date(t, "2026-05-13")}, {Date: date(t, "2026-05-14")}, {Date: date(t, "2026-05-12"), Hours: decPtr("3")},
			}},
			want:    map[string]string{"stipend": "22510.10", "absence": "-1500.67", "net": "21009.43"},
			warning: "absence on 2026-05-14 is not deducted: a public holiday",
		},
		{
			// Exact: April 22 × 1021.756 = 22 478.632 → 22 478.63, work 0.4 × = 8 991.4528 → 8 991.45;
			// May interrupted: 21 × 1071.90965 = 22 510.10265 → 22 510.10.
			name: "interruption covering a month, with work, exact", rounding: RoundingExact,
			c: Case{Period: period("2026-04-01", "2026-05-31"), Interruptions: []rules.Period{period("2026-05-01", "2026-05-31")},
				Work: []WorkHours{{Period: period("2026-04-01", "2026-05-31"), Hours: dec("15")}}},
			want: map[string]string{"stipend": "44988.73", "interruption": "-22510.10", "work": "-8991.45", "net": "13487.18"},
		},
		{
			// Everything at once: net never below zero and adding up (checked below).
			name: "combined", rounding: RoundingExact,
			c: Case{Period: period("2026-04-01", "2026-06-30"), Children: 2,
				Work:          []WorkHours{{Period: period("2026-04-15", "2026-05-15"), Hours: dec("20")}},
				Benefits:      []OtherBenefit{{Kind: "dagpenger", Period: period("2026-05-01", "2026-06-10"), PerDay: dec("900")}},
				Absence:       []Absence{{Date: date(t, "2026-04-20")}, {Date: date(t, "2026-05-04")}},
				Interruptions: []rules.Period{period("2026-06-20", "2026-06-30")},
			},
			want: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.BirthDate = date(t, "1990-01-01")
			c.Rounding, c.AgeSwitch = tt.rounding, AgeSwitchBirthday
			r, err := Stipend(params(t), c)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]Money{"stipend": r.Total.Stipend, "child": r.Total.ChildSupplement, "interruption": r.Total.Interruption,
				"absence": r.Total.Absence, "work": r.Total.Work, "benefits": r.Total.OtherBenefits, "net": r.Total.Net}
			for k, want := range tt.want {
				if got[k].String() != want {
					t.Errorf("%s = %s, want %s", k, got[k], want)
				}
			}
			if tt.warning != "" && !strings.Contains(warningTexts(r.Warnings), tt.warning) {
				t.Errorf("warnings %q lack %q", r.Warnings, tt.warning)
			}
			checkAddsUp(t, r)
			for _, m := range r.Months {
				if m.Net.IsNegative() {
					t.Errorf("month %s net %s is negative", m.Month, m.Net)
				}
			}
		})
	}
}

func TestReductionsBadInput(t *testing.T) {
	p := params(t)
	period := rules.Period{From: date(t, "2026-01-01"), To: date(t, "2026-06-30")}
	tests := []struct {
		name, field string
		change      func(*Case)
	}{
		{"negative hours", "work_hours[0]", func(c *Case) { c.Work = []WorkHours{{Period: period, Hours: dec("-1")}} }},
		{"more hours than a week has", "work_hours[0]", func(c *Case) { c.Work = []WorkHours{{Period: period, Hours: dec("169")}} }},
		{"benefit outside the period", "other_benefits[0]", func(c *Case) {
			c.Benefits = []OtherBenefit{{Kind: "dagpenger", Period: rules.Period{From: date(t, "2026-06-01"), To: date(t, "2026-07-31")}, PerDay: dec("10")}}
		}},
		{"benefit kind", "other_benefits[0].kind", func(c *Case) { c.Benefits = []OtherBenefit{{Kind: "barnetrygd", Period: period}} }},
		{"absence outside", "absence[0].date", func(c *Case) { c.Absence = []Absence{{Date: date(t, "2027-01-04")}} }},
		{"not deducted kind", "not_deducted[0].kind", func(c *Case) { c.NotDeducted = []NotDeducted{{Kind: "aap"}} }},
	}
	for _, tt := range tests {
		c := Case{BirthDate: date(t, "1990-01-01"), Period: period, Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
		tt.change(&c)
		_, err := Stipend(p, c)
		if err == nil || !strings.HasPrefix(err.Error(), tt.field+":") {
			t.Errorf("%s: error %v, want one naming %s", tt.name, err, tt.field)
		}
	}
}

// TestExactNothingLeftPaysNothing: under exact rounding, when the reductions
// take everything, no øre of rounding is paid out (a fuzzing find).
func TestExactNothingLeftPaysNothing(t *testing.T) {
	p := params(t)
	period := rules.Period{From: date(t, "2024-04-06"), To: date(t, "2024-04-30")}
	c := Case{BirthDate: date(t, "1979-09-06"), Period: period, Children: 2, Rounding: RoundingExact, AgeSwitch: AgeSwitchBirthday,
		BenefitScope: BenefitScopeAll,
		Work:         []WorkHours{{Period: rules.Period{From: date(t, "2024-04-06"), To: date(t, "2024-04-10")}, Hours: dec("1")}},
		Benefits:     []OtherBenefit{{Kind: "sykepenger", Period: period, PerDay: dec("5000")}}}
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Total.Net.IsZero() {
		t.Errorf("net %s, want 0.00", r.Total.Net)
	}
	checkAddsUp(t, r)
}

// warningTexts are the English texts of ws, a line each.
func warningTexts(ws []rules.Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}
