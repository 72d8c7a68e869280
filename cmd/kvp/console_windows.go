package main

import "golang.org/x/sys/windows"

// cpUTF8 is the Windows code page of UTF-8.
const cpUTF8 = 65001

// utf8Console sets the Windows console's output code page to UTF-8 (65001),
// so that ø, æ, å, § and the tables' box drawing show in the classic console
// as in Windows Terminal, and returns what puts the old code page back (the
// code page belongs to the console, which outlives kvp). Off a console,
// nothing changes.
func utf8Console() (restore func()) {
	old, err := windows.GetConsoleOutputCP()
	if err != nil || old == cpUTF8 {
		return func() {}
	}
	if err := windows.SetConsoleOutputCP(cpUTF8); err != nil {
		return func() {}
	}
	return func() { _ = windows.SetConsoleOutputCP(old) }
}
