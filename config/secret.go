package config

// Secret is a string that never prints: fmt, slog and JSON all see
// "<secret>". Use Reveal where the real value is needed.
type Secret string

const redacted = "<secret>"

// Reveal returns the secret value itself.
func (s Secret) Reveal() string { return string(s) }

// String hides the value from fmt.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString hides the value from %#v.
func (s Secret) GoString() string { return s.String() }

// MarshalText hides the value from JSON, YAML and slog.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
