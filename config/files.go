package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// maxSecretFile bounds a token or webhook file: a secret is a line, and a
// path pointing at something huge by mistake should fail, not load it.
const maxSecretFile = 64 << 10

// resolvePaths makes every relative path in c relative to dir, the folder
// of the config file, so the daemon does not depend on where it was started.
func resolvePaths(c *Config, dir string) {
	if !isPostgresURL(c.StateFile) { // left as written, for validateStateDSN to refuse
		c.StateFile = resolve(dir, c.StateFile)
	}
	c.StateDSNFile = resolve(dir, c.StateDSNFile)
	for i, p := range c.Rules.Paths {
		c.Rules.Paths[i] = resolve(dir, p)
	}
	c.Discord.TokenFile = resolve(dir, c.Discord.TokenFile)
	for i := range c.Destinations {
		d := &c.Destinations[i].Discord
		d.WebhookFile = resolve(dir, d.WebhookFile)
	}
	for i := range c.Lists {
		if !isRemote(c.Lists[i].URL) {
			c.Lists[i].URL = resolve(dir, c.Lists[i].URL)
		}
	}
}

// resolve joins a relative path onto dir; empty and absolute paths stay.
func resolve(dir, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// isRemote reports whether a list location is a URL rather than a path.
func isRemote(loc string) bool {
	return strings.Contains(loc, "://")
}

// readSecretFiles loads token_file and webhook_file into their secrets. A
// file and an inline value together are an error: which one wins would be
// a guess.
func (ch *checker) readSecretFiles(c *Config) {
	ch.readSecret(&c.StateDSN, c.StateDSNFile, "state_dsn", "state")
	ch.readSecret(&c.Discord.Token, c.Discord.TokenFile, "discord.token", "discord")
	for i := range c.Destinations {
		d := &c.Destinations[i]
		label := fmt.Sprintf("destination %q", d.Name)
		ch.readSecret(&d.Discord.Webhook, d.Discord.WebhookFile, fmt.Sprintf("destinations[%d].discord.webhook", i), label)
	}
}

// readSecret fills s from the file at path (trimmed), if path is set; key
// is the path of the inline value, key+"_file" that of the file. On failure
// key is marked as reported, so the missing value is not reported again.
func (ch *checker) readSecret(s *Secret, path, key, label string) {
	if path == "" {
		return
	}
	fileKey := key + "_file"
	if *s != "" {
		ch.errorf(fileKey, "%s: set %s or %s, not both", label, lastKey(key), lastKey(fileKey))
		return
	}
	val, err := readSecretFile(path)
	if err != nil {
		ch.errorf(fileKey, "%s: %s: %v", label, lastKey(fileKey), err)
		ch.bad[key] = true
		return
	}
	*s = Secret(val)
}

// readSecretFile returns the trimmed content of a secret file. Its errors
// name the file but never quote its content.
func readSecretFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", describeFileErr(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return "", describeFileErr(path, err)
	}
	if len(data) > maxSecretFile {
		return "", fmt.Errorf("%s is larger than %d bytes; is it the right file?", path, maxSecretFile)
	}
	val := strings.TrimSpace(string(data))
	if val == "" {
		return "", fmt.Errorf("%s is empty", path)
	}
	return val, nil
}

// describeFileErr words a file error for an operator without Go's "open"
// prefix noise.
func describeFileErr(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s is not readable (permission denied)", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", path, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}

// lastKey is the final key of a path: "destinations[0].webhook" -> "webhook".
func lastKey(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}
