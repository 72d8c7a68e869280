package rules

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The eligibility trace: each criterion records its step where it decides,
// and every step replays (VerifyStep) against its result.

// TestEligibilitySteps checks the recorded steps of a few cases by hand.
func TestEligibilitySteps(t *testing.T) {
	t.Run("18th birthday", func(t *testing.T) {
		// born 2008-11-24, assessed 2026-11-24: the 18th birthday itself is
		// met (CONVENTION), the 67th is 2075-11-24.
		f := elAllMet("2026-11-24")
		f.BirthDate = elDp("2008-11-24")
		s := elStep(t, f, "eligibility.KVP-EL-01")
		want := Inputs{{"birthday_18", "2026-11-24"}, {"assessed", "2026-11-24"}, {"birthday_67", "2075-11-24"},
			{"birth_date", "2008-11-24"}, {"lower_age", "18"}}
		if !reflect.DeepEqual(s.Inputs, want) || s.Formula != "{birthday_18} ≤ {assessed} < {birthday_67}" ||
			s.Result != "met" || s.Unit != UnitOutcome || s.Ref != "sotjl. § 29 første ledd" {
			t.Errorf("step = %+v", s)
		}
	})
	t.Run("lower age 19 before 2019, born 29 February", func(t *testing.T) {
		// born 2000-02-29, assessed 2018-12-31: the lower age is 19; 2019 has
		// no 29 February, so feb28 gives 2019-02-28 and mar1 2019-03-01.
		f := elAllMet("2018-12-31")
		f.BirthDate = elDp("2000-02-29")
		s := elStep(t, f, "eligibility.KVP-EL-01")
		if v, _ := s.Inputs.Value("birthday_19"); v != "2019-02-28" || s.Result != "not_met" ||
			s.Formula != "{birthday_19} ≤ {assessed} < {birthday_67}" {
			t.Errorf("step = %+v", s)
		}
		if v, _ := s.Inputs.Value("leap_birthday"); v != "feb28" {
			t.Errorf("leap_birthday = %q, want feb28", v)
		}
		f.LeapBirthday = LeapMar1
		if v, _ := elStep(t, f, "eligibility.KVP-EL-01").Inputs.Value("birthday_19"); v != "2019-03-01" {
			t.Errorf("mar1: birthday_19 = %q, want 2019-03-01", v)
		}
	})
	t.Run("EEA before the exemption", func(t *testing.T) {
		// assessed 2025-03-06 < 2025-03-07: not exempt, so the abode decides.
		f := elAllMet("2025-03-06")
		f.Residence, f.FixedAbode = ResidenceEEA, elB(false)
		ex := elStep(t, f, "eligibility.KVP-EL-06.eea_exemption")
		if ex.Formula != "{eea_exemption_from} ≤ {assessed}" || ex.Result != "no" || ex.Unit != UnitYesNo {
			t.Errorf("exemption step = %+v", ex)
		}
		s := elStep(t, f, "eligibility.KVP-EL-06")
		if s.Formula != "{fixed_abode}" || s.Result != "not_met" || s.Ref != RefBopelNonCitizens ||
			!reflect.DeepEqual(s.Inputs, Inputs{{"residence", "eea"}, {"fixed_abode", "no"}}) {
			t.Errorf("step = %+v", s)
		}
	})
	t.Run("small benefit judged", func(t *testing.T) {
		f := elAllMet("2026-11-24")
		f.Benefits = []Benefit{{Kind: BenefitAAP, Yearly: elDec("20000")}}
		f.BenefitVeryLimited = elB(true)
		s := elStep(t, f, "eligibility.KVP-EL-03")
		if s.Formula != "{benefit_very_limited}" || s.Result != "met" ||
			!reflect.DeepEqual(s.Inputs, Inputs{{"benefits", "aap=20000"}, {"benefit_very_limited", "yes"}}) {
			t.Errorf("step = %+v", s)
		}
	})
	t.Run("verdict and start deadline", func(t *testing.T) {
		// application 2025-08-31 + 6 months: February 2026 has no 31st, so
		// 2026-02-28 (domstolloven § 148); assessed 2026-03-01 is after it.
		f := elAllMet("2026-03-01")
		f.ReducedCapacity = nil
		f.ApplicationDate = elDp("2025-08-31")
		v := elStep(t, f, "eligibility.verdict")
		if !strings.HasPrefix(v.Formula, "all({KVP-EL-01}, {KVP-EL-02}, ") || v.Result != VerdictUndetermined {
			t.Errorf("verdict = %+v", v)
		}
		d := elStep(t, f, "eligibility.start_deadline")
		if d.Formula != "{application_date} + {months} months" || d.Result != "2026-02-28" || d.Unit != UnitDate {
			t.Errorf("deadline = %+v", d)
		}
		if p := elStep(t, f, "eligibility.start_deadline.passed"); p.Result != "yes" {
			t.Errorf("passed = %+v", p)
		}
	})
	t.Run("no trace", func(t *testing.T) {
		f := elAllMet("2026-11-24")
		var tr Trace
		if got, want := CheckEligibilityTraced(f, &tr), CheckEligibility(f); !reflect.DeepEqual(got, want) {
			t.Errorf("traced result differs: %+v, want %+v", got, want)
		}
		if len(tr.Steps) != len(Criteria)+2 { // + the rule in force of KVP-EL-07, the verdict
			t.Errorf("%d steps, want %d", len(tr.Steps), len(Criteria)+2)
		}
	})
}

// elStep is the one step with key under facts f.
func elStep(t *testing.T, f EligibilityFacts, key string) Step {
	t.Helper()
	var tr Trace
	CheckEligibilityTraced(f, &tr)
	var found []Step
	for _, s := range tr.Steps {
		if s.Key == key {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d steps %s in %+v", len(found), key, tr.Steps)
	}
	if err := VerifyStep(&found[0]); err != nil && !errors.Is(err, ErrNotReplayable) {
		t.Errorf("VerifyStep: %v", err)
	}
	return found[0]
}

// TestVerifyEligibilitySteps shows what VerifyStep accepts of the outcome
// steps and what it refuses.
func TestVerifyEligibilitySteps(t *testing.T) {
	age := Inputs{{"birthday_18", "2026-11-25"}, {"assessed", "2026-11-24"}, {"birthday_67", "2075-11-25"}}
	ageRule := "{birthday_18} ≤ {assessed} < {birthday_67}"
	outcomes := func(vals ...string) Inputs {
		in := Inputs{}
		for i, v := range vals {
			in = append(in, Input{fmt.Sprintf("c%d", i), v})
		}
		return in
	}
	good := []Step{
		{Key: "age", Formula: ageRule, Inputs: age, Result: "not_met"},
		{Key: "fact", Formula: "{x}", Inputs: Inputs{{"x", "yes"}}, Result: "met"},
		{Key: "fact unknown", Formula: "{x}", Inputs: Inputs{{"x", "unknown"}}, Result: "unknown"},
		{Key: "not yet past", Formula: "{b} ≤ {assessed}", Inputs: Inputs{{"y", "unknown"}, {"b", "2027-01-01"}, {"assessed", "2026-11-24"}}, Result: "unknown"},
		{Key: "eligible", Formula: "all({c0}, {c1})", Inputs: outcomes("met", "met"), Result: VerdictEligible},
		{Key: "not eligible", Formula: "all({c0}, {c1}, {c2})", Inputs: outcomes("met", "not_met", "unknown"), Result: VerdictNotEligible},
		{Key: "undetermined", Formula: "all({c0}, {c1})", Inputs: outcomes("met", "unknown"), Result: VerdictUndetermined},
		{Key: "missing", Inputs: Inputs{{"birth_date", "unknown"}}, Result: "unknown"},
		{Key: "months", Formula: "{a} + {n} months", Inputs: Inputs{{"a", "2025-08-31"}, {"n", "6"}}, Result: "2026-02-28"},
		{Key: "months, leap", Formula: "{a} + {n} months", Inputs: Inputs{{"a", "2023-08-31"}, {"n", "6"}}, Result: "2024-02-29"},
		{Key: "months, same day", Formula: "{a} + {n} months", Inputs: Inputs{{"a", "2026-01-31"}, {"n", "6"}}, Result: "2026-07-31"},
	}
	for _, s := range good {
		if err := VerifyStep(&s); err != nil {
			t.Errorf("%s: %v", s.Key, err)
		}
	}
	bad := []Step{
		{Key: "age met", Formula: ageRule, Inputs: age, Result: "met"},
		{Key: "fact inverted", Formula: "{x}", Inputs: Inputs{{"x", "no"}}, Result: "met"},
		{Key: "unknown, nothing missing", Formula: "{x}", Inputs: Inputs{{"x", "yes"}}, Result: "unknown"},
		{Key: "unknown, but past", Formula: "{b} ≤ {assessed}", Inputs: Inputs{{"y", "unknown"}, {"b", "2026-11-24"}, {"assessed", "2026-11-24"}}, Result: "unknown"},
		{Key: "undetermined with one not met", Formula: "all({c0}, {c1})", Inputs: outcomes("not_met", "unknown"), Result: VerdictUndetermined},
		{Key: "eligible with one unknown", Formula: "all({c0}, {c1})", Inputs: outcomes("met", "unknown"), Result: VerdictEligible},
		{Key: "months rolled over", Formula: "{a} + {n} months", Inputs: Inputs{{"a", "2025-08-31"}, {"n", "6"}}, Result: "2026-03-01"},
	}
	for _, s := range bad {
		if err := VerifyStep(&s); err == nil || errors.Is(err, ErrNotReplayable) {
			t.Errorf("%s: accepted (%v)", s.Key, err)
		}
	}
	lookup := Step{Key: "eligibility.KVP-EL-06", Inputs: Inputs{{"residence", "norwegian"}}, Result: "met", Unit: UnitOutcome}
	if err := VerifyStep(&lookup); !errors.Is(err, ErrNotReplayable) {
		t.Errorf("a step without formula: %v, want ErrNotReplayable", err)
	}
}

// TestEligibilityTraceReplays is the property test: many generated fact
// sets (birth dates with 29 February, assessment dates on both sides of
// 2019-01-01, 2025-03-07, 2025-08-01 and of each age limit, every residence
// status, benefits of every kind and amount, applications at month ends),
// and every step recorded is replayed by VerifyStep. A step may only be
// without a formula where a value looked up decides (ErrNotReplayable); each
// key must be replayed many times, so that a formula changed in the code
// without its step (or the other way round) fails here.
func TestEligibilityTraceReplays(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	replayed, lookedUp := map[string]int{}, map[string]int{}
	cases := 0
	for cases < 20000 {
		f := randomEligibilityFacts(rng)
		if f.Validate() != nil {
			continue
		}
		cases++
		var tr Trace
		res := CheckEligibilityTraced(f, &tr)
		for i := range tr.Steps {
			s := &tr.Steps[i]
			switch err := VerifyStep(s); {
			case err == nil:
				replayed[s.Key]++
			case errors.Is(err, ErrNotReplayable):
				lookedUp[s.Key]++
			default:
				t.Fatalf("%v\nstep %+v\nfacts %s", err, *s, describeFacts(f))
			}
		}
		if err := stepsMatchResult(f, res, tr.Steps); err != nil {
			t.Fatalf("%v\nfacts %s", err, describeFacts(f))
		}
	}
	keys := []string{"eligibility.verdict", "eligibility.start_deadline", "eligibility.start_deadline.passed",
		"eligibility.KVP-EL-06.eea_exemption", "eligibility.KVP-EL-07.in_force", "eligibility.KVP-EL-08.one_time_right"}
	for _, c := range Criteria {
		keys = append(keys, "eligibility."+c.ID)
	}
	for _, k := range keys {
		if replayed[k] < 100 {
			t.Errorf("%s replayed %d times, want at least 100", k, replayed[k])
		}
	}
	t.Logf("%d cases; replayed %v; looked up (no formula) %v", cases, replayed, lookedUp)
}

// stepsMatchResult checks that the steps say what the result says: one step
// per criterion with its outcome, the verdict, the start deadline; and that
// the lower age and the birthdays in the inputs are the ones in force and
// the ones the leap-birthday convention gives, computed here on time.Time.
func stepsMatchResult(f EligibilityFacts, res EligibilityResult, steps []Step) error {
	byKey := map[string][]Step{}
	for _, s := range steps {
		byKey[s.Key] = append(byKey[s.Key], s)
	}
	one := func(key string) (Step, error) {
		if n := len(byKey[key]); n != 1 {
			return Step{}, fmt.Errorf("%d steps %s", n, key)
		}
		return byKey[key][0], nil
	}
	for _, fd := range res.Findings {
		s, err := one("eligibility." + fd.ID)
		if err != nil {
			return err
		}
		if s.Result != string(fd.Result) {
			return fmt.Errorf("%s: step %s, finding %s", fd.ID, s.Result, fd.Result)
		}
		// the lower age in force: 19 before 2019-01-01, 18 from then
		if lower, ok := s.Inputs.Value("lower_age"); ok && lower != map[bool]string{true: "19", false: "18"}[f.AssessmentDate < NewDate(2019, 1, 1)] {
			return fmt.Errorf("%s: lower age %s on %s", fd.ID, lower, f.AssessmentDate)
		}
		for _, in := range s.Inputs {
			age, ok := strings.CutPrefix(in.Name, "birthday_")
			if !ok {
				continue
			}
			var n int
			fmt.Sscan(age, &n)
			if want := birthdayOnTime(*f.BirthDate, n, f.LeapBirthday); in.Value != want {
				return fmt.Errorf("%s: %s = %s, want %s", fd.ID, in.Name, in.Value, want)
			}
		}
	}
	v, err := one("eligibility.verdict")
	if err != nil {
		return err
	}
	if v.Result != res.Verdict {
		return fmt.Errorf("verdict step %s, result %s", v.Result, res.Verdict)
	}
	if f.ApplicationDate != nil {
		d, err := one("eligibility.start_deadline")
		if err != nil {
			return err
		}
		if d.Result != res.StartDeadline.String() {
			return fmt.Errorf("start deadline step %s, result %s", d.Result, res.StartDeadline)
		}
		if _, err := one("eligibility.start_deadline.passed"); err != nil {
			return err
		}
	}
	return nil
}

// birthdayOnTime is the age-th birthday of birth, apart from Birthday: a
// 29 February turns 1 March in time.Date, and 28 February under feb28.
func birthdayOnTime(birth Date, age int, leap LeapBirthday) string {
	y, m, d := birth.YMD()
	b := time.Date(y+age, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m == 2 && d == 29 && b.Month() == time.March && leap != LeapMar1 {
		b = b.AddDate(0, 0, -1)
	}
	return b.Format(time.DateOnly)
}

// randomEligibilityFacts draws one fact set, leaning on the dates where a
// rule changes or a limit is reached.
func randomEligibilityFacts(r *rand.Rand) EligibilityFacts {
	pick := func(n int) int { return r.IntN(n) }
	yesNo := func() *bool {
		switch pick(3) {
		case 0:
			return nil
		case 1:
			return elB(true)
		}
		return elB(false)
	}
	var f EligibilityFacts
	f.LeapBirthday = []LeapBirthday{"", LeapFeb28, LeapMar1}[pick(3)]
	var birth Date
	switch pick(6) {
	case 0: // 29 February
		y := 1936 + 4*pick(19)
		birth = NewDate(y, 2, 29)
	default:
		birth = NewDate(1935, 1, 1).AddDays(pick(28000))
	}
	if pick(10) > 0 {
		f.BirthDate = &birth
	}
	anchors := []Date{Amendment2019, EEABopelExemptFrom, YouthProgrammeFrom,
		Birthday(birth, MinAge, f.LeapBirthday), Birthday(birth, MinAgeBefore, f.LeapBirthday),
		Birthday(birth, AgeUpperBound, f.LeapBirthday), Birthday(birth, YouthProgrammeAgeLimit, f.LeapBirthday)}
	if pick(4) == 0 {
		f.AssessmentDate = NewDate(2008, 1, 1).AddDays(pick(9000))
	} else {
		f.AssessmentDate = anchors[pick(len(anchors))].AddDays(pick(3) - 1)
	}
	on := f.AssessmentDate
	switch pick(4) {
	case 0:
	case 1: // the § 31 deadline around the assessment date
		a := on.AddMonths(-StartDeadlineMonths).AddDays(pick(5) - 2)
		f.ApplicationDate = &a
	case 2: // month ends
		y, m, _ := on.AddMonths(-pick(12) - 1).YMD()
		a := NewDate(y, m, 1).LastOfMonth().AddDays(-pick(3))
		f.ApplicationDate = &a
	default:
		a := on.AddDays(-pick(400))
		f.ApplicationDate = &a
	}
	f.ReducedCapacity, f.AssessmentDone, f.FollowUpNeeded = yesNo(), yesNo(), yesNo()
	for range pick(4) {
		b := Benefit{Kind: BenefitKinds[pick(len(BenefitKinds))]}
		switch pick(4) {
		case 0:
			b.Full = true
		case 1:
			b.Yearly = elDec("0")
		case 2:
			b.Yearly = elDec(fmt.Sprint(1 + pick(300000)))
		}
		f.Benefits = append(f.Benefits, b)
	}
	f.BenefitsKnown = pick(5) > 0
	f.BenefitVeryLimited = yesNo()
	if pick(9) > 0 {
		f.Residence = ResidenceStatuses[pick(len(ResidenceStatuses))]
	}
	f.FixedAbode, f.YouthProgramme = yesNo(), yesNo()
	for range pick(3) {
		end := on.AddDays(pick(5) - 2)
		if pick(2) == 0 {
			end = on.AddDays(-pick(3000))
		}
		f.Previous = append(f.Previous, Period{From: end.AddDays(-pick(700)), To: end})
	}
	f.PreviousKnown = pick(4) > 0
	return f
}

func describeFacts(f EligibilityFacts) string {
	var b strings.Builder
	p := func(d *Date) string {
		if d == nil {
			return "nil"
		}
		return d.String()
	}
	yn := func(v *bool) string { return yesNoValue(v) }
	fmt.Fprintf(&b, "birth %s, assessed %s, application %s, leap %q, reduced %s, done %s, follow-up %s, ",
		p(f.BirthDate), f.AssessmentDate, p(f.ApplicationDate), f.LeapBirthday, yn(f.ReducedCapacity), yn(f.AssessmentDone), yn(f.FollowUpNeeded))
	fmt.Fprintf(&b, "benefits %s (known %v, very limited %s), residence %q, abode %s, youth %s, previous %v (known %v)",
		benefitInputs(f, true)[0].Value, f.BenefitsKnown, yn(f.BenefitVeryLimited), f.Residence, yn(f.FixedAbode), yn(f.YouthProgramme),
		f.Previous, f.PreviousKnown)
	return b.String()
}
