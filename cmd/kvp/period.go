package main

import "github.com/spf13/cobra"

// newPeriodCmd is a placeholder until kvp period is wired.
func newPeriodCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "period", Hidden: true, Args: noArgs}
}
