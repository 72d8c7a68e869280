package rules

import "testing"

func TestReplay(t *testing.T) {
	in := Inputs{{"factor", "2.041"}, {"g", "130160"}, {"share", "2/3"}, {"day_divisor", "260"},
		{"from", "2026-01-05"}, {"to", "2026-01-09"}, {"n", "5"}}
	tests := []struct {
		formula, want string
	}{
		{"{factor} × {g} / {day_divisor}", "1021.756"},
		{"{share} × {factor} × {g}", "177104.373333333333333333333333"},
		{"−({factor} + 1) × 2", "-6.082"},
		{"min(1, {n} / 37.5)", "0.133333333333333333333333"},
		{"max({n}, 7) - 1", "6"},
		{"{to} - {from} + 1", "5"},
		{"{from} ≤ {to} < {from}", "0"},
		{"{from} ≤ {to}", "1"},
	}
	for _, tt := range tests {
		v, err := Replay(&Step{Key: "t", Formula: tt.formula, Inputs: in})
		if err != nil || v.String() != tt.want {
			t.Errorf("Replay(%q) = %s, %v; want %s", tt.formula, v, err, tt.want)
		}
	}
	for _, bad := range []string{"{nope} + 1", "1 +", "(1", "1 / 0", "{g} ×× 2", "min(1"} {
		if _, err := Replay(&Step{Key: "t", Formula: bad, Inputs: in}); err == nil {
			t.Errorf("Replay(%q) accepted", bad)
		}
	}
}

func TestVerifyStep(t *testing.T) {
	in := Inputs{{"factor", "2.041"}, {"g", "130160"}, {"day_divisor", "260"}}
	good := Step{Key: "stipend.day_rate", Formula: "{factor} × {g} / {day_divisor}", Inputs: in, Exact: "1021.756", Rounding: RoundKronerHalfUp, Result: "1022"}
	if err := VerifyStep(&good); err != nil {
		t.Error(err)
	}
	for _, bad := range []Step{
		{Key: "wrong result", Formula: good.Formula, Inputs: in, Exact: "1021.756", Rounding: RoundKronerHalfUp, Result: "1021"},
		{Key: "wrong exact", Formula: good.Formula, Inputs: in, Exact: "1021.75", Rounding: RoundKronerHalfUp, Result: "1022"},
		{Key: "unrounded", Formula: good.Formula, Inputs: in, Result: "1022"},
		{Key: "bad code", Formula: good.Formula, Inputs: in, Rounding: "banker", Result: "1022"},
	} {
		if err := VerifyStep(&bad); err == nil {
			t.Errorf("%s: accepted", bad.Key)
		}
	}
}
