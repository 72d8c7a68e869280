package calc

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// mByDecimal is M as decimal arithmetic alone computes it.
func mByDecimal(d decimal.Decimal) Money { return Money(d.Shift(2).Round(0).IntPart()) }

// TestMRounding: M rounds half away from zero to the øre, by hand on a few
// amounts and against decimal arithmetic on many.
func TestMRounding(t *testing.T) {
	for s, want := range map[string]Money{
		"1022":                      102200,
		"0.005":                     1,     // half: away from zero
		"-0.005":                    -1,    // half: away from zero
		"0.004999999999":            0,     // just under half
		"-0.004999999999":           0,     //
		"340.666666666667":          34067, // 2/3 of a day rate, 12 places
		"-27.253333333333":          -2725,
		"12.345":                    1235,
		"-12.345":                   -1235,
		"99999.995":                 10000000,
		"0.000000000000001":         0,
		"123456.785000000000000001": 12345679, // 24 places: decimal's own rounding
		"9223372036854775.807":      922337203685477581,
	} {
		if got := M(dec(s)); got != want {
			t.Errorf("M(%s) = %d, want %d", s, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		exp := -int32(rng.IntN(20))
		c := rng.Int64N(1e18)
		if rng.IntN(4) == 0 { // an exact half somewhere
			c = c/10*10 + 5
		}
		if rng.IntN(2) == 0 {
			c = -c
		}
		d := decimal.New(c, exp)
		if got, want := M(d), mByDecimal(d); got != want {
			t.Fatalf("M(%s) = %d, decimal arithmetic %d", d, got, want)
		}
	}
}
