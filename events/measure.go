package events

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// measureUnits are the units that make a number a measure rather than a
// count: how long, how far, how big a share. A measure is evidence like
// any number, but no count that could conflict with another report's or
// agree with it: outlets estimate a flight differently (1,100 km to one
// military, 1,500 km to the next), and two regimes renewed in one week are
// both renewed "for 12 months". Forms match the start of the word after
// the number, or, in scripts without spaces, the characters right after
// it; "%" and "㎞" are units of their own.
var measureUnits = []string{
	"%", "٪", "㎞", "km", "mm", "cm", "kilomet", "mile", "percent", "prozent",
	"minute", "hour", "day", "week", "month", "year", "heure", "jour", "mois", "ans", "année", "stunde", "tag", "woche", "monat", "jahr",
	"км", "мм", "километр", "миль", "процент", "минут", "час", "сут", "дн", "дней", "недел", "месяц", "год", "лет",
	"كيلومتر", "كم", "ميل", "دقيقة", "دقائق", "ساعة", "ساعات", "يوم", "أيام", "أسبوع", "شهر", "أشهر", "سنة", "سنوات", "عام", "أعوام", "بالمئة", "بالمائة",
	"کیلومتر", "دقیقه", "ساعت", "روز", "هفته", "ماه", "سال", "درصد",
	"킬로", "㎜", "밀리", "분", "시간", "일간", "주간", "개월", "년", "퍼센트",
	"公里", "千米", "キロ", "毫米", "ミリ", "分", "小时", "時間", "天", "周", "个月", "か月", "ヶ月", "カ月", "年",
}

// measured says whether the number ending at rs[end] is followed by a unit
// of measure (see measureUnits), after at most a space or a hyphen.
func measured(rs []rune, end int) bool {
	i := end
	if i < len(rs) && (rs[i] == ' ' || rs[i] == '\u00a0' || rs[i] == '-') {
		i++
	}
	j := i
	for j < len(rs) && (unicode.IsLetter(rs[j]) || strings.ContainsRune("%٪㎞㎜", rs[j])) {
		j++
	}
	word := strings.ToLower(string(rs[i:j]))
	for _, u := range measureUnits {
		if strings.HasPrefix(word, u) && wholeUnit(word, u) {
			return true
		}
	}
	return false
}

// wholeUnit says whether unit u, which word starts with, is the word,
// give or take an ending: up to three letters after a unit of four or more
// ("months", "месяцев"), one after a shorter one ("days", "года", not
// "ansar", and not "ماهواره", satellite, for "ماه", month). Chinese and
// Japanese write the next word against the unit, so a unit of theirs
// only has to start the run.
func wholeUnit(word, u string) bool {
	r, _ := utf8.DecodeRuneInString(u)
	if norm.Unspaced(r) {
		return true
	}
	n := utf8.RuneCountInString(u)
	ending := 1
	if n >= 4 {
		ending = maxEnding
	}
	return utf8.RuneCountInString(word)-n <= ending
}
