// Package sanctionwatch holds what the binary carries with it: the default
// config.yaml, so that `sanctionwatch run` works with no file at all.
package sanctionwatch

import _ "embed"

// DefaultConfig is the repository's config.yaml: real feeds, the default
// rule pack, no Discord destination (alerts print to the terminal).
//
//go:embed config.yaml
var DefaultConfig []byte
