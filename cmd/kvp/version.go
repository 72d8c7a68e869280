package main

import "github.com/spf13/cobra"

// newVersionCmd is a placeholder until kvp version is written.
func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "version", Hidden: true, Args: noArgs}
}
