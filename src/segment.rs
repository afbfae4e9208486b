//! Sentences: where each sentence of a document starts and ends, as byte spans.
//!
//! A sentence ends at a line break, or at `.`, `!`, `?`, `…`, `؟`, `。` followed by white space, unless
//! the word before a full stop is one of the pack's abbreviations ("г.", "tys."). Spans are what the
//! comparison uses to group facts and what reports cut snippets from.

use std::ops::Range;

/// The sentences of a text, in order.
#[derive(Debug, Clone)]
pub struct Sentences {
    spans: Vec<Range<usize>>,
}

impl Sentences {
    pub fn split(text: &str, abbreviations: &[String]) -> Sentences {
        let mut spans = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let ends = match c {
                '\n' => true,
                // CJK full stops end a sentence without a space after them.
                '。' | '！' | '？' => true,
                '!' | '?' | '…' | '؟' => next.is_none_or(char::is_whitespace),
                '.' => {
                    next.is_none_or(char::is_whitespace)
                        && !ends_with_abbreviation(&text[start..=i], abbreviations)
                }
                _ => false,
            };
            if ends {
                push_trimmed(text, start..i + c.len_utf8(), &mut spans);
                start = i + c.len_utf8();
            }
        }
        push_trimmed(text, start..text.len(), &mut spans);
        Sentences { spans }
    }

    /// The same sentences with every span moved by `to` (prose spans into the file they came from).
    pub fn map(&self, to: impl Fn(Range<usize>) -> Range<usize>) -> Sentences {
        Sentences {
            spans: self.spans.iter().cloned().map(to).collect(),
        }
    }

    /// The index of the sentence holding byte `offset`.
    pub fn index_of(&self, offset: usize) -> usize {
        self.spans
            .partition_point(|s| s.end <= offset)
            .min(self.spans.len().saturating_sub(1))
    }

    pub fn span(&self, index: usize) -> Range<usize> {
        self.spans.get(index).cloned().unwrap_or(0..0)
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

fn push_trimmed(text: &str, span: Range<usize>, spans: &mut Vec<Range<usize>>) {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead < s.len() {
        spans.push(span.start + lead..span.end - trail);
    }
}

fn ends_with_abbreviation(sentence: &str, abbreviations: &[String]) -> bool {
    let last_word = sentence
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    abbreviations.iter().any(|a| a.to_lowercase() == last_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Дата 14 апреля 2025 г. о съезде. Второе предложение!\nТретье";
        let s = Sentences::split(text, &["г.".to_string()]);
        assert_eq!(s.len(), 3);
        assert_eq!(&text[s.span(0)], "Дата 14 апреля 2025 г. о съезде.");
        assert_eq!(s.index_of(text.find("Третье").unwrap()), 2);
    }
}
