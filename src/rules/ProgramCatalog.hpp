#pragma once

#include "rules/Program.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace peercert::rules {

/// The programs of a rules directory: the directory is listed once, each program loaded on
/// first use and kept. Safe to share between threads.
class ProgramCatalog {
public:
  explicit ProgramCatalog(std::filesystem::path dir) : dir_(std::move(dir)) {}

  /// The program `id`; an unknown id throws core::InputError listing the known ones.
  const Program& get(std::string_view id) const;
  bool has(std::string_view id) const;
  /// Every program id in the directory, sorted.
  std::vector<std::string> ids() const;
  const std::filesystem::path& dir() const { return dir_; }

private:
  /// The ids, listed on first use; call with mutex_ held.
  const std::vector<std::string>& listed() const;

  std::filesystem::path dir_;
  mutable std::mutex mutex_;
  mutable std::optional<std::vector<std::string>> ids_; ///< listed on first use
  mutable std::map<std::string, std::unique_ptr<Program>, std::less<>> loaded_;
};

} // namespace peercert::rules
