package calc

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// A programme across a year end: December 2025 is paid in January 2026 and
// counts in 2026 on the paid basis, in 2025 on the earned basis.
func TestTaxForAcrossYearEnd(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2025-12-01"), To: date(t, "2026-01-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	// December 2025: 23 weekdays × 1 022 = 23 506; January 2026: 22 × 1 022 = 22 484.
	paid, err := TaxFor(r, p, TaxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paid.Years) != 1 || paid.Years[0].Year != 2026 || paid.Years[0].Stipend.String() != "45990.00" {
		t.Errorf("paid basis: %+v", paid.Years)
	}
	earned, _ := TaxFor(r, p, TaxOptions{Basis: IncomeBasisEarned, OtherIncome: map[int]decimal.Decimal{2026: dec("120000")}})
	if len(earned.Years) != 2 || earned.Years[0].Stipend.String() != "23506.00" || earned.Years[1].Stipend.String() != "22484.00" {
		t.Fatalf("earned basis: %+v", earned.Years)
	}
	// 2026: 22 484 + 120 000 = 142 484 personal income.
	if got := earned.Years[1].Tax.PersonalIncome.String(); got != "142484" {
		t.Errorf("2026 personal income %s", got)
	}
	if earned.Years[0].Tax.PersonalIncome.String() != "23506" || !earned.Years[0].Tax.TotalTax.IsZero() {
		t.Errorf("2025: %+v", earned.Years[0].Tax)
	}
}

func TestTaxForMissingYearAndWithholding(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-05-01"), To: date(t, "2026-12-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, _ := Stipend(p, c)
	pct := dec("30")
	ts, err := TaxFor(r, p, TaxOptions{WithholdingPercent: &pct})
	if err != nil {
		t.Fatal(err)
	}
	// December is paid in January 2027: no tax parameters for 2027.
	last := ts.Years[len(ts.Years)-1]
	if last.Year != 2027 || last.Tax != nil || last.Note == nil || len(ts.Warnings) != 1 {
		t.Errorf("2027: %+v, warnings %v", last, ts.Warnings)
	}
	for _, w := range ts.Withholding {
		if w.PaidIn.String() == "2026-06" {
			if !w.Withheld.IsZero() || w.PaidOut != w.Paid {
				t.Errorf("June payment withheld %s", w.Withheld)
			}
		} else if w.PaidIn.String() == "2026-12" { // half (TestTaxForWithholdingDecember)
			if w.Withheld != M(w.Paid.Decimal().Mul(dec("0.15"))) {
				t.Errorf("December payment withheld %s of %s, want half of 30 %%", w.Withheld, w.Paid)
			}
		} else if w.Withheld != M(w.Paid.Decimal().Mul(dec("0.3"))) {
			t.Errorf("%s: withheld %s of %s", w.PaidIn, w.Withheld, w.Paid)
		}
	}
	if _, err := TaxFor(r, p, TaxOptions{Basis: "someday"}); err == nil {
		t.Error("bad basis accepted")
	}
	neg := dec("-1")
	if _, err := TaxFor(r, p, TaxOptions{WithholdingPercent: &neg}); err == nil {
		t.Error("negative withholding accepted")
	}
}

// TestTaxForNetPerMonthByMonthsPaid: the net per month divides by the
// months paid in the income year, not by 12. April and May 2026 are paid in
// May and June: 22 × 1 022 + 21 × 1 072 = 22 484 + 22 512 = 44 996, below
// every limit, so no tax; 44 996 / 2 = 22 498 (not 44 996 / 12 = 3 749.67).
func TestTaxForNetPerMonthByMonthsPaid(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-04-01"), To: date(t, "2026-05-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := TaxFor(r, p, TaxOptions{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	b := ts.Years[0].Tax
	if len(ts.Years) != 1 || !b.Net.Equal(dec("44996")) || !b.NetPerMonth.Equal(dec("22498")) {
		t.Fatalf("net %s, per month %s; want 44996 and 22498", b.Net, b.NetPerMonth)
	}
	if l, _ := taxLine(*b, "net_per_month"); values(l.Step) != "44996.00 / 2" {
		t.Errorf("formula %q", values(l.Step))
	}
	// December 2025 and January 2026, paid in January and February 2026: two
	// months in 2026, 45 990 / 2 = 22 995. Earned: one month in each year,
	// 23 506 / 1 in 2025; 2026 also has other income, 142 484 in all.
	c.Period = rules.Period{From: date(t, "2025-12-01"), To: date(t, "2026-01-31")}
	r, _ = Stipend(p, c)
	ts, _ = TaxFor(r, p, TaxOptions{})
	if got := ts.Years[0].Tax.NetPerMonth; !got.Equal(dec("22995")) {
		t.Errorf("paid basis: per month %s, want 22995", got)
	}
	ts, _ = TaxFor(r, p, TaxOptions{Basis: IncomeBasisEarned, OtherIncome: map[int]decimal.Decimal{2026: dec("120000")}})
	if got := ts.Years[0].Tax.NetPerMonth; !got.Equal(dec("23506")) {
		t.Errorf("earned basis 2025: per month %s, want 23506", got)
	}
	// 2026: 142 484; trygd min(7.6 % × 142 484 = 10 828.784, 25 % × 42 834 = 10 708.50) = 10 708.50;
	// minstefradrag 46 % = 65 542.64; ordinary 76 941.36 < 114 540: no tax; below step 1.
	// Net 131 775.50 over the one stipend month.
	if got := ts.Years[1].Tax; !got.Net.Equal(dec("131775.50")) || !got.NetPerMonth.Equal(dec("131775.50")) {
		t.Errorf("earned basis 2026: net %s, per month %s", got.Net, got.NetPerMonth)
	}
}

// TestTaxForWithholdingDecember: no withholding on the payment made in June
// and half on the one made in December (skattebetalingsforskriften § 5-7;
// NAV, "Skattetrekk i juni og desember": kvalifiseringsstønad "Trekkfri" /
// "Halvt skattetrekk"). November 2026 is paid in December: 21 weekdays ×
// 1 072 = 22 512; 30 % = 6 753.60, half 3 376.80; paid out 19 135.20.
func TestTaxForWithholdingDecember(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-05-01"), To: date(t, "2026-11-30")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, _ := Stipend(p, c)
	pct := dec("30")
	ts, err := TaxFor(r, p, TaxOptions{WithholdingPercent: &pct})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, w := range ts.Withholding {
		switch w.PaidIn.String() {
		case "2026-06":
			seen++
			if w.Withheld != 0 || noteText(w.Note) != "no withholding in June (skattebetalingsforskriften § 5-7)" {
				t.Errorf("June: withheld %s, note %q", w.Withheld, noteText(w.Note))
			}
		case "2026-12":
			seen++
			if w.Paid.String() != "22512.00" || w.Withheld.String() != "3376.80" || w.PaidOut.String() != "19135.20" ||
				noteText(w.Note) != "half withholding in December (skattebetalingsforskriften § 5-7)" {
				t.Errorf("December: paid %s, withheld %s, paid out %s, note %q; want 22512.00, 3376.80, 19135.20",
					w.Paid, w.Withheld, w.PaidOut, noteText(w.Note))
			}
		default:
			if w.Withheld != M(w.Paid.Decimal().Mul(dec("0.3"))) || w.Note != nil {
				t.Errorf("%s: withheld %s of %s, note %q", w.PaidIn, w.Withheld, w.Paid, noteText(w.Note))
			}
		}
	}
	if seen != 2 {
		t.Errorf("saw %d of the June and December payments", seen)
	}
}

// TestTaxForLowRateFromBirthYear: TaxFor takes the trygdeavgift rate of each
// income year from the birth year. Born 1956, January and February 2026
// (22 and 20 weekdays × 1 022 = 22 484 + 20 440 = 42 924, paid in February
// and March) with 120 000 other income: 162 924 in 2026, age 70 by 31
// December, low rate: min(5.1 % × 162 924 = 8 309.124, 25 % × 63 274 =
// 15 818.50) = 8 309.12 (the wage rate would give 7.6 % × 162 924 = 12 382.22).
func TestTaxForLowRateFromBirthYear(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1956-12-31"), Period: rules.Period{From: date(t, "2026-01-01"), To: date(t, "2026-02-28")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	o := TaxOptions{OtherIncome: map[int]decimal.Decimal{2026: dec("120000")}, BirthYear: 1956}
	ts, err := TaxFor(r, p, o)
	if err != nil {
		t.Fatal(err)
	}
	b := ts.Years[0].Tax
	if !b.PersonalIncome.Equal(dec("162924")) || !b.Trygdeavgift.Equal(dec("8309.12")) || b.TrygdeavgiftRateKind != TrygdeavgiftLowRate {
		t.Errorf("born 1956: income %s, trygdeavgift %s (%s)", b.PersonalIncome, b.Trygdeavgift, b.TrygdeavgiftRateKind)
	}
	o.BirthYear = 0
	ts, _ = TaxFor(r, p, o)
	if b := ts.Years[0].Tax; !b.Trygdeavgift.Equal(dec("12382.22")) || b.TrygdeavgiftRateKind != TrygdeavgiftWageRate {
		t.Errorf("no birth year: trygdeavgift %s (%s)", b.Trygdeavgift, b.TrygdeavgiftRateKind)
	}
	// A year whose parameters lack the low rate: a note and a warning, no guessed figure.
	q := *p
	q.Tax = p.Tax.Clone()
	ty := q.Tax[2026]
	ty.TrygdeavgiftRateLow = decimal.NullDecimal{}
	q.Tax[2026] = ty
	o.BirthYear = 1956
	ts, err = TaxFor(r, &q, o)
	if err != nil {
		t.Fatal(err)
	}
	if y := ts.Years[0]; y.Tax != nil || !strings.Contains(noteText(y.Note), "trygdeavgift_rate_low is not given") || len(ts.Warnings) != 1 {
		t.Errorf("without the low rate: %+v, warnings %q", y, ts.Warnings)
	}
}

// noteText is a note's English text, or "" for none.
func noteText(m *rules.Message) string {
	if m == nil {
		return ""
	}
	return m.String()
}
