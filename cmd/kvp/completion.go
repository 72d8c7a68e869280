package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kvp/calc"
	"kvp/calc/letter"
	"kvp/rules"
)

// yesNoValues are the values of the yes/no fact flags of kvp check.
var yesNoValues = []string{"yes", "no"}

// flagValues lists, by flag name, the values a flag accepts wherever it is
// defined. The output format depends on the command (batch has more).
var flagValues = map[string]func(cmd *cobra.Command) []string{
	"output": func(cmd *cobra.Command) []string {
		if cmd.Name() == "batch" {
			return []string{"table", "json", "jsonl", "csv"}
		}
		if cmd.Name() == "letter" {
			return letter.Formats
		}
		return []string{"table", "json"}
	},
	"rounding":         fixed(calc.Roundings...),
	"age-switch":       fixed(calc.AgeSwitches...),
	"leap-birthday":    fixed(rules.LeapBirthdays...),
	"duration-regime":  fixed(rules.DurationRegimes...),
	"benefit-scope":    fixed(calc.BenefitScopes...),
	"income-year":      fixed(calc.IncomeBases...),
	"residence":        fixed(rules.ResidenceStatuses...),
	"reduced-capacity": fixed(yesNoValues...),
	"assessment-done":  fixed(yesNoValues...),
	"follow-up-needed": fixed(yesNoValues...),
	"fixed-abode":      fixed(yesNoValues...),
	"youth-programme":  fixed(yesNoValues...),
	"lang":             fixed(rules.Languages...),
	"input-format":     fixed("auto", "jsonl", "csv"),
	"kind":             fixed(letter.Kinds...),

	"benefit-very-limited": fixed(yesNoValues...),
}

func fixed(values ...string) func(*cobra.Command) []string {
	return func(*cobra.Command) []string { return slices.Clone(values) }
}

// registerCompletions makes the shell complete the values of every enum flag
// in the command tree (kvp completion bash|zsh|fish|powershell writes the
// scripts). Main calls it once the tree is built, for a completion request
// (isCompletionRequest) only.
func registerCompletions(root *cobra.Command) {
	seen := map[*pflag.Flag]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		register := func(f *pflag.Flag) {
			values, ok := flagValues[f.Name]
			if !ok || seen[f] {
				return
			}
			seen[f] = true
			if _, done := c.GetFlagCompletionFunc(f.Name); done {
				return
			}
			_ = c.RegisterFlagCompletionFunc(f.Name, func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				var out []cobra.Completion
				for _, v := range values(cmd) {
					if strings.HasPrefix(v, toComplete) {
						out = append(out, v)
					}
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			})
		}
		c.LocalNonPersistentFlags().VisitAll(register)
		c.PersistentFlags().VisitAll(register)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
