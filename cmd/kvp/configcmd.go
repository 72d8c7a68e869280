package main

import (
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"kvp/config"
	"kvp/rules"
)

type configParam struct {
	Key    string     `json:"key"`
	From   rules.Date `json:"from"`
	Value  string     `json:"value"`
	Ref    string     `json:"legal_reference"`
	Source string     `json:"source"`
	Origin string     `json:"origin"`
}

type configDoc struct {
	SchemaVersion int    `json:"schema_version"`
	File          string `json:"config_file"`
	// Locations are where kvp looks on this system when neither --config
	// nor $KVP_CONFIG names a file, in order (config.Locations).
	Locations  []string         `json:"config_locations"`
	Settings   []config.Setting `json:"settings"`
	Parameters []configParam    `json:"parameters"`
	// Tax are the tax parameters of every income year, each with its origin.
	Tax []configTaxParam `json:"tax_parameters"`
}

// configTaxParam is one tax parameter of one income year.
type configTaxParam struct {
	Year   int    `json:"year"`
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Origin string `json:"origin"`
}

// taxParams lists every tax parameter of p by year, in the data file's key
// order (rules.TaxYear.Keys), each with its source and origin.
func taxParams(p *rules.Params) []configTaxParam {
	out := []configTaxParam{}
	for _, y := range p.Tax.Years() {
		ty := p.Tax[y]
		values := ty.Values()
		for _, k := range ty.Keys() {
			out = append(out, configTaxParam{Year: y, Key: k, Value: values[k], Source: p.TaxSource(y, k), Origin: ty.Origin(k)})
		}
	}
	return out
}

// configLocations is the line of kvp config show that says where kvp looks.
var configLocations = rules.NewCode("config.locations", "paths")

// configShowOptions are kvp config show's options.
type configShowOptions struct {
	env
	all bool
}

func newConfigCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the effective configuration",
		Args:  noArgs,
	}
	var o configShowOptions
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the effective parameters and where each came from",
		Long: `Print the effective settings and dated parameters, each with its origin:
default (embedded), file:PATH (config file), environment (KVP_*), or flag.
G values before 2000 are left out unless --all is given. Then the tax
parameters of every income year (in JSON "tax_parameters"), each with its
origin, so that a tax reform (--set personal_allowance@2026=120000, a
config or scenario file's tax section, a new year with based_on) shows
which values it changed.

The config file is --config, else $KVP_CONFIG, else the first of these that
exists (else the first, where kvp g import --write creates it):
$XDG_CONFIG_HOME/kvp/config.yaml when XDG_CONFIG_HOME is set; else on
Windows %AppData%\kvp\config.yaml; on macOS ~/Library/Application
Support/kvp/config.yaml, then ~/.config/kvp/config.yaml; on Linux
~/.config/kvp/config.yaml. config show prints the file read and these
locations with this machine's directories (config_locations in JSON).` + exitStatusSection,
		Example: `  kvp config show
  kvp config show --config examples/config.yaml
  KVP_ROUNDING=exact kvp config show -o json --all
  kvp config show --set personal_allowance@2026=120000`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env = a.env(cmd)
			return runConfigShow(&o)
		},
	}
	show.Flags().BoolVar(&o.all, "all", false, "include G values before 2000")
	show.Flags().String("rounding", "nav", "rounding `POLICY` setting to show: nav or exact")
	cmd.AddCommand(show)
	return cmd
}

// runConfigShow is kvp config show: the effective settings and parameters.
func runConfigShow(o *configShowOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	doc := configDoc{SchemaVersion: schemaVersion, File: cfg.File, Locations: config.SystemLocations(),
		Settings: cfg.Settings, Parameters: []configParam{}, Tax: taxParams(cfg.Params)}
	if doc.Locations == nil {
		doc.Locations = []string{}
	}
	p := cfg.Params
	cutoff := rules.NewDate(2000, 1, 1)
	add := func(key string, from rules.Date, value, ref, source, origin string) {
		if key == rules.KeyG && from < cutoff && !o.all {
			return
		}
		doc.Parameters = append(doc.Parameters, configParam{key, from, value, ref, source, origin})
	}
	for _, it := range p.G.Items {
		add(rules.KeyG, it.From, it.Value.String(), it.Ref, it.Source, it.Origin)
	}
	for _, it := range p.Factor.Items {
		add(rules.KeyFactor, it.From, it.Value.String(), it.Ref, it.Source, it.Origin)
	}
	for _, it := range p.Under25Share.Items {
		add(rules.KeyUnder25Share, it.From, it.Value.String(), it.Ref, it.Source, it.Origin)
	}
	for _, it := range p.DayDivisor.Items {
		add(rules.KeyDayDivisor, it.From, it.Value.String(), it.Ref, it.Source, it.Origin)
	}
	for _, it := range p.ChildSupplement.Items {
		add(rules.KeyChildSupplement, it.From, it.Value.String(), it.Ref, it.Source, it.Origin)
	}
	if format == "json" {
		return writeJSON(o.IO.Out, doc)
	}
	file := doc.File
	if file == "" {
		file = l.L(configNoFile)
	}
	heading(o.IO.Out, l.M(configFile.M(file)))
	where := l.L(configNoFile)
	if len(doc.Locations) > 0 {
		where = strings.Join(doc.Locations, ", ")
	}
	_, _ = io.WriteString(o.IO.Out, l.M(configLocations.M(where))+"\n")
	var rows [][]string
	for _, s := range doc.Settings {
		rows = append(rows, []string{s.Key, s.Value, originText(l, s.Origin)})
	}
	if err := table(o.IO.Out, []string{l.L(labelSetting), l.L(labelValue), l.L(labelOrigin)}, rows); err != nil {
		return err
	}
	heading(o.IO.Out, l.L(configParameters))
	rows = nil
	for _, q := range doc.Parameters {
		rows = append(rows, []string{q.Key, l.Date(q.From), l.value(q.Value), l.domainText(q.Ref), originText(l, q.Origin)})
	}
	if err := table(o.IO.Out, []string{l.L(labelParameter), l.L(labelFrom), l.L(labelValue), l.L(labelReference), l.L(labelOrigin)}, rows, 2); err != nil {
		return err
	}
	heading(o.IO.Out, l.L(configTaxParameters))
	rows = nil
	for _, q := range doc.Tax {
		if q.Key == rules.TaxKeyNote { // free text: in JSON only, it would widen the table
			continue
		}
		rows = append(rows, []string{strconv.Itoa(q.Year), q.Key, l.value(q.Value), originText(l, q.Origin)})
	}
	return table(o.IO.Out, []string{l.L(labelYear), l.L(labelParameter), l.L(labelValue), l.L(labelOrigin)}, rows, 2)
}
