//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package config

import "syscall"

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// mknodNull makes a character device like /dev/null (1, 3 on Linux).
func mknodNull(path string) error { return syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3) }
