package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long file changes must settle before a reload: editors
// write a file in several steps (truncate, write, rename over).
const debounce = 300 * time.Millisecond

// fileWatcher reports changes to the config file and rule files. It
// watches their folders rather than the files, because editors that save
// by renaming a temporary file over the original replace the watched inode.
type fileWatcher struct {
	w     *fsnotify.Watcher
	files map[string]bool // exact files of interest
	dirs  map[string]bool // folders whose *.yaml files are of interest
}

func newFileWatcher(configPath string, rulePaths []string) (*fileWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch files: %w", err)
	}
	fw := &fileWatcher{w: w, files: map[string]bool{}, dirs: map[string]bool{}}
	watched := map[string]bool{}
	add := func(dir string) error {
		if watched[dir] {
			return nil
		}
		watched[dir] = true
		return w.Add(dir)
	}
	if configPath != "" {
		fw.files[filepath.Clean(configPath)] = true
		if err := add(filepath.Dir(configPath)); err != nil {
			w.Close()
			return nil, fmt.Errorf("watch %s: %w", configPath, err)
		}
	}
	for _, p := range rulePaths {
		dir := p
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			fw.files[filepath.Clean(p)] = true
			dir = filepath.Dir(p)
		} else {
			fw.dirs[filepath.Clean(p)] = true
		}
		if err := add(dir); err != nil {
			w.Close()
			return nil, fmt.Errorf("watch %s: %w", p, err)
		}
	}
	return fw, nil
}

func (fw *fileWatcher) relevant(name string) bool {
	name = filepath.Clean(name)
	if fw.files[name] {
		return true
	}
	ext := filepath.Ext(name)
	return fw.dirs[filepath.Dir(name)] && (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(filepath.Base(name), ".")
}

// run sends on changed once changes have settled, until ctx ends.
func (fw *fileWatcher) run(ctx context.Context, changed chan<- struct{}, log *slog.Logger) {
	defer fw.w.Close()
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return
		case ev, ok := <-fw.w.Events:
			if !ok {
				return
			}
			if !fw.relevant(ev.Name) {
				continue
			}
			if timer == nil {
				timer = time.NewTimer(debounce)
			} else {
				timer.Reset(debounce)
			}
			fire = timer.C
		case err, ok := <-fw.w.Errors:
			if !ok {
				return
			}
			log.Warn("file watch", slog.Any("error", err))
		case <-fire:
			fire = nil
			select {
			case changed <- struct{}{}:
			default: // a reload is already pending
			}
		}
	}
}
