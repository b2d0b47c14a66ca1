//! Line, word and byte counts of a text, as `wc` prints them.

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub lines: usize,
    pub words: usize,
    pub bytes: usize,
}

pub fn count(text: &str) -> Counts {
    Counts {
        lines: text.lines().count(),
        words: text.split_whitespace().count(),
        bytes: text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_a_poem() {
        let c = count("one two\nthree\n");
        assert_eq!(c, Counts { lines: 2, words: 3, bytes: 14 });
    }
}
