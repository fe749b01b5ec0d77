//! Organisations beyond the lexicons: names by suffix (公司, 集团, 大学…) and Latin brand
//! tokens in organisation context.

use super::{Candidate, Context};

pub(crate) fn recognize(_ctx: &Context, _out: &mut Vec<Candidate>) {}
