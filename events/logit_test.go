package events

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// logit is an L2-regularised logistic regression over standardised
// inputs; column 0 is the intercept, neither scaled nor penalised.
type logit struct {
	w, mean, scale []float64
}

// fitLogit fits weights to examples xs with labels ys by Newton's method,
// penalising the squared weights by lambda.
func fitLogit(xs [][]float64, ys []bool, lambda float64) (*logit, error) {
	if len(xs) == 0 {
		return nil, fmt.Errorf("fit logit: no examples")
	}
	l := standardiser(xs)
	zs := make([][]float64, len(xs))
	for i, x := range xs {
		zs[i] = l.standard(x)
	}
	l.w = make([]float64, len(xs[0]))
	for range 50 {
		step, err := l.newtonStep(zs, ys, lambda)
		if err != nil {
			return nil, fmt.Errorf("fit logit: %w", err)
		}
		moved := 0.0
		for j := range l.w {
			l.w[j] -= step[j]
			moved = max(moved, math.Abs(step[j]))
		}
		if moved < 1e-8 {
			break
		}
	}
	return l, nil
}

// standardiser returns a logit that centres and scales each column but
// the intercept to unit deviation; a constant column is left as it is.
func standardiser(xs [][]float64) *logit {
	d := len(xs[0])
	l := &logit{mean: make([]float64, d), scale: make([]float64, d)}
	for j := range d {
		var sum, sq float64
		for _, x := range xs {
			sum += x[j]
			sq += x[j] * x[j]
		}
		n := float64(len(xs))
		l.mean[j] = sum / n
		l.scale[j] = math.Sqrt(max(0, sq/n-l.mean[j]*l.mean[j]))
		if j == 0 || l.scale[j] < 1e-12 {
			l.mean[j], l.scale[j] = 0, 1
		}
	}
	return l
}

func (l *logit) standard(x []float64) []float64 {
	z := make([]float64, len(x))
	for j := range x {
		z[j] = (x[j] - l.mean[j]) / l.scale[j]
	}
	return z
}

// newtonStep returns H⁻¹g for the penalised log-loss at l.w.
func (l *logit) newtonStep(zs [][]float64, ys []bool, lambda float64) ([]float64, error) {
	d := len(l.w)
	g := make([]float64, d)
	h := make([][]float64, d)
	for j := range h {
		h[j] = make([]float64, d)
	}
	for i, z := range zs {
		p := sigmoid(dot(l.w, z))
		r := p - b2f(ys[i])
		c := p * (1 - p)
		for j := range d {
			g[j] += r * z[j]
			for k := range d {
				h[j][k] += c * z[j] * z[k]
			}
		}
	}
	for j := 1; j < d; j++ {
		g[j] += lambda * l.w[j]
		h[j][j] += lambda
	}
	h[0][0] += 1e-9 // keeps the system solvable when one class is absent
	return solve(h, g)
}

// prob is the fitted probability that a pair with inputs x joins.
func (l *logit) prob(x []float64) float64 {
	return sigmoid(dot(l.w, l.standard(x)))
}

func sigmoid(t float64) float64 { return 1 / (1 + math.Exp(-t)) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// solve solves a·x = b for a symmetric positive definite a by Cholesky
// decomposition.
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	lo := make([][]float64, n)
	for i := range n {
		lo[i] = make([]float64, n)
		for j := 0; j <= i; j++ {
			s := a[i][j]
			for k := range j {
				s -= lo[i][k] * lo[j][k]
			}
			if i == j {
				if s <= 0 {
					return nil, fmt.Errorf("matrix not positive definite at column %d", i)
				}
				lo[i][i] = math.Sqrt(s)
			} else {
				lo[i][j] = s / lo[j][j]
			}
		}
	}
	y := make([]float64, n)
	for i := range n {
		s := b[i]
		for k := range i {
			s -= lo[i][k] * y[k]
		}
		y[i] = s / lo[i][i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= lo[k][i] * x[k]
		}
		x[i] = s / lo[i][i]
	}
	return x, nil
}

// The fit recovers the probabilities of data drawn from a known logistic
// model, whatever the scale of its inputs.
func TestFitLogitRecoversModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	truth := func(x []float64) float64 { return sigmoid(-0.5 + 2*x[1] - 0.01*x[2]) }
	var xs [][]float64
	var ys []bool
	for range 20000 {
		x := []float64{1, rng.NormFloat64(), 100 * rng.NormFloat64(), rng.Float64()}
		xs, ys = append(xs, x), append(ys, rng.Float64() < truth(x))
	}
	l, err := fitLogit(xs, ys, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range [][]float64{{1, 0, 0, 0.5}, {1, 1, -50, 0.1}, {1, -1, 80, 0.9}} {
		if got, want := l.prob(x), truth(x); math.Abs(got-want) > 0.03 {
			t.Errorf("prob(%v) = %.3f, want %.3f", x, got, want)
		}
	}
}
