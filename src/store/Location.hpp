#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace peercert::store {

/// Where a peercert database is: an SQLite file (the default) or a PostgreSQL server named by
/// a `postgresql://` (or `postgres://`) URL.
class Location {
public:
  /// An SQLite file.
  Location(std::filesystem::path file); // NOLINT(google-explicit-constructor): a path is one
  /// `text` as typed in --db or $PEERCERT_DB: a URL if it starts with postgresql:// or
  /// postgres://, else a file path. A URL that does not parse is bad input (exit 2), named
  /// without its password.
  static Location parse(const std::string& text);

  bool is_server() const { return server_; }
  /// The SQLite file (empty for a server).
  const std::filesystem::path& file() const { return file_; }
  /// The URL as given, password included: for connecting only, never to be shown.
  const std::string& url() const { return url_; }
  /// What messages name: the file, or the URL without its password.
  std::string shown() const;

private:
  Location() = default;
  bool server_ = false;
  std::filesystem::path file_;
  std::string url_;
};

/// Whether there is a database at `where`: a file that exists, or any server (whose
/// database, if missing, is refused when connecting).
bool exists(const Location& where);

/// Whether `text` names a PostgreSQL server rather than a file.
bool is_server_url(std::string_view text);

/// `url` with any password (in the user part or a password= parameter) left out.
std::string without_password(std::string_view url);

} // namespace peercert::store
