package rules

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// Every parameter has a documented range; a value outside it is an error
// naming the parameter, never a figure computed from it (issue 16 #5).
func TestParamBounds(t *testing.T) {
	tests := []struct {
		key, value string
		want       string // "" when accepted
	}{
		{KeyG, "10000000", ""},
		{KeyG, "10000001", `g@2026-01-01: 10000001 is out of range: g is 1 to 10000000 (kroner a year)`},
		{KeyG, "999999999999", `g@2026-01-01: 999999999999 is out of range: g is 1 to 10000000`},
		{KeyFactor, "10", ""},
		{KeyFactor, "10.0000000001", `factor@2026-01-01: 10.0000000001 is out of range: factor is more than 0 and at most 10 (G a year)`},
		{KeyFactor, "999999999999", `factor@2026-01-01: 999999999999 is out of range`},
		{KeyDayDivisor, "366", ""},
		{KeyDayDivisor, "1", ""},
		{KeyDayDivisor, "0.5", `day_divisor@2026-01-01: 0.5 is out of range: day_divisor is 1 to 366 (stipend days a year)`},
		{KeyDayDivisor, "367", `day_divisor@2026-01-01: 367 is out of range`},
		{KeyChildSupplement, "10000", ""},
		{KeyChildSupplement, "10000.01", `child_supplement@2026-01-01: 10000.01 is out of range: child_supplement is 0 to 10000 (kroner per child per day)`},
	}
	for _, tc := range tests {
		p, err := DefaultParams()
		if err != nil {
			t.Fatal(err)
		}
		err = p.Set(tc.key, NewDate(2026, 1, 1), tc.value, "", "test", OriginFlag)
		if err == nil {
			err = p.Validate()
		}
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s=%s: %v, want it accepted", tc.key, tc.value, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s=%s: %v, want %q", tc.key, tc.value, err, tc.want)
		}
	}
	// A value put into a series by other means (g import) is caught by Validate.
	p, _ := DefaultParams()
	p.G.Set(Dated[decimal.Decimal]{From: NewDate(2027, 5, 1), Value: decimal.RequireFromString("4611686018427530904"), Origin: OriginFile})
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "g entry from 2027-05-01 (file): 4611686018427530904 is out of range: g is 1 to 10000000") {
		t.Errorf("Validate: %v", err)
	}
}

// Tax amounts are at most 100 000 000 kroner (rates are fractions 0–1).
func TestTaxAmountBound(t *testing.T) {
	tt, err := DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	ty := tt[2025]
	ty.PersonalAllowance = decimal.RequireFromString("100000000")
	if err := ty.Validate(); err != nil {
		t.Errorf("personal_allowance at the bound: %v", err)
	}
	ty.PersonalAllowance = decimal.RequireFromString("100000000.01")
	if err := ty.Validate(); err == nil || !strings.Contains(err.Error(), "personal_allowance: 100000000.01 is out of range: an amount is 0 to 100000000 kroner") {
		t.Errorf("personal_allowance above the bound: %v", err)
	}
	ty = tt[2025]
	ty.Steps = append([]TaxStep(nil), ty.Steps...)
	ty.Steps[len(ty.Steps)-1].From = decimal.RequireFromString("1e30")
	if err := ty.Validate(); err == nil || !strings.Contains(err.Error(), "is out of range: an amount is 0 to 100000000 kroner") {
		t.Errorf("a step above the bound: %v", err)
	}
}
