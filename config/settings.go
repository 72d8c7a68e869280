package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"kvp/calc"
	"kvp/rules"
)

// Keys of the settings that a case file or a flag gives, never a config file:
// their values are checked here all the same, so that every setting has one
// check and one wording.
const (
	KeyBenefitScope = "benefit_scope"
	KeyIncomeYear   = "income_year"
)

// choices are the values each setting takes, the default first. output lists
// every format some command writes; a command narrows it (Choice).
var choices = map[string][]string{
	KeyRounding:       calc.Roundings,
	KeyAgeSwitch:      calc.AgeSwitches,
	KeyLeapBirthday:   rules.LeapBirthdays,
	KeyDurationRegime: rules.DurationRegimes,
	KeyBenefitScope:   calc.BenefitScopes,
	KeyIncomeYear:     calc.IncomeBases,
	KeyLang:           rules.Languages,
	KeyOutput:         {"table", "json", "jsonl", "csv"},
	KeyPayCycle:       calc.PayCycles,
}

// checks are the settings that are not a choice among words: a whole
// number in a range, or a date ("" when not given).
var checks = map[string]func(string) error{
	KeyPayDay:     wholeIn(1, calc.MaxPayDay),
	KeyPayLag:     wholeIn(0, calc.MaxPayLag),
	KeyCycleStart: optionalDate,
	KeyAsOf:       optionalDate,
}

var errWholeIn = rules.NewCode("err.config.whole_in", "value", "min", "max")

func wholeIn(lo, hi int) func(string) error {
	return func(v string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < lo || n > hi {
			return rules.Errorf(errWholeIn, rules.Quote(v), lo, hi)
		}
		return nil
	}
}

func optionalDate(v string) error {
	if v == "" {
		return nil
	}
	_, err := rules.ParseDate(v)
	return err
}

// check says what is wrong with value as the setting key, among allowed
// when it is a choice.
func check(key, value string, allowed []string) error {
	if c, ok := checks[key]; ok && allowed == nil {
		return c(value)
	}
	if allowed == nil {
		allowed = choices[key]
	}
	return checkAmong(value, allowed)
}

// CheckChoice says what is wrong with value as the setting key, in words
// that the caller prefixes with where the value came from:
// `"nva" is not one of nav, exact`. nil when the value is one of them.
func CheckChoice(key, value string) error {
	return check(key, value, nil)
}

func checkAmong(value string, allowed []string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return rules.Errorf(rules.ErrNotOneOf, rules.Quote(value), strings.Join(allowed, ", "))
}

// Choice returns the effective value of a setting, checked against allowed
// (nil: every value the setting takes). An error names where the bad value
// came from and takes its exit status: a flag is a *FlagError ("--rounding:
// …", a usage error); the environment ("KVP_ROUNDING: …") and the config file
// ("config.yaml: line 3: rounding: …") are plain errors.
func (c *Config) Choice(key string, allowed []string) (string, error) {
	v := c.Get(key)
	problem := check(key, v, allowed)
	if problem == nil {
		return v, nil
	}
	return "", c.settingError(key, problem)
}

// settingError is problem with the setting key, named where its value came
// from, as Choice words it.
func (c *Config) settingError(key string, problem error) error {
	origin := rules.OriginDefault
	for _, s := range c.Settings {
		if s.Key == key {
			origin = s.Origin
		}
	}
	switch {
	case origin == rules.OriginFlag:
		return &FlagError{fmt.Errorf("--%s: %w", flagName(key), problem)}
	case origin == rules.OriginEnv:
		return fmt.Errorf("KVP_%s: %w", strings.ToUpper(key), problem)
	}
	if path, ok := strings.CutPrefix(origin, rules.OriginFile+":"); ok {
		if line := c.lines[key]; line > 0 {
			return atLine(path, line, key, problem)
		}
		return fmt.Errorf("%s: %s: %w", path, key, problem)
	}
	return fmt.Errorf("%s: %w", key, problem) // a default no command takes
}

// flagName is the flag that sets a setting: age_switch → age-switch.
func flagName(key string) string {
	for _, s := range settingDefaults {
		if s.key == key {
			return s.flag
		}
	}
	return strings.ReplaceAll(key, "_", "-")
}

// Setting returns the effective value of a setting that a case may also
// give: a flag wins, then fromCase (the case's value, checked as the case
// was read), then the configuration (file, KVP_*), then the default.
func (c *Config) Setting(key, fromCase string) (string, error) {
	if fromCase != "" && !c.IsFlag(key) {
		return fromCase, nil
	}
	return c.Choice(key, nil)
}
