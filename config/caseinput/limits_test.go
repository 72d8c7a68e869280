package caseinput

import (
	"strconv"
	"strings"
	"testing"
)

// TestDecodeProblems: settings are checked as the case is read, with their
// line; a key of other_income that is not a year is blamed on the key; more
// than five problems show five and a count; JSON that yaml.v3 would refuse
// is read; a second YAML document is refused.
func TestDecodeProblems(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"rounding not one of the policies",
			"birth_date: 1990-01-01\nfrom: 2026-01-01\nrounding: nva\n",
			`line 3: rounding: "nva" is not one of nav, exact`},
		{"every setting of a case",
			"age_switch: x\nleap_birthday: feb29\nduration_regime: today\nbenefit_scope: some\nincome_year: 2026\n",
			`line 1: age_switch: "x" is not one of birthday, next-month; line 2: leap_birthday: "feb29" is not one of feb28, mar1; ` +
				`line 3: duration_regime: "today" is not one of start, assessed; line 4: benefit_scope: "some" is not one of stipend, all; ` +
				`line 5: income_year: "2026" is not one of paid, earned`},
		{"other_income: a key that is not a year (issue 16 #17)",
			`{"other_income": {"99999999999999999999": 1000}}`,
			`other_income: "99999999999999999999" is not an income year: expected a year from 1900 to 2199`},
		{"other_income: a year outside the dates kvp knows",
			"other_income:\n  2026: 1000\n  3000: 5\n",
			`line 3: other_income: "3000" is not an income year: expected a year from 1900 to 2199`},
		{"other_income: the same year twice",
			"other_income:\n  2026: 1000\n  \"2026\": 5\n",
			`line 3: other_income.2026: given twice, first at line 2`},
		{"other_income: a negative amount",
			"other_income:\n  2026: -5\n",
			`line 2: other_income.2026: -5 is negative`},
		{"seven problems: five shown and a count",
			"child_birth_dates: [x, x, x, x, x, x, x]\n",
			`child_birth_dates[0]: "x" is not a date: expected YYYY-MM-DD; child_birth_dates[1]: "x" is not a date: expected YYYY-MM-DD; ` +
				`child_birth_dates[2]: "x" is not a date: expected YYYY-MM-DD; child_birth_dates[3]: "x" is not a date: expected YYYY-MM-DD; ` +
				`child_birth_dates[4]: "x" is not a date: expected YYYY-MM-DD; and 2 more`},
		{"a long value is cut",
			"birth_date: " + strings.Repeat("9", 300) + "\n",
			`birth_date: "` + strings.Repeat("9", 80) + `"… is too long: expected a date`},
		{"a second YAML document",
			"children: 1\n---\nchildren: 2\n",
			`line 2: a second YAML document: a case file holds one case`},
		{"a merge key is no case key",
			"base: &b {children: 1}\n<<: *b\n",
			`line 1: unknown field base; line 2: unknown field "<<"`},
		{"JSON nested too deep",
			`{"x": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
			`nested more than 64 deep`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestDecodeJSONAsEncodingJSON: JSON is read by encoding/json's rules, also
// where YAML's differ: an escaped slash, a surrogate pair, keys in another
// letter case.
func TestDecodeJSONAsEncodingJSON(t *testing.T) {
	c, err := Decode([]byte(`{"Birth_Date": "1990-01-01", "eligibility": {"benefits": [{"kind": "a\/b\ud83d\ude00"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.BirthDate == nil || c.BirthDate.String() != "1990-01-01" || (*c.Eligibility.Benefits)[0].Kind != "a/b😀" {
		t.Errorf("decoded %+v", c)
	}
}

// TestJSONLineIsJSON: a batch line is JSON; YAML, also in flow style, is
// refused with a word on what a line holds (issue 16 #3).
func TestJSONLineIsJSON(t *testing.T) {
	for in, want := range map[string]string{
		`birth_date: 1990-01-01`:          `not a JSON object: a JSON line holds one case, {"birth_date": …}`,
		`[1990]`:                          `not a JSON object: a JSON line holds one case, {"birth_date": …}`,
		`{birth_date: 1990-01-01}`:        `invalid JSON: invalid character 'b'`,
		`{"child_birth_dates": [[], []]}`: `child_birth_dates[0]: expected a date, got a list; child_birth_dates[1]: expected a date, got a list`,
	} {
		_, err := DecodeJSON([]byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", in, err, want)
		}
	}
	if _, err := DecodeJSON([]byte(`{"birth_date": "1990-01-01"}`)); err != nil {
		t.Error(err)
	}
}

// wrongItems is a case of n wrong-typed list items, in YAML flow style or
// in JSON: the input of issue 16 #3.
func wrongItems(n int, json bool) []byte {
	items := strings.Repeat("[], ", n-1) + "[]"
	if json {
		return []byte(`{"child_birth_dates": [` + items + `]}`)
	}
	return []byte("child_birth_dates: [" + items + "]\n")
}

// TestManyProblemsLinear: 40 000 and 80 000 wrong items give the same short
// error, and twice the items cost at most about twice the allocations (the
// error texts of issue 16 #3 were quadratic: 4 s and 2 MB for 40 000).
func TestManyProblemsLinear(t *testing.T) {
	for _, isJSON := range []bool{false, true} {
		var allocs [2]float64
		for i, n := range []int{40000, 80000} {
			in := wrongItems(n, isJSON)
			_, err := Decode(in)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if len(msg) > 400 || !strings.HasSuffix(msg, "; and "+strconv.Itoa(n-maxShown)+" more") {
				t.Errorf("json %v, %d items: error of %d bytes: %.300s", isJSON, n, len(msg), msg)
			}
			allocs[i] = testing.AllocsPerRun(2, func() { _, _ = Decode(in) })
		}
		if ratio := allocs[1] / allocs[0]; ratio > 2.2 {
			t.Errorf("json %v: allocations grow %.2f× for twice the items (%v)", isJSON, ratio, allocs)
		}
	}
}

// BenchmarkWrongItems decodes 160 000 wrong-typed items, the batch line of
// issue 16 #3 (53 s of CPU and a 7.2 MB error before).
func BenchmarkWrongItems(b *testing.B) {
	in := wrongItems(160000, true)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = DecodeJSON(in)
	}
}
