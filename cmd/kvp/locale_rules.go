package main

// nbRules is the Norwegian text of the rule commands (check, period, tax).
var nbRules = map[string]string{}
