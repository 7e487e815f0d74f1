package discord

import (
	"strings"
	"unicode/utf8"
)

// ellipsis marks text cut to fit a Discord limit.
const ellipsis = "…"

// markdown lists the characters Discord's markdown gives meaning to in the
// places we put feed text: emphasis, strike, code, spoiler, quote, heading,
// masked links and the < of mentions, channels and custom emoji. A backslash
// before any of them makes Discord show it as is. Colons stay, so that links
// in text remain readable.
const markdown = "\\*_~`|>#[]()<"

// Escape makes untrusted feed text inert in a Discord message: markdown shows
// literally, a "[click](http://evil)" is not a masked link, and "@everyone",
// "@here", "<@id>" and "<@&id>" are broken up so that they neither render as
// mentions nor ping (allowed_mentions is the second, independent guard).
func Escape(s string) string {
	if !strings.ContainsAny(s, markdown+"@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch {
		case r == '@' && (strings.HasPrefix(s[i+1:], "everyone") || strings.HasPrefix(s[i+1:], "here")):
			b.WriteString("@\u200b") // zero-width space: shows as @everyone, never parsed as one
			continue
		case r < utf8.RuneSelf && strings.IndexByte(markdown, byte(r)) >= 0:
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Truncate cuts s to at most max characters (runes, as Discord counts them),
// ending with an ellipsis when it cut. It never splits a multi-byte character
// and never leaves a dangling escape backslash at the end.
func Truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return cutRunes(s, max-1) + ellipsis
}

// cutRunes returns the longest prefix of s with at most n runes, dropping a
// trailing lone escape backslash.
func cutRunes(s string, n int) string {
	end, count := 0, 0
	for i := range s {
		if count == n {
			end = i
			break
		}
		count++
		end = len(s)
	}
	if n == 0 {
		end = 0
	}
	p := s[:end]
	trailing := len(p) - len(strings.TrimRight(p, "\\"))
	if trailing%2 == 1 {
		p = p[:len(p)-1]
	}
	return p
}

func runes(s string) int { return utf8.RuneCountInString(s) }
