#pragma once

// The all-or-nothing reading of an import file shared by the credential and CE imports.

#include "core/Error.hpp"

#include <functional>
#include <istream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::app {

/// A row that could not be taken, with its line and fields.
struct CsvProblem {
  std::size_t line = 0;
  std::string reason;
  std::vector<std::string> fields;
};

/// What reading an import file found.
struct ImportRead {
  std::size_t records = 0; ///< records read after the header
  std::vector<CsvProblem> problems;
};

/// The columns of an import file: those it must have and those it may add.
struct ImportColumns {
  std::span<const std::string_view> required;
  std::span<const std::string_view> optional{};
};

/// Reads `csv`, whose header names every required column and any optional ones, in any order
/// (nothing else), and calls `row` for each record with its fields — the required columns in
/// their order, then the optional ones, empty where the file leaves one out — and its line. A
/// record with the wrong number of fields, or for which `row` throws core::InputError, becomes
/// a problem; a quote never closed ends the reading as a problem. `progress`, when given,
/// hears the count of records every `progress_every`.
ImportRead read_import(std::istream& csv, const std::string& name, ImportColumns columns,
                       const std::function<void(const std::vector<std::string>&, std::size_t)>& row,
                       const std::function<void(std::size_t)>& progress = {},
                       std::size_t progress_every = 0);

/// A refused import file: the message for a terminal, and the bad rows themselves for a page
/// that lists them.
class ImportError : public core::InputError {
public:
  ImportError(const std::string& message, std::vector<CsvProblem> problems)
      : core::InputError(message), problems_(std::move(problems)) {}
  const std::vector<CsvProblem>& problems() const noexcept { return problems_; }

private:
  std::vector<CsvProblem> problems_;
};

/// Throws ImportError: "NAME: 2 rows are bad, so nothing was imported:" and one indented line
/// per problem.
[[noreturn]] void refuse_import(const std::string& name, const std::vector<CsvProblem>& problems);

} // namespace peercert::app
