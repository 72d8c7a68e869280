// Package caseinput reads a case: from a YAML or JSON case file, a JSON line
// or a CSV row of kvp batch, and the command line's flags, into one Case,
// and converts that Case into calc's and rules' facts.
package caseinput

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"kvp/config"
	"kvp/rules"
)

// MaxFileSize bounds a case file, as config and scenario files are bounded;
// no real case comes near it.
const MaxFileSize = config.MaxFileSize

// Case is one case: the keys mirror the flags in snake_case, so that a case
// file, a flag set and one line of a batch all say the same thing. Sections
// for the other commands are optional. It is also the "case" of the JSON
// documents kvp writes.
type Case struct {
	// ID names the case for the one who gave it (a batch echoes it in the
	// case's record, so that results join back to their input); kvp never
	// uses it.
	ID *ID `json:"id,omitempty" yaml:"id"`

	BirthDate       *rules.Date  `json:"birth_date,omitempty" yaml:"birth_date"`
	From            *rules.Date  `json:"from,omitempty" yaml:"from"`
	To              *rules.Date  `json:"to,omitempty" yaml:"to"`
	Children        *int         `json:"children,omitempty" yaml:"children"`
	ChildBirthDates []rules.Date `json:"child_birth_dates,omitempty" yaml:"child_birth_dates"`
	Rounding        string       `json:"rounding,omitempty" yaml:"rounding"`
	AgeSwitch       string       `json:"age_switch,omitempty" yaml:"age_switch"`
	LeapBirthday    string       `json:"leap_birthday,omitempty" yaml:"leap_birthday"`

	// The pay schedule (sotjl. § 39), each also a flag and a config key.
	PayCycle   string      `json:"pay_cycle,omitempty" yaml:"pay_cycle"`
	PayDay     *int        `json:"pay_day,omitempty" yaml:"pay_day"`
	CycleStart *rules.Date `json:"cycle_start,omitempty" yaml:"cycle_start"`
	PayLag     *int        `json:"pay_lag,omitempty" yaml:"pay_lag"`
	// AsOf prices with the parameters as known on the date (rules.Params.KnownOn).
	AsOf *rules.Date `json:"as_of,omitempty" yaml:"as_of"`
	// RegulatedOn is the day the municipality began paying a new G (kvp regulate).
	RegulatedOn *rules.Date `json:"regulated_on,omitempty" yaml:"regulated_on"`

	// Date is the evaluation date: of the eligibility assessment (kvp check)
	// and of the programme's time used (kvp period). Default today.
	Date            *rules.Date `json:"date,omitempty" yaml:"date"`
	ApplicationDate *rules.Date `json:"application_date,omitempty" yaml:"application_date"`

	// DurationRegime chooses the regime of the programme's length (kvp
	// period, and kvp calc's latest end): start or assessed.
	DurationRegime string `json:"duration_regime,omitempty" yaml:"duration_regime"`

	Eligibility *Eligibility `json:"eligibility,omitempty" yaml:"eligibility"`
	Programme   *Programme   `json:"programme,omitempty" yaml:"programme"`

	// Reductions (kvp calc). An entry without from or to runs from the
	// period's start or to its end.
	WorkHours     []WorkHours    `json:"work_hours,omitempty" yaml:"work_hours"`
	OtherBenefits []OtherBenefit `json:"other_benefits,omitempty" yaml:"other_benefits"`
	Absence       []Absence      `json:"absence,omitempty" yaml:"absence"`
	NotDeducted   []NotDeducted  `json:"not_deducted,omitempty" yaml:"not_deducted"`
	BenefitScope  string         `json:"benefit_scope,omitempty" yaml:"benefit_scope"`

	// Tax-relevant amounts (kvp calc).
	OtherIncome        map[int]Number `json:"other_income,omitempty" yaml:"other_income"` // income year → other personal income
	Finnmark           *YesNo         `json:"finnmark,omitempty" yaml:"finnmark"`
	WithholdingPercent *Number        `json:"withholding_percent,omitempty" yaml:"withholding_percent"`
	IncomeYear         string         `json:"income_year,omitempty" yaml:"income_year"` // paid or earned

	// Flagged names the flag that gave a fact (by its name in
	// rules.ProgrammeFacts: start, decisions, eval_date, …), so that an
	// error in it names what the user typed. Set by Override.
	Flagged map[string]string `json:"-" yaml:"-"`
	// PayLines are the lines of the pay keys in the case file (pay_cycle,
	// pay_day, cycle_start, pay_lag), so that a key that does not fit the
	// pay cycle can be named with its line. Set by Decode.
	PayLines map[string]int `json:"-" yaml:"-"`
}

// Eligibility holds the facts of sotjl. § 29 (kvp check). A missing key is
// an unknown fact.
type Eligibility struct {
	ReducedCapacity *YesNo     `json:"reduced_capacity,omitempty" yaml:"reduced_capacity"`
	AssessmentDone  *YesNo     `json:"assessment_done,omitempty" yaml:"assessment_done"`
	FollowUpNeeded  *YesNo     `json:"follow_up_needed,omitempty" yaml:"follow_up_needed"`
	Benefits        *[]Benefit `json:"benefits,omitempty" yaml:"benefits"` // present and empty: none
	Residence       string     `json:"residence,omitempty" yaml:"residence"`
	FixedAbode      *YesNo     `json:"fixed_abode,omitempty" yaml:"fixed_abode"`
	YouthProgramme  *YesNo     `json:"youth_programme,omitempty" yaml:"youth_programme"`
	Previous        *[]Period  `json:"previous,omitempty" yaml:"previous"` // present and empty: none

	// BenefitVeryLimited is the caseworker's judgement of the benefits that
	// need assessment (KVP-EL-03): yes, no, or left out (unknown).
	BenefitVeryLimited *YesNo `json:"benefit_very_limited,omitempty" yaml:"benefit_very_limited"`
}

// Benefit is a benefit received: kind, and a yearly amount or "full".
type Benefit struct {
	Kind   string `json:"kind" yaml:"kind"`
	Amount string `json:"amount,omitempty" yaml:"amount"` // "full" or a yearly amount in kroner
}

// Programme holds the programme's dates (kvp period; kvp calc reads the
// interruptions).
type Programme struct {
	Start         *rules.Date    `json:"start,omitempty" yaml:"start"`
	Decisions     []Period       `json:"decisions,omitempty" yaml:"decisions"`
	Leave         []Period       `json:"leave,omitempty" yaml:"leave"`
	Interruptions []Interruption `json:"interruptions,omitempty" yaml:"interruptions"`
	Extended      *YesNo         `json:"extended,omitempty" yaml:"extended"`
}

// WorkHours is paid work, hours a week (§ 37).
type WorkHours struct {
	Hours Number      `json:"hours" yaml:"hours"`
	From  *rules.Date `json:"from,omitempty" yaml:"from"`
	To    *rules.Date `json:"to,omitempty" yaml:"to"`
}

// OtherBenefit is a § 38 benefit: per day or a total over its period.
type OtherBenefit struct {
	Kind   string      `json:"kind" yaml:"kind"`
	From   *rules.Date `json:"from,omitempty" yaml:"from"`
	To     *rules.Date `json:"to,omitempty" yaml:"to"`
	PerDay *Number     `json:"per_day,omitempty" yaml:"per_day"`
	Total  *Number     `json:"total,omitempty" yaml:"total"`
}

// Absence is absence without leave (§ 36): a day (with hours, or whole), or
// a number of days in a month.
type Absence struct {
	Date  *rules.Date `json:"date,omitempty" yaml:"date"`
	Hours *Number     `json:"hours,omitempty" yaml:"hours"`
	Month string      `json:"month,omitempty" yaml:"month"` // YYYY-MM, with days
	Days  *int        `json:"days,omitempty" yaml:"days"`
}

// NotDeducted is a benefit that does not reduce the stipend.
type NotDeducted struct {
	Kind   string  `json:"kind" yaml:"kind"`
	Amount *Number `json:"amount,omitempty" yaml:"amount"`
}

// Period is a period written FROM..TO.
type Period rules.Period

func (p Period) MarshalText() ([]byte, error) { return []byte(rules.Period(p).String()), nil }

// Interruption is an interruption written FROM..TO, or FROM.. while it is
// still running.
type Interruption rules.Interruption

func (p Interruption) MarshalText() ([]byte, error) {
	return []byte(rules.Interruption(p).String()), nil
}

// YesNo is a yes/no fact: yes, no, true or false (also ja, nei, y, n).
type YesNo bool

func (y YesNo) MarshalText() ([]byte, error) {
	if y {
		return []byte("yes"), nil
	}
	return []byte("no"), nil
}

// ParseYesNo reads yes/no (also true/false, ja/nei).
func ParseYesNo(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "ja", "y":
		return true, nil
	case "no", "false", "nei", "n":
		return false, nil
	}
	return false, rules.Errorf(codeNotYesNo, rules.Quote(s))
}

// Number is an amount or a count as written: a YAML or JSON number, or a
// string holding one. It never passes through a float.
type Number struct{ decimal.Decimal }

// ID is a case's id: text, or a number kept as it was written.
type ID struct {
	Text   string
	Number bool // written as a JSON or YAML number
}

// MarshalJSON writes a number as a number, text as a string.
func (id ID) MarshalJSON() ([]byte, error) {
	if id.Number {
		return []byte(id.Text), nil
	}
	return json.Marshal(id.Text)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (id *ID) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*id = ID{}
		return json.Unmarshal(b, &id.Text)
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*id = ID{Text: n.String(), Number: true}
	return nil
}

// MarshalYAML keeps the kind: "42" as text stays text.
func (id ID) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: id.Text}
	if id.Number {
		n.Tag = "!!int"
		if strings.ContainsAny(id.Text, ".eE") {
			n.Tag = "!!float"
		}
	}
	return n, nil
}

func (n Number) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// ParseNumber reads a plain decimal number of sane size: no exponent, at
// most 12 digits before and 10 after the point.
func ParseNumber(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "eE") || len(s) > 24 {
		return decimal.Decimal{}, rules.Errorf(codeNotNumber, rules.Quote(s))
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Abs().GreaterThanOrEqual(decimal.New(1, 12)) || d.Exponent() < -10 {
		return decimal.Decimal{}, rules.Errorf(codeNotNumber, rules.Quote(s))
	}
	return d, nil
}

func periods(ps []Period) []rules.Period {
	out := make([]rules.Period, len(ps))
	for i, p := range ps {
		out[i] = rules.Period(p)
	}
	return out
}

func boolPtr(y *YesNo) *bool {
	if y == nil {
		return nil
	}
	b := bool(*y)
	return &b
}
