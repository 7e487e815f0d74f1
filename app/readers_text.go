package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/sanctionwatch/sanctionwatch/interactions"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// testInput answers /sanctionwatch test: input is an http(s) URL to fetch
// or the text of a story (first line the title). Files are never read:
// the input comes from anyone in the Discord server.
func (a *App) testInput(ctx context.Context, input string) (string, error) {
	var stories []story.Story
	var err error
	if strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://") {
		stories, err = fetchPublicStories(ctx, input)
	} else {
		stories = []story.Story{textStory([]byte(input), "")}
	}
	if err != nil {
		return fmt.Sprintf("Could not read %s: %v", input, err), nil
	}
	rs := a.rules.Load()
	var sb strings.Builder
	for i := range stories {
		ms := rs.Match(&stories[i])
		if len(ms) == 0 {
			fmt.Fprintf(&sb, "no match: %s\n", stories[i].Title)
			continue
		}
		sb.WriteString("ALERT " + interactions.Explain(story.Alert{Story: stories[i], Matches: ms}))
	}
	return sb.String(), nil
}

// errPrivateAddress refuses fetches to this machine or its network, so
// that a reader cannot make the bot read internal services.
var errPrivateAddress = errors.New("refusing a private or local address")

// publicOnly is a dialer hook that allows only public unicast addresses.
func publicOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() ||
		ip.IsMulticast() || ip.IsLinkLocalMulticast() {
		return errPrivateAddress
	}
	return nil
}

var publicClient = &http.Client{
	Timeout: 10 * time.Second,
	Transport: &http.Transport{DialContext: (&net.Dialer{Timeout: 5 * time.Second, Control: publicOnly}).DialContext,
		Proxy: nil},
}

func fetchPublicStories(ctx context.Context, url string) ([]story.Story, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "sanctionwatch-test")
	resp, err := publicClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	data, err := readLimited(io.Reader(resp.Body))
	if err != nil {
		return nil, err
	}
	return storiesFrom(url, data, url)
}

// statusText answers /sanctionwatch status.
func (a *App) statusText(ctx context.Context) (string, error) {
	dests, err := a.store.OutboxStats(ctx)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	for _, d := range dests {
		state := "ok"
		if d.Failed != "" {
			state = "STOPPED: " + d.Failed
		}
		fmt.Fprintf(&sb, "destination `%s`: %d queued, %s\n", d.Destination, d.Depth, state)
	}
	feeds, err := a.store.Feeds(ctx)
	if err != nil {
		return "", err
	}
	failing := 0
	for _, f := range feeds {
		if f.Failing {
			failing++
		}
	}
	mutes, err := a.store.ActiveMutes(ctx)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&sb, "feeds: %d configured, %d failing\nmutes in force: %d\n", len(a.cfg.Load().Feeds), failing, len(mutes))
	return sb.String(), nil
}
