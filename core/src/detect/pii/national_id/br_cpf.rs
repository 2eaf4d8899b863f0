//! Brazilian CPF numbers.

use crate::detect::pii::tokens::TOKENS;
use crate::detect::validate::digits;
use crate::detect::Pattern;
use crate::finding::Kind;

/// `123.456.789-09` anywhere.
pub(in crate::detect::pii) const CPF_FORMATTED: Pattern =
    Pattern::new("br_cpf", Kind::NationalId, TOKENS)
        .validate(valid_formatted)
        .priority(super::PRIORITY);

/// Any punctuation, or none, after "CPF".
pub(in crate::detect::pii) const CPF_NAMED: Pattern = Pattern::new(
    "br_cpf",
    Kind::NationalId,
    after_name!(r"cpf", r"\d{3}\.?\d{3}\.?\d{3}[\-/.]?\d{2}"),
)
.group(1)
.anchors(&["cpf"], 64)
.validate(valid)
.priority(super::PRIORITY);

/// For a value after a generic name: formatted or compact, then [`valid`].
pub(super) fn valid_any(value: &str) -> bool {
    ["999.999.999-99", "99999999999"]
        .iter()
        .any(|s| super::has_shape(value, s))
        && valid(value)
}

fn valid_formatted(value: &str) -> bool {
    super::has_shape(value, "999.999.999-99") && valid(value)
}

/// Two mod-11 check digits; a run of one digit passes them but is never
/// issued.
fn valid(value: &str) -> bool {
    let Some((d, 11)) = digits::<11>(value) else {
        return false;
    };
    if d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let check = |n: usize| {
        let sum: u32 = d[..n]
            .iter()
            .zip((2..=n as u32 + 1).rev())
            .map(|(&x, w)| u32::from(x) * w)
            .sum();
        ((sum * 10) % 11 % 10) as u8
    };
    check(9) == d[9] && check(10) == d[10]
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn formatted_anywhere_bare_after_the_name() {
        assert_eq!(
            found("titular 529.982.247-25, ok", "br_cpf"),
            vec!["529.982.247-25"]
        );
        assert_eq!(found("CPF: 11144477735", "br_cpf"), vec!["11144477735"]);
        assert!(found("pedido 11144477735", "br_cpf").is_empty());
    }

    #[test]
    fn rejects_bad_check_digits() {
        for text in ["529.982.247-26", "CPF 111.111.111-11", "CPF 11144477734"]
        {
            assert!(found(text, "br_cpf").is_empty(), "{text}");
        }
    }
}
