package classify

import (
	"errors"
	"math"
)

// sparseRow is one training example's features: values at indices.
type sparseRow struct {
	idx []int
	val []float64
}

func (r sparseRow) dot(w []float64) float64 {
	s := 0.0
	for k, j := range r.idx {
		s += w[j] * r.val[k]
	}
	return s
}

// Newton's method converges in a handful of steps on these small,
// regularised problems; the limits only guard against a pathological
// input.
const (
	newtonSteps     = 100
	newtonTolerance = 1e-9
)

var errNotPositive = errors.New("matrix not positive definite")

// fitLogistic returns the weights that minimise the L2-regularised
// logistic loss, sum over rows of log(1+exp(-y'·w·x)) plus half of
// sum over j of lambda[j]·w[j]², by Newton's method. y holds 0 or 1;
// every lambda must be positive, which makes the problem strictly
// convex, so the minimum is unique and the result does not depend on the
// order of the rows.
func fitLogistic(rows []sparseRow, y []float64, lambda []float64) ([]float64, error) {
	dim := len(lambda)
	return newton(lambda,
		func(w []float64) float64 { return logisticLoss(rows, y, lambda, w) },
		func(w, g, h []float64) {
			for i, r := range rows {
				p := sigmoid(r.dot(w))
				d, c := p-y[i], p*(1-p)
				for a, ja := range r.idx {
					g[ja] += d * r.val[a]
					for b, jb := range r.idx {
						h[ja*dim+jb] += c * r.val[a] * r.val[b]
					}
				}
			}
		})
}

// newton minimises loss, a strictly convex function whose L2 penalty is
// lambda, by Newton's method with step halving. accumulate adds the
// gradient and Hessian (row-major) of the loss without its penalty at w
// to g and h.
func newton(lambda []float64, loss func(w []float64) float64, accumulate func(w, g, h []float64)) ([]float64, error) {
	dim := len(lambda)
	w := make([]float64, dim)
	current := loss(w)
	for range newtonSteps {
		g := make([]float64, dim)
		h := make([]float64, dim*dim)
		accumulate(w, g, h)
		for j := range dim {
			g[j] += lambda[j] * w[j]
			h[j*dim+j] += lambda[j]
		}
		step, err := solveSPD(h, g, dim)
		if err != nil {
			return nil, err
		}
		next, nextLoss := lineSearch(w, step, current, loss)
		done := current-nextLoss < newtonTolerance*(1+math.Abs(current))
		w, current = next, nextLoss
		if done {
			break
		}
	}
	return w, nil
}

func logisticLoss(rows []sparseRow, y []float64, lambda, w []float64) float64 {
	l := 0.0
	for i, r := range rows {
		z := r.dot(w)
		if y[i] < 0.5 {
			z = -z
		}
		l += softplus(-z)
	}
	for j, v := range w {
		l += 0.5 * lambda[j] * v * v
	}
	return l
}

// softplus is log(1+exp(x)) without overflow.
func softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}

// lineSearch takes the Newton step, halving it until the loss does not
// grow.
func lineSearch(w, step []float64, loss float64, f func([]float64) float64) ([]float64, float64) {
	next := make([]float64, len(w))
	for t := 1.0; t > 1e-6; t /= 2 {
		for j := range w {
			next[j] = w[j] - t*step[j]
		}
		if l := f(next); l <= loss {
			return next, l
		}
	}
	return w, loss
}

// choiceGroup is one article's candidates for the primary: a feature
// vector per candidate and which one was chosen.
type choiceGroup struct {
	x      [][]float64
	chosen int
}

// fitChoice returns the weights of a conditional logit model (the
// chosen candidate's share of exp(w·x) among its group's), minimising
// the negative log-likelihood plus half of sum of lambda[j]·w[j]² by
// Newton's method.
func fitChoice(groups []choiceGroup, lambda []float64) ([]float64, error) {
	dim := len(lambda)
	return newton(lambda,
		func(w []float64) float64 { return choiceLoss(groups, lambda, w) },
		func(w, g, h []float64) {
			for _, gr := range groups {
				p := softmax(gr.x, w)
				mean := make([]float64, dim)
				for k, x := range gr.x {
					y := b2f(k == gr.chosen)
					for a := range dim {
						g[a] += (p[k] - y) * x[a]
						mean[a] += p[k] * x[a]
						for b := range dim {
							h[a*dim+b] += p[k] * x[a] * x[b]
						}
					}
				}
				for a := range dim {
					for b := range dim {
						h[a*dim+b] -= mean[a] * mean[b]
					}
				}
			}
		})
}

func choiceLoss(groups []choiceGroup, lambda, w []float64) float64 {
	l := 0.0
	for _, gr := range groups {
		p := softmax(gr.x, w)
		l -= math.Log(max(p[gr.chosen], 1e-300))
	}
	for j, v := range w {
		l += 0.5 * lambda[j] * v * v
	}
	return l
}

// softmax returns each candidate's share of exp(w·x).
func softmax(xs [][]float64, w []float64) []float64 {
	z := make([]float64, len(xs))
	top := math.Inf(-1)
	for k, x := range xs {
		for j, v := range x {
			z[k] += w[j] * v
		}
		top = max(top, z[k])
	}
	sum := 0.0
	for k := range z {
		z[k] = math.Exp(z[k] - top)
		sum += z[k]
	}
	for k := range z {
		z[k] /= sum
	}
	return z
}

// solveSPD solves A·x = b for a symmetric positive definite n×n matrix
// (row-major) by Cholesky factorisation.
func solveSPD(a, b []float64, n int) ([]float64, error) {
	l := make([]float64, n*n)
	for i := range n {
		for j := 0; j <= i; j++ {
			s := a[i*n+j]
			for k := range j {
				s -= l[i*n+k] * l[j*n+k]
			}
			if i == j {
				if s <= 0 || math.IsNaN(s) {
					return nil, errNotPositive
				}
				l[i*n+i] = math.Sqrt(s)
			} else {
				l[i*n+j] = s / l[j*n+j]
			}
		}
	}
	y := make([]float64, n)
	for i := range n {
		s := b[i]
		for k := range i {
			s -= l[i*n+k] * y[k]
		}
		y[i] = s / l[i*n+i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= l[k*n+i] * x[k]
		}
		x[i] = s / l[i*n+i]
	}
	return x, nil
}
