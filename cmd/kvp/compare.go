package main

import "github.com/spf13/cobra"

func newCompareCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "compare", Hidden: true, Args: noArgs}
}
