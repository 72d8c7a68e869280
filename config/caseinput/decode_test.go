package caseinput

import (
	"strings"
	"testing"
)

// TestDecodeCaseErrors: every error decodeCase returns is one line naming
// the line and the key, in YAML and in JSON, also for errors from inside a
// value (a date that does not exist), which the decoders give without either.
func TestDecodeCaseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the whole error
	}{
		// YAML
		{name: "yaml: bad date at the top level",
			in:   "# a case\n\nbirth_date: 2026-02-30\n",
			want: `line 3: birth_date: "2026-02-30" does not exist: month 02 of 2026 has 28 days`},
		{name: "yaml: bad date in eligibility.previous",
			in:   "birth_date: 1990-06-15\neligibility:\n  previous:\n    - 2016-02-30..2016-12-31\n",
			want: `line 4: eligibility.previous[0]: "2016-02-30" does not exist: month 02 of 2016 has 29 days`},
		{name: "yaml: period ending before it starts in programme.leave",
			in: "programme:\n  start: 2026-01-05\n  leave:\n    - 2026-01-10..2026-01-20\n" +
				"    - 2026-03-10..2026-03-01\n",
			want: `line 5: programme.leave[1]: "2026-03-10..2026-03-01" ends before it starts`},
		{name: "yaml: bad period in a flow list",
			in:   "programme:\n  start: 2026-01-05\n  interruptions: [2026-02-01..2026-02-10, 2026-13-01..2026-12-31]\n",
			want: `line 3: programme.interruptions[1]: "2026-13-01" does not exist: month 13 is not 1–12`},
		{name: "yaml: the same bad value twice: each where it is",
			in:   "programme:\n  start: 2026-01-05\n  decisions:\n    - 2026-05-01..2026-04-01\n  leave:\n    - 2026-05-01..2026-04-01\n",
			want: `line 4: programme.decisions[0]: "2026-05-01..2026-04-01" ends before it starts; line 6: programme.leave[0]: "2026-05-01..2026-04-01" ends before it starts`},
		{name: "yaml: yes/no that is maybe",
			in:   "birth_date: 1990-06-15\neligibility:\n  reduced_capacity: yes\n  fixed_abode: maybe\n",
			want: `line 4: eligibility.fixed_abode: "maybe" is not yes or no`},
		{name: "yaml: yes/no that is a list",
			in:   "eligibility:\n  youth_programme:\n    - no\n",
			want: `line 3: eligibility.youth_programme: expected yes or no, got a list`},
		{name: "yaml: a number that is not a number",
			in:   "work_hours:\n  - hours: ten\n",
			want: `line 2: work_hours[0].hours: "ten" is not a number such as 1500 or 37.5`},
		{name: "yaml: bad date in a list of mappings",
			in:   "other_benefits:\n  - kind: dagpenger\n    from: 2026-04-31\n    per_day: 100\n",
			want: `line 3: other_benefits[0].from: "2026-04-31" does not exist: month 04 of 2026 has 30 days`},
		{name: "yaml: unknown field",
			in:   "programme:\n  start: 2026-01-05\n  begin: 2026-01-05\n",
			want: `line 3: unknown field programme.begin`},
		{name: "yaml: unknown field in a benefit",
			in:   "eligibility:\n  benefits:\n    - kind: aap\n      yearly: 1000\n",
			want: `line 4: unknown field eligibility.benefits[0].yearly`},
		{name: "yaml: a fraction where a whole number belongs",
			in:   "birth_date: 1990-06-15\nchildren: 1.9\n",
			want: `line 2: children: "1.9" is not a whole number`},
		{name: "yaml: a fraction of absent days",
			in:   "absence:\n  - {month: 2026-06, days: 2.7}\n",
			want: `line 2: absence[0].days: "2.7" is not a whole number`},
		{name: "yaml: a list of dates given as one date",
			in:   "child_birth_dates: 2015-01-01\n",
			want: `child_birth_dates: expected a list of dates, got 2015-01-01`},
		{name: "yaml: wrong type",
			in:   "birth_date: 1990-06-15\nchildren: two\n",
			want: `line 2: children: expected a whole number, got text "two"`},
		{name: "yaml: wrong types on two lines: both, on one line",
			in:   "children: two\nprogramme: 5\n",
			want: `line 1: children: expected a whole number, got text "two"; line 2: programme: expected a mapping, got 5`},
		{name: "yaml: a long wrong value is given whole",
			in:   "rounding: nav\nchildren: twentythree\n",
			want: `line 2: children: expected a whole number, got text "twentythree"`},
		{name: "yaml: a key given twice",
			in:   "birth_date: 1990-06-15\nbirth_date: 1991-06-15\n",
			want: `line 2: birth_date: given twice, first at line 1`},

		// JSON
		{name: "json: bad date at the top level",
			in:   "\n{\n  \"birth_date\": \"2026-02-30\"\n}\n",
			want: `line 3: birth_date: "2026-02-30" does not exist: month 02 of 2026 has 28 days`},
		{name: "json: bad date in eligibility.previous",
			in:   "{\"birth_date\": \"1990-06-15\",\n \"eligibility\": {\n  \"previous\": [\"2016-02-30..2016-12-31\"]}}",
			want: `line 3: eligibility.previous[0]: "2016-02-30" does not exist: month 02 of 2016 has 29 days`},
		{name: "json: period ending before it starts in programme.leave",
			in: "{\"programme\": {\"start\": \"2026-01-05\",\n  \"leave\": [\"2026-01-10..2026-01-20\",\n" +
				"    \"2026-03-10..2026-03-01\"]}}",
			want: `line 3: programme.leave[1]: "2026-03-10..2026-03-01" ends before it starts`},
		{name: "json: yes/no that is maybe",
			in:   "{\"birth_date\": \"1990-06-15\",\n \"eligibility\": {\"reduced_capacity\": true,\n  \"fixed_abode\": \"maybe\"}}",
			want: `line 3: eligibility.fixed_abode: "maybe" is not yes or no`},
		{name: "json: yes/no that is a number",
			in:   "{\"children\": 2,\n \"eligibility\": {\"youth_programme\": 5}}",
			want: `line 2: eligibility.youth_programme: "5" is not yes or no`},
		{name: "json: a number that is not a number",
			in:   "{\"work_hours\": [\n  {\"hours\": 10},\n  {\"hours\": \"ten\"}]}",
			want: `line 3: work_hours[1].hours: "ten" is not a number such as 1500 or 37.5`},
		{name: "json: unknown field",
			in:   "{\"programme\": {\"start\": \"2026-01-05\",\n  \"begin\": \"2026-01-05\"}}",
			want: `line 2: unknown field programme.begin`},
		{name: "json: unknown field whose name is known elsewhere",
			in:   "{\"from\": \"2026-01-01\",\n \"programme\": {\n  \"from\": \"2026-01-05\"}}",
			want: `line 3: unknown field programme.from`},
		{name: "json: unknown field in a benefit",
			in:   "{\"eligibility\": {\"benefits\": [{\"kind\": \"aap\"},\n  {\"kind\": \"aap\", \"yearly\": 5}]}}",
			want: `line 2: unknown field eligibility.benefits[1].yearly`},
		{name: "json: wrong type",
			in:   "{\"birth_date\": \"1990-06-15\",\n \"children\": \"two\"}",
			want: `line 2: children: expected a whole number, got text "two"`},
		{name: "json: wrong type inside a benefit",
			in:   "{\"eligibility\": {\"benefits\": [{\"kind\": \"aap\"},\n  {\"kind\": 5}]}}",
			want: `line 2: eligibility.benefits[1].kind: expected text, got 5`},
		{name: "json: wrong type for a section",
			in:   "{\"children\": 1,\n \"programme\": [1]}",
			want: `line 2: programme: expected a mapping, got a list`},
		{name: "json: syntax error",
			in:   "{\"children\": 2,\n \"to\": }",
			want: `line 2: invalid JSON: invalid character '}' looking for beginning of value`},
		{name: "json: one line (a batch line): no line 1",
			in:   `{"from": "2026-02-30", "to": "2026-12-31"}`,
			want: `from: "2026-02-30" does not exist: month 02 of 2026 has 28 days`},
		{name: "json: one line, unknown field",
			in:   `{"birthdate": "1990-06-15"}`,
			want: `unknown field birthdate`},
		{name: "yaml: one line: no line 1",
			in:   "children: two",
			want: `children: expected a whole number, got text "two"`},
		{name: "json: a key given twice",
			in:   "{\"from\": \"2026-01-01\",\n \"to\": \"2026-12-31\",\n \"from\": \"2026-06-01\"}",
			want: `line 3: from: given twice, first at line 1`},
		{name: "json: a key given twice in another letter case",
			in:   "{\"from\": \"2026-01-01\",\n \"FROM\": \"2026-06-01\"}",
			want: `line 2: FROM: given twice, first at line 1`},
		{name: "json: a key given twice, once escaped",
			in:   `{"children": 1, "\u0063hildren": 2}`,
			want: `children: given twice`},
		{name: "json: a key given twice inside a list element",
			in:   "{\"eligibility\": {\"benefits\": [{\"kind\": \"aap\"},\n  {\"kind\": \"aap\", \"kind\": \"other\"}]}}",
			want: `line 2: eligibility.benefits[1].kind: given twice`},
		{name: "json: cut short",
			in:   "{\"children\": 2,\n \"to\": \"2026",
			want: `line 2: invalid JSON: the text ends inside a value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n got %q\nwant %q", got, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// Good files still decode, with lines counted from the file's first line.
func TestDecodeCaseValid(t *testing.T) {
	for _, in := range []string{
		"birth_date: 1990-06-15\nprogramme:\n  start: 2026-01-05\n  leave: [2026-03-01..2026-03-10]\n",
		"\n  {\"birth_date\": \"1990-06-15\", \"programme\": {\"start\": \"2026-01-05\"}}\n",
		// The same key in sibling list elements, and in a section and at the top, is no repeat.
		`{"birth_date": "1990-06-15", "programme": {"start": "2026-01-05"}, "eligibility": {"benefits": [{"kind": "aap"}, {"kind": "other"}]}, "from": "2026-01-05"}`,
	} {
		cf, err := Decode([]byte(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if cf.BirthDate == nil || cf.BirthDate.String() != "1990-06-15" || cf.Programme == nil || cf.Programme.Start == nil {
			t.Errorf("%q decoded as %+v", in, cf)
		}
	}
}
