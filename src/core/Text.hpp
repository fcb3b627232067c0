#pragma once

// Text as people and files give it: peercert keeps UTF-8 and checks it at the edge.

#include <charconv>
#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::core {

/// Whether `text` is well-formed UTF-8: no stray or missing continuation bytes, no overlong
/// forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view text);

/// Characters (code points) in well-formed UTF-8 text.
std::size_t character_count(std::string_view text);

/// Text safe to print for a person: the invisible controls that reorder text (U+202A–U+202E,
/// U+2066–U+2069) become U+FFFD, so that a name cannot make a table say something else.
std::string display_safe(std::string_view text);

/// Text for one log line, or a message that echoes what someone typed or sent: every control
/// character (below 0x20, and 0x7f) and the backslash written as \xNN, so that no input can
/// write a line of its own, move the cursor, retitle a terminal or cut a message at a NUL.
std::string log_safe(std::string_view text);

/// A message for a terminal: control characters other than line feeds and tabs written as
/// \xNN (backslashes stay), so that a message can keep its own lines but no escape sequence
/// reaches the terminal.
std::string terminal_safe(std::string_view text);

/// The parts with `separator` between them: join({"a", "b"}, ", ") is "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// Text folded for searching: Unicode case folding, accents and other marks removed, after
/// compatibility normalisation (utf8proc), and runs of spaces made one: "José  NÚÑEZ" and
/// "jose nunez" fold alike. Text that is not UTF-8 folds to itself, lower-cased in ASCII.
std::string search_fold(std::string_view text);

/// A name as peercert writes its identifiers: without spaces at either end, ASCII capitals in
/// lower case, and each run of spaces, hyphens and underscores one `_`: "Peer Support" and
/// "peer-support" are "peer_support" (DESIGN.md, categories and deliveries as people type them).
std::string identifier_form(std::string_view text);

/// A stream of UTF-8 read from a Windows-1252 (Excel's "ANSI") stream, converted with the C
/// library's iconv as it is read.
class Windows1252Reader : public std::istream {
public:
  explicit Windows1252Reader(std::istream& source);
  ~Windows1252Reader() override;
  Windows1252Reader(const Windows1252Reader&) = delete;
  Windows1252Reader& operator=(const Windows1252Reader&) = delete;

private:
  class Buffer;
  std::unique_ptr<Buffer> buffer_;
};

/// `c` in lower case when it is an ASCII capital; any other byte as it is.
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Whether `text` is `lower` in any ASCII letter case; `lower` is written in lower case.
constexpr bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ascii_lower(text[i]) != lower[i]) {
      return false;
    }
  }
  return true;
}

/// `text` as a number of type N with nothing else in it (no sign for an unsigned N), or
/// nothing: ids, seeds, page numbers and option values as people type them.
template <class N> std::optional<N> parse_number(std::string_view text) {
  N n{};
  const auto* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc{} || at != end) {
    return std::nullopt;
  }
  return n;
}

} // namespace peercert::core
