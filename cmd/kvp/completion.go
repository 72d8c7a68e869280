package main

import "github.com/spf13/cobra"

// registerCompletions is a placeholder until enum flag completion is written.
func registerCompletions(root *cobra.Command) {}
