package app

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/feed"
	"github.com/sanctionwatch/sanctionwatch/htmltext"
	"github.com/sanctionwatch/sanctionwatch/story"
	"github.com/sanctionwatch/sanctionwatch/watchers"
)

// maxInput bounds what `test` reads from a file, stdin or URL.
const maxInput = 10 << 20

// ReadStories turns the input of `sanctionwatch test` into stories: "-" is
// stdin, an http(s) URL is fetched, anything else is a file. A feed gives
// one story per item; an HTML page gives its article; plain text gives one
// story whose first line is the title. A URL is fetched by the daemon's
// fetcher with w's limits and address guard. Input that is not text (a
// binary, random bytes) is refused.
func ReadStories(ctx context.Context, w config.Watch, input string, stdin io.Reader) ([]story.Story, error) {
	data, base, err := readInput(ctx, w, input, stdin)
	if err != nil {
		return nil, err
	}
	if err := checkText(data); err != nil {
		return nil, fmt.Errorf("read %s: %w", input, err)
	}
	return storiesFrom(input, data, base)
}

func readInput(ctx context.Context, w config.Watch, input string, stdin io.Reader) (data []byte, base string, err error) {
	switch {
	case input == "-":
		data, err = readLimited(stdin)
	case strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://"):
		data, base, err = fetch(ctx, w, input)
	default:
		var f *os.File
		if f, err = os.Open(input); err == nil {
			defer f.Close()
			data, err = readLimited(f)
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", input, err)
	}
	return data, base, nil
}

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		if err := checkText(data); err != nil {
			return nil, err // say what it is rather than only that it is big
		}
		return nil, fmt.Errorf("input is larger than %d MB", maxInput>>20)
	}
	return data, nil
}

// fetch gets url as a poll would, through the same fetcher.
func fetch(ctx context.Context, w config.Watch, url string) (data []byte, final string, err error) {
	w.MaxBodyBytes = min(orMax(w.MaxBodyBytes), maxInput)
	f := watchers.NewFetcher(w, "sanctionwatch-test")
	resp, err := f.Fetch(ctx, watchers.Request{Feed: url, URL: url})
	if err != nil {
		return nil, "", err
	}
	return resp.Body, resp.URL, nil
}

func orMax(n int64) int64 {
	if n <= 0 {
		return maxInput
	}
	return n
}

// storiesFrom reads data as the daemon would a feed, and only when the
// feed reader says it is no feed as an HTML page or text.
func storiesFrom(name string, data []byte, base string) ([]story.Story, error) {
	doc, err := feed.Parse(feed.Source{ID: "test", Name: name, URL: base}, data, time.Now())
	if err == nil {
		return doc.Stories(), nil
	}
	if !errors.Is(err, feed.ErrNotFeed) {
		return nil, err
	}
	if looksLikeHTML(data) {
		title, text, err := htmltext.Page(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return []story.Story{{Key: contentKey(data), Title: title, Content: text, Link: base}}, nil
	}
	return []story.Story{textStory(data, base)}, nil
}

func looksLikeHTML(data []byte) bool {
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") ||
		strings.Contains(head, "<body") || strings.Contains(head, "<p>")
}

// textStory takes the first non-empty line as the title, the rest as content.
func textStory(data []byte, link string) story.Story {
	s := story.Story{Key: contentKey(data), Link: link}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxInput)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			s.Title = line
			break
		}
	}
	rest := string(data)
	if i := strings.Index(rest, s.Title); i >= 0 && s.Title != "" {
		rest = rest[i+len(s.Title):]
	}
	s.Content = strings.TrimSpace(rest)
	return s
}

func contentKey(data []byte) string {
	sum := sha256.Sum256(data)
	return "hash:" + hex.EncodeToString(sum[:8])
}
