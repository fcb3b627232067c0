#pragma once

// Small rule files for unit tests, so that tests of the engine do not depend on the real
// programs' values.

#include "rules/RuleFile.hpp"

#include <string>

namespace peercert::test {

/// A valid rule file of one source and the given criteria (and anything else) appended.
inline std::string rule_file(const std::string& body) {
  return "schema = 1\n"
         "id = \"T\"\n"
         "name = \"Test program\"\n"
         "jurisdiction = \"Nowhere\"\n"
         "board = \"Test board\"\n"
         "[sources.s]\n"
         "citation = \"A source\"\n"
         "document = \"s.txt\"\n" +
         body;
}

inline rules::Program program(const std::string& body) {
  return rules::parse_program(rule_file(body), "t.toml", "T");
}

inline const char* age_criterion = "[[criteria]]\n"
                                   "id = \"age\"\n"
                                   "description = \"Be 18\"\n"
                                   "min_age = 18\n"
                                   "source = \"s\"\n";

} // namespace peercert::test
