package caseinput

import (
	"bytes"
	"slices"
	"strconv"

	"kvp/config"
	"kvp/rules"
)

// decodeDirect reads a JSON case text straight into a Case, without a node
// tree: the path of a batch line, which is valid nearly always. It reads
// what the node path (scanJSON and decoder) reads, into the same Case, and
// knows only whether the text is one it reads: on anything else (an unknown
// key or one in other letter case, a key given twice, a value of the wrong
// kind, a value its parser refuses) it returns ok false, and DecodeJSON
// takes the node path, which words the problem with its line and key path
// exactly as before. FuzzDirectAgrees checks that the two agree.
func decodeDirect(data []byte) (c *Case, ok bool) {
	d := direct{jsonScanner: jsonScanner{data: data, text: string(data), line: 1}}
	d.skipSpace()
	c = &Case{}
	if !d.caseFields(c) {
		return nil, false
	}
	d.skipSpace()
	return c, d.pos == len(d.data)
}

// direct reads the values of a case from its scanner, each as the decoder
// reads it from its node.
type direct struct{ jsonScanner }

// payLine records the line of the pay key whose value comes next
// (Case.PayLines), as the decoder's payLine does: 0 in a text of one line.
func (d *direct) payLine(c *Case, key string) {
	if c.PayLines == nil {
		c.PayLines = map[string]int{}
	}
	d.skipSpace()
	line := d.line
	if !bytes.ContainsAny(bytes.TrimSpace(d.data), "\r\n") {
		line = 0
	}
	c.PayLines[key] = line
}

// at says whether the next byte is c.
func (d *direct) at(c byte) bool { return d.pos < len(d.data) && d.data[d.pos] == c }

// null reads a null, if that is what comes next.
func (d *direct) null() bool {
	if len(d.data)-d.pos >= 4 && string(d.data[d.pos:d.pos+4]) == "null" {
		d.pos += 4
		return true
	}
	return false
}

// fields reads an object whose keys are among keys, each once and as
// written; value reads the value of a key that is not null (a null value is
// skipped, as the decoder skips it).
func (d *direct) fields(keys []string, value func(key string) bool) bool {
	if !d.at('{') {
		return false
	}
	d.pos++
	d.skipSpace()
	if d.at('}') {
		d.pos++
		return true
	}
	var seen uint64
	for {
		if !d.at('"') {
			return false
		}
		k, ok := d.str()
		if !ok {
			return false
		}
		i := slices.Index(keys, k)
		if i < 0 || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		if !d.colon() {
			return false
		}
		if !d.null() && !value(keys[i]) {
			return false
		}
		if end, ok := d.next('}'); !ok || end {
			return ok
		}
	}
}

// colon reads the ':' after a key and the space around it.
func (d *direct) colon() bool {
	d.skipSpace()
	if !d.at(':') {
		return false
	}
	d.pos++
	d.skipSpace()
	return true
}

// next reads what follows a member or an element: ',' (end false) or the
// closing delimiter (end true).
func (d *direct) next(close byte) (end, ok bool) {
	d.skipSpace()
	switch {
	case d.at(','):
		d.pos++
		d.skipSpace()
		return false, true
	case d.at(close):
		d.pos++
		return true, true
	}
	return false, false
}

// items reads a list, item reading each element.
func (d *direct) items(item func() bool) bool {
	if !d.at('[') {
		return false
	}
	d.pos++
	d.skipSpace()
	if d.at(']') {
		d.pos++
		return true
	}
	for {
		if !item() {
			return false
		}
		if end, ok := d.next(']'); !ok || end {
			return ok
		}
	}
}

// Kinds of scalar, as the node's tag tells them apart.
const (
	kindStr = iota
	kindNum
	kindBool
	kindNull
)

// scalar reads a scalar and its text as its node holds it; a list, a
// mapping or an overlong value is not read (the decoder's scalar refuses
// them).
func (d *direct) scalar() (kind int, text string, ok bool) {
	if d.pos >= len(d.data) {
		return 0, "", false
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		kind = kindStr
		text, ok = d.str()
	case c == '-' || '0' <= c && c <= '9':
		start := d.pos
		_, ok = d.jsonScanner.number()
		kind, text = kindNum, d.text[start:d.pos]
	default:
		for _, lit := range [...]struct {
			word string
			kind int
		}{{"true", kindBool}, {"false", kindBool}, {"null", kindNull}} {
			if len(d.data)-d.pos >= len(lit.word) && string(d.data[d.pos:d.pos+len(lit.word)]) == lit.word {
				d.pos += len(lit.word)
				return lit.kind, lit.word, true
			}
		}
		return 0, "", false
	}
	return kind, text, ok && len(text) <= maxValue
}

func (d *direct) date() (*rules.Date, bool) {
	_, s, ok := d.scalar()
	if !ok {
		return nil, false
	}
	v, err := rules.ParseDate(s)
	return &v, err == nil
}

// dates is the decoder's dates: nil for an empty list.
func (d *direct) dates() ([]rules.Date, bool) {
	var out []rules.Date
	ok := d.items(func() bool {
		v, ok := d.date()
		if ok {
			out = append(out, *v)
		}
		return ok
	})
	return out, ok
}

// text reads a word or a name: a JSON string.
func (d *direct) textValue() (string, bool) {
	kind, s, ok := d.scalar()
	return s, ok && kind == kindStr
}

func (d *direct) choice(key string) (string, bool) {
	s, ok := d.textValue()
	return s, ok && (s == "" || config.CheckChoice(key, s) == nil)
}

func (d *direct) yesNo() (*YesNo, bool) {
	_, s, ok := d.scalar()
	if !ok {
		return nil, false
	}
	b, err := ParseYesNo(s)
	y := YesNo(b)
	return &y, err == nil
}

func (d *direct) number() (*Number, bool) {
	_, s, ok := d.scalar()
	if !ok {
		return nil, false
	}
	v, err := ParseNumber(s)
	return &Number{v}, err == nil
}

// wholeNumber reads a count: a number without a fraction, not text.
func (d *direct) wholeNumber() (*int, bool) {
	kind, s, ok := d.scalar()
	if !ok || kind == kindStr {
		return nil, false
	}
	v, err := strconv.Atoi(s)
	return &v, err == nil
}

func (d *direct) setting(key string) (*int, bool) {
	v, ok := d.wholeNumber()
	return v, ok && config.CheckChoice(key, strconv.Itoa(*v)) == nil
}

// periods is the decoder's periods: an empty list is not nil.
func (d *direct) periods() ([]Period, bool) {
	out := []Period{}
	ok := d.items(func() bool {
		_, s, ok := d.scalar()
		if !ok {
			return false
		}
		v, err := rules.ParsePeriod(s)
		out = append(out, Period(v))
		return err == nil
	})
	return out, ok
}

func (d *direct) id() (*ID, bool) {
	kind, s, ok := d.scalar()
	return &ID{Text: s, Number: kind == kindNum}, ok && kind != kindBool && kind != kindNull
}

func (d *direct) caseFields(c *Case) bool {
	return d.fields(caseKeys, func(key string) (ok bool) {
		switch key {
		case "id":
			c.ID, ok = d.id()
		case "birth_date":
			c.BirthDate, ok = d.date()
		case "from":
			c.From, ok = d.date()
		case "to":
			c.To, ok = d.date()
		case "date":
			c.Date, ok = d.date()
		case "application_date":
			c.ApplicationDate, ok = d.date()
		case "children":
			c.Children, ok = d.wholeNumber()
		case "child_birth_dates":
			c.ChildBirthDates, ok = d.dates()
		case "rounding":
			c.Rounding, ok = d.choice(config.KeyRounding)
		case "age_switch":
			c.AgeSwitch, ok = d.choice(config.KeyAgeSwitch)
		case "leap_birthday":
			c.LeapBirthday, ok = d.choice(config.KeyLeapBirthday)
		case "pay_cycle":
			d.payLine(c, key)
			c.PayCycle, ok = d.choice(config.KeyPayCycle)
		case "pay_day":
			d.payLine(c, key)
			c.PayDay, ok = d.setting(config.KeyPayDay)
		case "pay_lag":
			d.payLine(c, key)
			c.PayLag, ok = d.setting(config.KeyPayLag)
		case "cycle_start":
			d.payLine(c, key)
			c.CycleStart, ok = d.date()
		case "as_of":
			c.AsOf, ok = d.date()
		case "regulated_on":
			c.RegulatedOn, ok = d.date()
		case "duration_regime":
			c.DurationRegime, ok = d.choice(config.KeyDurationRegime)
		case "benefit_scope":
			c.BenefitScope, ok = d.choice(config.KeyBenefitScope)
		case "income_year":
			c.IncomeYear, ok = d.choice(config.KeyIncomeYear)
		case "eligibility":
			c.Eligibility = &Eligibility{}
			ok = d.eligibility(c.Eligibility)
		case "programme":
			c.Programme = &Programme{}
			ok = d.programme(c.Programme)
		case "work_hours":
			ok = d.items(func() bool {
				var w WorkHours
				ok := d.fields([]string{"hours", "from", "to"}, func(key string) (ok bool) {
					switch key {
					case "hours":
						var h *Number
						if h, ok = d.number(); ok {
							w.Hours = *h
						}
					case "from":
						w.From, ok = d.date()
					case "to":
						w.To, ok = d.date()
					}
					return ok
				})
				c.WorkHours = append(c.WorkHours, w)
				return ok
			})
		case "other_benefits":
			ok = d.items(func() bool {
				var b OtherBenefit
				ok := d.fields([]string{"kind", "from", "to", "per_day", "total"}, func(key string) (ok bool) {
					switch key {
					case "kind":
						b.Kind, ok = d.textValue()
					case "from":
						b.From, ok = d.date()
					case "to":
						b.To, ok = d.date()
					case "per_day":
						b.PerDay, ok = d.number()
					case "total":
						b.Total, ok = d.number()
					}
					return ok
				})
				c.OtherBenefits = append(c.OtherBenefits, b)
				return ok
			})
		case "absence":
			ok = d.items(func() bool {
				var a Absence
				ok := d.fields([]string{"date", "hours", "month", "days"}, func(key string) (ok bool) {
					switch key {
					case "date":
						a.Date, ok = d.date()
					case "hours":
						a.Hours, ok = d.number()
					case "month":
						a.Month, ok = d.textValue()
					case "days":
						a.Days, ok = d.wholeNumber()
					}
					return ok
				})
				c.Absence = append(c.Absence, a)
				return ok
			})
		case "not_deducted":
			ok = d.items(func() bool {
				var nd NotDeducted
				ok := d.fields([]string{"kind", "amount"}, func(key string) (ok bool) {
					switch key {
					case "kind":
						nd.Kind, ok = d.textValue()
					case "amount":
						nd.Amount, ok = d.number()
					}
					return ok
				})
				c.NotDeducted = append(c.NotDeducted, nd)
				return ok
			})
		case "other_income":
			c.OtherIncome, ok = d.otherIncome()
		case "finnmark":
			c.Finnmark, ok = d.yesNo()
		case "withholding_percent":
			c.WithholdingPercent, ok = d.number()
		}
		return ok
	})
}

// otherIncome reads income year → amount: each key a year in range, once;
// a null amount is skipped; no amount is negative.
func (d *direct) otherIncome() (map[int]Number, bool) {
	if !d.at('{') {
		return nil, false
	}
	d.pos++
	d.skipSpace()
	out := map[int]Number{}
	if d.at('}') {
		d.pos++
		return out, true
	}
	var seen []int
	for {
		if !d.at('"') {
			return nil, false
		}
		k, ok := d.str()
		if !ok {
			return nil, false
		}
		year, err := strconv.Atoi(k)
		if err != nil || year < rules.MinYear || year > rules.MaxYear || slices.Contains(seen, year) {
			return nil, false
		}
		seen = append(seen, year)
		if !d.colon() {
			return nil, false
		}
		if !d.null() {
			x, ok := d.number()
			if !ok || x.IsNegative() {
				return nil, false
			}
			out[year] = *x
		}
		if end, ok := d.next('}'); !ok || end {
			return out, ok
		}
	}
}

func (d *direct) eligibility(e *Eligibility) bool {
	return d.fields(eligibilityKeys, func(key string) (ok bool) {
		switch key {
		case "reduced_capacity":
			e.ReducedCapacity, ok = d.yesNo()
		case "assessment_done":
			e.AssessmentDone, ok = d.yesNo()
		case "follow_up_needed":
			e.FollowUpNeeded, ok = d.yesNo()
		case "fixed_abode":
			e.FixedAbode, ok = d.yesNo()
		case "youth_programme":
			e.YouthProgramme, ok = d.yesNo()
		case "benefit_very_limited":
			e.BenefitVeryLimited, ok = d.yesNo()
		case "residence":
			e.Residence, ok = d.textValue()
		case "previous":
			var list []Period
			list, ok = d.periods()
			e.Previous = &list
		case "benefits":
			list := []Benefit{}
			ok = d.items(func() bool {
				var b Benefit
				ok := d.fields([]string{"kind", "amount"}, func(key string) (ok bool) {
					switch key {
					case "kind":
						b.Kind, ok = d.textValue()
					case "amount": // "full" or a number, in JSON also as a number
						_, b.Amount, ok = d.scalar()
					}
					return ok
				})
				list = append(list, b)
				return ok
			})
			e.Benefits = &list
		}
		return ok
	})
}

func (d *direct) programme(pr *Programme) bool {
	return d.fields([]string{"start", "decisions", "leave", "interruptions", "extended"}, func(key string) (ok bool) {
		switch key {
		case "start":
			pr.Start, ok = d.date()
		case "decisions":
			pr.Decisions, ok = d.periods()
		case "leave":
			pr.Leave, ok = d.periods()
		case "extended":
			pr.Extended, ok = d.yesNo()
		case "interruptions":
			ok = d.items(func() bool {
				_, s, ok := d.scalar()
				if !ok {
					return false
				}
				in, err := rules.ParseInterruption(s)
				pr.Interruptions = append(pr.Interruptions, Interruption(in))
				return err == nil
			})
		}
		return ok
	})
}
