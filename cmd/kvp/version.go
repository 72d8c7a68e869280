package main

import (
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// versionInfo says which build this is, so that a result can be traced to
// the code that made it.
type versionInfo struct {
	SchemaVersion int    `json:"schema_version"`
	Version       string `json:"version"`
	Commit        string `json:"commit"`
	CommitTime    string `json:"commit_time"`
	Modified      bool   `json:"modified,omitempty"` // built from a tree with uncommitted changes
	GoVersion     string `json:"go_version"`
	Platform      string `json:"platform"`
}

// buildVersion reads the build information; what is missing (a build without
// VCS stamping, a test binary) is "unknown".
func buildVersion() versionInfo {
	v := versionInfo{
		SchemaVersion: schemaVersion, Version: toolVersion(),
		Commit: "unknown", CommitTime: "unknown", GoVersion: "unknown",
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.GoVersion != "" {
		v.GoVersion = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.CommitTime = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show kvp's version, commit and Go version",
		Long: `Show the version of kvp, the commit and commit time it was built from, and
the Go version that built it, from the build information. What the build
does not record is shown as "unknown".` + exitStatusSection,
		Example: `  kvp version
  kvp version -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runVersion(a.env(cmd)) },
	}
}

// runVersion is kvp version: it needs only the streams and the output format.
func runVersion(e env) error {
	_, format, err := e.format()
	if err != nil {
		return err
	}
	v := buildVersion()
	if format == "json" {
		return writeJSON(e.IO.Out, v)
	}
	commit := v.Commit
	if v.Modified {
		commit += " (modified)"
	}
	return table(e.IO.Out, []string{"", "value"}, [][]string{
		{"version", v.Version},
		{"commit", commit},
		{"commit time", v.CommitTime},
		{"go", v.GoVersion},
		{"platform", v.Platform},
	})
}
