package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestCodesDeclaredOnce: every code linked into the rules package is
// declared once (Codes panics otherwise), and a list holding a code twice
// panics naming it.
func TestCodesDeclaredOnce(t *testing.T) {
	all := Codes()
	if len(all) == 0 || !slices.IsSortedFunc(all, func(a, b Code) int { return strings.Compare(a.ID, b.ID) }) {
		t.Fatalf("Codes: %d codes, sorted %v", len(all), slices.IsSortedFunc(all, func(a, b Code) int { return strings.Compare(a.ID, b.ID) }))
	}
	defer func() {
		if r := recover(); r != "rules: message code declared twice: b.x" {
			t.Errorf("panic %v, want the code declared twice named", r)
		}
	}()
	sortCodes([]Code{{ID: "b.x"}, {ID: "a.y"}, {ID: "b.x", Args: []string{"n"}}})
}
