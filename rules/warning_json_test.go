package rules

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// testWarnCode is a code whose text shows its four arguments.
var testWarnCode = ErrYearOutside

// TestWarningJSONAsAppendJSON: through the cache every warning is written
// as AppendJSON writes it, the first time and again, also warnings that
// differ only in an argument's type or its decimal exponent, a nested
// message (never kept) and more distinct warnings than the cache holds.
func TestWarningJSONAsAppendJSON(t *testing.T) {
	d := NewDate(2027, 5, 1)
	ws := []Warning{
		Warn(testWarnCode.M(d, decimal.RequireFromString("1.5"), "x", 1), RefG),
		Warn(testWarnCode.M(d, decimal.RequireFromString("1.50"), "x", 1), RefG),
		Warn(testWarnCode.M(d, decimal.RequireFromString("1.5"), "x", 1), ""),
		Warn(testWarnCode.M(int(d), decimal.RequireFromString("1.5"), "x", 1), RefG),
		Warn(testWarnCode.M(d, "1.5", "x", 1), RefG),
		Warn(testWarnCode.M(d, decimal.RequireFromString("1.5"), "x1", ""), RefG),
		Warn(testWarnCode.M(d, decimal.RequireFromString("1.5"), "x", "1"), RefG),
		Warn(testWarnCode.M(d, decimal.RequireFromString("1.5"), ErrNegative.M("2"), 1), RefG),
	}
	for i := range 2 * warningJSONMax {
		ws = append(ws, Warn(testWarnCode.M(d+Date(i), decimal.NewFromInt(int64(i)), strconv.Itoa(i), i), RefG))
	}
	var c WarningJSON
	for round := range 3 {
		for _, w := range ws {
			want, err := w.AppendJSON([]byte("["))
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Append([]byte("["), w)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Fatalf("round %d: %s\nwant %s", round, got, want)
			}
		}
	}
	if len(c.done) != warningJSONMax {
		t.Errorf("the cache holds %d warnings, want its bound %d", len(c.done), warningJSONMax)
	}
	// The two 1.5s are kept apart: 7 distinct warnings that are kept
	// (the nested message is not) are among the first ones.
	if _, ok := c.keyOf(ws[7]); ok {
		t.Error("a warning with a nested message is kept")
	}
}

// TestWarningJSONTextShowsArgs: the test's code words each argument, so a
// cache that mixed two warnings up would write a wrong text.
func TestWarningJSONTextShowsArgs(t *testing.T) {
	a := testWarnCode.M("in", decimal.RequireFromString("1.5"), "x", 7).Text(LangEN)
	b := testWarnCode.M("in", decimal.RequireFromString("2.5"), "y", 8).Text(LangEN)
	for _, s := range []string{"in", "1.5", "x", "7"} {
		if !strings.Contains(a, s) {
			t.Errorf("%q does not show %q", a, s)
		}
	}
	if a == b {
		t.Errorf("two warnings, one text: %q", a)
	}
}
