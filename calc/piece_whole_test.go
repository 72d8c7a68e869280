package calc

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// TestPieceWhole12AgreesWithDecimals: pricing a piece in int64 arithmetic
// gives, line for line, what the decimal path gives, over random cases with
// work, benefits (per day and as totals), children, under-25 rates and
// large values, for every number of days a piece can have.
func TestPieceWhole12AgreesWithDecimals(t *testing.T) {
	p := params(t)
	k := NewCalculator(p)
	rng := rand.New(rand.NewPCG(3, 4))
	fast, checked := 0, 0
	for range 3000 {
		from := rules.NewDate(2024+rng.IntN(3), 1+rng.IntN(12), 1)
		c := Case{BirthDate: from.AddDays(-(18 + rng.IntN(40)) * 365), Period: rules.Period{From: from, To: from.AddMonths(1 + rng.IntN(14)).AddDays(-1)},
			Children: rng.IntN(5), Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
		if rng.IntN(3) > 0 {
			c.Work = []WorkHours{{Period: c.Period, Hours: decimal.New(int64(rng.IntN(400)), -1)}}
		}
		switch rng.IntN(4) {
		case 0:
			c.Benefits = []OtherBenefit{{Kind: "dagpenger", Period: c.Period, PerDay: decimal.New(int64(rng.IntN(200000)), -2)}}
		case 1:
			total := decimal.New(int64(rng.IntN(5000000)), -2)
			c.Benefits = []OtherBenefit{{Kind: "sykepenger", Period: c.Period, Total: &total}}
		case 2:
			c.Benefits = []OtherBenefit{{Kind: "foreldrepenger", Period: c.Period, PerDay: decimal.New(int64(rng.IntN(1e6)), -9)}} // more than 12 places after the spread
		}
		if rng.IntN(2) == 0 {
			c.BenefitScope = BenefitScopeAll
		}
		res, err := k.Stipend(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, seg := range res.Segments {
			if seg.whole12.ok {
				fast++
			}
			slow := seg
			slow.whole12.ok = false
			for days := 0; days <= 31; days++ {
				var run [lineCount + 1]runningSum
				want := c.pricePiece(&slow, days, nil, &run)
				got := c.pricePiece(&seg, days, nil, &run)
				if got != want {
					t.Fatalf("%+v, segment %s..%s, %d days: int64 %+v, decimals %+v", c, seg.From, seg.To, days, got, want)
				}
				checked++
			}
		}
	}
	if fast < 1000 {
		t.Errorf("only %d segments took the int64 path", fast)
	}
	t.Logf("%d segments on the int64 path, %d pieces compared", fast, checked)
}

// TestWhole12: which decimals are whole 10^-12 kroner within the limit.
func TestWhole12(t *testing.T) {
	for _, tc := range []struct {
		d    string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"1022", 1022e12, true},
		{"340.666666666667", 340666666666667, true},
		{"-27.253333333333", -27253333333333, true},
		{"0.0000000000001", 0, false}, // 13 places
		{"99999.999999999999", 99999999999999999, true},
		{"100000.000000000001", 0, false}, // over the limit
		{"100000", 1e17, true},
		{"1e5", 0, false}, // exponent 5: left to the decimals
	} {
		got, ok := whole12(decimal.RequireFromString(tc.d))
		if got != tc.want || ok != tc.ok {
			t.Errorf("whole12(%s) = %d %v, want %d %v", tc.d, got, ok, tc.want, tc.ok)
		}
	}
	if got, ok := whole12(decimal.Decimal{}); got != 0 || !ok {
		t.Errorf("whole12 of the zero value: %d %v", got, ok)
	}
}
