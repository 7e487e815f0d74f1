package config

import "time"

// Default returns the configuration used for every key a file leaves out:
// polite polling of a few dozen feeds, loopback-only metrics, alerts printed
// to the terminal until a destination is added.
func Default() *Config {
	return &Config{
		StateFile: "sanctionwatch.db",
		HTTP:      HTTP{Listen: "127.0.0.1:9464"},
		Log:       Log{Level: "info", Format: "auto"},
		Rules:     Rules{DefaultPack: true},
		Watch:     defaultWatch(),
		Delivery: Delivery{
			MaxAge:        24 * time.Hour,
			ShutdownGrace: 10 * time.Second,
			DedupWindow:   6 * time.Hour,
		},
		Events:       Events{Window: 48 * time.Hour, EscalateAfter: 3, Merge: true},
		History:      History{TextCap: 64 << 10, Retention: 30 * 24 * time.Hour},
		Interactions: Interactions{Gateway: true, AdminPermission: "manage_guild"},
	}
}

// defaultWatch is the polling policy: every ten minutes with some jitter,
// at most two requests to one host at a time, backing off up to six hours.
func defaultWatch() Watch {
	return Watch{
		Schedule:         "@every 10m",
		Jitter:           30 * time.Second,
		Timeout:          30 * time.Second,
		ConnectTimeout:   10 * time.Second,
		MaxBodyBytes:     10 << 20,
		MaxRedirects:     5,
		Concurrency:      16,
		PerHost:          2,
		MaxBackoff:       6 * time.Hour,
		FailureThreshold: 5,
		Retention:        90 * 24 * time.Hour,
	}
}

// defaultList is the starting point of every entry under lists: sanctions
// lists change a few times a week, and an import that loses more than half
// of the list is far more likely a broken download than a mass delisting.
func defaultList() List {
	return List{Schedule: "@every 6h", MaxDrop: 0.5}
}
