package rules

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// readFiles parses the sources, a file at a time on up to GOMAXPROCS
// goroutines, which it starts and joins. Docs and errors come back in
// the sources' order, whichever file finished first.
func readFiles(sources []Source) ([]*fileDoc, Errors) {
	docs := make([]*fileDoc, len(sources))
	errs := make([]Errors, len(sources))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sources)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(sources); i = int(next.Add(1)) - 1 {
				docs[i], errs[i] = parseFile(sources[i].Name, sources[i].Data)
			}
		})
	}
	wg.Wait()
	var all Errors
	for _, e := range errs {
		all = append(all, e...)
	}
	return docs, all
}
