//go:build !windows

package main

// utf8Console does nothing off Windows: terminals there take UTF-8 as the
// locale says.
func utf8Console() (restore func()) { return func() {} }
