#include "rules/ProgramCatalog.hpp"

#include "rules/RuleFile.hpp"

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
  {
    const std::lock_guard lock(mutex_);
    if (loaded_.find(id) != loaded_.end()) {
      return true;
    }
  }
  for (const auto& f : program_files(dir_)) {
    if (f.stem() == id) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> ProgramCatalog::ids() const {
  std::vector<std::string> out;
  for (const auto& f : program_files(dir_)) {
    out.push_back(f.stem().string());
  }
  return out;
}

} // namespace peercert::rules
