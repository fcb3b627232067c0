// Raw HTTP requests to every route of `peercert serve`, in-process over a database of a few
// holders: every request gets an answer, and none is a 500.
#include "FuzzSupport.hpp"
#include "web/Server.hpp"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace peercert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static web::InProcessServer* server = [] {
    web::ServeOptions options;
    options.database = std::filesystem::temp_directory_path() /
                       ("peercert-fuzz-http-" + std::to_string(::getpid()) + ".db");
    options.rules_dir = PEERCERT_FUZZ_RULES_DIR;
    options.as_of = core::Date{date::year{2026} / date::November / 24};
    options.clock = [] { return std::string("2026-11-24T12:00:00Z"); };
    return new web::InProcessServer(options);
  }();
  const std::string response = server->answer(fuzz::text(data, size));
  if (response.starts_with("HTTP/1.1 500")) {
    std::abort(); // an internal error is a finding
  }
  return 0;
}
