package main

import (
	"slices"

	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/rules"
)

// errAverageGNotKnown is kvp g's average-G note when --as-of hides the
// year's G: it is set, but was not known yet.
var errAverageGNotKnown = rules.NewCode("err.average_g_not_known", "year", "as_of", "g_from", "known_from")

type gInfo struct {
	SchemaVersion int         `json:"schema_version"`
	Date          rules.Date  `json:"date"`
	G             calc.Money  `json:"g"`
	From          rules.Date  `json:"from"`
	PerMonth      calc.Money  `json:"g_per_month"`
	Year          int         `json:"year"`
	AverageG      *calc.Money `json:"average_g"`
	AverageNote   string      `json:"average_g_note,omitempty"`
	Ref           string      `json:"legal_reference"`
	Source        string      `json:"source"`
	Origin        string      `json:"origin"`
	KnownFrom     rules.Date  `json:"known_from"`      // the day the G was known from (CONVENTION known from)
	AsOf          *rules.Date `json:"as_of,omitempty"` // --as-of: the parameters as known then
}

func newGCmd(a *app) *cobra.Command {
	var dateFlag string
	var o dated
	cmd := &cobra.Command{
		Use:   "g",
		Short: "Show the grunnbeløp (G) in force on a date",
		Long: `Show the grunnbeløp (G) in force on a date (default today), G per month
(G/12 rounded to whole kroner) and that calendar year's average G
(month-weighted, as NAV publishes it). G is set yearly (ftrl. § 1-4) and
changes on 1 May.` + exitStatusSection,
		Example: `  kvp g
  kvp g --date 2025-05-01
  kvp g --date 2027-06-01 --set g@2027-05-01=143000 -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env, o.Date = a.env(cmd), given(cmd, "date", &dateFlag)
			return runG(&o)
		},
	}
	cmd.Flags().StringVar(&dateFlag, "date", "", "the `DATE` (YYYY-MM-DD; default today)")
	cmd.AddCommand(newGListCmd(a), newGImportCmd(a), newGFetchCmd(a))
	return cmd
}

// runG is kvp g: the G in force on a date.
func runG(o *dated) error {
	cfg, format, l, d, err := o.startOn()
	if err != nil {
		return err
	}
	p := cfg.Params
	g, err := p.G.At(d)
	if err != nil {
		return err
	}
	info := gInfo{
		SchemaVersion: schemaVersion, Date: d, G: calc.M(g.Value), From: g.From,
		PerMonth: calc.M(rules.GPerMonth(g.Value)),
		Year:     d.Year(), Ref: g.Ref, Source: g.Source, Origin: g.Origin, KnownFrom: g.Known(), AsOf: p.AsOf,
	}
	avgG, avgErr := p.AverageG(d.Year())
	if avgErr != nil && p.AsOf != nil {
		for _, nk := range p.NotKnown {
			if nk.Key == rules.KeyG && nk.From.Year() == d.Year() {
				avgErr = rules.Errorf(errAverageGNotKnown, d.Year(), *p.AsOf, nk.From, nk.KnownFrom)
				break
			}
		}
	}
	printWarnings(o.IO, l, notKnownWarnings(p, d, rules.KeyG))
	if avgErr == nil {
		m := calc.M(avgG)
		info.AverageG = &m
	} else {
		info.AverageNote = avgErr.Error()
	}
	if format == "json" {
		return writeJSON(o.IO.Out, info)
	}
	avg := rules.ErrorText(avgErr, l.lang())
	if info.AverageG != nil {
		avg = l.Kroner(*info.AverageG)
	}
	printAsOf(printer{w: o.IO.Out, l: l}, p)
	gValue := g.Value.String()
	if l.norwegian() {
		gValue = l.Kroner(info.G)
	}
	return table(o.IO.Out, []string{"", l.L(labelValue), l.L(labelReference)}, [][]string{
		{l.L(labelDate), l.Date(d), ""},
		{"G", gValue, g.Ref + " · " + l.M(labelFromDate.M(g.From)) + " · " + g.Source},
		{l.L(gPerMonth), l.Kroner(info.PerMonth), l.L(gPerMonthNote)},
		{l.M(gAverage.M(d.Year())), avg, l.L(gAverageNote)},
	}, 1)
}

type gRow struct {
	From     rules.Date `json:"from"`
	G        calc.Money `json:"g"`
	PerMonth calc.Money `json:"g_per_month"`
	Source   string     `json:"source"`
	Origin   string     `json:"origin"`
}

type gList struct {
	SchemaVersion int       `json:"schema_version"`
	History       []gRow    `json:"history"`
	Averages      []yearAvg `json:"yearly_average"`
}

type yearAvg struct {
	Year     int        `json:"year"`
	AverageG calc.Money `json:"average_g"`
}

// gListOptions are kvp g list's options.
type gListOptions struct {
	env
	fromYear int
}

func newGListCmd(a *app) *cobra.Command {
	var o gListOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every G since 1967 (or since a year) with the yearly averages",
		Long:  `List the history of the grunnbeløp: every change, G per month, and each year's average G.` + exitStatusSection,
		Example: `  kvp g list
  kvp g list --from 2015
  kvp g list --from 2020 -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.env = a.env(cmd)
			return runGList(&o)
		},
	}
	cmd.Flags().IntVar(&o.fromYear, "from", 1967, "the first `YEAR` to list")
	return cmd
}

// runGList is kvp g list: the history of G.
func runGList(o *gListOptions) error {
	cfg, format, l, err := o.start()
	if err != nil {
		return err
	}
	if o.fromYear < rules.MinYear || o.fromYear > rules.MaxYear {
		return flagUsageError("from", rules.Errorf(errYearRange, o.fromYear, rules.MinYear, rules.MaxYear))
	}
	out := gList{SchemaVersion: schemaVersion, History: []gRow{}, Averages: []yearAvg{}}
	for _, it := range cfg.Params.G.Items {
		if it.From.Year() < o.fromYear {
			continue
		}
		out.History = append(out.History, gRow{From: it.From, G: calc.M(it.Value), PerMonth: calc.M(rules.GPerMonth(it.Value)), Source: it.Source, Origin: it.Origin})
	}
	if n := len(cfg.Params.G.Items); n > 0 {
		for y := max(o.fromYear, cfg.Params.G.Items[0].From.Year()); y <= cfg.Params.G.Items[n-1].From.Year(); y++ {
			if avg, err := cfg.Params.AverageG(y); err == nil {
				out.Averages = append(out.Averages, yearAvg{Year: y, AverageG: calc.M(avg)})
			}
		}
	}
	if format == "json" {
		return writeJSON(o.IO.Out, out)
	}
	avg := map[int]string{}
	for _, y := range out.Averages {
		avg[y.Year] = l.Kroner(y.AverageG)
	}
	rows := make([][]string, 0, len(out.History))
	for _, r := range out.History {
		rows = append(rows, []string{l.Date(r.From), l.Kroner(r.G), l.Kroner(r.PerMonth), avg[r.From.Year()], originText(l, r.Origin)})
	}
	return table(o.IO.Out, []string{l.L(labelFrom), "G", l.L(gPerMonth), l.L(gAverageYear), l.L(labelOrigin)}, rows, 1, 2, 3)
}

// notKnownWarnings are the warnings of kvp g and kvp rates under --as-of:
// each value of keys (all when none is given) in force by d that was not
// known yet, so that the one known then is carried forward (as kvp calc
// warns).
func notKnownWarnings(p *rules.Params, d rules.Date, keys ...string) []rules.Warning {
	var out []rules.Warning
	for _, nk := range p.NotKnown {
		if nk.From <= d && (len(keys) == 0 || slices.Contains(keys, nk.Key)) {
			out = append(out, rules.Warn(calc.WarnNotYetKnown.M(nk.Key, nk.Value, nk.From, *p.AsOf, nk.KnownFrom), rules.RefKnownFrom))
		}
	}
	return out
}
