package config

import (
	"fmt"
	"strings"
)

// expandEnv replaces ${NAME} with the value of the environment variable NAME
// and ${NAME:-word} with that value or, when it is unset or empty, word.
// "$$" stands for a literal "$". An unset variable without a default is an
// error, since silently posting to an empty webhook is worse than refusing
// to start. Error messages name variables but never print their values.
func expandEnv(s string, lookup func(string) (string, bool)) (string, error) {
	if !strings.Contains(s, "$") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '$')
		if i < 0 || i == len(s)-1 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		switch s[i+1] {
		case '$':
			b.WriteByte('$')
			s = s[i+2:]
		case '{':
			val, rest, err := expandRef(s[i+2:], lookup)
			if err != nil {
				return "", err
			}
			b.WriteString(val)
			s = rest
		default:
			b.WriteByte('$')
			s = s[i+1:]
		}
	}
}

// expandRef expands the reference whose text (after "${") starts s, and
// returns its value and the text after the closing brace.
func expandRef(s string, lookup func(string) (string, bool)) (val, rest string, err error) {
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return "", "", fmt.Errorf(`unterminated "${" in value`)
	}
	ref, rest := s[:end], s[end+1:]
	name, def, hasDef := strings.Cut(ref, ":-")
	if !validEnvName(name) {
		return "", "", fmt.Errorf("invalid environment variable name in ${...}: use letters, digits and _")
	}
	v, ok := lookup(name)
	switch {
	case ok && (v != "" || !hasDef):
		return v, rest, nil
	case hasDef:
		return def, rest, nil
	}
	return "", "", fmt.Errorf("environment variable %s is not set (use ${%s:-default} for a fallback)", name, name)
}

// validEnvName reports whether name is a shell-style variable name.
func validEnvName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		letter := r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}
