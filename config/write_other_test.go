//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package config

import "errors"

func mkfifo(string) error    { return errors.ErrUnsupported }
func mknodNull(string) error { return errors.ErrUnsupported }
