package pgtest

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Each call gives an empty database of its own, gone when its test ends.
func TestDSNGivesFreshDatabasesDroppedAfter(t *testing.T) {
	ctx := context.Background()
	var names []string
	for i := range 2 {
		t.Run("fresh", func(t *testing.T) {
			dsn := DSN(t)
			conn, err := pgx.Connect(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			var tables int
			if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil {
				t.Fatal(err)
			}
			if tables != 0 {
				t.Errorf("database %d holds %d tables, want none", i, tables)
			}
			if _, err := conn.Exec(ctx, `CREATE TABLE left_behind (x int)`); err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(dsn)
			names = append(names, strings.TrimPrefix(u.Path, "/"))
		})
	}
	if t.Failed() {
		return
	}
	if len(names) == 0 {
		t.Skip("the databases were skipped: no server")
	}
	if len(names) != 2 || names[0] == names[1] {
		t.Fatalf("databases %v, want two distinct", names)
	}
	admin, err := pgx.Connect(ctx, os.Getenv(Env))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var left int
	if err := admin.QueryRow(ctx, `SELECT count(*) FROM pg_database WHERE datname = ANY($1)`, names).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("%d of the test databases %v were not dropped", left, names)
	}
}
