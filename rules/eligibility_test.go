package rules

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// elD parses an ISO date for test tables; a bad literal is a bug in the test.
func elD(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func elDp(s string) *Date { d := elD(s); return &d }

func elB(v bool) *bool { return &v }

func elDec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

// elAllMet returns facts under which every criterion is met on the given
// date, so a test can change one fact and see one criterion move.
func elAllMet(on string) EligibilityFacts {
	return EligibilityFacts{
		BirthDate:       elDp("1990-06-15"),
		AssessmentDate:  elD(on),
		ReducedCapacity: elB(true),
		AssessmentDone:  elB(true),
		FollowUpNeeded:  elB(true),
		BenefitsKnown:   true,
		Residence:       ResidenceNorwegian,
		FixedAbode:      elB(true),
		YouthProgramme:  elB(false),
		PreviousKnown:   true,
	}
}

func elFinding(t *testing.T, r EligibilityResult, id string) Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %s", id)
	return Finding{}
}

func TestCriteriaIDsAndOrder(t *testing.T) {
	want := []string{"KVP-EL-01", "KVP-EL-02", "KVP-EL-03", "KVP-EL-04", "KVP-EL-05", "KVP-EL-06", "KVP-EL-07", "KVP-EL-08"}
	var got []string
	for _, c := range Criteria {
		got = append(got, c.ID)
		if c.Name == "" || c.Ref == "" {
			t.Errorf("%s: name or legal reference missing", c.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("criteria = %v, want %v", got, want)
	}
	r := CheckEligibility(elAllMet("2026-03-01"))
	if len(r.Findings) != len(Criteria) {
		t.Fatalf("%d findings, want %d", len(r.Findings), len(Criteria))
	}
	for i, f := range r.Findings {
		if f.Criterion != Criteria[i] {
			t.Errorf("finding %d is %v, want %v", i, f.Criterion, Criteria[i])
		}
	}
}

// Each case changes the all-met facts and checks one criterion.
func TestEligibilityRules(t *testing.T) {
	tests := []struct {
		name    string
		on      string
		change  func(*EligibilityFacts)
		id      string
		want    Outcome
		reason  []string // substrings the reason must contain
		missing []string
	}{
		// KVP-EL-01 age
		{name: "day before 18th birthday", on: "2026-03-03", id: "KVP-EL-01", want: NotMet,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("2008-03-04") },
			reason: []string{"turns 18 on 2026-03-04", "assessed 2026-03-03"}},
		{name: "18th birthday", on: "2026-03-04", id: "KVP-EL-01", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("2008-03-04") },
			reason: []string{"turned 18 on 2026-03-04", "assessed 2026-03-04"}},
		{name: "day before 67th birthday", on: "2026-03-03", id: "KVP-EL-01", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("1959-03-04") },
			reason: []string{"turns 67 on 2026-03-04", "eligible until 2026-03-03"}},
		{name: "67th birthday", on: "2026-03-04", id: "KVP-EL-01", want: NotMet,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("1959-03-04") },
			reason: []string{"turned 67 on 2026-03-04", "2026-03-03"}},
		// 29 February (kvp-rules.md § 7.1, CONVENTION): feb28 is the default,
		// as NAV's plusYears; mar1 the other reading.
		{name: "29 Feb birth turns 18 on 28 Feb (feb28)", on: "2026-02-28", id: "KVP-EL-01", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("2008-02-29") },
			reason: []string{"turned 18 on 2026-02-28"}},
		{name: "29 Feb birth, 27 Feb: not yet 18 (feb28)", on: "2026-02-27", id: "KVP-EL-01", want: NotMet,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("2008-02-29") },
			reason: []string{"turns 18 on 2026-02-28"}},
		{name: "29 Feb birth, 28 Feb in a non-leap year (mar1)", on: "2026-02-28", id: "KVP-EL-01", want: NotMet,
			change: func(f *EligibilityFacts) { f.BirthDate, f.LeapBirthday = elDp("2008-02-29"), LeapMar1 },
			reason: []string{"turns 18 on 2026-03-01"}},
		{name: "29 Feb birth, 1 March in a non-leap year (mar1)", on: "2026-03-01", id: "KVP-EL-01", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate, f.LeapBirthday = elDp("2008-02-29"), LeapMar1 }},
		{name: "29 Feb birth turns 67 on 28 Feb (feb28)", on: "2027-02-28", id: "KVP-EL-01", want: NotMet,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("1960-02-29") },
			reason: []string{"turned 67 on 2027-02-28", "2027-02-27"}},
		{name: "29 Feb birth turns 67 on 1 March (mar1)", on: "2027-02-28", id: "KVP-EL-01", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate, f.LeapBirthday = elDp("1960-02-29"), LeapMar1 },
			reason: []string{"turns 67 on 2027-03-01", "eligible until 2027-02-28"}},
		{name: "aged 18 on 2018-12-31: lower age was 19", on: "2018-12-31", id: "KVP-EL-01", want: NotMet,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("2000-06-15") },
			reason: []string{"turns 19 on 2019-06-15", "lower age was 19 before 2019-01-01"}},
		{name: "aged 18 on 2019-01-01", on: "2019-01-01", id: "KVP-EL-01", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate = elDp("2000-06-15") },
			reason: []string{"turned 18 on 2018-06-15"}},
		{name: "birth date unknown", on: "2026-03-01", id: "KVP-EL-01", want: Unknown,
			change:  func(f *EligibilityFacts) { f.BirthDate = nil },
			missing: []string{FactBirthDate}},

		// KVP-EL-02, -04, -05: yes/no findings
		{name: "reduced capacity no", on: "2026-03-01", id: "KVP-EL-02", want: NotMet,
			change: func(f *EligibilityFacts) { f.ReducedCapacity = elB(false) }},
		{name: "reduced capacity unknown", on: "2026-03-01", id: "KVP-EL-02", want: Unknown,
			change: func(f *EligibilityFacts) { f.ReducedCapacity = nil }, missing: []string{FactReducedCapacity}},
		{name: "assessment not done", on: "2026-03-01", id: "KVP-EL-04", want: NotMet,
			change: func(f *EligibilityFacts) { f.AssessmentDone = elB(false) }},
		{name: "assessment unknown", on: "2026-03-01", id: "KVP-EL-04", want: Unknown,
			change: func(f *EligibilityFacts) { f.AssessmentDone = nil }, missing: []string{FactAssessmentDone}},
		{name: "follow-up not needed", on: "2026-03-01", id: "KVP-EL-05", want: NotMet,
			change: func(f *EligibilityFacts) { f.FollowUpNeeded = elB(false) }},
		{name: "follow-up unknown", on: "2026-03-01", id: "KVP-EL-05", want: Unknown,
			change: func(f *EligibilityFacts) { f.FollowUpNeeded = nil }, missing: []string{FactFollowUpNeeded}},

		// KVP-EL-03 benefits
		{name: "no benefits", on: "2026-03-01", id: "KVP-EL-03", want: Met,
			change: func(f *EligibilityFacts) {}, reason: []string{"no subsistence benefits"}},
		{name: "aap in full", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitAAP, Full: true}} },
			reason: []string{"aap in full"}},
		{name: "tiltakspenger in full", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitTiltakspenger, Full: true}} }},
		{name: "full wins over partial, even when the list is incomplete", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.BenefitsKnown = false
				f.Benefits = []Benefit{{Kind: BenefitOther}, {Kind: BenefitUforetrygd, Full: true}}
			}},
		{name: "dagpenger partly: asks for the caseworker's judgement", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitDagpenger, Yearly: elDec("20000")}}
			},
			reason:  []string{"dagpenger partly, 20000 a year", "needs assessment", "benefit_very_limited"},
			missing: []string{FactBenefitVeryLimited}},
		{name: "dagpenger partly, judged very limited: met", on: "2026-03-01", id: "KVP-EL-03", want: Met,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitDagpenger, Yearly: elDec("20000")}}
				f.BenefitVeryLimited = elB(true)
			},
			reason: []string{"dagpenger partly, 20000 a year", "judged very limited by the caseworker"}},
		{name: "dagpenger partly, judged not very limited: not met", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitDagpenger, Yearly: elDec("20000")}}
				f.BenefitVeryLimited = elB(false)
			},
			reason: []string{"dagpenger partly, 20000 a year", "judged not very limited by the caseworker"}},
		{name: "aap in full stays not met, even judged very limited", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitAAP, Full: true}, {Kind: BenefitOther, Yearly: elDec("1000")}}
				f.BenefitVeryLimited = elB(true)
			},
			reason: []string{"aap in full", "a benefit in full is never very limited"}},
		{name: "sykepenger, amount unknown: asks for benefits and the judgement", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitSykepenger}} },
			reason:  []string{"receives sykepenger, amount unknown:", "yearly amount of sykepenger, or full"},
			missing: []string{FactBenefits, FactBenefitVeryLimited}},
		{name: "sykepenger, amount unknown, judged very limited: the amount is still needed", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitSykepenger}}
				f.BenefitVeryLimited = elB(true)
			},
			reason:  []string{"yearly amount of sykepenger, or full"},
			missing: []string{FactBenefits}},
		{name: "sykepenger, amount unknown, judged not very limited: not met whatever the amount", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitSykepenger}}
				f.BenefitVeryLimited = elB(false)
			},
			reason: []string{"sykepenger, amount unknown", "judged not very limited"}},
		{name: "other, amount unknown: needs assessment, asks for the judgement", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitOther}} },
			reason:  []string{"receives other, amount unknown: whether this is very limited needs assessment"},
			missing: []string{FactBenefitVeryLimited}},
		{name: "other, amount unknown, judged very limited: met", on: "2026-03-01", id: "KVP-EL-03", want: Met,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitOther}}
				f.BenefitVeryLimited = elB(true)
			}},
		{name: "barnepensjon, amount unknown: needs assessment, asks for the judgement", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitBarnepensjon}} },
			reason:  []string{"barnepensjon, amount unknown"},
			missing: []string{FactBenefitVeryLimited}},
		{name: "aap amount unknown beside a small other benefit", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitOther, Yearly: elDec("1000")}, {Kind: BenefitAAP}}
			},
			reason:  []string{"other partly, 1000 a year, aap, amount unknown", "yearly amount of aap, or full"},
			missing: []string{FactBenefits, FactBenefitVeryLimited}},
		{name: "incomplete list with a small benefit judged very limited: the rest of the list is needed", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.BenefitsKnown = false
				f.Benefits = []Benefit{{Kind: BenefitOther, Yearly: elDec("1000")}}
				f.BenefitVeryLimited = elB(true)
			},
			reason:  []string{"the list of benefits may be incomplete"},
			missing: []string{FactBenefits}},
		{name: "incomplete list with a small benefit judged not very limited: not met", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.BenefitsKnown = false
				f.Benefits = []Benefit{{Kind: BenefitOther, Yearly: elDec("1000")}}
				f.BenefitVeryLimited = elB(false)
			}},
		{name: "incomplete list with a small benefit: asks for both", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.BenefitsKnown = false
				f.Benefits = []Benefit{{Kind: BenefitOther, Yearly: elDec("1000")}}
			},
			missing: []string{FactBenefits, FactBenefitVeryLimited}},
		{name: "no benefits: a judgement of no is moot", on: "2026-03-01", id: "KVP-EL-03", want: Met,
			change: func(f *EligibilityFacts) { f.BenefitVeryLimited = elB(false) },
			reason: []string{"no subsistence benefits"}},
		{name: "benefits unknown: a judgement alone decides nothing", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.BenefitsKnown = false
				f.BenefitVeryLimited = elB(true)
			},
			missing: []string{FactBenefits}},
		{name: "barnepensjon in full, judged very limited: met (it is not a subsistence benefit in full)", on: "2026-03-01", id: "KVP-EL-03", want: Met,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitBarnepensjon, Full: true}}
				f.BenefitVeryLimited = elB(true)
			}},
		{name: "amount unknown but another benefit in full: not met", on: "2026-03-01", id: "KVP-EL-03", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitAAP}, {Kind: BenefitDagpenger, Full: true}}
			},
			reason: []string{"dagpenger in full"}},
		{name: "barnepensjon in full needs assessment", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitBarnepensjon, Full: true}} },
			reason:  []string{"barnepensjon in full", "needs assessment"},
			missing: []string{FactBenefitVeryLimited}},
		{name: "other in full needs assessment", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitOther, Full: true}} },
			reason:  []string{"needs assessment"},
			missing: []string{FactBenefitVeryLimited}},
		{name: "zero yearly amount counts as none", on: "2026-03-01", id: "KVP-EL-03", want: Met,
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitDagpenger, Yearly: elDec("0")}}
			}},
		{name: "benefits unknown", on: "2026-03-01", id: "KVP-EL-03", want: Unknown,
			change: func(f *EligibilityFacts) { f.BenefitsKnown = false }, missing: []string{FactBenefits}},

		// KVP-EL-06: every known status is in TestResidenceStatusAbodeDate.
		{name: "residence and abode unknown", on: "2026-03-01", id: "KVP-EL-06", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Residence, f.FixedAbode = "", nil },
			missing: []string{FactResidence, FactFixedAbode}},
		{name: "residence unknown, abode yes", on: "2026-03-01", id: "KVP-EL-06", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Residence = "" },
			missing: []string{FactResidence}},
		// A Norwegian citizen needs no abode, so no abode decides nothing
		// while the status is unknown, before the EEA exemption too.
		{name: "residence unknown, no abode before the EEA exemption", on: "2025-03-06", id: "KVP-EL-06", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Residence, f.FixedAbode = "", elB(false) },
			missing: []string{FactResidence}},
		{name: "residence unknown, no abode after the EEA exemption", on: "2025-03-07", id: "KVP-EL-06", want: Unknown,
			change:  func(f *EligibilityFacts) { f.Residence, f.FixedAbode = "", elB(false) },
			missing: []string{FactResidence}},

		// KVP-EL-07 youth programme
		{name: "youth programme yes on 2025-07-31", on: "2025-07-31", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) { f.YouthProgramme = elB(true) },
			reason: []string{"did not exist yet", "2025-08-01"}},
		{name: "youth programme yes on 2025-08-01", on: "2025-08-01", id: "KVP-EL-07", want: NotMet,
			change: func(f *EligibilityFacts) { f.YouthProgramme = elB(true) }},
		{name: "youth programme unknown on 2025-07-31", on: "2025-07-31", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) { f.YouthProgramme = nil }},
		{name: "youth programme unknown on 2025-08-01", on: "2025-08-01", id: "KVP-EL-07", want: Unknown,
			change:  func(f *EligibilityFacts) { f.BirthDate, f.YouthProgramme = elDp("2000-06-15"), nil },
			missing: []string{FactYouthProgramme}},
		{name: "youth programme unknown on the 29th birthday: past the trial's ages", on: "2026-03-01", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate, f.YouthProgramme = elDp("1997-03-01"), nil },
			reason: []string{"turned 29 on 2026-03-01", "18–28", "assessed 2026-03-01"}},
		{name: "youth programme unknown the day before the 29th birthday", on: "2026-02-28", id: "KVP-EL-07", want: Unknown,
			change:  func(f *EligibilityFacts) { f.BirthDate, f.YouthProgramme = elDp("1997-03-01"), nil },
			missing: []string{FactYouthProgramme}},
		{name: "youth programme unknown, aged 35", on: "2026-03-01", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) { f.YouthProgramme = nil },
			reason: []string{"turned 29 on 2019-06-15"}},
		{name: "youth programme and birth date unknown", on: "2026-03-01", id: "KVP-EL-07", want: Unknown,
			change:  func(f *EligibilityFacts) { f.BirthDate, f.YouthProgramme = nil, nil },
			missing: []string{FactYouthProgramme}},
		{name: "29 Feb birth: turns 29 on 28 Feb (feb28)", on: "2029-02-28", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) { f.BirthDate, f.YouthProgramme = elDp("2000-02-29"), nil },
			reason: []string{"turned 29 on 2029-02-28"}},
		{name: "29 Feb birth: still unknown on 28 Feb of a non-leap year (mar1)", on: "2029-02-28", id: "KVP-EL-07", want: Unknown,
			change: func(f *EligibilityFacts) {
				f.BirthDate, f.YouthProgramme, f.LeapBirthday = elDp("2000-02-29"), nil, LeapMar1
			},
			missing: []string{FactYouthProgramme}},
		{name: "29 Feb birth: turns 29 on 1 March (mar1)", on: "2029-03-01", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) {
				f.BirthDate, f.YouthProgramme, f.LeapBirthday = elDp("2000-02-29"), nil, LeapMar1
			},
			reason: []string{"turned 29 on 2029-03-01"}},
		{name: "aged 29 but registered as receiving: the fact stands", on: "2026-03-01", id: "KVP-EL-07", want: NotMet,
			change: func(f *EligibilityFacts) { f.YouthProgramme = elB(true) }},
		{name: "aged 29 before the rule existed", on: "2025-07-31", id: "KVP-EL-07", want: Met,
			change: func(f *EligibilityFacts) { f.YouthProgramme = nil },
			reason: []string{"did not exist yet"}},

		// KVP-EL-08 previous participation
		{name: "previous programme on 2018-12-31", on: "2018-12-31", id: "KVP-EL-08", want: NotMet,
			change: func(f *EligibilityFacts) {
				f.BirthDate = elDp("1980-01-01")
				f.Previous = []Period{{From: elD("2015-01-01"), To: elD("2015-12-31")}}
			},
			reason: []string{"2015-01-01..2015-12-31", "one-time right"}},
		{name: "previous programme on 2019-01-01", on: "2019-01-01", id: "KVP-EL-08", want: Met,
			change: func(f *EligibilityFacts) {
				f.Previous = []Period{{From: elD("2015-01-01"), To: elD("2015-12-31")}}
			},
			reason: []string{"2019 amendment"}},
		{name: "programme not ended by the assessment date is not previous", on: "2018-12-31", id: "KVP-EL-08", want: Met,
			change: func(f *EligibilityFacts) {
				f.Previous = []Period{{From: elD("2018-01-01"), To: elD("2018-12-31")}}
			}},
		{name: "previous unknown before 2019", on: "2018-12-31", id: "KVP-EL-08", want: Unknown,
			change: func(f *EligibilityFacts) { f.PreviousKnown = false }, missing: []string{FactPrevious}},
		{name: "previous unknown from 2019", on: "2019-01-01", id: "KVP-EL-08", want: Met,
			change: func(f *EligibilityFacts) { f.PreviousKnown = false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := elAllMet(tt.on)
			tt.change(&f)
			if err := f.Validate(); err != nil {
				t.Fatalf("test facts invalid: %v", err)
			}
			got := elFinding(t, CheckEligibility(f), tt.id)
			if got.Result != tt.want {
				t.Errorf("%s = %s (%s), want %s", tt.id, got.Result, got.Reason, tt.want)
			}
			for _, s := range tt.reason {
				if !strings.Contains(got.Reason.String(), s) {
					t.Errorf("reason %q does not contain %q", got.Reason, s)
				}
			}
			want := tt.missing
			if want == nil {
				want = []string{}
			}
			if got.Missing == nil || !slices.Equal(got.Missing, want) {
				t.Errorf("missing = %#v, want %#v", got.Missing, want)
			}
		})
	}
}

// TestResidenceStatusAbodeDate is KVP-EL-06 for every residence status, with
// the fixed abode yes, no and unknown, the day before and the day the EEA
// exemption took effect (2025-03-07). By hand, from FOR-2011-12-16-1251:
//   - norwegian: § 1 first para. is only about persons who are not Norwegian
//     citizens, so the abode never matters: met.
//   - trafficking-reflection, pending-application: § 1 does not apply (fourth
//     para.): met whatever the abode.
//   - eea: the abode is needed before 2025-03-07 (§ 1), not from it (§ 1a).
//   - eea-initial: only the initial right of residence (utlendingsloven § 111):
//     § 1a second para. keeps the abode condition, so on both days yes is met,
//     no is not met and unknown asks for fixed_abode.
//   - lawful-resident: a foreign national, so the abode is needed (§ 1).
//   - asylum-reception (§ 2) and no-lawful-residence (§ 4): no right, whatever
//     the abode.
func TestResidenceStatusAbodeDate(t *testing.T) {
	const before, from = "2025-03-06", "2025-03-07"
	yes, no := elB(true), elB(false)
	tests := []struct {
		status  string
		abode   *bool
		on      string
		want    Outcome
		reason  string // a substring of the reason: the provision applied
		missing []string
	}{
		{ResidenceNorwegian, yes, before, Met, "§ 1 første ledd", nil},
		{ResidenceNorwegian, no, before, Met, "applies only to persons who are not Norwegian citizens", nil},
		{ResidenceNorwegian, nil, before, Met, "§ 1 første ledd", nil},
		{ResidenceNorwegian, yes, from, Met, "§ 1 første ledd", nil},
		{ResidenceNorwegian, no, from, Met, "§ 1 første ledd", nil},
		{ResidenceNorwegian, nil, from, Met, "§ 1 første ledd", nil},

		{ResidenceTraffickingReflection, yes, before, Met, "§ 1 fjerde ledd", nil},
		{ResidenceTraffickingReflection, no, before, Met, "utlendingsforskriften § 8-3", nil},
		{ResidenceTraffickingReflection, nil, before, Met, "§ 1 fjerde ledd", nil},
		{ResidenceTraffickingReflection, yes, from, Met, "§ 1 fjerde ledd", nil},
		{ResidenceTraffickingReflection, no, from, Met, "§ 1 fjerde ledd", nil},
		{ResidenceTraffickingReflection, nil, from, Met, "§ 1 fjerde ledd", nil},

		{ResidencePendingApplication, yes, before, Met, "§ 1 fjerde ledd", nil},
		{ResidencePendingApplication, no, before, Met, "application or appeal", nil},
		{ResidencePendingApplication, nil, before, Met, "§ 1 fjerde ledd", nil},
		{ResidencePendingApplication, yes, from, Met, "§ 1 fjerde ledd", nil},
		{ResidencePendingApplication, no, from, Met, "§ 1 fjerde ledd", nil},
		{ResidencePendingApplication, nil, from, Met, "§ 1 fjerde ledd", nil},

		{ResidenceEEA, yes, before, Met, "with a fixed abode", nil},
		{ResidenceEEA, no, before, NotMet, "only from 2025-03-07; assessed 2025-03-06", nil},
		{ResidenceEEA, nil, before, Unknown, "fixed abode in Norway unknown", []string{FactFixedAbode}},
		{ResidenceEEA, yes, from, Met, "§ 1a", nil},
		{ResidenceEEA, no, from, Met, "exempt from the fixed-abode condition since 2025-03-07", nil},
		{ResidenceEEA, nil, from, Met, "§ 1a", nil},

		{ResidenceEEAInitial, yes, before, Met, "with a fixed abode", nil},
		{ResidenceEEAInitial, no, before, NotMet, "§ 1 første ledd", nil},
		{ResidenceEEAInitial, nil, before, Unknown, "fixed abode in Norway unknown", []string{FactFixedAbode}},
		{ResidenceEEAInitial, yes, from, Met, "§ 1a andre ledd", nil},
		{ResidenceEEAInitial, no, from, NotMet, "§ 1a andre ledd", nil},
		{ResidenceEEAInitial, nil, from, Unknown, "utlendingsloven § 111", []string{FactFixedAbode}},

		{ResidenceLawfulResident, yes, before, Met, "with a fixed abode", nil},
		{ResidenceLawfulResident, no, before, NotMet, "§ 1 første ledd", nil},
		{ResidenceLawfulResident, nil, before, Unknown, "fixed abode in Norway unknown", []string{FactFixedAbode}},
		{ResidenceLawfulResident, yes, from, Met, "§ 1 første ledd", nil},
		{ResidenceLawfulResident, no, from, NotMet, "without a fixed abode", nil},
		{ResidenceLawfulResident, nil, from, Unknown, "fixed abode in Norway unknown", []string{FactFixedAbode}},

		{ResidenceAsylumReception, yes, before, NotMet, "§ 2", nil},
		{ResidenceAsylumReception, no, before, NotMet, "asylum reception", nil},
		{ResidenceAsylumReception, nil, before, NotMet, "§ 2", nil},
		{ResidenceAsylumReception, yes, from, NotMet, "§ 2", nil},
		{ResidenceAsylumReception, no, from, NotMet, "§ 2", nil},
		{ResidenceAsylumReception, nil, from, NotMet, "§ 2", nil},

		{ResidenceNoLawfulResidence, yes, before, NotMet, "§ 4", nil},
		{ResidenceNoLawfulResidence, no, before, NotMet, "no lawful residence", nil},
		{ResidenceNoLawfulResidence, nil, before, NotMet, "§ 4", nil},
		{ResidenceNoLawfulResidence, yes, from, NotMet, "§ 4", nil},
		{ResidenceNoLawfulResidence, no, from, NotMet, "§ 4", nil},
		{ResidenceNoLawfulResidence, nil, from, NotMet, "§ 4", nil},
	}
	seen := map[string]int{}
	for _, tt := range tests {
		abode := "unknown"
		if tt.abode != nil {
			abode = yesNoText(*tt.abode)
		}
		t.Run(tt.status+"/abode "+abode+"/"+tt.on, func(t *testing.T) {
			f := elAllMet(tt.on)
			f.Residence, f.FixedAbode = tt.status, tt.abode
			if err := f.Validate(); err != nil {
				t.Fatalf("test facts invalid: %v", err)
			}
			got := elFinding(t, CheckEligibility(f), "KVP-EL-06")
			if got.Result != tt.want {
				t.Errorf("KVP-EL-06 = %s (%s), want %s", got.Result, got.Reason, tt.want)
			}
			if !strings.Contains(got.Reason.String(), tt.reason) {
				t.Errorf("reason %q does not contain %q", got.Reason, tt.reason)
			}
			if nb := got.Reason.Text(LangNB); nb == got.Reason.String() {
				t.Errorf("no Norwegian reason: %q", nb)
			}
			want := tt.missing
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got.Missing, want) {
				t.Errorf("missing = %#v, want %#v", got.Missing, want)
			}
		})
		seen[tt.status]++
	}
	for _, s := range ResidenceStatuses {
		if seen[s] != 6 {
			t.Errorf("status %s has %d rows, want 6 (3 abode values × 2 dates)", s, seen[s])
		}
	}
}

func yesNoText(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

func TestEligibilityVerdict(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*EligibilityFacts)
		verdict string
		missing []string
	}{
		{name: "all met", change: func(f *EligibilityFacts) {}, verdict: VerdictEligible, missing: []string{}},
		{name: "one unknown", change: func(f *EligibilityFacts) { f.AssessmentDone = nil },
			verdict: VerdictUndetermined, missing: []string{FactAssessmentDone}},
		{name: "needs assessment only: undetermined, asks for the caseworker's judgement",
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitOther}} },
			verdict: VerdictUndetermined, missing: []string{FactBenefitVeryLimited}},
		{name: "a small benefit judged very limited: eligible",
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitAAP, Yearly: elDec("20000")}}
				f.BenefitVeryLimited = elB(true)
			},
			verdict: VerdictEligible, missing: []string{}},
		{name: "a small benefit judged not very limited: not eligible",
			change: func(f *EligibilityFacts) {
				f.Benefits = []Benefit{{Kind: BenefitAAP, Yearly: elDec("20000")}}
				f.BenefitVeryLimited = elB(false)
			},
			verdict: VerdictNotEligible, missing: []string{}},
		{name: "a Norwegian citizen without a fixed abode: eligible",
			change:  func(f *EligibilityFacts) { f.FixedAbode = elB(false) },
			verdict: VerdictEligible, missing: []string{}},
		{name: "subsistence benefit without an amount: undetermined, asks for benefits and the judgement",
			change:  func(f *EligibilityFacts) { f.Benefits = []Benefit{{Kind: BenefitDagpenger}} },
			verdict: VerdictUndetermined, missing: []string{FactBenefits, FactBenefitVeryLimited}},
		{name: "youth programme unknown, aged 35: eligible without asking",
			change:  func(f *EligibilityFacts) { f.YouthProgramme = nil },
			verdict: VerdictEligible, missing: []string{}},
		{name: "not met beats unknown", change: func(f *EligibilityFacts) {
			f.AssessmentDone = nil
			f.ReducedCapacity = elB(false)
		}, verdict: VerdictNotEligible, missing: []string{FactAssessmentDone}},
		{name: "nothing known: every fact missing, in criterion order, once",
			change: func(f *EligibilityFacts) {
				*f = EligibilityFacts{AssessmentDate: f.AssessmentDate}
			},
			verdict: VerdictUndetermined,
			missing: []string{FactBirthDate, FactReducedCapacity, FactBenefits, FactAssessmentDone, FactFollowUpNeeded,
				FactResidence, FactFixedAbode, FactYouthProgramme}},
		{name: "nothing known before 2019 asks for previous; a Norwegian citizen is not asked for the abode",
			change: func(f *EligibilityFacts) {
				*f = EligibilityFacts{AssessmentDate: elD("2018-06-01"), Residence: ResidenceNorwegian}
			},
			verdict: VerdictUndetermined,
			missing: []string{FactBirthDate, FactReducedCapacity, FactBenefits, FactAssessmentDone, FactFollowUpNeeded,
				FactPrevious}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := elAllMet("2026-03-01")
			tt.change(&f)
			r := CheckEligibility(f)
			if r.Verdict != tt.verdict {
				t.Errorf("verdict = %s, want %s", r.Verdict, tt.verdict)
			}
			if r.Missing == nil || !slices.Equal(r.Missing, tt.missing) {
				t.Errorf("missing = %#v, want %#v", r.Missing, tt.missing)
			}
			if len(r.Notes) == 0 || r.Notes[0].Code != NoteBurdensome.ID {
				t.Errorf("notes = %v, want the § 29 third paragraph note first", r.Notes)
			} else if !strings.Contains(r.Notes[0].String(), "§ 29 tredje ledd") {
				t.Errorf("burdensome note lacks its reference: %q", r.Notes[0])
			}
		})
	}
}

func TestStartDeadline(t *testing.T) {
	tests := []struct{ app, want string }{
		{"2026-01-31", "2026-07-31"}, // July has a 31st
		{"2025-08-31", "2026-02-28"}, // no 31 February: last day of the month (domstolloven § 148)
		{"2023-08-29", "2024-02-29"}, // leap year
		{"2025-08-29", "2026-02-28"},
		{"2025-12-31", "2026-06-30"},
		{"2026-03-15", "2026-09-15"},
	}
	for _, tt := range tests {
		if got := StartDeadline(elD(tt.app)); got != elD(tt.want) {
			t.Errorf("StartDeadline(%s) = %s, want %s", tt.app, got, tt.want)
		}
	}

	f := elAllMet("2026-08-01")
	r := CheckEligibility(f)
	if r.StartDeadline != nil {
		t.Errorf("start deadline %s without an application date", r.StartDeadline)
	}
	f.ApplicationDate = elDp("2026-01-31")
	r = CheckEligibility(f)
	if r.StartDeadline == nil || *r.StartDeadline != elD("2026-07-31") {
		t.Fatalf("start deadline = %v, want 2026-07-31", r.StartDeadline)
	}
	if len(r.Notes) != 2 || !strings.Contains(r.Notes[1].String(), "2026-07-31") ||
		!strings.Contains(r.Notes[1].String(), "§ 31") || !strings.Contains(r.Notes[1].String(), "had passed") {
		t.Errorf("notes = %q, want a § 31 note saying 2026-07-31 had passed", r.Notes)
	}
}

func TestEligibilityFactsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*EligibilityFacts)
		want   []string // substrings of the error; none means valid
	}{
		{name: "valid", change: func(f *EligibilityFacts) {
			f.Benefits = []Benefit{{Kind: BenefitAAP, Yearly: elDec("1000")}}
			f.Previous = []Period{{From: elD("2015-01-01"), To: elD("2015-01-01")}}
		}},
		{name: "unknown benefit kind", change: func(f *EligibilityFacts) {
			f.Benefits = []Benefit{{Kind: BenefitAAP}, {Kind: "foo"}}
		}, want: []string{`benefits[1].kind: "foo" is not one of aap, uforetrygd, alderspensjon, dagpenger, tiltakspenger, sykepenger, barnepensjon, other`}},
		{name: "negative amount", change: func(f *EligibilityFacts) {
			f.Benefits = []Benefit{{Kind: BenefitDagpenger, Yearly: elDec("-5")}}
		}, want: []string{"benefits[0].amount: -5 is negative"}},
		{name: "application on the assessment date", change: func(f *EligibilityFacts) { f.ApplicationDate = elDp("2026-03-01") }},
		{name: "application on the birth date", change: func(f *EligibilityFacts) { f.ApplicationDate = elDp("1990-06-15") }},
		{name: "application after the assessment", change: func(f *EligibilityFacts) { f.ApplicationDate = elDp("2026-03-02") },
			want: []string{"application_date: 2026-03-02 is after the assessment date 2026-03-01"}},
		{name: "application before the birth", change: func(f *EligibilityFacts) { f.ApplicationDate = elDp("1990-06-14") },
			want: []string{"application_date: 1990-06-14 is before the birth date 1990-06-15"}},
		{name: "unknown residence", change: func(f *EligibilityFacts) { f.Residence = "mars" },
			want: []string{`residence: "mars" is not one of norwegian, eea, eea-initial, lawful-resident, trafficking-reflection, pending-application, asylum-reception, no-lawful-residence`}},
		{name: "previous ends before it starts", change: func(f *EligibilityFacts) {
			f.Previous = []Period{{From: elD("2015-01-01"), To: elD("2015-12-31")}, {From: elD("2016-05-01"), To: elD("2016-04-30")}}
		}, want: []string{"previous[1]: 2016-05-01..2016-04-30 ends before it starts"}},
		{name: "born after the assessment", change: func(f *EligibilityFacts) { f.BirthDate = elDp("2026-03-02") },
			want: []string{"birth_date: 2026-03-02 is after the assessment date 2026-03-01"}},
		{name: "all problems reported", change: func(f *EligibilityFacts) {
			f.Residence = "x"
			f.Benefits = []Benefit{{Kind: ""}}
		}, want: []string{`benefits[0].kind: ""`, `residence: "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := elAllMet("2026-03-01")
			tt.change(&f)
			err := f.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

// Empty lists must be [] in JSON, never null.
func TestEligibilityResultJSONEmptyLists(t *testing.T) {
	b, err := json.Marshal(CheckEligibility(elAllMet("2026-03-01")))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, "null") {
		t.Errorf("JSON contains null: %s", s)
	}
	for _, want := range []string{`"missing":[]`, `"verdict":"eligible"`, `"id":"KVP-EL-01"`, `"result":"met"`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s: %s", want, s)
		}
	}
}

// TestFindingReasonAsCode: a finding's reason is a code with arguments; in
// JSON the English text, the code and the arguments stand side by side, and
// in bokmål the whole reason is Norwegian, its amount and dates included.
func TestFindingReasonAsCode(t *testing.T) {
	f := elAllMet("2026-03-01")
	amount := decimal.NewFromInt(12000)
	f.Benefits = []Benefit{{Kind: BenefitOther, Yearly: &amount}}
	f.BenefitVeryLimited = elB(true)
	got := elFinding(t, CheckEligibility(f), "KVP-EL-03")
	if got.Reason.Code != "elig.benefits.judged_limited" {
		t.Fatalf("reason code %q", got.Reason.Code)
	}
	if want := "mottar other delvis, 12 000 kr i året: vurdert som svært begrenset av saksbehandler (benefit_very_limited: ja)"; got.Reason.Text(LangNB) != want {
		t.Errorf("nb reason %q, want %q", got.Reason.Text(LangNB), want)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Reason     string         `json:"reason"`
		ReasonCode string         `json:"reason_code"`
		ReasonArgs map[string]any `json:"reason_args"`
		Result     string         `json:"result"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Reason != "receives other partly, 12000 a year: judged very limited by the caseworker (benefit_very_limited: yes)" ||
		doc.ReasonCode != "elig.benefits.judged_limited" || doc.ReasonArgs["fact"] != FactBenefitVeryLimited || doc.Result != "met" {
		t.Errorf("JSON %s", b)
	}

	// the age reason before 2019 carries the lower age's note, in bokmål too
	f = elAllMet("2018-06-01")
	f.BirthDate = elDp("2000-01-01")
	got = elFinding(t, CheckEligibility(f), "KVP-EL-01")
	if want := "fyller 19 år 01.01.2019 (nedre aldersgrense var 19 år før 01.01.2019); vurdert 01.06.2018"; got.Reason.Text(LangNB) != want {
		t.Errorf("nb age reason %q, want %q", got.Reason.Text(LangNB), want)
	}
}

// TestCheckAgeIsFirstFinding: CheckAge judges the age exactly as
// CheckEligibility's first finding does, on either side of each bound:
// born 2000-03-15, 18 on 2018-03-15 (the lower age from 2019-01-01 is 18,
// before it 20: 2020-03-15), 67 on 2067-03-15 (met through 2067-03-14);
// born 2000-02-29, 18 on 2018-02-28 (feb28) or 2018-03-01 (mar1).
func TestCheckAgeIsFirstFinding(t *testing.T) {
	birth, leap := NewDate(2000, 3, 15), NewDate(2000, 2, 29)
	cases := []struct {
		birth *Date
		on    Date
		rule  LeapBirthday
		want  Outcome
	}{
		{&birth, NewDate(2018, 3, 14), "", NotMet},
		{&birth, NewDate(2018, 3, 15), "", NotMet}, // 18 but before 2019: the lower age was 20
		{&birth, NewDate(2019, 1, 1), "", Met},
		{&birth, NewDate(2067, 3, 14), "", Met},
		{&birth, NewDate(2067, 3, 15), "", NotMet},
		{&leap, NewDate(2020, 2, 28), LeapFeb28, Met},
		{&leap, NewDate(2067, 2, 28), LeapFeb28, NotMet},
		{&leap, NewDate(2067, 2, 28), LeapMar1, Met},
		{nil, NewDate(2026, 1, 1), "", Unknown},
	}
	for _, c := range cases {
		f := EligibilityFacts{BirthDate: c.birth, AssessmentDate: c.on, LeapBirthday: c.rule}
		got := CheckAge(f)
		if got.Result != c.want {
			t.Errorf("%v on %s: %s, want %s", c.birth, c.on, got.Result, c.want)
		}
		if want := CheckEligibility(f).Findings[0]; !reflect.DeepEqual(got, want) {
			t.Errorf("%v on %s: CheckAge %+v, CheckEligibility's first finding %+v", c.birth, c.on, got, want)
		}
	}
}

// TestAgeMet: AgeMet is CheckAge's outcome for a known birth date, without
// its words. Born 2000-03-15: 18 on 2018-03-15, but before 2019-01-01 the
// lower age is 19 (2019-03-15), so 2018-12-31 is not met and 2019-01-01 is;
// 67 on 2067-03-15, so met through 2067-03-14. Born 1999-06-10: 19 on
// 2018-06-10, met then (before 2019, the lower age 19). Born 2000-02-29: 67
// on 2067-02-28 (feb28) or 2067-03-01 (mar1). And every day from 2016 to
// 2020 and 2066 to 2068 for a birth date a day either side of each bound
// agrees with CheckAge.
func TestAgeMet(t *testing.T) {
	cases := []struct {
		birth, on string
		leap      LeapBirthday
		want      bool
	}{
		{"2000-03-15", "2018-03-14", "", false},
		{"2000-03-15", "2018-12-31", "", false}, // 18, but 19 was the lower age
		{"2000-03-15", "2019-01-01", "", true},
		{"2000-03-15", "2067-03-14", "", true},
		{"2000-03-15", "2067-03-15", "", false},
		{"1999-06-10", "2018-06-09", "", false},
		{"1999-06-10", "2018-06-10", "", true},
		{"2000-02-29", "2067-02-27", LeapFeb28, true},
		{"2000-02-29", "2067-02-28", LeapFeb28, false},
		{"2000-02-29", "2067-02-28", LeapMar1, true},
		{"2000-02-29", "2067-03-01", LeapMar1, false},
	}
	for _, c := range cases {
		if got := AgeMet(elD(c.birth), elD(c.on), c.leap); got != c.want {
			t.Errorf("born %s, on %s (%q): AgeMet %v, want %v", c.birth, c.on, c.leap, got, c.want)
		}
	}
	for _, b := range []string{"1999-12-31", "2000-01-01", "2000-02-28", "2000-02-29", "2000-03-01"} {
		birth := elD(b)
		for _, leap := range []LeapBirthday{"", LeapFeb28, LeapMar1} {
			for _, span := range [][2]string{{"2016-01-01", "2020-12-31"}, {"2066-01-01", "2068-12-31"}} {
				for on := elD(span[0]); on <= elD(span[1]); on++ {
					want := CheckAge(EligibilityFacts{BirthDate: &birth, AssessmentDate: on, LeapBirthday: leap}).Result == Met
					if got := AgeMet(birth, on, leap); got != want {
						t.Fatalf("born %s, on %s (%q): AgeMet %v, CheckAge met %v", b, on, leap, got, want)
					}
				}
			}
		}
	}
}
