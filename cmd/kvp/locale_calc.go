package main

// nbCalc is the Norwegian text of the stipend commands (rates, calc, compare,
// batch, g, config).
var nbCalc = map[string]string{}
