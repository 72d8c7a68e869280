// Package letter builds the decision letter (vedtak) of a calculation: a
// document of sections, each a list of sentences (message codes with their
// arguments, figures and legal references) and tables, made from the
// computation's own recorded steps and amounts, never by redoing a rule; and
// writes it as text, Markdown, HTML or JSON in the language asked for.
package letter

import (
	"errors"

	"kvp/calc"
	"kvp/rules"
)

// Kind is what a letter decides: a new grant, or a change of one.
type Kind string

const (
	// KindGrant is a new decision (innvilgelse).
	KindGrant Kind = "grant"
	// KindChange is a change of a decision: a back pay after a G regulation,
	// or a recalculation with back pay or an overpayment to recover (§ 40).
	KindChange Kind = "change"
)

// Kinds lists the kinds, the default first.
var Kinds = []string{string(KindGrant), string(KindChange)}

// Document is a letter: its title and sections, in the order they are read.
type Document struct {
	Kind     Kind
	Title    rules.Message
	Sections []Section
}

// Section is one part of the letter under its heading. ID is stable
// ("period", "basis", "change", …) for scripts and the HTML's anchors.
type Section struct {
	ID      string
	Heading rules.Message
	Blocks  []Block
}

// Block is a paragraph of sentences, or a table.
type Block struct {
	Sentences []Sentence
	Table     *Table
}

// Sentence is one sentence of the letter: a catalogue message, the keys of
// the recorded steps its figures come from, and the legal references it
// cites (they are also among its arguments, as "ref").
type Sentence struct {
	rules.Message
	Steps []string
	Refs  []Ref
}

// Table is a table of figures: column headings as codes, cells as values
// written in the letter's language (Amount, Month, rules.Date, int).
type Table struct {
	Columns []rules.Code
	Rows    [][]any
}

// Change is what a change letter says besides the grant's basis: why the
// decision changes, the payments made that it concerns (paid, owed now),
// and the back pay, or the overpayment with its recovery plan (§ 40). kvp
// letter fills it from kvp regulate's and kvp recalc's results, never by
// computing anything again.
type Change struct {
	// Reason says what changed ("G was raised …"); nil for none.
	Reason *rules.Message
	// Payments are the payments made that the change concerns; Paid and
	// Owed are their sums (for the whole period when Payments is empty).
	Payments    []ChangedPayment
	Paid        calc.Money
	Owed        calc.Money
	BackPay     calc.Money  // to pay out
	BackPayWith *rules.Date // the pay date of the payment that carries it, when known
	// MadeBefore is the day from which payments are not yet made, for a
	// regulation (its date): a payment of the case paid before it and not
	// among Payments was paid as it is owed now. Zero when every payment
	// made is among Payments (a recalculation).
	MadeBefore  rules.Date
	Overpayment calc.Money // to recover
	// Recovery is the municipality's decision on how much of each future
	// payment recovers the overpayment (§ 40), Plan its payments, and
	// RecoveredOn the pay date that completes it, or Remaining what is left
	// when the period ends on End.
	Recovery    *calc.Recovery
	Plan        []PlanRow
	RecoveredOn *rules.Date
	Remaining   calc.Money
	End         rules.Date
}

// ChangedPayment is one payment made, against what is owed for it now.
// Earned is what it paid for, as EarnedValue writes it.
type ChangedPayment struct {
	From       rules.Date // the first day it paid for
	Earned     any
	PayDate    rules.Date
	Paid       calc.Money
	Owed       calc.Money
	Difference calc.Money // owed − paid
}

// PlanRow is one payment of a recovery plan: the payment before the
// deduction, the amount deducted, what is paid out and what is left to
// recover after it.
type PlanRow struct {
	PayDate   rules.Date
	Owed      calc.Money
	Deducted  calc.Money
	PaidOut   calc.Money
	Remaining calc.Money
}

// Input is what a letter is built from: a result computed with its steps
// recorded (calc.Case.Explain), its tax section, and for a change letter
// what changed.
type Input struct {
	Kind   Kind
	Result *calc.Result
	Tax    *calc.TaxSection
	Change *Change
	// AsOf is the day the case was priced as known on (--as-of, the case's
	// as_of), when it was.
	AsOf *rules.Date
}

var (
	// ErrNoSteps: the result was computed without its steps.
	ErrNoSteps = errors.New("letter: the result has no recorded steps (compute it with Explain)")
	// ErrNoChange: a change letter without what changed.
	ErrNoChange = errors.New("letter: a change letter needs what changed")
)
