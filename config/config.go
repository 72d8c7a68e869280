// Package config turns the embedded defaults, a config file, the environment
// and command-line flags into validated rules parameters and settings. It is
// the only package that knows viper.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// Setting keys: plain settings that a config file, KVP_* environment
// variables and flags can all set.
const (
	KeyRounding  = "rounding"
	KeyAgeSwitch = "age_switch"
	// KeyLeapBirthday is the 29 February convention (kvp-rules.md § 7.1).
	KeyLeapBirthday = "leap_birthday"
	KeyOutput       = "output"
	KeyLang         = "lang"
	// KeyDurationRegime chooses the regime of the programme's length: start or assessed.
	KeyDurationRegime = "duration_regime"
	// The pay schedule (sotjl. § 39): cycle, day of the month, the first
	// day of a 14-day period, working days after it.
	KeyPayCycle   = "pay_cycle"
	KeyPayDay     = "pay_day"
	KeyCycleStart = "cycle_start"
	KeyPayLag     = "pay_lag"
	// KeyAsOf prices with the parameters as known on a date (rules.Params.KnownOn).
	KeyAsOf = "as_of"
)

// Settings and their defaults, in display order.
var settingDefaults = []struct{ key, value, flag string }{
	{KeyRounding, "nav", "rounding"},
	{KeyAgeSwitch, "birthday", "age-switch"},
	{KeyLeapBirthday, "feb28", "leap-birthday"},
	{KeyOutput, "table", "output"},
	{KeyLang, "", "lang"}, // "" means: from LC_ALL/LANG or the system (see Lang)
	{KeyDurationRegime, "start", "duration-regime"},
	{KeyPayCycle, "monthly", "pay-cycle"},
	{KeyPayDay, "12", "pay-day"},
	{KeyCycleStart, "", "cycle-start"},
	{KeyPayLag, "2", "pay-lag"},
	{KeyAsOf, "", "as-of"},
}

// EnvSet is the environment variable holding --set expressions, separated by
// spaces, commas or semicolons.
const EnvSet = "KVP_SET"

// Options say where to look.
type Options struct {
	File  string         // --config; empty means $KVP_CONFIG, then Locations
	Flags *pflag.FlagSet // the command's flags, for the settings above; may be nil
	Sets  []string       // --set expressions, strongest
	// Creating says the named file may be missing: the command will create
	// it (g import --write), so a missing one reads as empty.
	Creating bool
}

// Setting is one effective setting and the layer it came from.
type Setting struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Origin string `json:"origin"`
}

// Config is the effective configuration.
type Config struct {
	// Params are the parameters the commands price with: as known on the
	// as_of setting when it is given (flag, KVP_AS_OF or the file), and
	// AllParams every value however late it was known.
	Params    *rules.Params
	AllParams *rules.Params
	File      string // the config file read, or ""
	Settings  []Setting
	v         *viper.Viper
	lines     map[string]int // the config file's line of each setting it gives
}

// Get returns a setting's effective value.
func (c *Config) Get(key string) string { return c.v.GetString(key) }

// Load reads every layer. A missing default config file is not an error; a
// named file that is missing, or any file that is broken, is.
func Load(o Options) (*Config, error) {
	getenv := os.Getenv
	p, err := rules.DefaultParams()
	if err != nil {
		return nil, fmt.Errorf("embedded defaults: %w", err)
	}
	path, named := o.File, o.File != ""
	if path == "" {
		if path = getenv("KVP_CONFIG"); path != "" {
			named = true
		} else {
			path = defaultPath(getenv)
		}
	}
	v := viper.New()
	for _, s := range settingDefaults {
		v.SetDefault(s.key, s.value)
	}
	cfg := &Config{Params: p, v: v}
	fileSettings := map[string]bool{}
	if path != "" {
		data, err := readFile(path)
		switch {
		case err == nil:
			f, err := parseFile(path, data)
			if err != nil {
				return nil, err
			}
			if err := f.apply(p, rules.OriginFile+":"+path); err != nil {
				return nil, err
			}
			settings := map[string]any{}
			for k, val := range f.settings() {
				settings[k] = val
				fileSettings[k] = true
			}
			if err := v.MergeConfigMap(settings); err != nil {
				return nil, rules.Errorf(rules.ErrAtField, path, err)
			}
			cfg.File = path
			cfg.lines = f.lines
		case o.Creating && isNotRegular(err):
			// The command writes this path, and the writer refuses it in
			// its own words (--write replaces only a regular file).
		case (named && !o.Creating) || !errors.Is(err, os.ErrNotExist):
			return nil, rules.Errorf(codeConfigFile, err)
		}
	}
	v.SetEnvPrefix("KVP")
	for _, s := range settingDefaults {
		if err := v.BindEnv(s.key); err != nil { // KVP_ROUNDING, KVP_AGE_SWITCH, KVP_OUTPUT
			return nil, err
		}
		if o.Flags != nil {
			if f := o.Flags.Lookup(s.flag); f != nil && f.Changed {
				if err := v.BindPFlag(s.key, f); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, s := range settingDefaults {
		origin := rules.OriginDefault
		switch {
		case o.Flags != nil && o.Flags.Lookup(s.flag) != nil && o.Flags.Lookup(s.flag).Changed:
			origin = rules.OriginFlag
		case getenv("KVP_"+strings.ToUpper(s.key)) != "":
			origin = rules.OriginEnv
		case fileSettings[s.key]:
			origin = rules.OriginFile + ":" + path
		}
		cfg.Settings = append(cfg.Settings, Setting{Key: s.key, Value: v.GetString(s.key), Origin: origin})
	}
	if env := getenv(EnvSet); env != "" {
		for _, expr := range strings.FieldsFunc(env, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
			if err := ApplySet(p, expr, rules.OriginEnv); err != nil {
				return nil, fmt.Errorf("%s: %w", EnvSet, err)
			}
		}
	}
	for _, expr := range o.Sets {
		if err := ApplySet(p, expr, rules.OriginFlag); err != nil {
			return nil, &FlagError{fmt.Errorf("--set: %w", err)}
		}
	}
	if err := p.Validate(); err != nil {
		if len(o.Sets) > 0 && fromFlag(err) {
			return nil, &FlagError{fmt.Errorf("--set: %w", err)}
		}
		return nil, err
	}
	cfg.AllParams = p
	asOf, err := cfg.Choice(KeyAsOf, nil)
	if err != nil {
		return nil, err
	}
	if asOf != "" {
		d, _ := rules.ParseDate(asOf) // checked by Choice
		cfg.Params = p.KnownOn(d)
		if err := NoGKnown(p, cfg.Params); err != nil {
			return nil, cfg.settingError(KeyAsOf, err)
		}
	}
	return cfg, nil
}

// NoGKnown is the error of an as-of date on which no G was known: known,
// all's values as known on that date (all.KnownOn), has no G although all
// has one, so nothing could be priced and the fault is the date. nil when
// a G was known (or all has none, which Validate reports).
func NoGKnown(all, known *rules.Params) error {
	if len(known.G.Items) > 0 || len(all.G.Items) == 0 || known.AsOf == nil {
		return nil
	}
	first := all.G.Items[0]
	return rules.Errorf(codeAsOfNoG, *known.AsOf, first.From, first.Known())
}

// ApplySet applies one expression KEY@DATE=VALUE, e.g. g@2027-05-01=143000.
func ApplySet(p *rules.Params, expr, origin string) error {
	lhs, value, ok := strings.Cut(expr, "=")
	key, at, ok2 := strings.Cut(lhs, "@")
	if !ok || !ok2 || value == "" {
		return rules.Errorf(codeSetForm, rules.Quote(expr), strings.Join(rules.Keys, ", "))
	}
	key = strings.ToLower(strings.TrimSpace(key))
	if rules.IsTaxKey(key) && key != rules.TaxKeyNote {
		return setTax(p, expr, key, strings.TrimSpace(at), value, origin)
	}
	if !slices.Contains(rules.Keys, key) {
		return rules.Errorf(rules.ErrAtField, rules.Quote(expr), rules.ErrUnknownParameter.M(rules.Quote(key), strings.Join(rules.Keys, ", ")))
	}
	from, err := rules.ParseDate(strings.TrimSpace(at))
	if err != nil {
		return rules.Errorf(rules.ErrAtField, rules.Quote(expr), err)
	}
	source := "--set " + expr
	if origin == rules.OriginEnv {
		source = EnvSet + " " + expr
	}
	return p.Set(key, from, value, "", source, origin)
}

// TaxKeyBasedOn, in a tax year of a config or scenario file, names the
// known income year whose parameters a new year starts from; the year's
// other keys change it.
const TaxKeyBasedOn = "based_on"

// setTax applies KEY@YEAR=VALUE to a tax parameter of a known income year.
func setTax(p *rules.Params, expr, key, at, value, origin string) error {
	year, err := strconv.Atoi(at)
	if err != nil || strings.Trim(at, "0123456789") != "" {
		return rules.Errorf(rules.ErrAtField, rules.Quote(expr), codeSetTaxYear.M(rules.Quote(at)))
	}
	base, ok := p.Tax[year]
	if !ok {
		return rules.Errorf(rules.ErrAtField, rules.Quote(expr), codeSetTaxUnknown.M(year, taxYearsText(p.Tax)))
	}
	source := "--set " + expr
	if origin == rules.OriginEnv {
		source = EnvSet + " " + expr
	}
	ty, err := base.With(year, map[string]string{key: value}, source, origin)
	if err != nil {
		return rules.Errorf(rules.ErrAtField, rules.Quote(expr), err)
	}
	p.NoteTaxOverride(year, base, []string{key}, source)
	p.Tax[year] = ty
	return nil
}

// taxYearsText lists the income years with tax parameters: "2023, 2024".
func taxYearsText(t rules.TaxTable) string {
	var out []string
	for _, y := range t.Years() {
		out = append(out, strconv.Itoa(y))
	}
	return strings.Join(out, ", ")
}

// file is the config file's shape.
//
//	rounding: nav
//	parameters:
//	  g:
//	    - {from: 2027-05-01, value: 143000, source: "Stortinget 2027"}
//	tax:
//	  2027: {personal_allowance: 118000, ...}
type file struct {
	Rounding   string
	Lang       string
	AgeSwitch  string
	LeapBday   string
	Output     string
	PayCycle   string
	PayDay     string
	CycleStart string
	PayLag     string
	AsOf       string
	Parameters map[string][]fileDatedRow
	Tax        map[int]map[string]yaml.Node

	DurationRegime string // checked where it is used (Config.Choice)

	lines map[string]int // setting key → its line
}

// fileDatedRow is one entry of a dated parameter; from and value stay YAML
// nodes, so that the value's text is read as written.
type fileDatedRow struct {
	From      yaml.Node
	Value     yaml.Node
	Ref       string // legal_reference
	Source    string
	KnownFrom yaml.Node // known_from: a date, or empty
	line      int
}

func (f *file) settings() map[string]string {
	out := map[string]string{}
	for k, v := range map[string]string{KeyRounding: f.Rounding, KeyAgeSwitch: f.AgeSwitch, KeyLeapBirthday: f.LeapBday, KeyOutput: f.Output, KeyLang: f.Lang,
		KeyDurationRegime: f.DurationRegime, KeyPayCycle: f.PayCycle, KeyPayDay: f.PayDay, KeyCycleStart: f.CycleStart, KeyPayLag: f.PayLag, KeyAsOf: f.AsOf} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// parseFile reads a config file strictly: one YAML document, each key
// known and given once, each date once in a list; errors carry the file
// name, the line and the key.
func parseFile(path string, data []byte) (*file, error) {
	f := &file{lines: map[string]int{}}
	if len(bytes.TrimSpace(data)) == 0 {
		return f, nil
	}
	doc, err := parseDocument(path, data, codeSecondDocConfig)
	if err != nil {
		return nil, err
	}
	top := root(doc)
	if top == nil { // empty, only comments, or null
		return f, nil
	}
	d := &fileReader{}
	settings := map[string]*string{KeyRounding: &f.Rounding, KeyLang: &f.Lang, KeyAgeSwitch: &f.AgeSwitch, KeyLeapBirthday: &f.LeapBday,
		KeyOutput: &f.Output, KeyDurationRegime: &f.DurationRegime, KeyPayCycle: &f.PayCycle, KeyPayDay: &f.PayDay, KeyCycleStart: &f.CycleStart,
		KeyPayLag: &f.PayLag, KeyAsOf: &f.AsOf}
	d.mapping(top, "", codeWantSettingsMap.M(), configKeys, func(k, v *yaml.Node, kp string) {
		switch k.Value {
		case "parameters":
			if !isNull(v) {
				f.Parameters = d.parameters(v, kp)
			}
		case "tax":
			if !isNull(v) {
				f.Tax = d.tax(v, kp)
			}
		default:
			*settings[k.Value] = d.text(v, kp)
			f.lines[k.Value] = k.Line
		}
	})
	if err := d.err(path); err != nil {
		return nil, err
	}
	return f, nil
}

// apply adds the file's parameter values to p. Values are read from the
// YAML text itself, never through a float, so 2.041 stays 2.041.
func (f *file) apply(p *rules.Params, origin string) error {
	_, path, _ := strings.Cut(origin, ":") // "file:PATH" or "scenario:PATH"
	for _, key := range rules.Keys {
		for _, row := range f.Parameters[key] {
			if row.From.Kind != yaml.ScalarNode || row.Value.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s:%d: parameters.%s: %w", path, row.line, key, rules.Errorf(codeEntryForm))
			}
			from, err := rules.ParseDate(row.From.Value)
			if err != nil {
				return fmt.Errorf("%s:%d: parameters.%s.from: %w", path, row.From.Line, key, err)
			}
			source := row.Source
			if source == "" {
				source = "config file " + path
			}
			if err := p.Set(key, from, row.Value.Value, row.Ref, source, origin); err != nil {
				return fmt.Errorf("%s:%d: parameters.%s: %w", path, row.Value.Line, key, err)
			}
			if err := p.CheckValue(key, from); err != nil {
				return fmt.Errorf("%s:%d: parameters.%s: %w", path, row.Value.Line, key, err)
			}
			if row.KnownFrom.Kind == yaml.ScalarNode && !isNull(&row.KnownFrom) {
				known, err := rules.ParseDate(row.KnownFrom.Value)
				if err != nil {
					return fmt.Errorf("%s:%d: parameters.%s.known_from: %w", path, row.KnownFrom.Line, key, err)
				}
				if err := p.SetKnownFrom(key, from, known); err != nil {
					return fmt.Errorf("%s:%d: parameters.%s.known_from: %w", path, row.KnownFrom.Line, key, err)
				}
			} else if row.KnownFrom.Kind != 0 && !isNull(&row.KnownFrom) {
				return fmt.Errorf("%s:%d: parameters.%s.known_from: %w", path, row.KnownFrom.Line, key, rules.Errorf(codeEntryForm))
			}
		}
	}
	for _, year := range slices.Sorted(maps.Keys(f.Tax)) {
		if year < rules.MinYear || year > rules.MaxYear {
			return fmt.Errorf("%s: tax: %w", path, rules.Errorf(codeTaxYearRange, year, rules.MinYear, rules.MaxYear))
		}
		values := map[string]string{}
		base, known := p.Tax[year]
		for key, node := range f.Tax[year] {
			if key == TaxKeyBasedOn {
				continue
			}
			if !rules.IsTaxKey(key) {
				return fmt.Errorf("%s:%d: tax.%d: %w", path, node.Line, year, rules.Errorf(codeUnknownTaxParam, rules.Quote(key)))
			}
			if node.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s:%d: tax.%d.%s: %w", path, node.Line, year, key, rules.Errorf(codeExpectedNumber))
			}
			values[key] = node.Value
		}
		if node, ok := f.Tax[year][TaxKeyBasedOn]; ok {
			from, err := strconv.Atoi(node.Value)
			if node.Kind != yaml.ScalarNode || err != nil {
				return fmt.Errorf("%s:%d: tax.%d.%s: %w", path, node.Line, year, TaxKeyBasedOn, rules.Errorf(codeBasedOnYear, rules.Quote(node.Value)))
			}
			b, ok := p.Tax[from]
			if !ok {
				return fmt.Errorf("%s:%d: tax.%d.%s: %w", path, node.Line, year, TaxKeyBasedOn,
					rules.Errorf(codeBasedOnUnknown, from, taxYearsText(p.Tax)))
			}
			base, known = b, true
		}
		var ty rules.TaxYear
		var err error
		if known { // a partial override, or a new year from a known one
			ty, err = base.With(year, values, "config "+origin, origin)
			if err == nil {
				p.NoteTaxOverride(year, base, slices.Collect(maps.Keys(values)), "config "+origin)
			}
		} else {
			ty, err = rules.NewTaxYear(year, values)
			ty.Source = "config " + origin
			ty.Origins = map[string]string{}
			for k := range values {
				ty.Origins[k] = origin
			}
		}
		if err != nil {
			return fmt.Errorf("%s: tax.%d: %w", path, year, err)
		}
		p.Tax[year] = ty
	}
	return nil
}

// FlagError is an error in a value given on the command line.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// IsFlag reports whether a setting was given on the command line.
func (c *Config) IsFlag(key string) bool {
	for _, s := range c.Settings {
		if s.Key == key {
			return s.Origin == rules.OriginFlag
		}
	}
	return false
}

// Lang returns the language of the output, "nb", "nn" or "en": the --lang
// flag, KVP_LANG or the config file's lang; else LC_ALL, LANG or the
// system's language (on Windows), read by LocaleLang; else en.
func (c *Config) Lang() (string, error) {
	if v := c.Get(KeyLang); v == "" {
		return EnvironmentLang(os.Getenv), nil
	} else if v = strings.ToLower(v); slices.Contains(rules.Languages, v) {
		return v, nil
	}
	return c.Choice(KeyLang, nil)
}
