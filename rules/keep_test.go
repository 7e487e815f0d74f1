package rules

import (
	"runtime"
	"strings"
	"testing"
)

// A compiled set must not keep its rule files' text alive: every name,
// alias, query and title it keeps is a copy. The file here carries 4 MB
// of comments and the set holds a few kilobytes; were any string it keeps
// a part of the file, the whole file would stay in memory with it.
func TestCompiledSetKeepsNoFileText(t *testing.T) {
	src := `entities:
  - id: acme
    kind: organisation
    name: Acme Trading
    notes: a front company
    links: [https://example.org/acme]
    aliases: [Acme Trading, Acme Shipping]
    case_sensitive: [ACME]
lists:
  drones: [drone, UAV]
extend:
  lists:
    drones: [Shahed]
  entities:
    acme:
      aliases: [Acme Marine]
rules:
  - id: acme-drones
    title: Acme ships drones
    description: a listed front company and drones
    severity: high
    tags: [drones]
    route: [alerts]
    query: '@acme AND $drones'
    examples:
      match:
        - title: Acme Marine ships Shahed drones
`
	before := liveHeap()
	var b strings.Builder
	b.WriteString(src)
	for b.Len() < 4<<20 {
		b.WriteString("# " + strings.Repeat("padding ", 12) + "\n")
	}
	data := []byte(b.String())
	b.Reset()

	rs := mustCompile(t, Source{Name: "big.yaml", Data: data})
	held := liveHeap() - before
	runtime.KeepAlive(rs)
	if held > 1<<20 {
		t.Errorf("the compiled set holds %d KiB: it keeps the file's text", held>>10)
	}
}

func liveHeap() int64 {
	runtime.GC()
	runtime.GC() // a second cycle frees what pools held through the first
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
