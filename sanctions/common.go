package sanctions

// commonWords are English words that listed names are often made of
// ("HOPE", "GOLDEN STAR", "UNITY"): a name made only of them appears in
// news every day without meaning the party, so it needs context. The list
// is short on purpose; single words need context anyway.
var commonWords = wordSet(
	"a", "an", "and", "of", "the", "in", "on", "for", "to", "by", "at", "new", "old",
	"hope", "orion", "glory", "unity", "star", "golden", "gold", "silver", "sun", "sunrise",
	"moon", "sky", "sea", "ocean", "pearl", "light", "diamond", "crystal", "royal", "grace",
	"peace", "victory", "freedom", "liberty", "future", "progress", "union", "united", "national",
	"general", "international", "global", "world", "first", "great", "grand", "east", "west",
	"north", "south", "eastern", "western", "northern", "southern", "central", "asia", "pacific",
	"atlantic", "red", "blue", "green", "white", "black", "one", "two", "three", "best", "bright",
	"fortune", "lucky", "rich", "prosperity", "harmony", "friendship", "dragon", "eagle", "lion",
	"tiger", "phoenix", "rose", "lotus", "spring", "summer", "winter", "river", "mountain",
	"island", "bay", "port", "harbour", "harbor", "bridge", "power", "energy", "oil", "gas",
	"trading", "trade", "group", "holding", "holdings", "services", "company", "bank", "capital",
	"leader", "pioneer", "explorer", "spirit", "wind", "wave", "jewel", "treasure", "crown",
	"ace", "alpha", "omega", "delta", "sigma", "prime", "max", "plus", "nova", "venus", "mars",
	"jupiter", "neptune", "mercury", "apollo", "atlas", "titan", "hero", "champion", "courage",
	"faith", "joy", "day", "base", "people", "women", "men", "justice", "alert", "forest",
	"army", "force", "forces", "front", "party", "movement", "committee", "council", "state", "love", "dream", "destiny", "horizon", "galaxy", "planet", "comet",
)

// wordSet makes a set of words.
func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// allCommon reports whether every word is a common word.
func allCommon(ws []string) bool {
	for _, w := range ws {
		if !commonWords[w] {
			return false
		}
	}
	return len(ws) > 0
}
