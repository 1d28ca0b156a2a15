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

#[cfg(test)]
mod tests {
    use super::Model;

    /// The names a file gives weights to, less the model's own settings.
    fn weighted(text: &str) -> Vec<&str> {
        Model::names_in(text).into_iter().filter(|n| *n != "threshold" && *n != "text_bias").collect()
    }

    #[test]
    fn weights_files_and_features_agree() {
        assert_eq!(weighted(include_str!("verdict.weights")), crate::page::verdict::FEATURE_NAMES);
        assert_eq!(weighted(include_str!("../detect/teaser.weights")), crate::detect::teaser::FEATURE_NAMES);
        for file in [
            include_str!("../detect/register/disclaimer.weights"),
            include_str!("../detect/register/promo.weights"),
            include_str!("../detect/register/notice.weights"),
        ] {
            let features: Vec<&str> = weighted(file).into_iter().filter_map(|n| n.strip_prefix("f:")).collect();
            let mut want: Vec<&str> = crate::detect::register::FEATURE_NAMES.to_vec();
            want.push("words");
            assert_eq!(features, want);
            assert!(weighted(file).iter().filter(|n| n.starts_with("t:")).count() > 100, "token weights missing");
        }
    }

    #[test]
    fn a_model_scores_its_features() {
        let m = Model::parse("bias -1\n# a comment\na 2\nb 0.5\nunknown 9\n", &["a", "b"]);
        assert!((m.score(&[1.0, 2.0]) - 2.0).abs() < 1e-6);
        assert!((m.probability(&[0.5, 0.0]) - 0.5).abs() < 1e-6);
    }
}
