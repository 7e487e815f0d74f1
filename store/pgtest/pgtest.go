// Package pgtest gives tests a PostgreSQL database of their own on the
// server named by SANCTIONWATCH_TEST_PG (a postgres:// URL of a user who
// may create databases): one fresh database per test, dropped when the
// test ends. Without that variable the tests that need one skip, saying
// so; with SANCTIONWATCH_TEST_PG_REQUIRED=1 (as CI sets) they fail
// instead, so a missing server is never mistaken for a pass.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the variable that holds the server's URL.
const Env = "SANCTIONWATCH_TEST_PG"

// RequiredEnv names the variable that turns a skip into a failure.
const RequiredEnv = "SANCTIONWATCH_TEST_PG_REQUIRED"

// DSN creates an empty database and returns its URL; the database is
// dropped, with any connection still open to it, when tb ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv(Env)
	if admin == "" {
		unavailable(tb, fmt.Sprintf("no PostgreSQL server: set %s to a postgres:// URL to run this test", Env))
	}
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		tb.Fatalf("%s must be a postgres:// URL", Env)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		unavailable(tb, fmt.Sprintf("PostgreSQL server of %s unreachable: %v", Env, err))
	}
	defer conn.Close(ctx)
	name := "sanctionwatch_test_" + randomSuffix(tb)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() { drop(tb, admin, name) })
	u.Path = "/" + name
	return u.String()
}

// unavailable skips, or fails when the server is required.
func unavailable(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv(RequiredEnv) == "1" {
		tb.Fatalf("%s (%s=1)", why, RequiredEnv)
	}
	tb.Skip(why)
}

func drop(tb testing.TB, admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Errorf("drop test database %s: %v", name, err)
		return
	}
	defer conn.Close(ctx)
	// FORCE ends connections a test left open (a listener, a pool).
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		tb.Errorf("drop test database %s: %v", name, err)
	}
}

func randomSuffix(tb testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	return hex.EncodeToString(b)
}
