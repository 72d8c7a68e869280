package main

import "github.com/spf13/cobra"

// newGImportCmd and newGFetchCmd are placeholders until kvp g import and fetch are written.
func newGImportCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "import", Hidden: true}
}

func newGFetchCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "fetch", Hidden: true, Args: noArgs}
}
