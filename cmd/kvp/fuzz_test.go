package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"kvp/calc"
	"kvp/config/caseinput"
	"kvp/rules"
)

// The fuzz targets below check more than "no panic": an input either fails
// with a clean one-line error, or yields a value that re-encodes to text
// that parses to the same value.
//
//	go test -run '^$' -fuzz '^FuzzDecodeCaseYAML$' -fuzztime 60s ./cmd/kvp
//
// With a short -fuzztime also pass -fuzzminimizetime 5s: by default each new
// interesting input is minimized for up to 60 s, which can eat a whole run.

// fzOneLine fails unless err is one non-empty line of text.
func fzOneLine(t *testing.T, input string, err error) {
	t.Helper()
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		t.Fatalf("%q: empty error text", input)
	}
	if strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("%q: error is not one line: %q", input, msg)
	}
}

var fzDecimalType = reflect.TypeFor[decimal.Decimal]()

// fzSame compares two decoded values field by field: decimals by value
// (2.50 equals 2.5), and a nil slice or map equal to an empty one (an
// omitted key and an empty list mean the same).
func fzSame(a, b reflect.Value, path string) error {
	if a.Type() != b.Type() {
		return fmt.Errorf("%s: type %s, want %s", path, b.Type(), a.Type())
	}
	if a.Type() == fzDecimalType {
		x, y := a.Interface().(decimal.Decimal), b.Interface().(decimal.Decimal)
		if !x.Equal(y) {
			return fmt.Errorf("%s: %s, want %s", path, y, x)
		}
		return nil
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Errorf("%s: nil %v, want nil %v", path, b.IsNil(), a.IsNil())
			}
			return nil
		}
		return fzSame(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).Tag.Get("json") == "-" { // not in the text (Case.PayLines: where it was), so not round-tripped
				continue
			}
			if err := fzSame(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Errorf("%s: %d items, want %d", path, b.Len(), a.Len())
		}
		for i := range a.Len() {
			if err := fzSame(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Errorf("%s: %d keys, want %d", path, b.Len(), a.Len())
		}
		for _, k := range a.MapKeys() {
			v := b.MapIndex(k)
			if !v.IsValid() {
				return fmt.Errorf("%s: key %v missing", path, k)
			}
			if err := fzSame(a.MapIndex(k), v, fmt.Sprintf("%s[%v]", path, k)); err != nil {
				return err
			}
		}
		return nil
	}
	if !a.CanInterface() {
		return fmt.Errorf("%s: unexported %s", path, a.Type())
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Errorf("%s: %#v, want %#v", path, b.Interface(), a.Interface())
	}
	return nil
}

// fzCheckCase decodes a case file and checks the result: a clean error, or a
// case that survives a JSON and a YAML round trip unchanged.
func fzCheckCase(t *testing.T, data []byte) {
	// readInput refuses these before the decoder sees them.
	if len(data) > caseinput.MaxFileSize || !utf8.Valid(data) || len(bytes.TrimSpace(data)) == 0 {
		return
	}
	cf, err := caseinput.Decode(data)
	if err != nil {
		fzOneLine(t, string(data), err)
		return
	}
	js, err := json.Marshal(cf)
	if err != nil {
		t.Fatalf("encoding the case as JSON: %v", err)
	}
	back, err := caseinput.Decode(js)
	if err != nil {
		t.Fatalf("the case re-encoded as JSON does not decode: %v\n%s", err, js)
	}
	if err := fzSame(reflect.ValueOf(*cf), reflect.ValueOf(*back), "case"); err != nil {
		t.Fatalf("JSON round trip: %v\n%s", err, js)
	}
	js2, err := json.Marshal(back)
	if err != nil || !bytes.Equal(js, js2) {
		t.Fatalf("JSON encoding is not stable: %s\n%s (%v)", js, js2, err)
	}
	ym, err := yaml.Marshal(cf)
	if err != nil {
		t.Fatalf("encoding the case as YAML: %v", err)
	}
	back, err = caseinput.Decode(ym)
	if err != nil {
		t.Fatalf("the case re-encoded as YAML does not decode: %v\n%s", err, ym)
	}
	if err := fzSame(reflect.ValueOf(*cf), reflect.ValueOf(*back), "case"); err != nil {
		t.Fatalf("YAML round trip: %v\n%s", err, ym)
	}
}

// fzExamples adds the examples/ case files that are JSON (or, with
// wantJSON false, YAML).
func fzExamples(f *testing.F, wantJSON bool) {
	names, err := filepath.Glob(filepath.Join("..", "..", "examples", "case*"))
	if err != nil || len(names) == 0 {
		f.Fatalf("no example case files: %v", err)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		if isJSON := bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")); isJSON == wantJSON {
			f.Add(data)
		}
	}
}

func FuzzDecodeCaseYAML(f *testing.F) {
	fzExamples(f, false)
	for _, s := range []string{
		"birth_date: 1990-01-01\nfrom: 2026-04-01\nto: 2026-05-31\n",
		"birthdate: 1990-01-01\n",
		"children: two\n",
		"children: 1e30\n",
		"from: 99999-01-01\n",
		"from: 2026-02-30\n",
		"work_hours:\n  - hours: 99999999999999999999\n",
		"work_hours:\n  - {hours: 7.50, from: 2026-01-01}\nother_income: {2026: \"1500.5\"}\n",
		"absence:\n  - {month: 2026-05, days: 2}\n  - {date: 2026-05-13, hours: 3.75}\n",
		"eligibility:\n  benefits: []\n  previous: []\n  reduced_capacity: ja\n",
		"eligibility:\n  benefits:\n    - {kind: uføretrygd, amount: full}\n",
		"programme:\n  leave: [2026-03-10..2026-03-01]\n",
		"finnmark: maybe\n",
		"child_birth_dates: [2010-01-01, 2026-02-29]\n",
		"rounding: exact\nrounding: nav\n",
		"# only a comment\n",
		"---\nchildren: 1\n---\nchildren: [\n",
		"a: &a [*a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fzCheckCase(t, data) })
}

func FuzzDecodeCaseJSON(f *testing.F) {
	fzExamples(f, true)
	for _, s := range []string{
		`{"birth_date": "1990-01-01", "from": "2026-04-01", "to": "2026-05-31", "children": 2}`,
		`{"children": "two"}`,
		`{"children": 1e30}`,
		`{"from": "99999-01-01"}`,
		`{"work_hours": [{"hours": 99999999999999999999}]}`,
		`{"work_hours": [{"hours": "7.5"}], "other_income": {"2026": 1500.5}}`,
		`{"eligibility": {"benefits": [{"kind": "x", "amount": "full"}], "previous": [], "fixed_abode": true}}`,
		`{"eligibility": {"benefits": [{"kind": "x", "amount": null}]}}`,
		`{"programme": {"start": "2026-01-05", "decisions": ["2026-01-05..2027-01-04"], "extended": "no"}}`,
		`{"finnmark": "y\u0065s"}`,
		`{"children": 1} {"children": 2}`,
		`{"children": 1`,
		`{"birth_date": null, "withholding_percent": "35.5"}`,
		`{}`,
		`{"from": "2026-01-01", "FROM": "2026-01-02"}`,
		`{"programme": {"start": "2026-01-05", "ſtart": "2026-01-06"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			return // YAML: FuzzDecodeCaseYAML covers it
		}
		fzCheckCase(t, data)
		// A case that decodes gives no key twice, by its decoded keys
		// compared as encoding/json matches them (bytes.EqualFold).
		if _, err := caseinput.Decode(data); err == nil && fzRepeatsKey(data) {
			t.Fatalf("a case with a key given twice decoded: %q", data)
		}
	})
}

// fzRepeatsKey reports whether an object of the JSON text data gives a key
// twice, by the decoded keys, in the most direct way.
func fzRepeatsKey(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func() bool
	walk = func() bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return false
		}
		var keys []string
		repeated := false
		for dec.More() {
			if d == '{' {
				k, err := dec.Token()
				if err != nil {
					return repeated
				}
				key, _ := k.(string)
				for _, seen := range keys {
					repeated = repeated || strings.EqualFold(seen, key)
				}
				keys = append(keys, key)
			}
			repeated = walk() || repeated
		}
		_, _ = dec.Token()
		return repeated
	}
	return walk()
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{
		"1500", "37.5", " 7.50 ", "-3", "0", "-0", ".5", "5.", "1e3", "1E3", "0x10", "1_000", "1,5",
		"999999999999", "1000000000000", "99999999999999999999", "0.0000000001", "0.00000000001",
		"+4", "−4", "", "NaN", "Inf",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := caseinput.ParseNumber(s)
		if err != nil {
			fzOneLine(t, s, err)
			return
		}
		if d.Abs().GreaterThanOrEqual(decimal.New(1, 12)) || d.Exponent() < -10 {
			t.Fatalf("parseNumber(%q) = %s is out of range", s, d)
		}
		text := d.String()
		if strings.ContainsAny(text, "eE") {
			t.Fatalf("parseNumber(%q) prints as %q", s, text)
		}
		back, err := caseinput.ParseNumber(text)
		if err != nil || !back.Equal(d) {
			t.Fatalf("round trip of %q via %q: %s, %v", s, text, back, err)
		}
		c, err := caseinput.DecodeJSON([]byte(`{"withholding_percent": "` + text + `"}`))
		if err != nil || !c.WithholdingPercent.Equal(d) {
			t.Fatalf("number from JSON %q: %v, %v", text, c, err)
		}
	})
}

// fzPeriod is the --from..--to of the command-line targets below.
var fzPeriod = rules.Period{From: rules.NewDate(2026, 1, 1), To: rules.NewDate(2026, 12, 31)}

// fzCase converts a case of one reduction over fzPeriod, as kvp calc does.
func fzCase(c caseinput.Case) (calc.Case, error) {
	from, to := fzPeriod.From, fzPeriod.To
	c.BirthDate, c.From, c.To = &from, &from, &to
	return c.Calc(caseinput.Settings{})
}

// fzWorkHours reads --work-hours over fzPeriod.
func fzWorkHours(s string) (calc.WorkHours, error) {
	w, err := caseinput.ParseWorkHours(s)
	if err != nil {
		return calc.WorkHours{}, err
	}
	c, err := fzCase(caseinput.Case{WorkHours: []caseinput.WorkHours{w}})
	if err != nil {
		return calc.WorkHours{}, err
	}
	return c.Work[0], nil
}

// fzOtherBenefit reads --other-benefit over fzPeriod.
func fzOtherBenefit(s string) (calc.OtherBenefit, error) {
	b, err := caseinput.ParseOtherBenefit(s)
	if err != nil {
		return calc.OtherBenefit{}, err
	}
	c, err := fzCase(caseinput.Case{OtherBenefits: []caseinput.OtherBenefit{b}})
	if err != nil {
		return calc.OtherBenefit{}, err
	}
	return c.Benefits[0], nil
}

func FuzzParseWorkHours(f *testing.F) {
	for _, s := range []string{
		"15", "15@2026-04-01..2026-05-31", "37.5@2026-04-01..2026-05-31", "7.5@2026-05-31..2026-04-01", "15@", "@2026-01-01..2026-01-31",
		"99999999999999999999", "1e30", "-5", "15@2026-01-01", "15@99999-01-01..2026-01-01", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := fzWorkHours(s)
		if err != nil {
			fzOneLine(t, s, err)
			return
		}
		if w.Period.To < w.Period.From {
			t.Fatalf("%q: period %s ends before it starts", s, w.Period)
		}
		text := w.Hours.String() + "@" + w.Period.String()
		back, err := fzWorkHours(text)
		if err != nil || back.Period != w.Period || !back.Hours.Equal(w.Hours) {
			t.Fatalf("round trip of %q via %q: %+v, %v", s, text, back, err)
		}
	})
}

func FuzzParseOtherBenefit(f *testing.F) {
	for _, s := range []string{
		"sykepenger:1500@2026-06-15..2026-06-19", "sykepenger:800@2026-06-01..2026-06-30", "dagpenger:total=7500@2026-06-15..2026-06-19",
		"foreldrepenger:450", " sykepenger :800", "sykepenger", "sykepenger:", "sykepenger:total=",
		"sykepenger:1e30", "sykepenger:99999999999999999999", "a@b:5", "k:total=total=5", ":5",
		"sykepenger:800@2026-06-30..2026-06-01", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := fzOtherBenefit(s)
		if err != nil {
			fzOneLine(t, s, err)
			return
		}
		if b.Kind != strings.TrimSpace(b.Kind) || strings.Contains(b.Kind, ":") {
			t.Fatalf("%q: kind %q", s, b.Kind)
		}
		amount := b.PerDay.String()
		if b.Total != nil {
			amount = "total=" + b.Total.String()
		}
		text := b.Kind + ":" + amount + "@" + b.Period.String()
		back, err := fzOtherBenefit(text)
		if err != nil {
			t.Fatalf("%q re-encoded as %q: %v", s, text, err)
		}
		same := back.Kind == b.Kind && back.Period == b.Period && back.PerDay.Equal(b.PerDay) &&
			(back.Total == nil) == (b.Total == nil) && (b.Total == nil || back.Total.Equal(*b.Total))
		if !same {
			t.Fatalf("round trip of %q via %q: %+v, want %+v", s, text, back, b)
		}
	})
}

func FuzzParseAbsence(f *testing.F) {
	for _, s := range []string{
		"2026-05-13", "2026-05-13=3.75", " 2026-05-13 =7.5", "2026-05-13=", "2026-02-30", "99999-01-01",
		"2026-05-13=1e3", "2026-05-13=99999999999999999999", "=", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := caseinput.ParseAbsence(s)
		if err != nil {
			fzOneLine(t, s, err)
			return
		}
		text := a.Date.String()
		if a.Hours != nil {
			text += "=" + a.Hours.String()
		}
		back, err := caseinput.ParseAbsence(text)
		if err != nil || *back.Date != *a.Date || (back.Hours == nil) != (a.Hours == nil) ||
			(a.Hours != nil && !back.Hours.Equal(a.Hours.Decimal)) {
			t.Fatalf("round trip of %q via %q: %+v, %v", s, text, back, err)
		}
	})
}

// fzRun runs kvp in-process and returns its exit code and output. A panic
// fails the test: no stack trace may reach a user.
func fzRun(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("kvp %s panicked: %v", strings.Join(args, " "), r)
			}
		}()
		code = Main(args, &IOStreams{In: bytes.NewReader(stdin), Out: &out, ErrOut: &errOut})
	}()
	return code, out.String(), errOut.String()
}

// TestBadInput: every kind of broken input gets one line on stderr naming
// what is wrong, nothing on stdout, a documented non-zero exit code (1 for
// a file that cannot be used, 2 for a wrong command line), and never a panic
// or a stack trace.
//
// A file without read permission is not among them: tests often run as root,
// where chmod 000 does not stop a read; a path that does not exist is.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", "")
	for _, k := range []string{"KVP_CONFIG", "KVP_SET", "KVP_ROUNDING", "KVP_AGE_SWITCH", "KVP_OUTPUT"} {
		t.Setenv(k, "")
	}
	t.Setenv("KVP_TODAY", "2026-11-23")
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := "birth_date: 1990-01-01\nfrom: 2026-04-01\nto: 2026-05-31\n"
	goodFile := write("good.yaml", []byte(good))
	// One line longer than the case file limit (4 MiB): refused as a whole.
	longLine := append([]byte("# "), bytes.Repeat([]byte("x"), caseinput.MaxFileSize)...)
	longFile := write("long.yaml", append(longLine, []byte("\n"+good)...))
	subdir := filepath.Join(dir, "cases")
	if err := os.Mkdir(subdir, 0o700); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.yaml")

	calc := []string{"calc", "--birth-date", "1990-01-01", "--from", "2026-04-01", "--to", "2026-05-31"}
	tests := []struct {
		name  string
		args  []string
		stdin []byte
		code  int
		want  []string // each must appear in the error line
	}{
		{"line longer than the limit", []string{"calc", "-f", longFile}, nil, exitError, []string{"long.yaml", "larger than 4 MiB"}},
		{"line longer than the limit on stdin", []string{"calc", "-f", "-"}, append(longLine, '\n'), exitError, []string{"stdin", "larger than 4 MiB"}},
		{"not UTF-8", []string{"calc", "-f", write("latin1.yaml", []byte("birth_date: 1990-01-01\nfrom: 2026-04-01\nto: 2026-05-31\n# f\xf8dt\n"))}, nil, exitError, []string{"latin1.yaml", "not UTF-8"}},
		{"UTF-16", []string{"calc", "-f", write("utf16.json", []byte("\xff\xfe{\x00}\x00"))}, nil, exitError, []string{"utf16.json", "not UTF-8"}},
		{"children 1e30 in YAML", []string{"calc", "-f", write("children.yaml", []byte(good+"children: 1e30\n"))}, nil, exitError, []string{"children.yaml", "line 4", "children"}},
		{"children 1e30 in JSON", []string{"calc", "-f", write("children.json", []byte(`{"birth_date": "1990-01-01", "from": "2026-04-01", "to": "2026-05-31", "children": 1e30}`))}, nil, exitError, []string{"children.json", "children"}},
		{"children 1e30 as a flag", append(calc, "--children", "1e30"), nil, exitUsage, []string{"children", "1e30"}},
		{"children 10^20 as a flag", append(calc, "--children", "99999999999999999999"), nil, exitUsage, []string{"children"}},
		{"work hours 10^20 as a flag", append(calc, "--work-hours", "99999999999999999999"), nil, exitUsage, []string{"--work-hours", "99999999999999999999"}},
		{"work hours 10^20 in a file", []string{"calc", "-f", write("work.yaml", []byte(good+"work_hours:\n  - hours: 99999999999999999999\n"))}, nil, exitError, []string{"work.yaml", "line 5", "99999999999999999999"}},
		{"year 99999 as a flag", []string{"calc", "--birth-date", "1990-01-01", "--from", "99999-01-01", "--to", "99999-12-31"}, nil, exitUsage, []string{"--from", "99999-01-01"}},
		{"year 99999 in a file", []string{"calc", "-f", write("year.yaml", []byte("birth_date: 1990-01-01\nfrom: 99999-01-01\nto: 2026-05-31\n"))}, nil, exitError, []string{"year.yaml", "99999-01-01"}},
		{"year 99999 in a --set", append(calc, "--set", "g@99999-05-01=143000"), nil, exitUsage, []string{"--set", "99999-05-01"}},
		{"empty file", []string{"calc", "-f", write("empty.yaml", nil)}, nil, exitError, []string{"empty.yaml", "empty"}},
		{"blank stdin", []string{"calc", "-f", "-"}, []byte(" \n\t\n"), exitError, []string{"stdin", "empty"}},
		{"only a comment", []string{"calc", "-f", write("comment.yaml", []byte("# to do\n"))}, nil, exitError, []string{"comment.yaml"}},
		{"directory as case file", []string{"calc", "-f", subdir}, nil, exitError, []string{subdir, "is a directory"}},
		{"directory as config file", append(calc, "--config", subdir), nil, exitError, []string{subdir, "is a directory"}},
		{"directory as scenario", []string{"compare", "-f", goodFile, "--scenario", subdir}, nil, exitError, []string{subdir}},
		{"missing case file", []string{"calc", "-f", missing}, nil, exitError, []string{missing, "no such file"}},
		{"missing config file", append(calc, "--config", missing), nil, exitError, []string{missing, "no such file"}},
		{"missing scenario", []string{"compare", "-f", goodFile, "--scenario", missing}, nil, exitError, []string{missing, "no such file"}},
		{"config with broken YAML", append(calc, "--config", write("broken.yaml", []byte("rounding: nav\nparameters:\n  g:\n    - from: 2027-05-01\n     value: 143000\n"))), nil, exitError, []string{"broken.yaml", "line "}},
		{"config with a tab", append(calc, "--config", write("tab.yaml", []byte("rounding: nav\n\toutput: json\n"))), nil, exitError, []string{"tab.yaml", "line 2"}},
		{"config with a bad date", append(calc, "--config", write("baddate.yaml", []byte("parameters:\n  g:\n    - {from: 2027-02-30, value: 1}\n"))), nil, exitError, []string{"baddate.yaml:3", "2027-02-30"}},
		{"config not UTF-8", append(calc, "--config", write("latin1-config.yaml", []byte("rounding: n\xe5v\n"))), nil, exitError, []string{"latin1-config.yaml"}},
		{"scenario with broken YAML", []string{"compare", "-f", goodFile, "--scenario", write("scen.yaml", []byte("title: t\nparameters:\n  g: [\n"))}, nil, exitError, []string{"scen.yaml", "line"}},
		{"case file with broken YAML", []string{"calc", "-f", write("broken-case.yaml", []byte("birth_date: 1990-01-01\nfrom: [2026-04-01\n"))}, nil, exitError, []string{"broken-case.yaml", "line"}},
		{"case file with broken JSON", []string{"calc", "-f", write("broken.json", []byte("{\"birth_date\": \"1990-01-01\",\n\"from\": }"))}, nil, exitError, []string{"broken.json", "line 2"}},
		{"check: directory", []string{"check", "-f", subdir}, nil, exitError, []string{"is a directory"}},
		{"period: not UTF-8", []string{"period", "-f", write("latin1-period.yaml", []byte("date: 2027-03-01 # \xe6\n"))}, nil, exitError, []string{"not UTF-8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := fzRun(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tc.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout is not empty: %q", stdout)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Fatalf("a stack trace reached the user: %s", stderr)
			}
			line, ok := strings.CutSuffix(stderr, "\n")
			if !ok || strings.Contains(line, "\n") || !strings.HasPrefix(line, "kvp: error: ") {
				t.Fatalf("stderr is not one error line: %q", stderr)
			}
			if len(line) > 1000 {
				t.Errorf("the error line is %d bytes long", len(line))
			}
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("error %q does not contain %q", line, w)
				}
			}
		})
	}
}

// TestLongLineUnderTheLimit: the limit is on the whole case file (4 MiB),
// not on a line: a 3 MiB comment line is read like any other.
func TestLongLineUnderTheLimit(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("KVP_CONFIG", "")
	data := append([]byte("# "), bytes.Repeat([]byte("x"), 3<<20)...)
	data = append(data, "\nbirth_date: 1990-01-01\nfrom: 2026-04-01\nto: 2026-05-31\n"...)
	code, stdout, stderr := fzRun(t, data, "calc", "-f", "-", "-o", "json")
	if code != 0 || stderr != "" || !strings.Contains(stdout, `"net": "44996.00"`) {
		t.Errorf("exit %d, stderr %q, stdout %.200q", code, stderr, stdout)
	}
}

// TestSameInputSameOutput: two runs of the same case print the same bytes.
func TestSameInputSameOutput(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("KVP_TODAY", "2026-11-23")
	for _, name := range []string{"case-basic.yaml", "case-reductions.yaml", "case-turns-25.yaml", "case.json"} {
		for _, format := range []string{"json", "table"} {
			path := filepath.Join("..", "..", "examples", name)
			code1, out1, err1 := fzRun(t, nil, "calc", "-f", path, "-o", format)
			code2, out2, err2 := fzRun(t, nil, "calc", "-f", path, "-o", format)
			if code1 != 0 || code1 != code2 || out1 != out2 || err1 != err2 {
				t.Errorf("%s -o %s: two runs differ (exit %d/%d, stderr %q/%q)", name, format, code1, code2, err1, err2)
			}
		}
	}
}
