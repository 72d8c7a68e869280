package main

import (
	"github.com/spf13/cobra"

	"kvp/calc"
	"kvp/config"
)

type ratesDoc struct {
	SchemaVersion int `json:"schema_version"`
	*calc.Rates
}

func newRatesCmd(a *app) *cobra.Command {
	var dateFlag string
	cmd := &cobra.Command{
		Use:   "rates",
		Short: "Show the stipend rates in force on a date",
		Long: `Show the rates in force on a date (default today): G, the stipend factor,
the yearly amount (factor × G; whole kroner as NAV publishes it), the average
monthly amount (yearly / 12) and the day rate (yearly / 260, rounded under the
rounding policy), for participants 25 and over and under 25 (2/3, sotjl. § 35),
and the child supplement per child per day and per year (KVP-forskriften § 3).` + exitStatusSection,
		Example: `  kvp rates
  kvp rates --date 2024-07-01
  kvp rates --date 2026-05-01 --rounding exact -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			d, err := today()
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("date") {
				if d, err = parseDateFlag("date", dateFlag); err != nil {
					return err
				}
			}
			cfg, _ := a.load(cmd)
			rounding, err := roundingSetting(cfg, "")
			if err != nil {
				return err
			}
			r, err := calc.RatesOn(cfg.Params, d, rounding)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(a.out, ratesDoc{SchemaVersion: schemaVersion, Rates: r})
			}
			rows := [][]string{
				{"G", r.G.StringFixed(0), "", "ftrl. § 1-4 · from " + r.GFrom.String()},
				{"factor", r.Factor, "", calc.RefStipend + " · from " + r.FactorFrom.String()},
			}
			for _, b := range r.Bands {
				label := "25 and over"
				if b.Band == "under_25" {
					label = "under 25 (" + b.Share + ")"
				}
				rows = append(rows,
					[]string{"yearly, " + label, b.Yearly.StringFixed(0), b.YearlyExact.String(), b.Ref},
					[]string{"monthly, " + label, b.Monthly.String(), "", "yearly / 12"},
					[]string{"daily, " + label, b.Daily.String(), b.DailyExact, "yearly / " + r.DayDivisor + " · rounding " + string(r.Rounding)},
				)
			}
			rows = append(rows,
				[]string{"child supplement per child per day", r.ChildSupplementDay.String(), "", r.ChildSupplementRef + " · from " + r.ChildSupplementFrom.String()},
				[]string{"child supplement per child per year", r.ChildSupplementYear.String(), "", "per day × " + r.DayDivisor},
			)
			heading(a.out, "Rates in force on "+d.String())
			return table(a.out, []string{"", "amount", "unrounded", "reference"}, rows, 1, 2)
		},
	}
	cmd.Flags().StringVar(&dateFlag, "date", "", "the `DATE` (YYYY-MM-DD; default today)")
	cmd.Flags().String("rounding", "nav", "rounding `POLICY` of the day rate: nav or exact")
	return cmd
}

// roundingSetting returns the rounding policy: the flag, else the case file's
// value, else the config (file, KVP_ROUNDING), else nav.
func roundingSetting(cfg *config.Config, fromCase string) (calc.Rounding, error) {
	v := cfg.Get(config.KeyRounding)
	if fromCase != "" && !cfg.IsFlag(config.KeyRounding) {
		v = fromCase
	}
	switch calc.Rounding(v) {
	case calc.RoundingNAV, calc.RoundingExact:
		return calc.Rounding(v), nil
	}
	return "", usageErrorf("--rounding: %q is not one of nav, exact", v)
}

// ageSwitchSetting works like roundingSetting for the age-25 convention.
func ageSwitchSetting(cfg *config.Config, fromCase string) (calc.AgeSwitch, error) {
	v := cfg.Get(config.KeyAgeSwitch)
	if fromCase != "" && !cfg.IsFlag(config.KeyAgeSwitch) {
		v = fromCase
	}
	switch calc.AgeSwitch(v) {
	case calc.AgeSwitchBirthday, calc.AgeSwitchNextMonth:
		return calc.AgeSwitch(v), nil
	}
	return "", usageErrorf("--age-switch: %q is not one of birthday, next-month", v)
}
