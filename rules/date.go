package rules

import (
	"fmt"
	"strconv"
)

// Date is a calendar date without time or zone, counted in days since
// 1970-01-01. Dates are plain values: compare them with < and ==, step them
// with AddDays. The law counts in calendar days, never in instants, so no
// time zone can move a stipend day.
type Date int32

// civil algorithms after Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".

// NewDate returns the date y-m-d. It does not check the day; use ParseDate for user input.
func NewDate(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
}

// YMD returns the year, month (1–12) and day of d.
func (d Date) YMD() (y, m, day int) {
	// Neri and Schneider's Euclidean affine functions ("Euclidean affine
	// functions and their application to calendar algorithms", 2022): a
	// few multiplications in place of divisions, on a day count shifted by
	// ymdShift 400-year cycles so that it is not negative. A batch asks
	// for a date's month many times a case (issue 19).
	if n := int64(d) + ymdK; n >= 0 && n < 1<<30 {
		n1 := 4*uint32(n) + 3
		c := n1 / 146097
		n2 := n1%146097 | 3
		p2 := uint64(2939745) * uint64(n2)
		z := uint32(p2 >> 32)
		ny := uint32(p2) / 2939745 / 4
		n3 := 2141*ny + 197913
		y, m, day = int(100*c+z), int(n3>>16), int(n3&0xffff/2141)+1
		if ny >= 306 {
			y, m = y+1, m-12
		}
		return y - ymdShift*400, m, day
	}
	return d.ymdCivil()
}

// ymdShift and ymdK shift a day count for YMD: 1970-01-01 is day ymdK of
// the calendar that starts on 1 March, ymdShift × 400 years before year 0.
const (
	ymdShift = 82
	ymdK     = 719468 + 146097*ymdShift
)

// ymdCivil is YMD by Hinnant's civil_from_days, for any day.
func (d Date) ymdCivil() (y, m, day int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, day
}

// Year returns the calendar year of d.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Month returns the month of d, 1–12.
func (d Date) Month() int { _, m, _ := d.YMD(); return m }

// Weekday returns 0 for Monday through 6 for Sunday.
func (d Date) Weekday() int {
	// 1970-01-01 was a Thursday (3).
	w := (int(d) + 3) % 7
	if w < 0 {
		w += 7
	}
	return w
}

// IsWeekday reports whether d is Monday to Friday.
func (d Date) IsWeekday() bool { return d.Weekday() < 5 }

// AddDays returns d moved n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns the same day n months later; a day that does not exist
// in the target month becomes the first day of the month after
// (2024-02-29 + 12 months = 2025-03-01), the same rule as for birthdays.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.YMD()
	m0 := y*12 + (m - 1) + n
	ty, tm := floorDiv(m0, 12), m0-floorDiv(m0, 12)*12+1
	if day > DaysInMonth(ty, tm) {
		return NewDate(ty, tm, DaysInMonth(ty, tm)).AddDays(1)
	}
	return NewDate(ty, tm, day)
}

// AddYears returns the same day n years later, with 29 February becoming 1 March
// in a year that has none.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// FirstOfMonth returns the first day of d's month.
func (d Date) FirstOfMonth() Date {
	y, m, _ := d.YMD()
	return NewDate(y, m, 1)
}

// LastOfMonth returns the last day of d's month.
func (d Date) LastOfMonth() Date {
	y, m, _ := d.YMD()
	return NewDate(y, m, DaysInMonth(y, m))
}

// String formats d as ISO 8601, YYYY-MM-DD.
func (d Date) String() string {
	var b [10]byte
	return string(d.AppendISO(b[:0]))
}

// AppendISO appends d as String writes it, without allocating: a batch
// writes dates into every record (issue 19).
func (d Date) AppendISO(b []byte) []byte {
	y, m, day := d.YMD()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%d-%02d-%02d", y, m, day)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// MarshalText writes the ISO form, so JSON and YAML carry "2026-05-01".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MinYear and MaxYear bound the dates kvp accepts: the G table starts in 1967,
// and no benefit decision reaches past 2199.
const (
	MinYear = 1900
	MaxYear = 2199
)

// The errors of ParseDate and ParsePeriod; input is the text read, quoted.
var (
	ErrNotADate          = NewCode("err.date.not_a_date", "input")
	ErrYearOutside       = NewCode("err.date.year_outside", "input", "year", "min", "max")
	ErrMonthNotInYear    = NewCode("err.date.month_not_1_12", "input", "month")
	ErrDayNotInMonth     = NewCode("err.date.day_not_in_month", "input", "month", "year", "days")
	ErrPeriodReversed    = NewCode("err.period.ends_before_start", "input")
	ErrNotAPeriod        = NewCode("err.period.not_a_period", "input")
	ErrNotAnInterruption = NewCode("err.period.not_an_interruption", "input")
)

// ParseDate reads an ISO date YYYY-MM-DD and rejects days that do not exist
// (2026-02-30) and years outside MinYear–MaxYear.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, Errorf(ErrNotADate, Quote(s))
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil || !allDigits(s[0:4]+s[5:7]+s[8:10]) {
		return 0, Errorf(ErrNotADate, Quote(s))
	}
	if y < MinYear || y > MaxYear {
		return 0, Errorf(ErrYearOutside, Quote(s), y, MinYear, MaxYear)
	}
	if m < 1 || m > 12 {
		return 0, Errorf(ErrMonthNotInYear, Quote(s), m)
	}
	if d < 1 || d > DaysInMonth(y, m) {
		return 0, Errorf(ErrDayNotInMonth, Quote(s), fmt.Sprintf("%02d", m), y, DaysInMonth(y, m))
	}
	return NewDate(y, m, d), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsLeap reports whether y is a leap year.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysInMonth returns the number of days in month m of year y.
func DaysInMonth(y, m int) int {
	switch m {
	case 2:
		if IsLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// LeapBirthday names the day on which a person born on 29 February turns a
// year older in a year without 29 February (kvp-rules.md § 7.1, CONVENTION).
// It applies to every age limit: 18 and 67 (eligibility), 25 (the stipend
// rate) and a child's 18th birthday.
type LeapBirthday string

const (
	// LeapFeb28 is the default: 28 February, as NAV's own code does
	// (AAP: Fødselsdato.25årsDagen() = dato.plusYears(25), which gives 28 February).
	LeapFeb28 LeapBirthday = "feb28"
	// LeapMar1 is the other reading: 1 March, the day after 28 February.
	LeapMar1 LeapBirthday = "mar1"
)

// LeapBirthdays lists the conventions, default first.
var LeapBirthdays = []string{string(LeapFeb28), string(LeapMar1)}

// RefLeapBirthday is where the leap-day convention is stated.
const RefLeapBirthday = "kvp-rules.md § 7.1 (CONVENTION, NAV: plusYears)"

// ValidLeapBirthday reports whether v names a convention; "" is the default.
func ValidLeapBirthday(v LeapBirthday) bool { return v == "" || v == LeapFeb28 || v == LeapMar1 }

// Birthday returns the date a person born on birth turns age years old: the
// same day and month; for a birth date of 29 February in a year without one,
// 28 February under LeapFeb28 (the default, also for "") and 1 March under LeapMar1.
func Birthday(birth Date, age int, leap LeapBirthday) Date {
	b := birth.AddYears(age)
	if leap == LeapMar1 {
		return b
	}
	if _, m, d := birth.YMD(); m == 2 && d == 29 {
		if _, bm, _ := b.YMD(); bm == 3 {
			return b - 1
		}
	}
	return b
}

// Weekdays counts Monday–Friday days in the closed range [from, to]; zero when to < from.
func Weekdays(from, to Date) int {
	if to < from {
		return 0
	}
	n := int(to-from) + 1
	full := n / 7
	count := full * 5
	w := from.Weekday()
	for i := 0; i < n%7; i++ {
		if (w+i)%7 < 5 {
			count++
		}
	}
	return count
}

// Period is a closed range of dates [From, To].
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// Days is the number of calendar days in p, counting both ends.
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// Contains reports whether d lies in p.
func (p Period) Contains(d Date) bool { return p.From <= d && d <= p.To }

// Overlaps reports whether p and q share at least one day.
func (p Period) Overlaps(q Period) bool { return p.From <= q.To && q.From <= p.To }

// Intersect returns the days p and q share, and false when they share none.
func (p Period) Intersect(q Period) (Period, bool) {
	r := Period{From: max(p.From, q.From), To: min(p.To, q.To)}
	return r, r.From <= r.To
}

// String formats p as "FROM..TO", the form the command line accepts.
func (p Period) String() string { return p.From.String() + ".." + p.To.String() }

// ParsePeriod reads "FROM..TO" and rejects a period that ends before it starts.
func ParsePeriod(s string) (Period, error) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == '.' {
			from, err := ParseDate(s[:i])
			if err != nil {
				return Period{}, err
			}
			to, err := ParseDate(s[i+2:])
			if err != nil {
				return Period{}, err
			}
			if to < from {
				return Period{}, Errorf(ErrPeriodReversed, Quote(s))
			}
			return Period{From: from, To: to}, nil
		}
	}
	return Period{}, Errorf(ErrNotAPeriod, Quote(s))
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
