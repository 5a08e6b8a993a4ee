//! Statistics for comparing two sets of reports: the log-odds ratio with an informative
//! Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16–22).
//!
//! This module only does arithmetic on counts; what is counted (syllables, bigrams, which
//! paragraphs) is decided in [`crate::core::compare`]. Keeping the formula apart lets it be
//! checked against numbers worked out by hand.
//!
//! For a term `w`, with `y_i` its count on side i, `n_i` the total count of all terms on side i,
//! `α_w` its prior pseudo-count and `α0 = Σ α_w`:
//!
//! ```text
//! δ_w   = log((y_i + α_w) / (n_i + α0 − y_i − α_w)) − log((y_j + α_w) / (n_j + α0 − y_j − α_w))
//! σ²_w ≈ 1/(y_i + α_w) + 1/(y_j + α_w)
//! z_w   = δ_w / √σ²_w
//! ```
//!
//! The informative prior shrinks towards a background distribution: `α_w = α0 · π_w`, where
//! `π_w` is the term's share of a background corpus. Here the background is the pooled corpus of
//! both sides (we have no larger one), so `π_w = (y_i + y_j) / (n_i + n_j)`. The paper leaves the
//! prior's strength `α0` to the analyst; [`prior`] takes it as a parameter and
//! [`crate::core::compare`] defaults it to the pooled corpus size, i.e. `α_w` = the pooled count of
//! `w`, so the prior weighs as much as the data. With our small corpora (a handful of reports),
//! that strong shrinkage keeps a word seen twice on one side from topping the list.

/// The log-odds ratio of one term, side i against side j.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogOdds {
    /// The estimated log-odds ratio δ (positive: the term is more typical of side i).
    pub delta: f64,
    /// Its approximate variance σ².
    pub variance: f64,
    /// δ / σ: how many standard errors δ is from zero.
    pub z: f64,
}

/// The pseudo-count `α_w = α0 · (y_i + y_j) / (n_i + n_j)` of a term under the pooled prior.
/// Zero when the pooled corpus is empty (there is then nothing to compare).
pub fn prior(alpha0: f64, y_i: f64, y_j: f64, n_i: f64, n_j: f64) -> f64 {
    let n = n_i + n_j;
    if n > 0.0 {
        alpha0 * (y_i + y_j) / n
    } else {
        0.0
    }
}

/// Eq. 16–22 of Monroe et al. for one term. `alpha_w` must be positive (a term that
/// occurs somewhere has a positive pooled prior), otherwise the logarithms are undefined and
/// the result is all zeros rather than NaN, so callers can sort without surprises.
pub fn log_odds(y_i: f64, n_i: f64, y_j: f64, n_j: f64, alpha_w: f64, alpha0: f64) -> LogOdds {
    let zero = LogOdds {
        delta: 0.0,
        variance: 0.0,
        z: 0.0,
    };
    let rest_i = n_i + alpha0 - y_i - alpha_w;
    let rest_j = n_j + alpha0 - y_j - alpha_w;
    if alpha_w <= 0.0 || rest_i <= 0.0 || rest_j <= 0.0 {
        return zero;
    }
    let delta = ((y_i + alpha_w) / rest_i).ln() - ((y_j + alpha_w) / rest_j).ln();
    let variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w);
    let z = delta / variance.sqrt();
    if z.is_finite() {
        LogOdds { delta, variance, z }
    } else {
        zero
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_input_gives_zeros_not_nan() {
        let r = log_odds(0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assert_eq!(
            r,
            LogOdds {
                delta: 0.0,
                variance: 0.0,
                z: 0.0
            }
        );
        assert_eq!(prior(10.0, 0.0, 0.0, 0.0, 0.0), 0.0);
    }

    #[test]
    fn equal_rates_give_zero() {
        // Equal counts on equally large sides cancel exactly.
        let a = prior(20.0, 3.0, 3.0, 10.0, 10.0);
        let r = log_odds(3.0, 10.0, 3.0, 10.0, a, 20.0);
        assert_eq!(r.delta, 0.0);
        assert_eq!(r.z, 0.0);
    }
}
