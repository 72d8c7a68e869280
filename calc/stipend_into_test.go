package calc

import (
	"reflect"
	"testing"
)

// TestStipendIntoReusedIsStipend: one Result used again for case after case
// (long and short periods, with and without children, work, benefits,
// absence, 14-day pay, so that every slice shrinks and grows) holds exactly
// what Stipend gives for each, field for field, for a Calculator and a
// totals Calculator; only Children may be empty instead of nil.
func TestStipendIntoReusedIsStipend(t *testing.T) {
	p := propParams(t)
	for _, k := range []*Calculator{NewCalculator(p), NewTotalsCalculator(p)} {
		g := newPropGen(19)
		var res Result
		for i := range propCases {
			c := g.next()
			if i%4 == 3 {
				start := c.Period.From.AddDays(-i % 14)
				c.Pay = PaySchedule{Cycle: Pay14Days, CycleStart: &start}
			}
			want, err := k.Stipend(c)
			if err != nil {
				t.Fatalf("case %d (%s): %v", i, propDescribe(c), err)
			}
			if err := k.StipendInto(c, &res); err != nil {
				t.Fatalf("case %d (%s): StipendInto: %v", i, propDescribe(c), err)
			}
			got := res
			if len(got.Children) == 0 && want.Children == nil {
				got.Children = nil
			}
			if !reflect.DeepEqual(&got, want) {
				t.Fatalf("case %d (%s): StipendInto into a used Result differs from Stipend:\n%+v\n%+v", i, propDescribe(c), got, *want)
			}
		}
	}
}
