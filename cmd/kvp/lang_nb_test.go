package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kvp/rules"
)

// englishWord finds common English words of kvp's tables, headings,
// verdicts, warnings and notes: none of them may be left in bokmål output.
var englishWord = regexp.MustCompile(`(?i)\b(the|and|not|is|are|with|without|reference|value|paid|earned|total|unknown|none|segments|months|years|summary|warnings?|timeline|explanation|baseline|difference|withholding|deduction|income|error|eligible|verdict|missing|notes?|limit|used|remaining|latest|decision|interrupted|leave|absence|work|child|children|day|days|rate|yearly|monthly|daily|failed|first|file|directory|expected|given|twice|flag|field|line|lines|such|must|command|argument)\b`)

// nynorskAlsoEnglish are words of englishWord that are nynorsk as well:
// "argument" is also the plural, "tek ingen argument".
var nynorskAlsoEnglish = map[string]bool{"argument": true}

// englishIn returns the first English word of line in lang's output, or "".
func englishIn(lang, line string) string {
	for _, w := range englishWord.FindAllString(line, -1) {
		if lang != rules.LangNN || !nynorskAlsoEnglish[strings.ToLower(w)] {
			return w
		}
	}
	return ""
}

// userAndSourceText are values that stay as written under --lang nb: the
// sources of the embedded parameters and the scenario's legal basis.
var userAndSourceText = []string{
	"260 stipend days a year",
	"(G set yearly by Stortinget)",
	"(would need a change of the law)",
	"eller none", // the keyword a user types
	"│ monthly ", // config show: the pay_cycle keyword
}

// bokmalRuns are the command lines TestBokmalHasNoEnglish renders: every
// command's tables, each --explain, warnings, notes, interview questions and
// errors. in is the standard input; data says stdout is data (JSON lines,
// CSV) that is the same in every language, so only stderr is read for words.
var bokmalRuns = []struct {
	args []string
	in   string
	data bool
}{
	{args: []string{"calc", "-f", ex + "case-basic.yaml", "--explain"}},
	{args: []string{"calc", "-f", ex + "case-reductions.yaml", "--explain"}},
	{args: []string{"calc", "-f", ex + "case-leap-birthday.yaml", "--explain"}},
	{args: []string{"calc", "-f", ex + "case-turns-25.yaml", "--withholding-percent", "30", "--explain"}},
	{args: []string{"calc", "-f", ex + "case-basic.yaml", "--withholding-percent", "30", "--finnmark", "--other-income", "2026=50000", "--income-year", "earned", "--explain"}},
	{args: []string{"calc", "--birth-date", "1990-01-01", "--from", "2027-04-01", "--to", "2027-05-31", "--explain"}},
	{args: []string{"check", "-f", ex + "case-check.yaml", "--explain"}},
	{args: []string{"check", "-f", ex + "case-check-small-benefit.yaml", "--explain"}},
	{args: []string{"check", "--birth-date", "2000-02-29", "--date", "2018-03-01", "--residence", "eea-initial", "--benefit", "aap", "--benefit", "other=5000",
		"--previous", "2015-01-01..2015-12-31", "--application-date", "2017-01-01", "--explain"}},
	{args: []string{"check", "--birth-date", "1990-01-01", "--date", "2026-03-01", "--application-date", "2025-01-01", "--explain"}},
	{args: []string{"check", "--date", "2026-03-01", "--interactive"}, in: "1990-01-01\nyes\nother=1000\n\n\n\n\n"},
	{args: []string{"check", "--date", "2018-06-01", "--interactive"}, in: strings.Repeat("\n", 10)},
	{args: []string{"check", "--date", "2026-03-01", "--interactive"}, in: "1990-01-01\nmaybe\n"},
	{args: []string{"period", "-f", ex + "case-period.yaml", "--explain"}},
	{args: []string{"period", "-f", ex + "case-period-open.yaml", "--explain"}},
	{args: []string{"period", "--start", "2017-01-01", "--date", "2018-06-01", "--explain"}},
	{args: []string{"period", "--start", "2026-01-01", "--date", "2026-06-01", "--extended", "--leave", "2026-02-01..2026-02-10",
		"--interruption", "2026-03-01..", "--decision", "2026-01-01..2026-12-31", "--application-date", "2025-05-01", "--explain"}},
	{args: []string{"period", "--start", "2026-01-01", "--date", "2026-06-01", "--duration-regime", "assessed", "--explain"}},
	{args: []string{"tax", "--year", "2026", "--income", "300000", "--explain", "--birth-date", "1950-01-01"}},
	{args: []string{"tax", "--year", "2026", "--income", "300000", "--explain", "--finnmark"}},
	{args: []string{"tax", "--year", "2026", "--income", "300000", "--birth-date", "1990-01-01"}},
	{args: []string{"rates", "--date", "2026-06-01", "--explain"}},
	{args: []string{"rates", "--date", "2026-06-01", "--rounding", "exact", "--explain"}},
	{args: []string{"g", "--date", "2026-06-01"}},
	{args: []string{"g", "--date", "2027-06-01"}},
	{args: []string{"g", "list", "--from", "2020"}},
	{args: []string{"config", "show"}},
	{args: []string{"calc", "--birth-date", "1980-01-01", "--from", "2026-03-02", "--to", "2026-05-31", "--pay-cycle", "14-days", "--cycle-start", "2026-03-02", "--as-of", "2026-05-15", "--explain"}},
	{args: []string{"regulate", "-f", ex + "case-regulate.yaml"}},
	{args: []string{"regulate", "--birth-date", "1980-01-01", "--from", "2026-05-01", "--to", "2026-05-31", "--regulated-on", "2026-06-01"}},
	{args: []string{"regulate", "-f", ex + "cases-regulate.jsonl", "--regulated-on", "2026-06-15"}},
	{args: []string{"compare", "-f", ex + "case-basic.yaml", "--scenario", ex + "scenario-g-2027.yaml"}},
	{args: []string{"compare", "-f", ex + "case-basic.yaml", "--scenario", ex + "scenario-factor-2027.yaml"}},
	{args: []string{"compare", "-f", ex + "case-reductions.yaml", "--baseline", ex + "scenario-g-2027.yaml", "--scenario", ex + "scenario-factor-2027.yaml"}},
	{args: []string{"batch", "-f", ex + "cases.csv", "--summary"}, data: true},
	{args: []string{"batch", "-f", ex + "cases.csv", "-o", "csv", "--summary"}, data: true},
	{args: []string{"batch", "-f", ex + "cases.jsonl", "--scenario", ex + "scenario-g-2027.yaml"}, data: true},
	{args: []string{"period", "--start", "2026-01-01", "--interruption", "2026x"}},
	{args: []string{"check", "--benefit", "aap,other"}},
	{args: []string{"check", "--benefit", "aap="}},
}

const ex = "../../examples/"

// TestBokmalHasNoEnglish renders every command in bokmål, tables, --explain,
// warnings and notes on stdout and stderr, and fails on a common English
// word outside the parameters' sources and the user's own values. It renders
// each in English too: data on stdout must not depend on the language, and
// no code may be rendered that has no text in the language (missingTexts).
func TestBokmalHasNoEnglish(t *testing.T) { testNorwegianHasNoEnglish(t, rules.LangNB) }

// TestNynorskHasNoEnglish is TestBokmalHasNoEnglish in nynorsk.
func TestNynorskHasNoEnglish(t *testing.T) { testNorwegianHasNoEnglish(t, rules.LangNN) }

// testNorwegianHasNoEnglish renders every command in lang (nb or nn) and
// fails on an English word, or on a word of the other written standard
// (bokmalOnly, nynorskOnly).
func testNorwegianHasNoEnglish(t *testing.T, lang string) {
	other := map[string]map[string]bool{rules.LangNB: nynorskOnly, rules.LangNN: bokmalOnly}[lang]
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("KVP_TODAY", "2026-06-01")
	run := func(args []string, in string) (string, string) {
		var out, errOut bytes.Buffer
		Main(args, &IOStreams{In: strings.NewReader(in), Out: &out, ErrOut: &errOut})
		return out.String(), errOut.String()
	}
	for _, r := range bokmalRuns {
		t.Run(strings.Join(r.args[:1], " "), func(t *testing.T) {
			out, errOut := run(append(r.args, "--lang", lang), r.in)
			enOut, _ := run(append(r.args, "--lang", "en"), r.in)
			text := out + errOut
			if r.data { // the words on stderr; the summary's JSON there is data too
				if out == "" || out != enOut {
					t.Errorf("%v: stdout %q in nb, %q in en", r.args, out, enOut)
				}
				text = ""
				for _, line := range strings.SplitAfter(errOut, "\n") {
					if strings.HasPrefix(line, "kvp: stempel: ") {
						continue // the stamp is data: version, hash, policy, titles
					}
					text += strings.SplitN(line, "{", 2)[0]
				}
			} else if strings.TrimSpace(text) == "" {
				t.Fatalf("%v: no output", r.args)
			}
			for _, s := range userAndSourceText {
				text = strings.ReplaceAll(text, s, "")
			}
			for _, line := range strings.Split(text, "\n") {
				if w := englishIn(lang, line); w != "" {
					t.Errorf("%v: English %q in %q", r.args, w, strings.TrimSpace(line))
				}
				if w := foreignWords(line, other); w != nil {
					t.Errorf("%v: %v in %s: %q", r.args, w, lang, strings.TrimSpace(line))
				}
			}
		})
	}
	// Errors: every family of error, each in bokmål throughout; the user's
	// paths, keys and values stay as written.
	dir := t.TempDir()
	t.Chdir(dir)
	for name, text := range map[string]string{
		"bad.yaml":       "birth_date: 1990-02-30\nfrom: 2026-01-01\nto: 2026-03-31\nbogus: 1\nrounding: nva\nfrom: 2026-02-01\n",
		"type.yaml":      "birth_date: [1]\nfrom: 2026-01-01\nto: x\n",
		"empty.yaml":     "",
		"latin1.yaml":    "birth_date: \xe6\n",
		"cfg-nva.yaml":   "rounding: nva\n",
		"cfg-type.yaml":  "rounding: [1]\nbogus: 2\n",
		"cfg-param.yaml": "parameters:\n  gee:\n    - {from: 2026-01-01, value: 1}\n",
		"cfg-tax.yaml":   "tax:\n  2026: {bogus: 1}\n",
		"cfg-entry.yaml": "parameters:\n  g:\n    - {from: 2027-05-01, value: 143000, sourse: x}\n    - {from: 2027-05-01, value: 150000}\n",
		"cfg-dup.yaml":   "rounding: nav\nrounding: exact\ntax:\n  abc: {}\n  2026: 5\n? [1]\n: 2\n",
		"cfg-docs.yaml":  "rounding: nav\n---\nrounding: exact\n",
		"cfg-list.yaml":  "- 1\n",
		"cfg-long.yaml":  "rounding: " + strings.Repeat("x", 1000) + "\n",
		"cfg-big.yaml":   strings.Repeat("#\n", 3<<20),
		"cfg-more.yaml":  "a: 1\nb: 1\nc: 1\nd: 1\ne: 1\nf: 1\n",
		"scen-docs.yaml": "title: t\n---\ntitle: u\n",
		"batch.jsonl":    "{\"birth_date\":\"1990-01-01\",\"from\":\"2026-01-01\",\"to\":\"2026-01-31\"}\n{\"birthdate\":\"x\"}\nnot json\n\n",
		"batch.csv":      "birth_date,from,to,rounding\n1990-01-01,2026-01-01,2026-01-31,nva\n",
		"prog.yaml":      "programme:\n  start: 2026-01-01\n  decisions: [2026-01-01..2026-06-30, 2026-03-01..2026-09-30]\n",
		"elig.yaml":      "birth_date: 1990-01-01\neligibility:\n  residence: mars\n  benefits: [{kind: bogus}]\n  previous: [2020-02-01..2020-01-01]\n",
		"scen.yaml":      "title: x\nparameters:\n  g:\n    - {from: 2027-05-01, value: -1}\n",
		"scen-bare.yaml": "description: x\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir("adir", 0o755); err != nil {
		t.Fatal(err)
	}
	period := []string{"--birth-date", "1990-01-01", "--from", "2026-01-01", "--to", "2026-03-31"}
	for _, tc := range []struct {
		env  string // NAME=VALUE, or ""
		args []string
	}{
		{"", []string{"calc", "--bogus"}},
		{"", []string{"calc", "-x"}},
		{"", []string{"batch", "-f", "batch.jsonl", "--workers", "abc"}},
		{"", []string{"batch", "-f", "batch.jsonl", "--workers"}},
		{"", []string{"clac"}},
		{"", []string{"rates", "x"}},
		{"", []string{"calc", "--from", "2026-01-01"}},
		{"", []string{"calc", "-f", "bad.yaml"}},
		{"", []string{"calc", "-f", "type.yaml"}},
		{"", []string{"calc", "-f", "empty.yaml"}},
		{"", []string{"calc", "-f", "latin1.yaml"}},
		{"", []string{"calc", "-f", "ingen.yaml"}},
		{"", []string{"calc", "-f", "adir"}},
		{"", append([]string{"calc", "--config", "cfg-nva.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-type.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-param.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-tax.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "ingen.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-entry.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-dup.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-docs.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-list.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-long.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-big.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "cfg-more.yaml"}, period...)},
		{"", append([]string{"calc", "--config", "adir"}, period...)},
		{"", append([]string{"compare", "--scenario", "scen-docs.yaml"}, period...)},
		{"", append([]string{"compare", "--scenario", "adir"}, period...)},
		{"KVP_ROUNDING=bogus", append([]string{"calc"}, period...)},
		{"KVP_SET=g@2027-05-01=x", []string{"g"}},
		{"", []string{"g", "--set", "g@2027-05-01=-5"}},
		{"", []string{"g", "--set", "g@2027-05-01=999999999999"}},
		{"", []string{"g", "--set", "gee@2027-05-01=1"}},
		{"", []string{"g", "--set", "bogus"}},
		{"", []string{"calc", "--birth-date", "2027-01-01", "--from", "2026-01-01", "--to", "2026-03-31"}},
		{"", append([]string{"calc", "--rounding", "nva"}, period...)},
		{"", []string{"batch", "-f", "batch.jsonl"}},
		{"", []string{"batch", "-f", "batch.csv"}},
		{"", []string{"batch", "-f", "adir"}},
		{"", []string{"batch", "-f", "ingen.jsonl"}},
		{"", []string{"batch"}},
		{"", []string{"period", "-f", "prog.yaml"}},
		{"", []string{"period", "--start", "2026-01-01", "--decision", "2026-01-01..2026-06-30", "--decision", "2026-03-01..2026-09-30"}},
		{"", []string{"period"}},
		{"", []string{"check", "-f", "elig.yaml"}},
		{"", []string{"check", "--birth-date", "1990-01-01", "--date", "1980-01-01"}},
		{"", append([]string{"compare", "--scenario", "scen.yaml"}, period...)},
		{"", append([]string{"compare", "--scenario", "scen-bare.yaml"}, period...)},
		{"", append([]string{"compare", "--scenario", "ingen.yaml"}, period...)},
		{"", append([]string{"compare"}, period...)},
	} {
		t.Run(strings.Join(tc.args[:1], " "), func(t *testing.T) {
			if name, value, ok := strings.Cut(tc.env, "="); ok {
				t.Setenv(name, value)
			}
			var out, errOut bytes.Buffer
			code := Main(append(tc.args, "--lang", lang), &IOStreams{In: &bytes.Buffer{}, Out: &out, ErrOut: &errOut})
			if code != exitError && code != exitUsage {
				t.Fatalf("%s %v: exit %d, want an error: %s", tc.env, tc.args, code, errOut.String())
			}
			if !strings.Contains(errOut.String(), "kvp: feil: ") {
				t.Fatalf("%s %v: no error in %s: %q", tc.env, tc.args, lang, errOut.String())
			}
			for _, line := range strings.Split(out.String()+errOut.String(), "\n") {
				if strings.HasPrefix(line, "{") || strings.HasPrefix(line, "kvp: summary: {") || strings.HasPrefix(line, "kvp: oppsummering: {") || strings.HasPrefix(line, "kvp: stempel: ") {
					continue // JSON is English whatever --lang (batch records and summary)
				}
				words := strings.Fields(line)
				for i, w := range words {
					if strings.HasPrefix(w, "-") {
						words[i] = "" // a flag's name is what the user typed
					}
					if name := strings.TrimRight(w, ":,;"); strings.ContainsAny(name[:max(len(name)-1, 0)], "./") {
						words[i] = "" // a file name ("scen-bare.yaml:") is the user's
					}
				}
				if w := englishIn(lang, strings.Join(words, " ")); w != "" {
					t.Errorf("%s %v: English %q in %q", tc.env, tc.args, w, strings.TrimSpace(line))
				}
				if w := foreignWords(strings.Join(words, " "), other); w != nil {
					t.Errorf("%s %v: %v in %s: %q", tc.env, tc.args, w, lang, strings.TrimSpace(line))
				}
			}
		})
	}
}

// TestNoRegexpInCmd: no message is reworded by a regular expression; cmd's
// non-test Go files do not import regexp.
func TestNoRegexpInCmd(t *testing.T) {
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`"regexp"`)) {
			t.Errorf("%s imports regexp", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	missingTexts.Range(func(k, _ any) bool {
		t.Errorf("rendered without a text: %s", k)
		return true
	})
}
