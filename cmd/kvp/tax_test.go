package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTaxBirthDateExitCodes: kvp tax --birth-date gives the documented exit
// codes: 2 for a bad flag value, 1 when the year's parameters lack the low
// rate it needs, 0 otherwise; nothing on stdout when it fails.
func TestTaxBirthDateExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("KVP_CONFIG", "")
	cfg := filepath.Join(dir, "cfg.yaml")
	const year2027 = "tax:\n  2027: {ordinary_rate: 0.22, ordinary_rate_finnmark: 0.185, personal_allowance: 118000, " +
		"finnmark_allowance: 45000, min_deduction_rate: 0.46, min_deduction_cap: 98000, trygdeavgift_rate: 0.076, " +
		"trygdeavgift_lower_limit: 99650, trygdeavgift_phase_in: 0.25, step1_from: 232000, step1_rate: 0.017}\n"
	if err := os.WriteFile(cfg, []byte(year2027), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"tax", "--year", "2025", "--income", "265657", "--birth-date", "1955-12-31"}, exitOK, ""},
		{[]string{"tax", "--year", "2025", "--income", "265657", "--birth-date", "1955-13-01"}, exitUsage, "--birth-date:"},
		{[]string{"tax", "--year", "2025", "--income", "265657", "--birth-date", "2026-01-01"}, exitUsage, "--birth-date: 2026-01-01 is after the income year 2025"},
		{[]string{"tax", "--config", cfg, "--year", "2027", "--income", "200000", "--birth-date", "1950-01-01"}, exitError, "trygdeavgift_rate_low is not given"},
		{[]string{"tax", "--config", cfg, "--year", "2027", "--income", "200000", "--birth-date", "1990-01-01"}, exitOK, ""},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		code := Main(tc.args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, errOut.String())
		}
		if tc.code != exitOK && (out.Len() != 0 || !strings.Contains(errOut.String(), tc.stderr)) {
			t.Errorf("%v: stdout %q, stderr %q; want nothing and %q", tc.args, out.String(), errOut.String(), tc.stderr)
		}
	}
}
