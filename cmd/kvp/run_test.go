package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// fakeEnv is a run function's env with fake streams: stdout a terminal of
// width columns when terminal is set, else a pipe. The configuration is the
// embedded defaults: no config file, no KVP_* settings, English.
func fakeEnv(t *testing.T, terminal bool, width int) (env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	home := t.TempDir()
	for k, v := range map[string]string{"KVP_CONFIG": "", "XDG_CONFIG_HOME": home, "HOME": home, "KVP_TODAY": "2026-11-23",
		"KVP_LANG": "", "LC_ALL": "", "LANG": "", "KVP_OUTPUT": "", "KVP_ROUNDING": ""} {
		t.Setenv(k, v)
	}
	var out, errOut bytes.Buffer
	s := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, IsTerminal: terminal, Width: width}
	return env{IO: s, Config: func() (*config.Config, error) { return config.Load(config.Options{}) }}, &out, &errOut
}

func ptr[T any](v T) *T { return &v }

// TestRunCalc calls runCalc with no cobra: a case given as flags, on a
// pipe and on a terminal.
func TestRunCalc(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		e, out, _ := fakeEnv(t, terminal, 100)
		o := &calcOptions{env: e, Given: caseinput.Flags{BirthDate: ptr("1990-01-01"), From: ptr("2026-01-01"), To: ptr("2026-03-31")}}
		if err := runCalc(o); err != nil {
			t.Fatalf("terminal %v: %v", terminal, err)
		}
		// 2.041 × G 130160 = 265656.56 a year; / 260 = 1021.76, a day rate of
		// 1022 kroner (nav); 22 + 20 + 22 = 64 paid days: 65408.00.
		for _, want := range []string{"Period 2026-01-01 – 2026-03-31", "1022.00", "│ total │ 65408.00 │"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("terminal %v: no %q in\n%s", terminal, want, out)
			}
		}
	}
}

// TestRunCalcMissingDate: a required fact missing is a usage error naming
// the flag, and nothing is printed.
func TestRunCalcMissingDate(t *testing.T) {
	e, out, _ := fakeEnv(t, false, 0)
	err := runCalc(&calcOptions{env: e, Given: caseinput.Flags{BirthDate: ptr("1990-01-01"), From: ptr("2026-01-01")}})
	if exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--to is required") || out.Len() > 0 {
		t.Fatalf("err %v (exit %d), stdout %q", err, exitCode(err), out)
	}
}

func TestRunCheck(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		e, out, _ := fakeEnv(t, terminal, 100)
		// Only the birth date: every other criterion is unknown.
		err := runCheck(&checkOptions{env: e, Given: caseinput.Flags{BirthDate: ptr("1990-06-15"), Date: ptr("2026-11-23")}})
		if exitCode(err) != exitUndetermined {
			t.Fatalf("terminal %v: err %v, want exit %d", terminal, err, exitUndetermined)
		}
		for _, want := range []string{"Eligibility on 2026-11-23", "KVP-EL-01", "Verdict: undetermined"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("terminal %v: no %q in\n%s", terminal, want, out)
			}
		}
	}
}

// TestRunCheckBirthAfterDate: which flag is blamed depends on which was given.
func TestRunCheckBirthAfterDate(t *testing.T) {
	e, _, _ := fakeEnv(t, false, 0)
	err := runCheck(&checkOptions{env: e, Given: caseinput.Flags{BirthDate: ptr("2027-01-01")}})
	if exitCode(err) != exitUsage || !strings.HasPrefix(err.Error(), "--birth-date: 2027-01-01 is after the assessment date 2026-11-23") {
		t.Fatalf("err %v", err)
	}
}

func TestRunPeriod(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		e, out, _ := fakeEnv(t, terminal, 100)
		if err := runPeriod(&periodOptions{env: e, Given: caseinput.Flags{Start: ptr("2026-01-05")}}); err != nil {
			t.Fatalf("terminal %v: %v", terminal, err)
		}
		// Two years from 2026-01-05 end the day before 2028-01-05.
		if !strings.Contains(out.String(), "2028-01-04") {
			t.Errorf("terminal %v: no latest end 2028-01-04 in\n%s", terminal, out)
		}
	}
}

func TestRunRates(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		e, out, _ := fakeEnv(t, terminal, 100)
		if err := runRates(&ratesOptions{dated: dated{env: e, Date: ptr("2025-05-01")}}); err != nil {
			t.Fatalf("terminal %v: %v", terminal, err)
		}
		// G 130160 from 2025-05-01; 2.041 × 130160 = 265656.56, 265657 a year.
		for _, want := range []string{"130160", "265657", "1022.00"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("terminal %v: no %q in\n%s", terminal, want, out)
			}
		}
	}
	e, _, _ := fakeEnv(t, false, 0)
	if err := runRates(&ratesOptions{dated: dated{env: e, Date: ptr("2025-13-01")}}); exitCode(err) != exitUsage || !strings.HasPrefix(err.Error(), "--date: ") {
		t.Fatalf("a bad --date: %v", err)
	}
}

func TestRunBatch(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cases.jsonl")
	lines := `{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31"}` + "\n" + `{"birth_date":"1990-01-01"}` + "\n"
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, terminal := range []bool{false, true} {
		e, out, errOut := fakeEnv(t, terminal, 100)
		o := &batchOptions{env: e, ErrRaw: errOut, file: file, inFormat: "auto", workers: 2, chunkSize: 1}
		err := runBatch(o)
		if exitCode(err) != exitError {
			t.Fatalf("terminal %v: err %v, want exit 1 for the line that cannot be computed", terminal, err)
		}
		recs := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(recs) != 2 || !strings.HasPrefix(recs[0], `{"line":1,"result":`) || !strings.Contains(recs[0], `"net":"65408.00"`) ||
			!strings.HasPrefix(recs[1], `{"line":2,"error":`) {
			t.Errorf("terminal %v: records\n%s", terminal, out)
		}
		if !strings.Contains(errOut.String(), "kvp: summary: ") {
			t.Errorf("terminal %v: no summary on stderr: %q", terminal, errOut)
		}
	}
}

// tableLines are the lines of out that belong to a table.
func tableLines(out string) []string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		if strings.ContainsAny(line[:min(len(line), 4)], "│┌├└") {
			lines = append(lines, line)
		}
	}
	return lines
}

// widest is the widest of lines, in runes.
func widest(lines []string) (int, string) {
	n, at := 0, ""
	for _, l := range lines {
		if w := runes(l); w > n {
			n, at = w, l
		}
	}
	return n, at
}

// readmeCommands are the kvp calc, check and period command lines in
// README.md that run on their own (no pipe, redirection or quoting), and
// calc, check and period on every case file in examples/.
func readmeCommands(t *testing.T) [][]string {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var cmds [][]string
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "$ ")
		fields := strings.Fields(line)
		if len(fields) < 2 || fields[0] != "kvp" || strings.ContainsAny(line, "|<>'\"$`") ||
			(fields[1] != "calc" && fields[1] != "check" && fields[1] != "period") {
			continue
		}
		cmds = append(cmds, fields[1:])
	}
	cases, _ := filepath.Glob("examples/case*")
	for _, c := range cases {
		for _, cmd := range []string{"calc", "check", "period"} {
			cmds = append(cmds, []string{cmd, "-f", c})
		}
	}
	return cmds
}

// TestDefaultTablesFit120: every table line of the default output of kvp
// calc, check and period, for the README's commands and the example cases,
// in English, bokmål and nynorsk, is at most 120 columns when stdout is not a
// terminal.
func TestDefaultTablesFit120(t *testing.T) {
	t.Chdir("../..")
	cmds := readmeCommands(t)
	if len(cmds) < 20 {
		t.Fatalf("only %d commands found", len(cmds))
	}
	for _, args := range cmds {
		if slices.Contains(args, "-o") || slices.Contains(args, "--wide") || slices.Contains(args, "--interactive") {
			continue
		}
		for _, lang := range rules.Languages {
			_, out, _ := fakeEnv(t, false, 0)
			Main(append(args, "--lang", lang), &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: io.Discard})
			if n, line := widest(tableLines(out.String())); n > maxTableWidth {
				t.Errorf("kvp %s --lang %s: a table line of %d columns:\n%s", strings.Join(args, " "), lang, n, line)
			}
		}
	}
}

// TestTablesFitTheTerminal: on a terminal the tables fit its width; off a
// terminal they keep to 120 columns whatever $COLUMNS says; --wide has no limit.
func TestTablesFitTheTerminal(t *testing.T) {
	t.Chdir("../..")
	run := func(terminal bool, width int, args ...string) []string {
		_, out, _ := fakeEnv(t, terminal, width)
		t.Setenv("COLUMNS", "60")
		Main(args, &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: io.Discard, IsTerminal: terminal, Width: width})
		return tableLines(out.String())
	}
	for _, args := range [][]string{{"check", "-f", "examples/case-check.yaml"}, {"period", "-f", "examples/case-period.yaml"}} {
		if n, line := widest(run(true, 100, args...)); n > 100 {
			t.Errorf("kvp %v on a terminal of 100 columns: a line of %d:\n%s", args, n, line)
		}
		if n, _ := widest(run(false, 100, args...)); n <= 100 || n > maxTableWidth {
			t.Errorf("kvp %v off a terminal: widest line %d, want 101 to %d", args, n, maxTableWidth)
		}
		if n, _ := widest(run(false, 0, append(args, "--wide")...)); n <= maxTableWidth {
			t.Errorf("kvp %v --wide: widest line %d, want more than %d", args, n, maxTableWidth)
		}
	}
	// A terminal wider than 120 columns gets wider tables: the child
	// supplement's reference (91 characters) on one line.
	lines := run(true, 200, "calc", "-f", "examples/case-basic.yaml")
	if !slices.ContainsFunc(lines, func(l string) bool {
		return strings.Contains(l, "KVP-forskriften § 3, jf. forskrift om arbeidsavklaringspenger § 8 │")
	}) {
		t.Errorf("calc on a terminal of 200 columns wrapped the reference:\n%s", strings.Join(lines, "\n"))
	}
}

// TestRunCalcNarrowAndWide: runCalc's default segments table has the narrow
// columns and the references under it; --wide has every column.
func TestRunCalcNarrowAndWide(t *testing.T) {
	for _, wide := range []bool{false, true} {
		e, out, _ := fakeEnv(t, true, 100)
		o := &calcOptions{env: e, wide: wide, Given: caseinput.Flags{BirthDate: ptr("1990-01-01"), From: ptr("2026-04-01"), To: ptr("2026-05-31")}}
		if err := runCalc(o); err != nil {
			t.Fatal(err)
		}
		narrow := "│ from       │ to         │ day rate │ days │ stipend  │ child suppl. │ net      │"
		full := "│ from       │ to         │ G      │ factor │ age │ day rate │ children │ child/day │ days │"
		under := "\nreference: sotjl. § 35 andre og tredje ledd\n"
		got := out.String()
		if wide != strings.Contains(got, full) || wide == strings.Contains(got, narrow) || wide == strings.Contains(got, under) {
			t.Errorf("wide %v:\n%s", wide, got)
		}
	}
}
