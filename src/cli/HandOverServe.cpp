#include "cli/App.hpp"

#include "core/Error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace peercert::cli {

int hand_over_serve(char** argv) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto server = self.parent_path() / "peercert-serve";
  if (!error) {
    ::execv(server.c_str(), argv);
  }
  throw core::Error("peercert serve needs the program peercert-serve beside peercert (" +
                        server.string() + "): " + (error ? error.message() : std::strerror(errno)) +
                        ". Reinstall peercert.",
                    core::ExitStatus::environment);
}

} // namespace peercert::cli
