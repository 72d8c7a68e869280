package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Outcome is the three-valued result of one eligibility criterion: a rule is
// met, not met, or cannot be decided yet because a fact is missing or needs a
// caseworker's judgement.
type Outcome string

// The outcomes of a criterion.
const (
	Met     Outcome = "met"
	NotMet  Outcome = "not_met"
	Unknown Outcome = "unknown"
)

// Verdicts of CheckEligibility.
const (
	VerdictEligible     = "eligible"
	VerdictNotEligible  = "not_eligible"
	VerdictUndetermined = "undetermined"
)

// Benefit kinds. The first six are the subsistence benefits under
// folketrygdloven and arbeidsmarkedsloven that, received in full, rule out
// the programme (sotjl. § 29 first para.).
const (
	BenefitAAP           = "aap"           // arbeidsavklaringspenger, ftrl. chapter 11
	BenefitUforetrygd    = "uforetrygd"    // uføretrygd (disability benefit), ftrl. chapter 12
	BenefitAlderspensjon = "alderspensjon" // old-age pension, ftrl. chapters 19–20
	BenefitDagpenger     = "dagpenger"     // unemployment benefit, ftrl. chapter 4
	BenefitTiltakspenger = "tiltakspenger" // benefit during labour-market measures, arbeidsmarkedsloven § 13
	BenefitSykepenger    = "sykepenger"    // sickness benefit, ftrl. chapter 8
	BenefitBarnepensjon  = "barnepensjon"  // children's pension after a parent's death, ftrl. chapter 18
	BenefitOther         = "other"         // anything else; always needs assessment
)

// BenefitKinds are the accepted Benefit.Kind values, for validation and help text.
var BenefitKinds = []string{
	BenefitAAP, BenefitUforetrygd, BenefitAlderspensjon, BenefitDagpenger,
	BenefitTiltakspenger, BenefitSykepenger, BenefitBarnepensjon, BenefitOther,
}

// subsistenceInFull are the kinds that, received in full, mean criterion
// KVP-EL-03 is not met. barnepensjon is deliberately left out: it is a
// folketrygd benefit, but it is paid for a child's (up to 20, in some cases
// 24 years) support after a parent's death, and at about 1 G a year it is
// well below the stipend (2.041 G). Whether it is "very limited" is the
// caseworker's call, so even in full it is reported as unknown, needs
// assessment, never as not met.
var subsistenceInFull = []string{
	BenefitAAP, BenefitUforetrygd, BenefitAlderspensjon, BenefitDagpenger,
	BenefitTiltakspenger, BenefitSykepenger,
}

// Residence statuses for EligibilityFacts.Residence, in the words of
// forskrift FOR-2011-12-16-1251 (personer uten fast bopel i Norge).
const (
	ResidenceNorwegian  = "norwegian"   // Norwegian citizen: the bopel condition does not apply (§ 1 first para.)
	ResidenceEEA        = "eea"         // EEA citizen lawfully resident under the EEA agreement (§ 1a)
	ResidenceEEAInitial = "eea-initial" // EEA citizen with only the initial right of residence, utlendingsloven § 111 (§ 1a second para.)
	// ResidenceLawfulResident is any other foreign national with lawful
	// residence (oppholdstillatelse).
	ResidenceLawfulResident = "lawful-resident"
	// ResidenceTraffickingReflection is a presumed victim of human
	// trafficking with a limited residence permit (refleksjonsperiode,
	// utlendingsforskriften § 8-3): § 1 does not apply (§ 1 fourth para.).
	ResidenceTraffickingReflection = "trafficking-reflection"
	// ResidencePendingApplication is a person allowed to stay while an
	// application for a residence permit or an appeal on residence is being
	// processed: § 1 does not apply (§ 1 fourth para.). An asylum seeker in
	// or entitled to state reception is ResidenceAsylumReception (§ 2).
	ResidencePendingApplication = "pending-application"
	ResidenceAsylumReception    = "asylum-reception"    // applied for protection, in or entitled to state reception (statlig mottak, § 2)
	ResidenceNoLawfulResidence  = "no-lawful-residence" // no lawful residence in Norway (§ 4)
)

// ResidenceStatuses are the accepted EligibilityFacts.Residence values.
var ResidenceStatuses = []string{
	ResidenceNorwegian, ResidenceEEA, ResidenceEEAInitial, ResidenceLawfulResident,
	ResidenceTraffickingReflection, ResidencePendingApplication,
	ResidenceAsylumReception, ResidenceNoLawfulResidence,
}

// Dates on which the eligibility rules changed.
var (
	// Amendment2019 is when the lower age went from 19 to 18 and the
	// one-time right to the programme was lifted.
	Amendment2019 = NewDate(2019, 1, 1)
	// EEABopelExemptFrom is when EEA citizens lawfully resident under the EEA
	// agreement became exempt from the fixed-abode (bopel) condition.
	EEABopelExemptFrom = NewDate(2025, 3, 7)
	// YouthProgrammeFrom is when the ungdomsprogram trial (FOR-2025-06-20-1182) began.
	YouthProgrammeFrom = NewDate(2025, 8, 1)
)

// YouthProgrammeAgeLimit is the age from which a person is past the youth
// programme trial, which covers ages 18–28 (FOR-2025-06-20-1182): from the
// 29th birthday no ungdomsprogramytelse can be received, so KVP-EL-07 needs
// no answer.
const YouthProgrammeAgeLimit = 29

// Age bounds of KVP-EL-01.
const (
	MinAge        = 18 // from Amendment2019
	MinAgeBefore  = 19 // before Amendment2019
	AgeUpperBound = 67 // the right ends the day before this birthday (CONVENTION)
)

// StartDeadlineMonths is how long after the application the programme must
// have started (sotjl. § 31).
const StartDeadlineMonths = 6

// Case-file keys of the facts, as used in EligibilityFacts' JSON tags, in
// Finding.Missing and in validation errors.
const (
	FactBirthDate       = "birth_date"
	FactApplicationDate = "application_date"
	FactReducedCapacity = "reduced_capacity"
	FactAssessmentDone  = "assessment_done"
	FactFollowUpNeeded  = "follow_up_needed"
	FactBenefits        = "benefits"
	FactResidence       = "residence"
	FactFixedAbode      = "fixed_abode"
	FactYouthProgramme  = "youth_programme"
	FactPrevious        = "previous"

	// FactBenefitVeryLimited is the caseworker's judgement whether the
	// benefits received are "very limited" (sotjl. § 29 first para.).
	FactBenefitVeryLimited = "benefit_very_limited"
)

// Benefit is a benefit the person receives. Yearly is only meaningful when
// Full is false; a zero yearly amount counts as not receiving the benefit.
// The case file calls the amount "amount" (a yearly amount or "full"), and
// so do validation errors.
type Benefit struct {
	Kind   string           `json:"kind"`
	Full   bool             `json:"full"`
	Yearly *decimal.Decimal `json:"yearly,omitempty"`
}

// EligibilityFacts are what the caseworker knows about the person. A nil
// pointer is an unknown fact; unknown facts make the affected criteria
// unknown instead of guessing.
type EligibilityFacts struct {
	BirthDate       *Date `json:"birth_date,omitempty"`
	AssessmentDate  Date  `json:"assessment_date"` // the day eligibility is judged on; required
	ApplicationDate *Date `json:"application_date,omitempty"`
	ReducedCapacity *bool `json:"reduced_capacity,omitempty"` // vesentlig nedsatt arbeids- og inntektsevne
	AssessmentDone  *bool `json:"assessment_done,omitempty"`  // arbeidsevnevurdering (work ability assessment) done
	FollowUpNeeded  *bool `json:"follow_up_needed,omitempty"` // tett og koordinert bistand suitable and necessary
	// Benefits lists the benefits received. BenefitsKnown says the list is
	// complete (an empty list then means none); when false, the listed
	// benefits still count but there may be more.
	Benefits       []Benefit `json:"benefits,omitempty"`
	BenefitsKnown  bool      `json:"benefits_known"`
	Residence      string    `json:"residence,omitempty"`       // one of ResidenceStatuses; "" = unknown
	FixedAbode     *bool     `json:"fixed_abode,omitempty"`     // fast bopel i Norge
	YouthProgramme *bool     `json:"youth_programme,omitempty"` // receives ungdomsprogramytelse
	// Previous lists earlier KVP participation; PreviousKnown says the list is
	// complete, as for Benefits.
	Previous      []Period `json:"previous,omitempty"`
	PreviousKnown bool     `json:"previous_known"`
	// LeapBirthday is the 29 February convention for the age limits ("" = feb28).
	LeapBirthday LeapBirthday `json:"leap_birthday,omitempty"`

	// BenefitVeryLimited is the caseworker's judgement that the benefits
	// needing assessment (a part amount, barnepensjon, other) are, or are
	// not, very limited. It never outweighs a subsistence benefit in full.
	BenefitVeryLimited *bool `json:"benefit_very_limited,omitempty"`
}

// Validate reports facts that cannot be right, naming each by its case-file
// key, so the caller can say which line of the case file to fix. All
// problems are reported, joined.
func (f EligibilityFacts) Validate() error {
	var errs []error
	if f.BirthDate != nil && *f.BirthDate > f.AssessmentDate {
		errs = append(errs, &FieldError{Field: FactBirthDate, Problem: ErrAfterAssessment.M(f.BirthDate.String(), f.AssessmentDate.String())})
	}
	if a := f.ApplicationDate; a != nil {
		if *a > f.AssessmentDate {
			errs = append(errs, &FieldError{Field: FactApplicationDate, Problem: ErrAfterAssessment.M(a.String(), f.AssessmentDate.String())})
		}
		if f.BirthDate != nil && *a < *f.BirthDate {
			errs = append(errs, &FieldError{Field: FactApplicationDate, Problem: ErrBeforeBirth.M(a.String(), f.BirthDate.String())})
		}
	}
	for i, b := range f.Benefits {
		if !slices.Contains(BenefitKinds, b.Kind) {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("%s[%d].kind", FactBenefits, i), Problem: ErrNotOneOf.M(Quote(b.Kind), strings.Join(BenefitKinds, ", "))})
		}
		if b.Yearly != nil && b.Yearly.IsNegative() {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("%s[%d].amount", FactBenefits, i), Problem: ErrNegative.M(b.Yearly.String())})
		}
	}
	if f.Residence != "" && !slices.Contains(ResidenceStatuses, f.Residence) {
		errs = append(errs, &FieldError{Field: FactResidence, Problem: ErrNotOneOf.M(Quote(f.Residence), strings.Join(ResidenceStatuses, ", "))})
	}
	for i, p := range f.Previous {
		if p.To < p.From {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("%s[%d]", FactPrevious, i), Problem: ErrPeriodReversed.M(p.String())})
		}
	}
	return errors.Join(errs...)
}

// Criterion is one condition of sotjl. § 29 with a stable id, so output,
// tests and caseworkers can refer to it across versions.
type Criterion struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Ref  string `json:"ref"`
}

// RefEligibility is where the eligibility criteria stand.
const RefEligibility = "sotjl. § 29"

// criterionNames and criterionRefs are the codes of the criteria's names
// and legal references, "criterion.KVP-EL-01", "criterion.ref.KVP-EL-01".
var criterionNames, criterionRefs = func() (map[string]Code, map[string]Code) {
	names, refs := map[string]Code{}, map[string]Code{}
	for i := 1; i <= 8; i++ {
		id := fmt.Sprintf("KVP-EL-%02d", i)
		names[id] = NewCode("criterion." + id)
		refs[id] = NewCode("criterion.ref." + id)
	}
	return names, refs
}()

// NameMessage is the criterion's name as a message, for output in any language.
func (c Criterion) NameMessage() Message { return criterionNames[c.ID].M() }

// RefMessage is the criterion's legal reference as a message: the source's
// name, and for KVP-EL-08 the amendment in the output language.
func (c Criterion) RefMessage() Message { return criterionRefs[c.ID].M() }

// Criteria are the eligibility criteria, in the order of kvp-rules.md § 1.
var Criteria = []Criterion{
	{ID: "KVP-EL-01", Name: "age between 18 and 67", Ref: "sotjl. § 29 første ledd"},
	{ID: "KVP-EL-02", Name: "substantially reduced work and income capacity", Ref: "sotjl. § 29 første ledd"},
	{ID: "KVP-EL-03", Name: "no or very limited subsistence benefits under ftrl. or arbeidsmarkedsloven", Ref: "sotjl. § 29 første ledd"},
	{ID: "KVP-EL-04", Name: "work ability assessment (arbeidsevnevurdering) done", Ref: "sotjl. § 29 andre ledd, NAV-loven § 14 a"},
	{ID: "KVP-EL-05", Name: "close, coordinated follow-up suitable and necessary", Ref: "sotjl. § 29 andre ledd"},
	{ID: "KVP-EL-06", Name: "lawful residence and fixed abode (bopel) in Norway", Ref: "forskrift FOR-2011-12-16-1251"},
	{ID: "KVP-EL-07", Name: "not receiving ungdomsprogramytelse", Ref: "FOR-2025-06-20-1182 § 12"},
	{ID: "KVP-EL-08", Name: "previous participation", Ref: "sotjl. § 29, 2019 amendment (in force 2019-01-01)"},
}

// Legal references of the notes.
const (
	RefBurdensome    = "sotjl. § 29 tredje ledd"
	RefStartDeadline = "sotjl. § 31"
)

// The notes of an eligibility result. NoteBurdensome is always part of the
// result: the municipality may refuse a programme that would be
// unreasonably burdensome, which is discretion the calculator never decides.
var (
	NoteBurdensome          = NewCode("elig.note.burdensome", "ref")
	NoteStartDeadline       = NewCode("elig.note.start_deadline", "deadline", "application", "months", "ref")
	NoteStartDeadlinePassed = NewCode("elig.note.start_deadline_passed", "deadline", "application", "months", "ref", "assessed")
)

// The reasons of the findings, by criterion. Their texts are in
// catalog/*.json.
var (
	reasonFactUnknown = NewCode("elig.fact_unknown", "fact")

	reasonAgeUnknown   = NewCode("elig.age.birth_date_unknown")
	reasonAgeTooYoung  = NewCode("elig.age.too_young", "age", "date", "note", "assessed")
	reasonAgeTooOld    = NewCode("elig.age.too_old", "age", "date", "last", "assessed")
	reasonAgeMet       = NewCode("elig.age.met", "age", "from", "note", "upper", "date", "last", "assessed")
	reasonAgeLowerNote = NewCode("elig.age.lower_before_2019", "age", "date")

	reasonCapacityYes   = NewCode("elig.capacity.yes")
	reasonCapacityNo    = NewCode("elig.capacity.no")
	reasonAssessmentYes = NewCode("elig.assessment.yes")
	reasonAssessmentNo  = NewCode("elig.assessment.no")
	reasonFollowUpYes   = NewCode("elig.follow_up.yes")
	reasonFollowUpNo    = NewCode("elig.follow_up.no")

	benefitInFull        = NewCode("elig.benefit.in_full", "kind")
	benefitPartly        = NewCode("elig.benefit.partly", "kind", "amount")
	benefitAmountUnknown = NewCode("elig.benefit.amount_unknown", "kind")

	reasonBenefitsInFull        = NewCode("elig.benefits.in_full", "benefits")
	reasonBenefitsInFullJudged  = NewCode("elig.benefits.in_full_judged_yes", "benefits", "fact")
	reasonBenefitsNotLimited    = NewCode("elig.benefits.judged_not_limited", "benefits", "fact")
	reasonBenefitsAmountNeeded  = NewCode("elig.benefits.amount_needed", "benefits", "kinds")
	reasonBenefitsNeedJudgement = NewCode("elig.benefits.needs_judgement", "benefits", "fact")
	reasonBenefitsIncomplete    = NewCode("elig.benefits.list_incomplete", "benefits")
	reasonBenefitsLimited       = NewCode("elig.benefits.judged_limited", "benefits", "fact")
	reasonBenefitsUnknown       = NewCode("elig.benefits.unknown")
	reasonBenefitsNone          = NewCode("elig.benefits.none")

	reasonResidenceUnknown   = NewCode("elig.residence.unknown")
	reasonResidenceNotKnown  = NewCode("elig.residence.not_known", "status")
	reasonAsylumReception    = NewCode("elig.residence.asylum_reception", "ref")
	reasonNoLawfulResidence  = NewCode("elig.residence.no_lawful_residence", "ref")
	reasonNorwegian          = NewCode("elig.residence.norwegian", "ref")
	reasonTrafficking        = NewCode("elig.residence.trafficking_reflection", "ref")
	reasonPendingApplication = NewCode("elig.residence.pending_application", "ref")
	reasonEEAExempt          = NewCode("elig.residence.eea_exempt", "from", "ref", "assessed")
	residentEEA              = NewCode("elig.residence.who.eea", "from", "assessed")
	residentEEAInitial       = NewCode("elig.residence.who.eea_initial")
	residentLawful           = NewCode("elig.residence.who.lawful_resident")
	residenceEEAInitialNote  = NewCode("elig.residence.eea_initial_not_exempt")
	reasonAbodeUnknown       = NewCode("elig.residence.abode_unknown", "who", "note")
	reasonWithAbode          = NewCode("elig.residence.with_abode", "who", "note", "ref")
	reasonWithoutAbode       = NewCode("elig.residence.without_abode", "who", "note", "ref")

	reasonYouthNotInForce = NewCode("elig.youth.not_in_force", "from", "assessed")
	reasonYouthPastAge    = NewCode("elig.youth.past_age", "age", "date", "assessed")
	reasonYouthUnknown    = NewCode("elig.youth.unknown")
	reasonYouthReceives   = NewCode("elig.youth.receives", "assessed")
	reasonYouthNone       = NewCode("elig.youth.none")

	reasonPreviousNoLimit  = NewCode("elig.previous.no_limit", "date", "assessed")
	reasonPreviousTookPart = NewCode("elig.previous.took_part", "period", "date", "assessed")
	reasonPreviousUnknown  = NewCode("elig.previous.unknown", "date")
	reasonPreviousNone     = NewCode("elig.previous.none_ended", "assessed")
)

// reason is a finding's reason.
type reason = Message

// Finding is the outcome of one criterion for one person.
type Finding struct {
	Criterion
	Result  Outcome
	Reason  Message
	Missing []string // case-file keys of facts still needed; empty, never nil
}

// MarshalJSON writes f with its reason as the English text ("reason") and
// as its code and arguments ("reason_code", "reason_args"), for scripts.
func (f Finding) MarshalJSON() ([]byte, error) {
	args, err := f.Reason.argsJSON()
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		ID         string          `json:"id"`
		Name       string          `json:"name"`
		Ref        string          `json:"ref"`
		Result     Outcome         `json:"result"`
		Reason     string          `json:"reason"`
		ReasonCode string          `json:"reason_code"`
		ReasonArgs json.RawMessage `json:"reason_args"`
		Missing    []string        `json:"missing"`
	}{f.ID, f.Name, f.Ref, f.Result, f.Reason.Text(LangEN), f.Reason.Code, args, f.Missing})
}

// EligibilityResult is the answer to "may this person take part?".
type EligibilityResult struct {
	Verdict       string    `json:"verdict"`
	Findings      []Finding `json:"findings"`
	Missing       []string  `json:"missing"` // union of the findings' Missing, in criterion order
	Notes         []Message `json:"notes"`
	StartDeadline *Date     `json:"start_deadline,omitempty"`
}

// CheckEligibility judges every criterion on f.AssessmentDate. It does not
// validate f; call Validate first.
func CheckEligibility(f EligibilityFacts) EligibilityResult {
	return CheckEligibilityTraced(f, nil)
}

// CheckAge is the age criterion (KVP-EL-01) alone, as CheckEligibility
// judges it (its first finding), without judging the others: what a
// calculation without eligibility facts warns of.
func CheckAge(f EligibilityFacts) Finding {
	out, why, missing := checkAge(f, nil)
	if missing == nil {
		missing = []string{}
	}
	return Finding{Criterion: Criteria[0], Result: out, Reason: why, Missing: missing}
}

// CheckEligibilityTraced is CheckEligibility that records in trace, where
// each criterion is decided, its step (key "eligibility.KVP-EL-01" …): the
// facts and dates it compared, the condition for met as a formula over
// them, the outcome and the legal reference; then the verdict and, with an
// application date, the § 31 start deadline. A nil trace records nothing.
func CheckEligibilityTraced(f EligibilityFacts, trace *Trace) EligibilityResult {
	on := f.AssessmentDate
	judge := []func(EligibilityFacts, *Trace) (Outcome, reason, []string){
		checkAge,
		func(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
			return checkYesNo(t, "KVP-EL-02", f.ReducedCapacity, FactReducedCapacity, sourceFinding,
				reasonCapacityYes.M(), reasonCapacityNo.M())
		},
		checkBenefits,
		func(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
			return checkYesNo(t, "KVP-EL-04", f.AssessmentDone, FactAssessmentDone, sourceFinding,
				reasonAssessmentYes.M(), reasonAssessmentNo.M())
		},
		func(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
			return checkYesNo(t, "KVP-EL-05", f.FollowUpNeeded, FactFollowUpNeeded, sourceJudgement,
				reasonFollowUpYes.M(), reasonFollowUpNo.M())
		},
		checkResidence,
		checkYouthProgramme,
		checkPrevious,
	}

	res := EligibilityResult{
		Verdict:  VerdictEligible,
		Findings: make([]Finding, 0, len(Criteria)),
		Missing:  []string{},
		Notes:    []Message{NoteBurdensome.M(RefBurdensome)},
	}
	anyNotMet, anyUnknown := false, false
	for i, c := range Criteria {
		out, why, missing := judge[i](f, trace)
		if missing == nil {
			missing = []string{}
		}
		res.Findings = append(res.Findings, Finding{Criterion: c, Result: out, Reason: why, Missing: missing})
		switch out {
		case NotMet:
			anyNotMet = true
		case Unknown:
			anyUnknown = true
		}
		for _, m := range missing {
			if !slices.Contains(res.Missing, m) {
				res.Missing = append(res.Missing, m)
			}
		}
	}
	switch {
	case anyNotMet:
		res.Verdict = VerdictNotEligible
	case anyUnknown:
		res.Verdict = VerdictUndetermined
	}
	if trace.On() {
		trace.Add(verdictStep(res))
	}

	if f.ApplicationDate != nil {
		d := StartDeadline(*f.ApplicationDate)
		passed := on > d
		res.StartDeadline = &d
		note := NoteStartDeadline.M(d, *f.ApplicationDate, StartDeadlineMonths, RefStartDeadline)
		if passed {
			note = NoteStartDeadlinePassed.M(d, *f.ApplicationDate, StartDeadlineMonths, RefStartDeadline, on)
		}
		res.Notes = append(res.Notes, note)
		if trace.On() {
			trace.Add(Step{Key: "eligibility.start_deadline",
				Inputs:  Inputs{dateInput(FactApplicationDate, *f.ApplicationDate), {"months", strconv.Itoa(StartDeadlineMonths)}},
				Formula: "{" + FactApplicationDate + "} + {months} months", Result: d.String(), Unit: UnitDate,
				Ref: RefStartDeadline, Params: sourceDeadline})
			trace.Add(Step{Key: "eligibility.start_deadline.passed",
				Inputs:  Inputs{dateInput("start_deadline", d), dateInput("assessed", on)},
				Formula: "{start_deadline} < {assessed}", Result: yesNoWord(passed), Unit: UnitYesNo, Ref: RefStartDeadline})
		}
	}
	return res
}

// The sources of the eligibility steps that are rules, not dated values:
// the conventions kvp follows where the law is silent, and who decides a fact.
var (
	sourceAge = []Param{{Source: fmt.Sprintf("CONVENTION: from the lower-age birthday to the day before the %dth birthday; "+
		"the lower age is %d from %s, %d before", AgeUpperBound, MinAge, Amendment2019, MinAgeBefore)}}
	sourceLeapBirthday = Param{Source: "CONVENTION (born 29 February, kvp-rules.md § 7.1): a year older on 28 February " +
		"(feb28, as NAV) or 1 March (mar1) in a year without 29 February"}
	sourceFinding   = []Param{{Source: "the caseworker's finding"}}
	sourceJudgement = []Param{{Source: "the caseworker's judgement"}}
	sourceBenefits  = []Param{{Source: "in full rules the programme out: " + strings.Join(subsistenceInFull, ", ") +
		", whatever the judgement; a smaller amount, barnepensjon or other is decided by the caseworker's judgement " +
		FactBenefitVeryLimited + " (yes: met, no: not met; the law sets no threshold)"}}
	sourceYouthAges = []Param{{Source: fmt.Sprintf("the youth programme covers ages 18–%d: from the %dth birthday no ungdomsprogramytelse",
		YouthProgrammeAgeLimit-1, YouthProgrammeAgeLimit)}}
	sourcePrevious = []Param{{Source: fmt.Sprintf("a one-time right before %s; no limit from then (2019 amendment)", Amendment2019)}}
	sourceDeadline = []Param{{Source: "CONVENTION: the same day of the month, or the month's last day when it has none (domstolloven § 148)"}}
)

// unknownValue is the value of a step's input for a fact not known.
const unknownValue = string(Unknown)

// yesNoValue is a yes/no fact as a step's input: yes, no or unknown.
func yesNoValue(v *bool) string {
	if v == nil {
		return unknownValue
	}
	return yesNoWord(*v)
}

func yesNoWord(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

func dateInput(name string, d Date) Input { return Input{Name: name, Value: d.String()} }

// criterionRef is the legal reference of criterion id.
func criterionRef(id string) string {
	for _, c := range Criteria {
		if c.ID == id {
			return c.Ref
		}
	}
	return ""
}

// outcomeStep is the step of criterion id decided as out. formula is the
// condition for met over the inputs ("" where a value looked up decides it);
// ref "" is the criterion's reference.
func outcomeStep(id string, out Outcome, formula string, in Inputs, ref string, src []Param) Step {
	if ref == "" {
		ref = criterionRef(id)
	}
	return Step{Key: "eligibility." + id, Inputs: in, Formula: formula, Result: string(out), Unit: UnitOutcome, Ref: ref, Params: src}
}

// verdictStep is the verdict over the findings: eligible when all are met.
func verdictStep(res EligibilityResult) Step {
	in := make(Inputs, 0, len(res.Findings))
	var formula strings.Builder
	formula.WriteString("all(")
	for i, fd := range res.Findings {
		if i > 0 {
			formula.WriteString(", ")
		}
		formula.WriteString("{" + fd.ID + "}")
		in = append(in, Input{Name: fd.ID, Value: string(fd.Result)})
	}
	formula.WriteString(")")
	return Step{Key: "eligibility.verdict", Inputs: in, Formula: formula.String(), Result: res.Verdict, Unit: UnitVerdict, Ref: "sotjl. § 29"}
}

// StartDeadline is the last day the programme may start for an application
// received on application (sotjl. § 31: no later than 6 months after).
//
// Month-end convention: the deadline ends on the same day number 6 months
// later; when that month has no such day it ends on the month's last day
// (2025-08-31 → 2026-02-28), as domstolloven § 148 second paragraph says
// for statutory deadlines counted in months. This differs from AddMonths and
// birthdays, which roll over to the 1st of the next month. No weekend
// extension (domstolloven § 149) is applied: § 31 is a duty on the
// municipality, not a deadline for a party to act.
// 2026-01-31 + 6 months = 2026-07-31 (July has a 31st).
func StartDeadline(application Date) Date {
	d := application.AddMonths(StartDeadlineMonths)
	_, _, want := application.YMD()
	if _, _, got := d.YMD(); got != want {
		// AddMonths rolled over to the 1st of the next month: step back to
		// the last day of the target month.
		d = d.AddDays(-1)
	}
	return d
}

// checkAge is KVP-EL-01. CONVENTION (kvp-rules.md § 1): eligible from the
// lower-age birthday itself to the day before the 67th birthday. The lower
// age is the one in force on the assessment date: 19 before 2019-01-01, 18
// from then. A 29 February birth date turns a year older on 28 February (or
// 1 March under LeapMar1) in a year without 29 February (Birthday).
// ageLimits are the bounds of the age criterion (KVP-EL-01) on the day on
// for someone born on birth: the lower age limit in force on that day, the
// birthday it is reached (from) and the birthday of AgeUpperBound (upper).
// The criterion is met from from up to the day before upper.
func ageLimits(birth, on Date, leap LeapBirthday) (lower int, from, upper Date) {
	lower = MinAge
	if on < Amendment2019 {
		lower = MinAgeBefore
	}
	return lower, Birthday(birth, lower, leap), Birthday(birth, AgeUpperBound, leap)
}

// AgeMet reports whether the age criterion (KVP-EL-01) is met on on, as
// CheckAge judges it for a known birth date, without wording its reason: a
// batch asks it twice for every case and words a finding only when the
// criterion is not met.
func AgeMet(birth, on Date, leap LeapBirthday) bool {
	_, from, upper := ageLimits(birth, on, leap)
	return from <= on && on < upper
}

func checkAge(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
	on := f.AssessmentDate
	if f.BirthDate == nil {
		if t.On() {
			t.Add(outcomeStep("KVP-EL-01", Unknown, "", Inputs{{FactBirthDate, unknownValue}, dateInput("assessed", on)}, "", sourceAge))
		}
		return Unknown, reasonAgeUnknown.M(), []string{FactBirthDate}
	}
	birth := *f.BirthDate
	lower, from, upper := ageLimits(birth, on, f.LeapBirthday)
	lowerNote := any("")
	if lower == MinAgeBefore {
		lowerNote = reasonAgeLowerNote.M(MinAgeBefore, Amendment2019)
	}
	last := upper.AddDays(-1)
	var out Outcome
	var why reason
	switch {
	case on < from:
		out, why = NotMet, reasonAgeTooYoung.M(lower, from, lowerNote, on)
	case on >= upper:
		out, why = NotMet, reasonAgeTooOld.M(AgeUpperBound, upper, last, on)
	default:
		out, why = Met, reasonAgeMet.M(lower, from, lowerNote, AgeUpperBound, upper, last, on)
	}
	if t.On() {
		lowerName, upperName := fmt.Sprintf("birthday_%d", lower), fmt.Sprintf("birthday_%d", AgeUpperBound)
		in := Inputs{dateInput(lowerName, from), dateInput("assessed", on), dateInput(upperName, upper),
			dateInput(FactBirthDate, birth), {"lower_age", strconv.Itoa(lower)}}
		src := sourceAge
		if _, m, d := birth.YMD(); m == 2 && d == 29 {
			leap := f.LeapBirthday
			if leap == "" {
				leap = LeapFeb28
			}
			in = append(in, Input{"leap_birthday", string(leap)})
			src = append(slices.Clip(sourceAge), sourceLeapBirthday)
		}
		t.Add(outcomeStep("KVP-EL-01", out, "{"+lowerName+"} ≤ {assessed} < {"+upperName+"}", in, "", src))
	}
	return out, why, nil
}

// checkYesNo is a criterion that is a caseworker's finding: yes is met, no
// is not met, unknown asks for the fact. Its step's formula is the fact.
func checkYesNo(t *Trace, id string, v *bool, key string, src []Param, yes, no reason) (Outcome, reason, []string) {
	out, why, missing := NotMet, no, []string(nil)
	switch {
	case v == nil:
		out, why, missing = Unknown, reasonFactUnknown.M(key), []string{key}
	case *v:
		out, why = Met, yes
	}
	if t.On() {
		t.Add(outcomeStep(id, out, "{"+key+"}", Inputs{{key, yesNoValue(v)}}, "", src))
	}
	return out, why, missing
}

// checkBenefits is KVP-EL-03. A subsistence benefit in full rules the
// programme out; anything smaller, barnepensjon, or an other kind is left to
// the caseworker: the law has no list of excluded benefits and no threshold
// for "very limited", so the calculator never guesses. The caseworker's
// judgement is the fact benefit_very_limited: yes is met, no is not met,
// and without it the criterion is unknown and asks for it.
//
// The judgement never outweighs a subsistence benefit in full: § 29 speaks
// of "ingen eller svært begrensede ytelser", and a benefit received in full
// is the person's subsistence, not a very limited benefit, so that stays not
// met whatever the judgement says. A subsistence benefit whose amount is
// unknown may be received in full, which would decide the criterion: with
// the judgement yes (or none) the amount is still needed, so benefits is a
// missing fact; with the judgement no the criterion is not met in either
// case. Likewise an incomplete list (BenefitsKnown false) may hide a
// benefit in full: a yes then still asks for the rest of the list.
//
// Its step's formula is the judgement where the judgement decides; where the
// list decides (a benefit in full, none at all) there is nothing to replay.
func checkBenefits(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
	var full, assess Items
	var noAmount []string
	for _, b := range f.Benefits {
		switch {
		case b.Full && slices.Contains(subsistenceInFull, b.Kind):
			full = append(full, benefitInFull.M(b.Kind))
		case b.Full:
			assess = append(assess, benefitInFull.M(b.Kind))
		case b.Yearly != nil && b.Yearly.IsZero():
			// nothing received: as if not listed
		case b.Yearly != nil:
			assess = append(assess, benefitPartly.M(b.Kind, *b.Yearly))
		default:
			assess = append(assess, benefitAmountUnknown.M(b.Kind))
			if slices.Contains(subsistenceInFull, b.Kind) {
				noAmount = append(noAmount, b.Kind)
			}
		}
	}
	judged := f.BenefitVeryLimited
	var out Outcome
	var why reason
	var missing []string
	judgement := "" // the step's formula: the judgement, where it decides
	switch {
	case len(full) > 0:
		out, why = NotMet, reasonBenefitsInFull.M(full)
		if judged != nil && *judged {
			why = reasonBenefitsInFullJudged.M(full, FactBenefitVeryLimited)
		}
	case len(assess) > 0 && judged != nil && !*judged:
		out, judgement, why = NotMet, "{"+FactBenefitVeryLimited+"}", reasonBenefitsNotLimited.M(assess, FactBenefitVeryLimited)
	case len(noAmount) > 0:
		missing = []string{FactBenefits}
		if judged == nil {
			missing = append(missing, FactBenefitVeryLimited)
		}
		out, why = Unknown, reasonBenefitsAmountNeeded.M(assess, strings.Join(noAmount, ", "))
	case len(assess) > 0 && judged == nil:
		missing = []string{FactBenefitVeryLimited}
		if !f.BenefitsKnown {
			missing = []string{FactBenefits, FactBenefitVeryLimited}
		}
		out, judgement, why = Unknown, "{"+FactBenefitVeryLimited+"}", reasonBenefitsNeedJudgement.M(assess, FactBenefitVeryLimited)
	case len(assess) > 0 && !f.BenefitsKnown:
		out, why, missing = Unknown, reasonBenefitsIncomplete.M(assess), []string{FactBenefits}
	case len(assess) > 0:
		out, judgement, why = Met, "{"+FactBenefitVeryLimited+"}", reasonBenefitsLimited.M(assess, FactBenefitVeryLimited)
	case !f.BenefitsKnown:
		out, why, missing = Unknown, reasonBenefitsUnknown.M(), []string{FactBenefits}
	default:
		out, why = Met, reasonBenefitsNone.M()
	}
	if t.On() {
		t.Add(outcomeStep("KVP-EL-03", out, judgement, benefitInputs(f, len(assess) > 0), "", sourceBenefits))
	}
	return out, why, missing
}

// benefitInputs are the inputs of KVP-EL-03: the benefits as a --benefit
// list ("aap=20000, barnepensjon=full"; a kind alone has no amount; "none";
// "unknown"), the amounts still needed, whether the list may be incomplete,
// and the judgement where a benefit needs it or it was given.
func benefitInputs(f EligibilityFacts, assess bool) Inputs {
	list := make([]string, 0, len(f.Benefits))
	for _, b := range f.Benefits {
		switch {
		case b.Full:
			list = append(list, b.Kind+"=full")
		case b.Yearly != nil:
			list = append(list, b.Kind+"="+b.Yearly.String())
		default:
			list = append(list, b.Kind)
		}
	}
	value := strings.Join(list, ", ")
	switch {
	case len(list) == 0 && f.BenefitsKnown:
		value = "none"
	case len(list) == 0:
		value = unknownValue
	}
	in := Inputs{{FactBenefits, value}}
	for i, b := range f.Benefits {
		if !b.Full && b.Yearly == nil && slices.Contains(subsistenceInFull, b.Kind) {
			in = append(in, Input{fmt.Sprintf("%s[%d].amount", FactBenefits, i), unknownValue})
		}
	}
	if len(list) > 0 && !f.BenefitsKnown {
		in = append(in, Input{"benefits_complete", unknownValue})
	}
	if assess || f.BenefitVeryLimited != nil {
		in = append(in, Input{FactBenefitVeryLimited, yesNoValue(f.BenefitVeryLimited)})
	}
	return in
}

// checkResidence is KVP-EL-06 (forskrift FOR-2011-12-16-1251, personer uten
// fast bopel i Norge). The fixed-abode (bopel) condition of § 1 applies only
// to persons who are not Norwegian citizens, and not to presumed victims of
// human trafficking with a limited permit nor to persons allowed to stay
// while a residence application or appeal is processed (§ 1 fourth para.).
// From 2025-03-07 EEA citizens lawfully resident under the EEA agreement are
// exempt too (§ 1a), except those whose only right of residence is the
// initial one under utlendingsloven § 111 (§ 1a second para.). Asylum
// seekers in or entitled to state reception (§ 2) and people without lawful
// residence (§ 4) have no right.
//
// With the status unknown the rule cannot be decided (a Norwegian citizen
// meets it and an asylum seeker in reception does not, whatever the abode):
// it asks for residence, and for fixed_abode too when that is unknown and
// some status would need it.
func checkResidence(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
	on := f.AssessmentDate
	if f.Residence != "" {
		return residenceOutcome(f.Residence, f.FixedAbode, on, t)
	}
	missing := []string{FactResidence}
	for _, s := range ResidenceStatuses {
		if _, _, m := residenceOutcome(s, f.FixedAbode, on, nil); slices.Contains(m, FactFixedAbode) {
			missing = append(missing, FactFixedAbode)
			break
		}
	}
	if t.On() {
		in := Inputs{{FactResidence, unknownValue}}
		if f.FixedAbode != nil || slices.Contains(missing, FactFixedAbode) {
			in = append(in, Input{FactFixedAbode, yesNoValue(f.FixedAbode)})
		}
		t.Add(outcomeStep("KVP-EL-06", Unknown, "", in, "", nil))
	}
	return Unknown, reasonResidenceUnknown.M(), missing
}

// The provisions of FOR-2011-12-16-1251 that decide KVP-EL-06, cited in its
// reasons and in --explain.
const (
	RefBopelNonCitizens  = "FOR-2011-12-16-1251 § 1 første ledd" // no right without bopel for non-citizens
	RefBopelExceptions   = "FOR-2011-12-16-1251 § 1 fjerde ledd" // trafficking reflection period, pending application
	RefBopelEEA          = "FOR-2011-12-16-1251 § 1a"            // EEA citizens exempt from 2025-03-07
	RefBopelEEAInitial   = "FOR-2011-12-16-1251 § 1a andre ledd" // not with only the initial right of residence
	RefAsylumReception   = "FOR-2011-12-16-1251 § 2"
	RefNoLawfulResidence = "FOR-2011-12-16-1251 § 4"
)

// residenceOutcome decides KVP-EL-06 for a known status and records its
// steps in t. A status that decides by itself (a citizen, reception, no
// lawful residence) is a value looked up; for the others the step's formula
// is the fixed abode, or for an EEA citizen the exemption date.
func residenceOutcome(status string, abode *bool, on Date, t *Trace) (Outcome, reason, []string) {
	const id = "KVP-EL-06"
	lookedUp := func(out Outcome, ref string, in ...Input) {
		if t.On() {
			t.Add(outcomeStep(id, out, "", append(Inputs{{FactResidence, status}}, in...), ref, nil))
		}
	}
	notRequired := Input{"fixed_abode_required", "no"}
	var who Message   // the person
	var tail any = "" // what follows the abode
	ref := RefBopelNonCitizens
	switch status {
	case ResidenceAsylumReception:
		lookedUp(NotMet, RefAsylumReception)
		return NotMet, reasonAsylumReception.M(RefAsylumReception), nil
	case ResidenceNoLawfulResidence:
		lookedUp(NotMet, RefNoLawfulResidence)
		return NotMet, reasonNoLawfulResidence.M(RefNoLawfulResidence), nil
	case ResidenceNorwegian:
		lookedUp(Met, RefBopelNonCitizens, notRequired)
		return Met, reasonNorwegian.M(RefBopelNonCitizens), nil
	case ResidenceTraffickingReflection:
		lookedUp(Met, RefBopelExceptions, notRequired)
		return Met, reasonTrafficking.M(RefBopelExceptions), nil
	case ResidencePendingApplication:
		lookedUp(Met, RefBopelExceptions, notRequired)
		return Met, reasonPendingApplication.M(RefBopelExceptions), nil
	case ResidenceEEA:
		exempt := on >= EEABopelExemptFrom
		if t.On() {
			in := Inputs{dateInput("eea_exemption_from", EEABopelExemptFrom), dateInput("assessed", on)}
			if exempt {
				t.Add(outcomeStep(id, Met, "{eea_exemption_from} ≤ {assessed}", append(Inputs{{FactResidence, status}}, in...), RefBopelEEA, nil))
			} else {
				t.Add(Step{Key: "eligibility." + id + ".eea_exemption", Inputs: in, Formula: "{eea_exemption_from} ≤ {assessed}",
					Result: yesNoWord(exempt), Unit: UnitYesNo, Ref: RefBopelEEA})
			}
		}
		if exempt {
			return Met, reasonEEAExempt.M(EEABopelExemptFrom, RefBopelEEA, on), nil
		}
		who = residentEEA.M(EEABopelExemptFrom, on)
	case ResidenceEEAInitial:
		who = residentEEAInitial.M()
		if on >= EEABopelExemptFrom {
			// § 1a exempts EEA citizens from 2025-03-07, but not these.
			ref = RefBopelEEAInitial
			tail = residenceEEAInitialNote.M()
		}
	case ResidenceLawfulResident:
		who = residentLawful.M()
	default:
		lookedUp(Unknown, "")
		return Unknown, reasonResidenceNotKnown.M(Quote(status)), []string{FactResidence}
	}
	var out Outcome
	var why reason
	var missing []string
	switch {
	case abode == nil:
		out, missing = Unknown, []string{FactFixedAbode}
		why = reasonAbodeUnknown.M(who, tail)
	case *abode:
		out = Met
		why = reasonWithAbode.M(who, tail, ref)
	default:
		out = NotMet
		why = reasonWithoutAbode.M(who, tail, ref)
	}
	if t.On() {
		t.Add(outcomeStep(id, out, "{"+FactFixedAbode+"}", Inputs{{FactResidence, status}, {FactFixedAbode, yesNoValue(abode)}}, ref, nil))
	}
	return out, why, missing
}

// checkYouthProgramme is KVP-EL-07: ungdomsprogramytelse cannot be combined
// with the programme (FOR-2025-06-20-1182 § 12), a rule that exists only
// from 2025-08-01. The trial covers ages 18–28, so from the 29th birthday
// the answer is known without asking. A caseworker's explicit yes still
// counts: the calculator does not overrule a registered fact.
//
// Its steps: before 2025-08-01 the date comparison decides; from then a step
// records that the rule is in force, and the criterion's step is the fact
// (looked up: yes is not met) or, without it, the 29th birthday.
func checkYouthProgramme(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
	const id = "KVP-EL-07"
	on := f.AssessmentDate
	inForce := on >= YouthProgrammeFrom
	if t.On() {
		in := Inputs{dateInput("youth_programme_from", YouthProgrammeFrom), dateInput("assessed", on)}
		if inForce {
			t.Add(Step{Key: "eligibility." + id + ".in_force", Inputs: in, Formula: "{youth_programme_from} ≤ {assessed}",
				Result: yesNoWord(inForce), Unit: UnitYesNo, Ref: criterionRef(id)})
		} else {
			t.Add(outcomeStep(id, Met, "{assessed} < {youth_programme_from}", Inputs{in[1], in[0]}, "", nil))
		}
	}
	if !inForce {
		return Met, reasonYouthNotInForce.M(YouthProgrammeFrom, on), nil
	}
	past := false
	var turned Date
	if f.BirthDate != nil {
		turned = Birthday(*f.BirthDate, YouthProgrammeAgeLimit, f.LeapBirthday)
		past = on >= turned
	}
	var out Outcome
	var why reason
	var missing []string
	switch {
	case f.YouthProgramme == nil && past:
		out, why = Met, reasonYouthPastAge.M(YouthProgrammeAgeLimit, turned, on)
	case f.YouthProgramme == nil:
		out, why, missing = Unknown, reasonYouthUnknown.M(), []string{FactYouthProgramme}
	case *f.YouthProgramme:
		out, why = NotMet, reasonYouthReceives.M(on)
	default:
		out, why = Met, reasonYouthNone.M()
	}
	if t.On() {
		in := Inputs{{FactYouthProgramme, yesNoValue(f.YouthProgramme)}}
		formula, src := "", []Param(nil)
		switch {
		case f.YouthProgramme != nil:
		case f.BirthDate != nil:
			// the 29th birthday decides, or would with the fact unknown
			name := fmt.Sprintf("birthday_%d", YouthProgrammeAgeLimit)
			formula, src = "{"+name+"} ≤ {assessed}", sourceYouthAges
			in = append(in, dateInput(name, turned), dateInput("assessed", on), dateInput(FactBirthDate, *f.BirthDate))
		default:
			in = append(in, Input{FactBirthDate, unknownValue})
		}
		t.Add(outcomeStep(id, out, formula, in, "", src))
	}
	return out, why, missing
}

// checkPrevious is KVP-EL-08: before 2019-01-01 the programme was a one-time
// right, so a programme that had ended before the assessment date rules a
// new one out; since the 2019 amendment there is no limit. A period that
// has not ended by the assessment date is not a previous programme.
//
// Its steps: from 2019-01-01 the date comparison decides; before, a step
// records the one-time right, and the criterion's step compares the
// assessment date with the end of the previous programme.
func checkPrevious(f EligibilityFacts, t *Trace) (Outcome, reason, []string) {
	const id = "KVP-EL-08"
	on := f.AssessmentDate
	lifted := on >= Amendment2019
	if t.On() {
		in := Inputs{dateInput("amendment_2019", Amendment2019), dateInput("assessed", on)}
		if lifted {
			t.Add(outcomeStep(id, Met, "{amendment_2019} ≤ {assessed}", in, "", sourcePrevious))
		} else {
			t.Add(Step{Key: "eligibility." + id + ".one_time_right", Inputs: Inputs{in[1], in[0]}, Formula: "{assessed} < {amendment_2019}",
				Result: yesNoWord(!lifted), Unit: UnitYesNo, Ref: criterionRef(id), Params: sourcePrevious})
		}
	}
	if lifted {
		return Met, reasonPreviousNoLimit.M(Amendment2019, on), nil
	}
	for _, p := range f.Previous {
		if p.To < on {
			if t.On() {
				t.Add(outcomeStep(id, NotMet, "{assessed} ≤ {previous_end}", previousInputs(f, &p.To), "", nil))
			}
			return NotMet, reasonPreviousTookPart.M(p, Amendment2019, on), nil
		}
	}
	if !f.PreviousKnown {
		if t.On() {
			t.Add(outcomeStep(id, Unknown, "", previousInputs(f, nil), "", nil))
		}
		return Unknown, reasonPreviousUnknown.M(Amendment2019), []string{FactPrevious}
	}
	if t.On() {
		formula, end := "", Date(0)
		for i, p := range f.Previous {
			if i == 0 || p.To < end {
				end = p.To
			}
		}
		if len(f.Previous) > 0 {
			formula = "{assessed} ≤ {previous_end}"
		}
		var compared *Date
		if len(f.Previous) > 0 {
			compared = &end
		}
		t.Add(outcomeStep(id, Met, formula, previousInputs(f, compared), "", nil))
	}
	return Met, reasonPreviousNone.M(on), nil
}

// previousInputs are the inputs of KVP-EL-08 before 2019: the previous
// programmes ("2015-01-01..2015-12-31, …", "none", "unknown"), whether the
// list may be incomplete, and, when end is not nil, the assessment date and
// the end it is compared with.
func previousInputs(f EligibilityFacts, end *Date) Inputs {
	list := make([]string, 0, len(f.Previous))
	for _, p := range f.Previous {
		list = append(list, p.String())
	}
	value := strings.Join(list, ", ")
	switch {
	case len(list) == 0 && f.PreviousKnown:
		value = "none"
	case len(list) == 0:
		value = unknownValue
	}
	in := Inputs{{FactPrevious, value}}
	if len(list) > 0 && !f.PreviousKnown {
		in = append(in, Input{"previous_complete", unknownValue})
	}
	if end != nil {
		in = append(in, dateInput("assessed", f.AssessmentDate), dateInput("previous_end", *end))
	}
	return in
}
