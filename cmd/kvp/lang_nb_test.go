package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// englishWord finds common English words of kvp's tables, headings,
// verdicts, warnings and notes: none of them may be left in bokmål output.
var englishWord = regexp.MustCompile(`(?i)\b(the|and|not|is|are|with|without|reference|value|paid|earned|total|unknown|none|segments|months|years|summary|warnings?|timeline|explanation|baseline|difference|withholding|deduction|income|error|eligible|verdict|missing|notes?|limit|used|remaining|latest|decision|interrupted|leave|absence|work|child|children|day|days|rate|yearly|monthly|daily)\b`)

// userAndSourceText are values that stay as written under --lang nb: the
// sources of the embedded parameters and the scenario's legal basis.
var userAndSourceText = []string{
	"260 stipend days a year",
	"(G set yearly by Stortinget)",
	"(would need a change of the law)",
	"(eller none)", // the keyword a user types
}

// TestBokmalHasNoEnglish renders every command in bokmål, tables, --explain,
// warnings and notes on stdout and stderr, and fails on a common English
// word outside the parameters' sources and the user's own values.
func TestBokmalHasNoEnglish(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("KVP_TODAY", "2026-06-01")
	ex := "../../examples/"
	for _, args := range [][]string{
		{"calc", "-f", ex + "case-basic.yaml", "--explain"},
		{"calc", "-f", ex + "case-reductions.yaml", "--explain"},
		{"calc", "-f", ex + "case-leap-birthday.yaml", "--explain"},
		{"calc", "-f", ex + "case-turns-25.yaml", "--withholding-percent", "30"},
		{"calc", "--birth-date", "1990-01-01", "--from", "2027-04-01", "--to", "2027-05-31"},
		{"check", "-f", ex + "case-check.yaml", "--explain"},
		{"check", "-f", ex + "case-check-small-benefit.yaml"},
		{"check", "--birth-date", "2000-02-29", "--date", "2018-03-01", "--residence", "eea-initial", "--benefit", "aap", "--benefit", "other=5000",
			"--previous", "2015-01-01..2015-12-31", "--application-date", "2017-01-01", "--explain"},
		{"period", "-f", ex + "case-period.yaml", "--explain"},
		{"period", "-f", ex + "case-period-open.yaml", "--explain"},
		{"tax", "--year", "2026", "--income", "300000", "--explain", "--birth-date", "1950-01-01"},
		{"rates", "--date", "2026-06-01", "--explain"},
		{"g", "--date", "2026-06-01"},
		{"g", "--date", "2027-06-01"},
		{"config", "show"},
		{"compare", "-f", ex + "case-basic.yaml", "--scenario", ex + "scenario-g-2027.yaml"},
		{"compare", "-f", ex + "case-basic.yaml", "--scenario", ex + "scenario-factor-2027.yaml"},
		{"period", "--start", "2026-01-01", "--interruption", "2026x"},
		{"check", "--benefit", "aap,other"},
		{"check", "--benefit", "aap="},
	} {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			Main(append(args, "--lang", "nb"), &IOStreams{In: &bytes.Buffer{}, Out: &out, ErrOut: &errOut})
			text := out.String() + errOut.String()
			if strings.TrimSpace(text) == "" {
				t.Fatalf("%v: no output", args)
			}
			for _, s := range userAndSourceText {
				text = strings.ReplaceAll(text, s, "")
			}
			for _, line := range strings.Split(text, "\n") {
				if w := englishWord.FindString(line); w != "" {
					t.Errorf("%v: English %q in %q", args, w, strings.TrimSpace(line))
				}
			}
		})
	}
}
