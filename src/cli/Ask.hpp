#pragma once

#include "core/Date.hpp"
#include "rules/Facts.hpp"
#include "rules/Program.hpp"

#include <iosfwd>

namespace peercert::cli {

/// Asks the questions of `program` one at a time on `out`, reading answers from `in`: the
/// applicant's self-check. A wrong answer gets the reason and the question again; an empty
/// answer (or the end of input) leaves that fact missing.
rules::Facts ask_facts(const rules::Program& program, core::Date as_of, std::istream& in,
                       std::ostream& out);

} // namespace peercert::cli
