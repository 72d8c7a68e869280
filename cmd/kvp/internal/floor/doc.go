// Package floor holds the measuring aids of issue 19: programs that do only
// what kvp cannot do without, so that kvp's cost can be given as a multiple
// of theirs on the same machine in the same run (.ci/bench-batch,
// .ci/bench-startup). jsonround decodes and re-encodes case lines with
// encoding/json; startup links kvp's libraries and runs an empty cobra
// command. Neither is part of kvp.
package floor
