//! Which scalar styles can carry a given text: PyYAML's scalar analysis with
//! `allow_unicode` off (every character outside printable ASCII is "special", so only
//! double quotes can carry it).

/// What the emitter may do with one scalar text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analysis {
    pub empty: bool,
    pub multiline: bool,
    pub allow_flow_plain: bool,
    pub allow_block_plain: bool,
    pub allow_single_quoted: bool,
    pub allow_block: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_space_or_break(c: char) -> bool {
    matches!(c, '\0' | ' ' | '\t' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

pub fn analyze(text: &str) -> Analysis {
    if text.is_empty() {
        return Analysis {
            empty: true,
            multiline: false,
            allow_flow_plain: false,
            allow_block_plain: true,
            allow_single_quoted: true,
            allow_block: false,
        };
    }
    let chars: alloc::vec::Vec<char> = text.chars().collect();
    let n = chars.len();

    let mut block_indicators = false;
    let mut flow_indicators = false;
    let mut line_breaks = false;
    let mut special = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;

    // A document marker at the start would end or start a document.
    if text.starts_with("---") || text.starts_with("...") {
        block_indicators = true;
        flow_indicators = true;
    }

    let mut preceded_by_ws = true;
    let mut followed_by_ws = n == 1 || is_space_or_break(chars[1]);
    let mut previous_space = false;
    let mut previous_break = false;

    for (index, &ch) in chars.iter().enumerate() {
        if index == 0 {
            if "#,[]{}&*!|>'\"%@`".contains(ch) {
                flow_indicators = true;
                block_indicators = true;
            }
            if ch == '?' || ch == ':' {
                flow_indicators = true;
                if followed_by_ws {
                    block_indicators = true;
                }
            }
            if ch == '-' && followed_by_ws {
                flow_indicators = true;
                block_indicators = true;
            }
        } else {
            if ",?[]{}".contains(ch) {
                flow_indicators = true;
            }
            if ch == ':' {
                flow_indicators = true;
                if followed_by_ws {
                    block_indicators = true;
                }
            }
            if ch == '#' && preceded_by_ws {
                flow_indicators = true;
                block_indicators = true;
            }
        }

        if is_break(ch) {
            line_breaks = true;
        }
        if !(ch == '\n' || (' '..='~').contains(&ch)) {
            // Printable non-ASCII would be allowed with allow_unicode; it is off, so
            // every such character needs double quotes, like the non-printables.
            special = true;
        }

        if ch == ' ' {
            if index == 0 {
                leading_space = true;
            }
            if index == n - 1 {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(ch) {
            if index == 0 {
                leading_break = true;
            }
            if index == n - 1 {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }

        preceded_by_ws = is_space_or_break(ch);
        followed_by_ws = index + 2 >= n || is_space_or_break(chars[index + 2]);
    }

    let mut a = Analysis {
        empty: false,
        multiline: line_breaks,
        allow_flow_plain: true,
        allow_block_plain: true,
        allow_single_quoted: true,
        allow_block: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.allow_flow_plain = false;
        a.allow_block_plain = false;
    }
    if trailing_space {
        a.allow_block = false;
    }
    if break_space {
        a.allow_flow_plain = false;
        a.allow_block_plain = false;
        a.allow_single_quoted = false;
    }
    if space_break || special {
        a.allow_flow_plain = false;
        a.allow_block_plain = false;
        a.allow_single_quoted = false;
        a.allow_block = false;
    }
    if line_breaks {
        a.allow_flow_plain = false;
        a.allow_block_plain = false;
    }
    if flow_indicators {
        a.allow_flow_plain = false;
    }
    if block_indicators {
        a.allow_block_plain = false;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_and_whitespace_decide_the_styles() {
        assert!(analyze("it's").allow_block_plain);
        assert!(analyze("say \"hi\"").allow_block_plain);
        assert!(!analyze("a: b").allow_block_plain);
        assert!(analyze("a:b").allow_block_plain);
        assert!(!analyze("a #b").allow_block_plain);
        assert!(analyze("a#b").allow_block_plain);
        assert!(!analyze("- x").allow_block_plain);
        assert!(analyze("-x").allow_block_plain);
        assert!(!analyze(" x").allow_block_plain);
        assert!(!analyze("*").allow_block_plain);
        assert!(!analyze("---x").allow_block_plain);
        let multi = analyze("a\nb");
        assert!(multi.multiline && multi.allow_single_quoted && !multi.allow_block_plain);
        let tab = analyze("a\tb");
        assert!(!tab.allow_single_quoted && !tab.allow_block_plain);
        assert!(!analyze("caf\u{e9}").allow_single_quoted);
        assert!(!analyze("a \nb").allow_single_quoted);
        assert!(!analyze("a\n b").allow_single_quoted);
    }
}
