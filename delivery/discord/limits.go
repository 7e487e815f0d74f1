package discord

// Discord's documented message and embed limits, in characters.
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxThreadName  = 100
	maxFooter      = 2048
	maxAuthor      = 256
	maxEmbedTotal  = 6000
	maxEmbeds      = 10
)
