// Command startup is the start-up floor of kvp (issue 19): it links the
// libraries kvp cannot do without (cobra, viper, yaml.v3, tablewriter,
// decimal), so that their package initialisation runs, and runs an empty
// cobra command.
package main

import (
	"os"

	"github.com/olekukonko/tablewriter"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// keep makes sure each library is linked, not only imported.
var keep = []any{tablewriter.NewTable, decimal.NewFromInt, viper.New, yaml.Marshal}

func main() {
	cmd := &cobra.Command{Use: "startup", RunE: func(*cobra.Command, []string) error { return nil }}
	cmd.SetArgs(os.Args[1:])
	if err := cmd.Execute(); err != nil || keep == nil {
		os.Exit(1)
	}
}
