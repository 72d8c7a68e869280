package main

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// --explain renders the steps the calculators recorded (rules.Step): the
// label of its key, the formula with the inputs filled in, the rounding, the
// reference and the parameters' sources. Nothing here computes a figure.

// renderSteps turns recorded steps into explanation lines. A parameter's
// source is given in full the first time it is named, then by its date.
func renderSteps(l locale, steps []rules.Step) []explainStep {
	out := make([]explainStep, 0, len(steps))
	seen := map[rules.Param]bool{}
	for i := range steps {
		out = append(out, l.renderStep(&steps[i], seen))
	}
	return out
}

func (l locale) renderStep(s *rules.Step, seen map[rules.Param]bool) explainStep {
	e := explainStep{Key: s.Key, Figure: l.stepLabel(s), Ref: l.domainText(s.Ref), Inputs: s.Inputs, Expression: s.Formula, Exact: s.Exact,
		RoundingCode: s.Rounding, Value: s.Result, Period: s.Span}
	if e.Inputs == nil {
		e.Inputs = rules.Inputs{}
	}
	e.Formula = l.formula(s)
	if strings.HasPrefix(s.Formula, "weekdays(") {
		e.Formula = l.M(explainWeekdays.M(e.Formula))
	}
	if s.Exact != "" {
		if d, err := decimal.NewFromString(s.Exact); err == nil {
			e.Formula += l.equals(d)
		}
	}
	e.Result = l.resultValue(s)
	if s.Rounding != "" {
		e.Rounding = l.code(roundingTexts, s.Rounding, "rounding.")
	}
	var sources []string
	for _, p := range s.Params {
		if p.Key == "" && p.From == 0 { // the source of a rule: a convention, who decides a fact
			sources = append(sources, l.domainText(p.Source))
			continue
		}
		src := l.code(paramNames, p.Key, "param.") + " " + l.M(labelFromDate.M(p.From))
		if key := (rules.Param{Key: p.Key, From: p.From}); !seen[key] && p.Source != "" {
			seen[key] = true
			src += ": " + p.Source
		}
		if p.Origin != "" && p.Origin != rules.OriginDefault {
			src += " (" + originText(l, p.Origin) + ")"
		}
		sources = append(sources, src)
	}
	e.Source = strings.Join(sources, "; ")
	return e
}

// stepLabel is the label of a step's key, with its band or period.
func (l locale) stepLabel(s *rules.Step) string {
	parts := strings.Split(s.Key, ".")
	code, ok := stepLabels[s.Key]
	if !ok {
		code, ok = stepLabels[parts[len(parts)-1]]
	}
	label := s.Key // a key with no label shows as itself, and fails TestBokmalHasNoEnglish
	if ok {
		label = l.L(code)
	} else {
		missingTexts.Store(l.lang()+": step."+s.Key, true)
	}
	if len(parts) == 3 {
		if band, ok := bandWords[parts[1]]; ok {
			label += ", " + l.L(band)
		}
	}
	switch {
	case strings.HasSuffix(s.Key, ".month_net") && s.Span != nil:
		paid, _ := s.Inputs.Value("paid_in")
		label += " " + l.monthText(s.Span.From.String()[:7]) + " (" + l.M(explainPaidIn.M(l.monthText(paid))) + ")"
	case s.Span != nil:
		label += " " + l.span(s.Span.From, s.Span.To)
	}
	return label
}

// formula writes a step's formula with its inputs filled in. An outcome
// (an eligibility criterion) is preceded by the facts it was decided on that
// the formula does not name: "residence: eea, fixed_abode: no".
func (l locale) formula(s *rules.Step) string {
	t := *s
	t.Formula = l.formulaText(s.Formula)
	f := t.Expand(l.formulaInput)
	if s.Unit != rules.UnitOutcome {
		return f
	}
	parts := make([]string, 0, len(s.Inputs)+1)
	for _, in := range s.Inputs {
		if isWord(in.Value) && !strings.Contains(s.Formula, "{"+in.Name+"}") {
			parts = append(parts, l.formulaInput(in.Name, in.Value))
		}
	}
	if f != "" {
		parts = append(parts, f)
	}
	return strings.Join(parts, ", ")
}

// isWord reports whether an input's value is a word or a list (a fact:
// "yes", "eea", "aap=20000"), not a number or a date.
func isWord(v string) bool {
	if _, err := rules.ReplayValue(v); err == nil {
		return v == "yes" || v == "no" || v == string(rules.Met) || v == string(rules.NotMet)
	}
	return true
}

// formulaInput writes one input inside a formula: a fact by its key and its
// value ("fixed_abode: yes"), a labelled value by its label
// ("assessed 2026-11-24"), any other number bare.
func (l locale) formulaInput(name, v string) string {
	code, ok := inputLabels[name]
	label := ""
	if age, birthday := strings.CutPrefix(name, "birthday_"); birthday {
		label, ok = l.M(inputBirthday.M(age)), true
	} else if ok {
		label = l.L(code)
	}
	switch {
	case isWord(v) && ok:
		return label + ": " + l.wordValue(v)
	case isWord(v):
		return name + ": " + l.wordValue(v)
	case ok:
		return label + " " + l.inputValue(name, v)
	}
	return l.inputValue(name, v)
}

// wordValue writes a fact's value: yes, no, unknown and none in the
// language of l, the outcomes in words; anything else (a residence status,
// a --benefit list) as given.
func (l locale) wordValue(v string) string {
	switch v {
	case "yes", "no", "none":
		return l.L(yesNoNone[v])
	case string(rules.Met), string(rules.NotMet), string(rules.Unknown):
		return l.M(outcomeWords[rules.Outcome(v)].M())
	}
	return v
}

// inputValue writes an input's value the way of l: a date as a date, a
// number with the locale's grouping and decimal mark, as many decimals as
// it was recorded with.
func (l locale) inputValue(_, v string) string {
	if d, err := rules.ParseDate(v); err == nil {
		return l.Date(d)
	}
	if !l.norwegian() {
		return v
	}
	if num, den, ok := strings.Cut(v, "/"); ok {
		return groupNB(num) + "/" + groupNB(den)
	}
	if _, err := decimal.NewFromString(v); err == nil {
		return groupNB(v)
	}
	return v
}

// resultValue writes a step's result by its unit.
func (l locale) resultValue(s *rules.Step) string {
	switch s.Unit {
	case rules.UnitKroner:
		if !l.norwegian() {
			return s.Result
		}
		return groupNB(s.Result) + " kr"
	case rules.UnitDate:
		if d, err := rules.ParseDate(s.Result); err == nil {
			return l.Date(d)
		}
	case rules.UnitOutcome:
		return l.M(outcomeWords[rules.Outcome(s.Result)].M())
	case rules.UnitYesNo:
		return l.code(yesNoNone, s.Result, "word.")
	case rules.UnitVerdict:
		return l.code(verdictWords, s.Result, "verdict.")
	case rules.UnitDays:
		return l.inputValue("", s.Result)
	}
	return l.inputValue("", s.Result)
}

// yesNoNone are the words of a fact's value yes, no and none.
var yesNoNone = map[string]rules.Code{"yes": wordYes, "no": wordNo, "none": wordNone}

// code writes the text of codes[key] in l; a key with no code is noted in
// missingTexts as prefix+key and shown as it is.
func (l locale) code(codes map[string]rules.Code, key, prefix string) string {
	c, ok := codes[key]
	if !ok {
		missingTexts.Store(l.lang()+": "+prefix+key, true)
		return key
	}
	return l.L(c)
}

// formulaText writes the words of the replay language in a formula in l
// ("{application_date} + {months} months", "all(…)"): each whole word of
// formulaWords outside the {inputs} by its code, the rest as it is.
func (l locale) formulaText(f string) string {
	var b strings.Builder
	for f != "" {
		switch r, _ := utf8.DecodeRuneInString(f); {
		case r == '{':
			j := strings.IndexByte(f, '}')
			if j < 0 {
				j = len(f) - 1
			}
			b.WriteString(f[:j+1])
			f = f[j+1:]
		case isLetter(r):
			j := strings.IndexFunc(f, func(r rune) bool { return !isLetter(r) })
			if j < 0 {
				j = len(f)
			}
			if c, ok := formulaWords[f[:j]]; ok {
				b.WriteString(l.L(c))
			} else {
				b.WriteString(f[:j])
			}
			f = f[j:]
		default:
			b.WriteString(f[:1])
			f = f[1:]
		}
	}
	return b.String()
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || r == '_' }
