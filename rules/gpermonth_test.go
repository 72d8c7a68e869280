package rules

import (
	"testing"

	"github.com/shopspring/decimal"
)

// G per month is G / 12 to whole kroner, half up, as NAV publishes it.
func TestGPerMonth(t *testing.T) {
	tests := []struct{ g, want string }{
		{"130160", "10847"}, // 130 160 / 12 = 10 846.67 → 10 847 (NAV, 1 May 2025)
		{"124028", "10336"}, // 124 028 / 12 = 10 335.67 → 10 336 (NAV, 1 May 2024)
		{"118620", "9885"},  // 118 620 / 12 = 9 885 exactly (NAV, 1 May 2023)
		{"126", "11"},       // 10.5 → 11: half up
		{"125", "10"},       // 10.4167 → 10
		{"0", "0"},
	}
	for _, tc := range tests {
		if got := GPerMonth(decimal.RequireFromString(tc.g)); !got.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("GPerMonth(%s) = %s, want %s", tc.g, got, tc.want)
		}
	}
}
