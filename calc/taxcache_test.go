package calc

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// TestCalculatorTaxFor: the Calculator's TaxFor, with its average G kept
// per year, gives what TaxFor gives, also for a tax year whose average G is
// not known (2027: no G set from 2027-05-01) and a year with no tax
// parameters (2028).
func TestCalculatorTaxFor(t *testing.T) {
	p := params(t)
	ty, err := p.Tax.Year(2026)
	if err != nil {
		t.Fatal(err)
	}
	ty.Year = 2027
	p.Tax[2027] = ty
	k := NewCalculator(p)
	// The average G by hand: 4 months at the G of 2024-05-01 and 8 at that
	// of 2025-05-01: (4 × 124 028 + 8 × 130 160) / 12 = 1 537 392 / 12 = 128 116;
	// 2026: (4 × 130 160 + 8 × 136 549) / 12 = 1 613 032 / 12 = 134 419.33 → 134 419.
	for year, want := range map[int]string{2025: "128116", 2026: "134419"} {
		if got, err := k.averageGOf(year); err != nil || got.String() != want {
			t.Errorf("average G %d: %s %v, want %s", year, got, err, want)
		}
	}
	if _, err := k.averageGOf(2027); err == nil {
		t.Error("average G 2027: no error, but no G is set from 2027-05-01")
	}
	for _, tc := range []struct {
		name     string
		from, to string
		o        TaxOptions
	}{
		{"one year", "2026-01-01", "2026-12-31", TaxOptions{}},
		{"across years, earned", "2024-11-01", "2026-02-28", TaxOptions{Basis: IncomeBasisEarned, BirthYear: 1958}},
		{"into 2027 and 2028", "2026-06-01", "2028-03-31", TaxOptions{Finnmark: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := k.Stipend(Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, tc.from), To: date(t, tc.to)},
				Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday})
			if err != nil {
				t.Fatal(err)
			}
			want, err := TaxFor(res, p, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			for range 2 { // the second call uses the kept values
				got, err := k.TaxFor(res, tc.o)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Calculator.TaxFor:\n%+v\nTaxFor:\n%+v", got, want)
				}
			}
		})
	}
}

// TestTaxIntoReused: TaxInto into one TaxSection, case after case (a
// longer one, then a shorter, then one with a year without tax parameters
// and other income), gives each time what TaxFor gives into a new one;
// nothing of the earlier case stays. NoteText is the note's text.
func TestTaxIntoReused(t *testing.T) {
	p := params(t)
	k := NewTotalsCalculator(p)
	full := NewCalculator(p)
	var reused TaxSection
	for _, tc := range []struct {
		from, to string
		o        TaxOptions
	}{
		{"2024-11-01", "2026-12-31", TaxOptions{Finnmark: true}},
		{"2026-03-01", "2026-05-31", TaxOptions{Basis: IncomeBasisEarned}},
		// 2028 has no tax parameters: its note; other income in 2025, a year with no stipend.
		{"2026-06-01", "2028-03-31", TaxOptions{OtherIncome: map[int]decimal.Decimal{2025: decimal.NewFromInt(50000)}}},
	} {
		res, err := k.Stipend(Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, tc.from), To: date(t, tc.to)},
			Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday})
		if err != nil {
			t.Fatal(err)
		}
		want, err := full.TaxFor(res, tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if err := k.TaxInto(res, tc.o, &reused); err != nil {
			t.Fatal(err)
		}
		if len(reused.Years) != len(want.Years) {
			t.Fatalf("%s–%s: %d years, want %d", tc.from, tc.to, len(reused.Years), len(want.Years))
		}
		for i, y := range reused.Years {
			w := want.Years[i]
			if y.Year != w.Year || y.Stipend != w.Stipend || y.OtherIncome != w.OtherIncome || (y.Tax == nil) != (w.Tax == nil) {
				t.Errorf("%s–%s year %d: %+v, want %+v", tc.from, tc.to, w.Year, y, w)
				continue
			}
			if y.NoteText() != w.NoteText() || (w.Note != nil && y.NoteText() != w.Note.String()) {
				t.Errorf("%d: note %q, want %q", w.Year, y.NoteText(), w.NoteText())
			}
			if y.Tax == nil {
				continue
			}
			gt, gn, gp := y.Tax.Totals()
			wt, wn, wp := w.Tax.Totals()
			if gt != wt || gn != wn || gp != wp || M(w.Tax.TotalTax) != wt || M(w.Tax.Net) != wn || M(w.Tax.PensionEarning) != wp {
				t.Errorf("%d: totals %v %v %v, want %v %v %v (%s %s %s)", w.Year, gt, gn, gp, wt, wn, wp, w.Tax.TotalTax, w.Tax.Net, w.Tax.PensionEarning)
			}
		}
		if len(reused.Warnings) != len(want.Warnings) {
			t.Errorf("%s–%s: %d warnings, want %d", tc.from, tc.to, len(reused.Warnings), len(want.Warnings))
		}
	}
	if y := (YearTax{}); y.NoteText() != "" {
		t.Errorf("no note: %q", y.NoteText())
	}
}
