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
  const auto all = ids();
  return std::find(all.begin(), all.end(), id) != all.end();
}

std::vector<std::string> ProgramCatalog::ids() const {
  const std::lock_guard lock(mutex_);
  if (!ids_) {
    std::vector<std::string> listed;
    for (const auto& f : program_files(dir_)) {
      listed.push_back(f.stem().string());
    }
    ids_ = std::move(listed);
  }
  return *ids_;
}

} // namespace peercert::rules
