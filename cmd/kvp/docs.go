package main

import "github.com/spf13/cobra"

// newDocsCmd is a placeholder until kvp docs is written.
func newDocsCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "docs", Hidden: true, Args: noArgs}
}
