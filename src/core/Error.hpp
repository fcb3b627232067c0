#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace peercert::core {

/// Exit statuses of the peercert program (see DESIGN.md, "CLI contract").
enum class ExitStatus : int {
  ok = 0,           ///< success; for `check`: eligible
  not_eligible = 1, ///< `check`: not eligible; `rules test`: a case failed
  bad_input = 2,    ///< bad input or usage; nothing was written
  undetermined = 3, ///< `check`: facts missing or pending
  environment = 4,  ///< the environment failed: disk full, database damaged or read-only
};

constexpr int to_int(ExitStatus s) { return static_cast<int>(s); }

/// Root of every error peercert throws. Carries the exit status the program ends with.
/// Messages are one sentence for a person and never contain personal data, only field names.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message, ExitStatus status = ExitStatus::bad_input)
      : std::runtime_error(message), status_(status) {}
  ExitStatus status() const noexcept { return status_; }

private:
  ExitStatus status_;
};

/// Bad input from a person or a file: facts, CSV rows, command-line values. Carries the
/// name of the field at fault where there is one, so that a form can mark it.
class InputError : public Error {
public:
  using Error::Error;
  InputError(const std::string& message, std::string field)
      : Error(message), field_(std::move(field)) {}
  /// An error about one field, said of it: `about("date_of_birth", "is not a valid date.")`
  /// reads "date_of_birth is not a valid date." and can be said again of the name the person
  /// typed or saw (`--date-of-birth`, "Date of birth", "This answer") with said_of().
  static InputError about(std::string field, std::string predicate) {
    InputError e(field + " " + predicate, field);
    e.predicate_ = std::move(predicate);
    return e;
  }
  /// The field the message names ("date_of_birth"), or empty.
  const std::string& field() const noexcept { return field_; }
  /// The sentence with `name` in place of the field id; the message itself where it was not
  /// made with about().
  std::string said_of(std::string_view name) const {
    return predicate_.empty() ? std::string(what()) : std::string(name) + " " + predicate_;
  }

private:
  std::string field_;
  std::string predicate_; ///< what the message says of the field, after its name
};

/// A rule file that does not load; the message starts with `file:line:column:`.
class RuleFileError : public Error {
public:
  using Error::Error;
};

/// The machine failed peercert, not the person: a full disk, a read-only or damaged database,
/// an unreachable mail server. Exit status 4; the message says so in plain words.
class EnvironmentError : public Error {
public:
  explicit EnvironmentError(const std::string& message) : Error(message, ExitStatus::environment) {}
};

/// Wrong use of the command line.
class UsageError : public Error {
public:
  using Error::Error;
};

} // namespace peercert::core
