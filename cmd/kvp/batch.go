package main

import "github.com/spf13/cobra"

func newBatchCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "batch", Hidden: true, Args: noArgs}
}
