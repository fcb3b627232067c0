#include "rules/ProgramCatalog.hpp"

#include "rules/RuleFile.hpp"

#include <algorithm>

namespace peercert::rules {

const Program& ProgramCatalog::get(std::string_view id) const {
  const std::lock_guard lock(mutex_);
  if (auto it = loaded_.find(id); it != loaded_.end()) {
    return *it->second;
  }
  auto program = std::make_unique<Program>(load_program(dir_, id));
  const Program& ref = *program;
  loaded_.emplace(std::string(id), std::move(program));
  return ref;
}

bool ProgramCatalog::has(std::string_view id) const {
  // Asked once a credential by reports over every credential: look without copying the list.
  const std::lock_guard lock(mutex_);
  const auto& all = listed();
  return std::find(all.begin(), all.end(), id) != all.end();
}

std::vector<std::string> ProgramCatalog::ids() const {
  const std::lock_guard lock(mutex_);
  return listed();
}

const std::vector<std::string>& ProgramCatalog::listed() const {
  if (!ids_) {
    std::vector<std::string> found;
    for (const auto& f : program_files(dir_)) {
      found.push_back(f.stem().string());
    }
    ids_ = std::move(found);
  }
  return *ids_;
}

} // namespace peercert::rules
