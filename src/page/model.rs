//! Logistic models fitted outside the core (`scripts/fit/fit.py`) and
//! loaded from data files: `name weight` lines, `bias` among them, `#`
//! comments. The core never hand-sums evidence where data could fit it.

/// A logistic model over named features.
#[derive(Clone, Debug)]
pub struct Model {
    bias: f32,
    weights: Vec<f32>,
}

impl Model {
    /// Reads a weights file for the features `names` (in that order). A
    /// feature the file does not name weighs nothing; a name the file has
    /// but `names` lacks is ignored (the tests check that both agree).
    pub fn parse(text: &str, names: &[&str]) -> Self {
        let mut model = Model { bias: 0.0, weights: vec![0.0; names.len()] };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut parts = line.split_whitespace();
            let (Some(name), Some(Ok(w))) = (parts.next(), parts.next().map(str::parse::<f32>)) else { continue };
            if name == "bias" {
                model.bias = w;
            } else if let Some(i) = names.iter().position(|n| *n == name) {
                model.weights[i] = w;
            }
        }
        model
    }

    /// The names a weights file gives weights to, `bias` aside.
    pub fn names_in(text: &str) -> Vec<&str> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|n| *n != "bias")
            .collect()
    }

    /// The linear score of feature values (in the order of the names).
    pub fn score(&self, values: &[f32]) -> f32 {
        self.bias + self.weights.iter().zip(values).map(|(w, v)| w * v).sum::<f32>()
    }

    /// The probability of the positive class.
    pub fn probability(&self, values: &[f32]) -> f32 {
        1.0 / (1.0 + (-self.score(values)).exp())
    }
}
