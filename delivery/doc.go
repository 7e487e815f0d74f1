// Package delivery takes matches to their destinations: it routes them,
// drains the store's outbox in order with one worker per destination,
// retries what a destination may accept later, merges one story told by
// several feeds, gathers digests, and reports destinations that refuse.
// Each destination type (Discord, a JSON webhook, the terminal) is a
// Notifier that takes alerts and renders them itself, so a new type is a
// package of its own and one case in newNotifier.
//
// # Exactly once, as near as Discord allows
//
// Alerts are in the outbox before any network call, and a row is marked
// sent, with Discord's message id, only after Discord answered. A crash can
// therefore never lose an alert; the one window for a duplicate is between
// Discord's answer and that write. Webhook posts use wait=true so the id
// comes back with the answer; bot posts carry a nonce derived from the row
// with enforce_nonce, so Discord itself drops a repeat made within minutes.
// discordgo v0.29.0 has no nonce field, so channel posts go through
// discordgo's own request method with a body that adds it.
//
// # Retries and limits
//
// discordgo's own retries are switched off (its 429 retry sleeps without a
// context, its 502 retry ignores our backoff). A 429 waits exactly as long as
// Discord says (retry_after or Retry-After); 5xx, timeouts and network
// errors back off exponentially from 1s to 10s with jitter while the alert
// is younger than delivery.max_age, so the queue head probes a down
// destination every few seconds and the backlog starts soon after it is
// back; any other 4xx either drops that one
// message (400) or, for 401, 403 and 404 (codes 10015, 10003, 50001, 50013),
// holds the whole destination with the reason in the store, the log and a
// notice to routing.admin, while the others keep going. Each destination
// stays under 5 requests per 2 seconds, and all bot destinations together
// under 50 per second. discordgo's bucket limiter is kept idle (its
// rate-limit headers are dropped), since it sleeps under a lock that no
// context can interrupt.
package delivery
