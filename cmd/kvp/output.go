package main

import (
	"encoding/json"
	"io"
	"runtime/debug"

	"kvp/config"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// schemaVersion is the version of every JSON document kvp prints. It changes
// when a field is removed or changes meaning, not when one is added.
const schemaVersion = 2

// writeJSON prints v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table prints rows under header. Columns listed in right are right-aligned
// (money and counts).
func table(w io.Writer, header []string, rows [][]string, right ...int) error {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
	}
	for _, i := range right {
		align[i] = tw.AlignRight
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
	)
	t.Header(header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

// heading prints a section title before a table.
func heading(w io.Writer, title string) {
	_, _ = io.WriteString(w, "\n"+title+"\n")
}

// version is the tool's version; release builds set it with
// -ldflags "-X main.version=v1.2.3". Otherwise the module version from the
// build information is used.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// stamp identifies what produced a result, so that a run can be reproduced:
// the same version, parameters and policy give byte-identical output.
type stamp struct {
	Version    string `json:"kvp_version"`
	ParamsHash string `json:"params_hash"`
	Rounding   string `json:"rounding,omitempty"`
}

func (a *app) stamp(cfg *config.Config, rounding string) stamp {
	return stamp{Version: toolVersion(), ParamsHash: config.Hash(cfg.Params), Rounding: rounding}
}
