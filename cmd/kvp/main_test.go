package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/cobra"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kvp": func() { os.Exit(runCheckedKVP(os.Args[1:])) },
	})
}

// TestScripts runs the command-line contract: testdata/script/*.txtar.
// Refresh expected output with: go test ./cmd/kvp -run TestScripts -update
func TestScripts(t *testing.T) {
	schemaLog := schemaCheckLog(t)
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv(envSchemaLog, schemaLog)
			return scriptSetup(env)
		},
	})
}

// scriptSetup is every testscript's environment: the examples, a fixed
// today and a home of its own.
func scriptSetup(env *testscript.Env) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	env.Setenv("EXAMPLES", wd+"/../../examples")
	env.Setenv("KVP_TODAY", "2026-11-23")
	env.Setenv("HOME", env.WorkDir+"/home")
	env.Setenv("XDG_CONFIG_HOME", "")
	return nil
}

// TestHelpHasExamplesAndExitCodes: every command's help shows how to use it
// and what its exit codes mean.
func TestHelpHasExamplesAndExitCodes(t *testing.T) {
	root := newRootCmd(&app{io: &IOStreams{}, out: &bytes.Buffer{}})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		if c.Runnable() {
			if strings.TrimSpace(c.Example) == "" {
				t.Errorf("%s: no example in --help", c.CommandPath())
			}
			if !strings.Contains(c.Long, "EXIT STATUS") {
				t.Errorf("%s: --help does not list the exit codes", c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
