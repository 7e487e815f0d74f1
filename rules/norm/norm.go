// Package norm turns text into the word tokens that rules match against.
//
// Stories and rule terms go through the same function, so whatever the
// folding does it does to both: case folded, accents removed, NFKC
// compatibility forms unified (ﬁ, full-width letters), typographic
// apostrophes equal to plain ones, and every run of punctuation, hyphens,
// dashes or spaces a single word break ("Kim Jong-un" = "KIM JONG UN"). An
// English possessive is dropped ("Russia's" = "Russia"). Each token keeps
// the byte offsets of its original text, so hits can be highlighted where
// they were found.
//
// Other scripts (see script.go and readings.go): Arabic and Persian letters
// written interchangeably are unified and their digits read as ASCII;
// Arabic words and Korean words also carry other readings without their
// proclitics or particles; Chinese and Japanese characters are one token
// each and count half a word in distances (Token.Pos).
//
// Plain ASCII, the bulk of news text, takes a fast path that folds and
// hashes bytes in one pass; only words holding other characters go through
// the Unicode tables. Han and kana characters and words of Hangul
// syllables alone, the bulk of Chinese, Japanese and Korean text, take
// paths of their own (Tokens.next) that give the tokens and readings
// unicodeWord would, as the tests check.
package norm

import (
	"encoding/binary"
	"math/bits"
)

// Token is one word of a text.
type Token struct {
	Start, End int32  // byte offsets of the word in the original text
	Hash       uint64 // hash of the folded word (see Hash)
	// The folded word is Tokens.Buf[FoldStart:FoldEnd].
	FoldStart, FoldEnd int32
	// Pos is the token's place in half-words: a character of a script
	// written without spaces (Chinese, Japanese) counts half a word, any
	// other token a whole one, so that distances ("within 10 words") mean
	// about the same in every language.
	Pos int32
	// Alt, when not zero, is 1 + the index in Tokens.Alts of this token's
	// first other reading; its readings follow one another there.
	Alt int32
}

// Alt is another reading of a token: the word without a clitic or a
// particle (والعقوبات -> عقوبات, 북한이 -> 북한). Matching tries the word
// as written and each reading, so a word that only looks prefixed (لبنان)
// still matches itself.
type Alt struct {
	Tok                int32 // index of the token in Tokens.List
	Hash               uint64
	FoldStart, FoldEnd int32 // the reading is Tokens.Buf[FoldStart:FoldEnd]
}

// Tokens is the tokenised form of one text. It is reused between texts to
// save allocations: Reset keeps the backing arrays.
type Tokens struct {
	fold *folder
	raw  []byte
	List []Token
	Alts []Alt
	Buf  []byte // folded words and readings, back to back
	pos  int32  // Pos of the next token
}

// Reset empties t for reuse.
func (t *Tokens) Reset() {
	t.List = t.List[:0]
	t.Alts = t.Alts[:0]
	t.Buf = t.Buf[:0]
	t.pos = 0
}

// Readings returns the other readings of token i (nil for most tokens).
func (t *Tokens) Readings(i int) []Alt {
	a := t.List[i].Alt
	if a == 0 {
		return nil
	}
	first := a - 1
	end := first + 1
	for int(end) < len(t.Alts) && t.Alts[end].Tok == int32(i) {
		end++
	}
	return t.Alts[first:end]
}

// AltFold returns the folded form of a reading.
func (t *Tokens) AltFold(a *Alt) []byte {
	return t.Buf[a.FoldStart:a.FoldEnd]
}

// Fold returns the folded form of token i.
func (t *Tokens) Fold(i int) []byte {
	tok := &t.List[i]
	return t.Buf[tok.FoldStart:tok.FoldEnd]
}

// Hash returns the token hash of an already folded word. It mixes eight
// bytes per multiply, so hashing costs little next to finding the word;
// collisions are possible and callers compare the folded bytes.
func Hash(folded []byte) uint64 {
	h := uint64(hashSeed)
	n := len(folded)
	for len(folded) >= 8 {
		h = mix(h, binary.LittleEndian.Uint64(folded))
		folded = folded[8:]
	}
	if len(folded) > 0 {
		var acc uint64
		for i, c := range folded {
			acc |= uint64(c) << (8 * i)
		}
		h = mix(h, acc)
	}
	return finish(h, n)
}

// hashSeed starts every hash; finish mixes in the length, so that words
// differing only in trailing zero bytes differ.
const hashSeed = 0x243f6a8885a308d3

func finish(h uint64, n int) uint64 {
	h ^= uint64(n) * mixPrime1
	return h ^ h>>29
}

// HashString is Hash for a string.
func HashString(folded string) uint64 {
	return Hash([]byte(folded))
}

const (
	mixPrime1 = 0x9e3779b97f4a7c15
	mixPrime2 = 0xbf58476d1ce4e5b9
)

func mix(h, v uint64) uint64 {
	h ^= v * mixPrime2
	h = bits.RotateLeft64(h, 31) * mixPrime1
	return h
}
