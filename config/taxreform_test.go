package config

import (
	"strings"
	"testing"

	"kvp/rules"
)

// TestTaxReform: every tax parameter is set by income year like the
// others. A --set or a file's partial year changes only the keys it names
// and marks their origin; a new year with based_on starts from a known one.
func TestTaxReform(t *testing.T) {
	fzEnv(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	file := cfgWrite(t, "config.yaml", []byte(`tax:
  2026:
    step3_rate: 0.14
  2027:
    based_on: 2026
    personal_allowance: 125000
`))
	cfg, err := Load(Options{File: file, Sets: []string{"personal_allowance@2026=120000", "min_deduction_cap@2025=100000"}})
	if err != nil {
		t.Fatal(err)
	}
	def := cfgDefaults(t).Tax
	tax := cfg.Params.Tax
	for _, c := range []struct {
		year   int
		key    string
		want   string
		origin string
	}{
		{2026, "personal_allowance", "120000", rules.OriginFlag},    // --set
		{2026, "step3_rate", "0.14", rules.OriginFile + ":" + file}, // the file's partial year
		{2026, "step4_rate", "0.168", rules.OriginDefault},          // untouched: the embedded 2026 value
		{2025, "min_deduction_cap", "100000", rules.OriginFlag},     // another year by --set
		{2025, "personal_allowance", "108550", rules.OriginDefault}, // untouched
		{2027, "personal_allowance", "125000", rules.OriginFile + ":" + file},
		{2027, "step3_rate", "0.14", rules.OriginFile + ":" + file}, // based on the effective 2026, the file's change included
		{2027, "trygdeavgift_rate", "0.076", rules.OriginDefault},   // from 2026's embedded table
		{2027, "step5_from", "1467200", rules.OriginDefault},
	} {
		ty, ok := tax[c.year]
		if !ok {
			t.Errorf("%d: no tax parameters", c.year)
			continue
		}
		if got := ty.Values()[c.key]; got != c.want {
			t.Errorf("%d %s = %s, want %s", c.year, c.key, got, c.want)
		}
		if got := ty.Origin(c.key); got != c.origin {
			t.Errorf("%d %s origin %s, want %s", c.year, c.key, got, c.origin)
		}
	}
	if len(tax[2027].Steps) != len(def[2026].Steps) {
		t.Errorf("2027 has %d steps, want 2026's %d", len(tax[2027].Steps), len(def[2026].Steps))
	}
	if !strings.Contains(tax[2026].Source, "Finansdepartementet") || !strings.Contains(tax[2026].Source, "--set personal_allowance@2026=120000") {
		t.Errorf("2026 source %q: want the embedded source and the --set", tax[2026].Source)
	}
}

// TestTaxReformErrors: a tax key needs a known income year; based_on needs
// a known one too.
func TestTaxReformErrors(t *testing.T) {
	fzEnv(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, c := range []struct {
		name, file string
		sets       []string
		want       string
	}{
		{"set by date", "", []string{"personal_allowance@2026-01-01=120000"}, "set by income year, KEY@YYYY=VALUE"},
		{"set unknown year", "", []string{"personal_allowance@2031=120000"}, "income year 2031 has no tax parameters to change (known: 2023, 2024, 2025, 2026)"},
		{"set bad value", "", []string{"ordinary_rate@2026=22"}, "ordinary_rate"},
		{"based_on unknown", "tax:\n  2028:\n    based_on: 2019\n", nil, "income year 2019 has no tax parameters"},
		{"based_on not a year", "tax:\n  2028:\n    based_on: last\n", nil, `tax.2028.based_on: expected a known income year`},
		{"new year incomplete", "tax:\n  2028:\n    personal_allowance: 1\n", nil, "ordinary_rate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := Options{Sets: c.sets}
			if c.file != "" {
				o.File = cfgWrite(t, "c.yaml", []byte(c.file))
			}
			_, err := Load(o)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}
