#include "store/Location.hpp"

#include "core/Error.hpp"

#include <libpq-fe.h>

#include <memory>

namespace peercert::store {

bool is_server_url(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

std::string without_password(std::string_view url) {
  std::string out(url);
  const auto scheme = out.find("://");
  if (scheme == std::string::npos) {
    return out;
  }
  // user:password@host — the password runs from the first ':' to the last '@' before the
  // host's path or parameters.
  const auto start = scheme + 3;
  const auto authority_end = out.find_first_of("/?", start);
  const auto authority = out.substr(
      start, authority_end == std::string::npos ? std::string::npos : authority_end - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    if (const auto colon = authority.find(':'); colon != std::string::npos && colon < at) {
      out.erase(start + colon, at - colon);
    }
  }
  // ?password=…&… or &password=…
  for (auto p = out.find("password="); p != std::string::npos; p = out.find("password=", p)) {
    if (p == 0 || (out[p - 1] != '?' && out[p - 1] != '&')) {
      p += 9;
      continue;
    }
    const auto end = out.find('&', p);
    const bool first = out[p - 1] == '?';
    if (end == std::string::npos) {
      out.erase(p - 1); // the parameter and the '?' or '&' before it
    } else if (first) {
      out.erase(p, end + 1 - p);
    } else {
      out.erase(p - 1, end - (p - 1));
    }
  }
  return out;
}

bool exists(const Location& where) {
  std::error_code ec;
  return where.is_server() || std::filesystem::exists(where.file(), ec);
}

Location::Location(std::filesystem::path file) : file_(std::move(file)) {}

Location Location::parse(const std::string& text) {
  if (!is_server_url(text)) {
    return Location(std::filesystem::path(text));
  }
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &error);
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> parsed(options,
                                                                            PQconninfoFree);
  if (options == nullptr) {
    // libpq's reason may quote the URL, password and all: given only where there is none.
    const std::string shown = without_password(text);
    std::string why = error == nullptr || shown != text ? "it is not a connection URL such as "
                                                          "postgresql://USER@HOST:PORT/DATABASE"
                                                        : error;
    PQfreemem(error);
    while (!why.empty() && (why.back() == '\n' || why.back() == '.')) {
      why.pop_back();
    }
    throw core::InputError("The database URL " + shown + " does not parse: " + why + ".", "--db");
  }
  Location out;
  out.server_ = true;
  out.url_ = text;
  return out;
}

std::string Location::shown() const { return server_ ? without_password(url_) : file_.string(); }

} // namespace peercert::store
