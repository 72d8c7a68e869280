package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"kvp/rules"
)

// recalcRun runs kvp with args and returns stdout, stderr and the exit code.
func recalcRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return out.String(), errOut.String(), code
}

// paidDocument writes kvp calc -o json of the example into dir.
func paidDocument(t *testing.T, dir string) string {
	t.Helper()
	out, errOut, code := recalcRun(t, "calc", "--birth-date", "1990-01-01", "--from", "2026-03-02", "--to", "2026-03-06", "-o", "json")
	if code != 0 {
		t.Fatalf("calc: %d %s", code, errOut)
	}
	path := filepath.Join(dir, "paid.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Under --lang nb, kvp recalc's tables, plan and --explain have no English
// words (beyond the user's values and the keys of the case file).
func TestRecalcBokmal(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	paid := paidDocument(t, t.TempDir())
	for _, args := range [][]string{
		{"recalc", "--paid", paid, "--birth-date", "1990-01-01", "--from", "2026-03-02", "--to", "2026-03-06", "--absence", "2026-03-04", "--explain"},
		{"recalc", "--paid", paid, "--birth-date", "1990-01-01", "--from", "2026-03-02", "--to", "2026-03-06"},
		{"recalc", "--paid-case", ex + "recalc-paid.yaml", "-f", ex + "recalc-now.yaml", "--recover", "20%", "--explain"},
		{"recalc", "--paid-case", ex + "recalc-paid.yaml", "-f", ex + "recalc-now.yaml", "--recover", "10000", "--settle", "gross", "--explain"},
	} {
		out, errOut, code := recalcRun(t, append(args, "--lang", "nb")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, line := range strings.Split(out+errOut, "\n") {
			// The changed facts' values are the case file's JSON, and the paid
			// file's path is the user's.
			if strings.Contains(line, "[{") || strings.Contains(line, paid) || strings.Contains(line, "recalc-paid.yaml") {
				continue
			}
			if w := englishWord.FindString(line); w != "" {
				t.Errorf("%v: English %q in %q", args, w, strings.TrimSpace(line))
			}
		}
	}
}

// Every step of kvp recalc --explain -o json replays from the document alone.
func TestRecalcExplainReplays(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range [][]string{
		{"recalc", "--paid-case", ex + "recalc-paid.yaml", "-f", ex + "recalc-now.yaml", "--recover", "12.5%"},
		{"recalc", "--paid-case", ex + "recalc-paid.yaml", "-f", ex + "recalc-now.yaml", "--recover", "1000", "--settle", "gross"},
	} {
		out, errOut, code := recalcRun(t, append(args, "--explain", "-o", "json")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var doc struct {
			Explain []explainStep `json:"explain"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		keys := map[string]bool{}
		for _, e := range doc.Explain {
			keys[e.Key] = true
			s := rules.Step{Key: e.Key, Span: e.Period, Inputs: e.Inputs, Formula: e.Expression, Exact: e.Exact, Rounding: e.RoundingCode, Result: e.Value}
			if err := rules.VerifyStep(&s); err != nil {
				t.Errorf("%v: %v", args, err)
			}
		}
		for _, k := range []string{"stipend.other_benefits", "stipend.absence", "recalc.other_benefits", "recalc.absence", "recalc.difference", "recalc.overpayment", "recalc.recovery"} {
			if !keys[k] {
				t.Errorf("%v: no step %s", args, k)
			}
		}
	}
}

// A paid document that is not kvp's, or not whole, is refused with one
// line naming the file and what is wrong.
func TestParsePaidDocRefuses(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	good, err := os.ReadFile(paidDocument(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parsePaidDoc(good, "paid.json"); err != nil {
		t.Fatalf("kvp's own document: %v", err)
	}
	// A document from before pay dates: months, no payments.
	monthsOnly := bytes.Replace(good, []byte(`"payments"`), []byte(`"paymonts"`), 1)
	if doc, err := parsePaidDoc(monthsOnly, "paid.json"); err != nil || !doc.MonthsOnly || len(doc.Lines) != 1 || doc.Lines[0].PayDate.String() != "2026-04-10" {
		t.Fatalf("a months-only document: %+v, %v (want March paid on Friday 10 April: the 12th is a Sunday)", doc, err)
	}
	// edit replaces old by new in base's section (or, for a key before it,
	// its first place).
	edit := func(base []byte, section string, pairs ...string) []byte {
		out := bytes.Clone(base)
		from := bytes.Index(out, []byte(`"`+section+`"`))
		for i := 0; i < len(pairs); i += 2 {
			old, new := []byte(pairs[i]), []byte(pairs[i+1])
			at := bytes.Index(out[from:], old)
			if at < 0 {
				if at = bytes.Index(out, old); at < 0 {
					t.Fatalf("no %q in the document", old)
				}
			} else {
				at += from
			}
			out = append(out[:at:at], append(new, out[at+len(old):]...)...)
		}
		return out
	}
	pay := func(pairs ...string) []byte { return edit(good, "payments", pairs...) }
	month := func(pairs ...string) []byte { return edit(monthsOnly, "months", pairs...) }
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", []byte(""), "{ is missing"},
		{"an array", []byte("[]"), "{ is missing"},
		{"no stamp", pay(`"stamp"`, `"stump"`), "stamp.kvp_version is missing"},
		{"no params hash", pay(`"params_hash"`, `"params_hush"`), "stamp.params_hash is missing"},
		{"no case", pay(`"case"`, `"cause"`), "case is missing"},
		{"no payments, no months", month(`"months"`, `"moons"`), "payments is missing"},
		{"payments without their schedule", pay(`"pay_schedule"`, `"pay_schedulx"`), "pay_schedule is missing"},
		{"a schedule that is not one", pay(`"pay_cycle": "monthly"`, `"pay_cycle": "weekly"`), "paid.json: pay_schedule: pay_cycle:"},
		{"bad JSON", good[:len(good)/2], "not a kvp calc -o json document"},
		{"a pay date that is not one", pay(`"pay_date": "2026-04-10"`, `"pay_date": "10.04.2026"`), `payments[0]: pay_date: "10.04.2026" is not a date`},
		{"paid before earned", pay(`"pay_date": "2026-04-10"`, `"pay_date": "2026-03-01"`), `payments[0]: pay_date 2026-03-01 is before the payment's first day 2026-03-02`},
		{"a payment outside the case", pay(`"to": "2026-03-06"`, `"to": "2026-03-09"`), "payments[0]: payment 2026-03-02..2026-03-09 is not one pay period inside the document's case"},
		{"a payment over two pay periods", pay(`"pay_cycle": "monthly"`, `"pay_cycle": "14-days", "cycle_start": "2026-03-04"`), "payments[0]: payment 2026-03-02..2026-03-06 is not one pay period"},
		{"net not the sum", pay(`"net": "5110.00"`, `"net": "5111.00"`), "payments[0]: net 5111.00 is not the sum of its lines (5110.00)"},
		{"a month that is not one", month(`"month": "2026-03"`, `"month": "March"`), `months[0]: month: "March" is not a month`},
		{"paid in before earned", month(`"paid_in": "2026-04"`, `"paid_in": "2026-02"`), `months[0]: paid_in: "2026-02" is not a month`},
		{"a month outside the case", month(`"month": "2026-03"`, `"month": "2026-05"`, `"paid_in": "2026-04"`, `"paid_in": "2026-06"`), "months[0]: month 2026-05 is outside the document's case"},
		{"a month's net not the sum", month(`"net": "5110.00"`, `"net": "5111.00"`), "months[0]: net 5111.00 is not the sum of its lines (5110.00)"},
		{"a case key unknown", pay(`"birth_date"`, `"birth_data"`), "paid.json: case:"},
	} {
		_, err := parsePaidDoc(tt.data, "paid.json")
		if err == nil {
			t.Errorf("%s: accepted", tt.name)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tt.want) || !strings.HasPrefix(msg, "paid.json") || strings.Contains(oneLine(msg), "\n") {
			t.Errorf("%s: %q, want one line with %q", tt.name, msg, tt.want)
		}
	}
}

// FuzzParsePaidDoc: any text is a document or an error naming the file,
// never a panic; a document's payments each add up.
func FuzzParsePaidDoc(f *testing.F) {
	f.Add([]byte(`{"schema_version":2,"stamp":{"kvp_version":"v1","params_hash":"sha256:00"},"case":{"birth_date":"1990-01-01","from":"2026-03-02","to":"2026-03-06"},"months":[{"month":"2026-03","paid_in":"2026-04","stipend":"5110.00","net":"5110.00"}]}`))
	f.Add([]byte(`{"schema_version":2,"stamp":{"kvp_version":"v1","params_hash":"h"},"case":{},"months":[]}`))
	f.Add([]byte(`{"months":null}`))
	f.Add([]byte(`{"schema_version":2,"stamp":{"kvp_version":"v1","params_hash":"h"},"case":{"birth_date":"1990-01-01","from":"2026-03-02","to":"2026-03-06"},"pay_schedule":{"pay_cycle":"14-days","cycle_start":"2026-03-02","pay_lag":2},"payments":[{"from":"2026-03-02","to":"2026-03-06","pay_date":"2026-03-17","stipend":"5110.00","net":"5110.00"}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parsePaidDoc(data, "paid.json")
		if err != nil {
			var fe *rules.FieldError
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "paid.json") || !utf8.ValidString(oneLine(err.Error())) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, l := range doc.Lines {
			a := l.Amounts
			if a.Stipend+a.ChildSupplement+a.Interruption+a.Absence+a.Work+a.OtherBenefits != a.Net || a.Net < 0 || l.Earned.To < l.Earned.From || l.PayDate < l.Earned.From {
				t.Fatalf("payment %+v accepted", l)
			}
		}
	})
}
