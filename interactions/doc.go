// Package interactions lets readers act on alerts from Discord: buttons on
// alerts (Relevant, Not relevant, Mute this rule, Mute this feed) and the
// /sanctionwatch command (why, test, status, mute, unmute, mutes,
// feedback). Interactions arrive either over the Gateway (a bot session;
// works behind NAT) or at an HTTP endpoint that checks Discord's Ed25519
// signature. Both paths share one Bot, which answers within Discord's three
// seconds or defers and edits the answer in later.
package interactions
