package config

import (
	"fmt"
	"log/slog"
)

// Secret is a string that never prints: fmt (every verb, %#v included),
// slog and JSON all see "<secret>". An empty secret prints as "" so that
// "not set" stays visible. Use Reveal where the real value is needed.
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

// Format hides the value from every fmt verb, including %x and %q which
// would otherwise print the underlying string.
func (s Secret) Format(f fmt.State, verb rune) {
	_, _ = f.Write([]byte(s.String()))
}

// MarshalText hides the value from JSON, YAML and text encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue hides the value from slog, whatever the handler.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
