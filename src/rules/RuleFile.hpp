#pragma once

#include "rules/Program.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::rules {

/// The rule-file schema this peercert reads (rules/README.md).
inline constexpr int rule_schema_version = 1;

/// Parses and validates the text of one rule file. `display_path` is used in messages
/// (`rules/MO-CPS.toml:14:3: …`); when `expected_id` is given the file's `id` must equal it.
/// Throws core::RuleFileError on the first problem: a rule file never loads half-right.
Program parse_program(std::string_view text, const std::string& display_path,
                      std::string_view expected_id = {});

/// Reads and parses one rule file; its `id` must match the file name.
Program load_program_file(const std::filesystem::path& path);

/// The program rule files in a rules directory (`*.toml` directly inside it), sorted by name.
std::vector<std::filesystem::path> program_files(const std::filesystem::path& rules_dir);

/// Loads the program `id` from `rules_dir/<id>.toml`. An unknown id throws core::InputError
/// listing the programs there.
Program load_program(const std::filesystem::path& rules_dir, std::string_view id);

} // namespace peercert::rules
