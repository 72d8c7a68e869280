package main

import "github.com/spf13/cobra"

// newCheckCmd is a placeholder until kvp check is wired.
func newCheckCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "check", Hidden: true, Args: noArgs}
}
