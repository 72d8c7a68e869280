package rules

// Norwegian public holidays (helligdager, lov om helligdager og helligdagsfred
// § 2 bokstav b–k; 1 and 17 May, lov om 1. og 17. mai som høgtidsdager § 1). A weekday public
// holiday is a day off with stipend (KVP-forskriften § 16): it is a paid day,
// but not a working day that absence can be deducted for.

// RefHolidays is the legal reference for public holidays in the programme.
const RefHolidays = "KVP-forskriften § 16; helligdagsfredloven § 2; lov om 1. og 17. mai § 1"

// Easter returns Easter Sunday of year y (the Gregorian computus, Anonymous algorithm).
func Easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(y, month, day)
}

// PublicHolidays returns the public holidays of year y in date order.
func PublicHolidays(y int) []Date {
	e := Easter(y)
	return []Date{
		NewDate(y, 1, 1),  // nyttårsdag
		e.AddDays(-3),     // skjærtorsdag
		e.AddDays(-2),     // langfredag
		e,                 // første påskedag
		e.AddDays(1),      // andre påskedag
		NewDate(y, 5, 1),  // offentlig høytidsdag
		NewDate(y, 5, 17), // grunnlovsdag
		e.AddDays(39),     // Kristi himmelfartsdag
		e.AddDays(49),     // første pinsedag
		e.AddDays(50),     // andre pinsedag
		NewDate(y, 12, 25),
		NewDate(y, 12, 26),
	}
}

// IsPublicHoliday reports whether d is a Norwegian public holiday: one of
// PublicHolidays(d.Year()), found without building the list, since a
// batch asks for every pay day (issue 19).
func IsPublicHoliday(d Date) bool {
	y, m, day := d.YMD()
	switch {
	case m == 1 && day == 1, m == 5 && (day == 1 || day == 17), m == 12 && (day == 25 || day == 26):
		return true
	case m < 3 || m > 6: // Easter-based days fall from 19 March (skjærtorsdag) to 14 June (2. pinsedag)
		return false
	}
	switch d - Easter(y) {
	case -3, -2, 0, 1, 39, 49, 50:
		return true
	}
	return false
}

// IsWorkingDay reports whether d is Monday to Friday and not a public holiday.
func IsWorkingDay(d Date) bool { return d.IsWeekday() && !IsPublicHoliday(d) }

// WorkingDayOnOrBefore returns d when it is a working day, else the last
// working day before it: a pay day on a Saturday, Sunday or public holiday
// moves to the working day before (kvp-rules.md § 7.2, CONVENTION).
func WorkingDayOnOrBefore(d Date) Date {
	for !IsWorkingDay(d) {
		d--
	}
	return d
}

// WorkingDaysAfter returns the n'th working day after d; n = 0 is
// WorkingDayOnOrBefore(d).
func WorkingDaysAfter(d Date, n int) Date {
	if n <= 0 {
		return WorkingDayOnOrBefore(d)
	}
	for n > 0 {
		d++
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}
