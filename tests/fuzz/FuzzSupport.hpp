#pragma once

// Shared by the fuzz targets: what counts as a finding. A peercert error (bad input named in
// a sentence, a damaged file) is a correct answer to garbage; any other exception escaping —
// an "internal error" — is a finding, and libFuzzer stops on it as on a crash.

#include "core/Error.hpp"
#include "store/Database.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace peercert::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

template <class Work> void expect_answer(Work&& work) {
  try {
    work();
  } catch (const core::Error&) {
    // A sentence for the person: the right answer to bad input.
  }
}

/// A fresh copy of a database that `make` fills once, at the first call: building the schema
/// and sample holders for every input would cost most of each run.
template <class Make> store::Database fresh_database(Make&& make) {
  static const std::filesystem::path dir = [] {
    auto d =
        std::filesystem::temp_directory_path() / ("peercert-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  static const bool made = [&] {
    auto db = store::Database::open(dir / "template.db");
    make(db);
    return true;
  }();
  (void)made;
  // libFuzzer's timer signals can interrupt the copy: try again (a long run's first finding).
  for (;;) {
    std::error_code error;
    std::filesystem::copy_file(dir / "template.db", dir / "run.db",
                               std::filesystem::copy_options::overwrite_existing, error);
    if (!error) {
      break;
    }
    if (error != std::errc::interrupted) {
      throw std::filesystem::filesystem_error("cannot copy the template database", error);
    }
  }
  return store::Database::open(dir / "run.db");
}

} // namespace peercert::fuzz
