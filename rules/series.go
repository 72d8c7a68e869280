package rules

import (
	"slices"
)

// Origin layers, from weakest to strongest: where a parameter value came from.
const (
	OriginDefault = "default"
	OriginFile    = "file"
	OriginEnv     = "environment"
	OriginFlag    = "flag"
)

// Dated is one value of a parameter and the day it takes effect. It stays in
// force until the next value of the same series.
type Dated[T any] struct {
	From   Date   `json:"from"`
	Value  T      `json:"value"`
	Ref    string `json:"legal_reference"`
	Source string `json:"source"`
	// Origin says which configuration layer supplied the value (OriginDefault,
	// OriginFile, ...), with the file name after a colon for files.
	Origin string `json:"origin"`
	// KnownFrom is the day from which the value was known: decided and
	// applied (for G, the day NAV began paying it). Zero means the day it
	// takes effect (Known). See Params.KnownOn.
	KnownFrom Date `json:"known_from,omitempty"`
}

// Known is the day from which the value was known: KnownFrom, or From
// when none is given (CONVENTION known from, kvp-rules.md § 7.2).
func (d Dated[T]) Known() Date {
	if d.KnownFrom == 0 {
		return d.From
	}
	return d.KnownFrom
}

// Series is a parameter that changes over time: the G, the stipend factor,
// the child supplement rate. Items are sorted by From and unique.
type Series[T any] struct {
	Name  string
	Items []Dated[T]
}

// The errors of At; name is the series' parameter key (g, factor, …).
var (
	ErrNoneDefined = NewCode("err.series.none_defined", "name")
	ErrNotInForce  = NewCode("err.series.not_in_force", "name", "date", "first")
)

// At returns the value in force on d. A date before the first value is an
// error: the parameter is not known there, and guessing would price a day wrongly.
func (s *Series[T]) At(d Date) (Dated[T], error) {
	i := s.index(d)
	if i < 0 {
		if len(s.Items) == 0 {
			return Dated[T]{}, Errorf(ErrNoneDefined, s.Name)
		}
		return Dated[T]{}, Errorf(ErrNotInForce, s.Name, d, s.Items[0].From)
	}
	return s.Items[i], nil
}

// index returns the position of the value in force on d, or -1.
func (s *Series[T]) index(d Date) int {
	// Binary search for the last item with From <= d.
	lo, hi := 0, len(s.Items)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.Items[mid].From <= d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// ChangesIn returns the dates in (from, to] on which the series takes a new
// value: the points at which a period must be split.
func (s *Series[T]) ChangesIn(from, to Date) []Date {
	var out []Date
	for i := s.index(from) + 1; i < len(s.Items) && s.Items[i].From <= to; i++ {
		out = append(out, s.Items[i].From)
	}
	return out
}

// Set adds v, replacing a value with the same From.
func (s *Series[T]) Set(v Dated[T]) {
	i, found := slices.BinarySearchFunc(s.Items, v.From, func(e Dated[T], d Date) int { return int(e.From) - int(d) })
	if found {
		s.Items[i] = v
		return
	}
	s.Items = slices.Insert(s.Items, i, v)
}

// Clone returns a copy whose items can be changed without touching s.
func (s Series[T]) Clone() Series[T] {
	return Series[T]{Name: s.Name, Items: slices.Clone(s.Items)}
}

// Validate checks that dates are sorted and unique and that every value passes ok.
// Errors name the series, the entry and its origin.
func (s *Series[T]) Validate(ok func(T) error) error {
	if len(s.Items) == 0 {
		return Errorf(ErrNoValues, s.Name)
	}
	for i, it := range s.Items {
		if i > 0 && it.From <= s.Items[i-1].From {
			return Errorf(ErrUnsorted, s.Name, i+1, it.From, origin(it.Origin), s.Items[i-1].From)
		}
		if err := ok(it.Value); err != nil {
			return Errorf(ErrEntry, s.Name, it.From, origin(it.Origin), err)
		}
	}
	return nil
}
