#include "core/Text.hpp"

#include "core/Error.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iconv.h>
#include <utf8proc.h>
#include <vector>

namespace peercert::core {

namespace {

/// The length of the UTF-8 sequence that starts at `text[i]`, or 0 when it is malformed.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    return 1;
  }
  std::size_t n = 0;
  unsigned min = 0;
  unsigned code = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    min = 0x80;
    code = b0 & 0x1FU;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    min = 0x800;
    code = b0 & 0x0FU;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    min = 0x10000;
    code = b0 & 0x07U;
  } else {
    return 0;
  }
  if (i + n > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0U) != 0x80U) {
      return 0;
    }
    code = (code << 6U) | (b & 0x3FU);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    return 0;
  }
  return n;
}

} // namespace

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  // Plain ASCII, eight bytes at a time: most text is all of it.
  for (std::uint64_t word = 0; i + sizeof word <= text.size(); i += sizeof word) {
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & 0x8080808080808080ULL) != 0) {
      break;
    }
  }
  while (i < text.size()) {
    const auto n = sequence_length(text, i);
    if (n == 0) {
      return false;
    }
    i += n;
  }
  return true;
}

std::size_t character_count(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  }
  return count;
}

std::string display_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // U+202A–U+202E are E2 80 AA–AE; U+2066–U+2069 are E2 81 A6–A9.
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        out += "\xEF\xBF\xBD";
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

/// Reads the source in blocks and converts each with iconv: Windows-1252 is one byte a
/// character, so a block never ends inside one.
class Windows1252Reader::Buffer : public std::streambuf {
public:
  explicit Buffer(std::istream& source) : source_(source) {
    cd_ = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      throw Error("This system's C library cannot convert from Windows-1252.");
    }
  }
  ~Buffer() override { iconv_close(cd_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

protected:
  int_type underflow() override {
    if (gptr() < egptr()) {
      return traits_type::to_int_type(*gptr());
    }
    source_.read(in_.data(), static_cast<std::streamsize>(in_.size()));
    const auto got = static_cast<std::size_t>(source_.gcount());
    if (got == 0) {
      return traits_type::eof();
    }
    char* from = in_.data();
    std::size_t from_left = got;
    char* to = out_.data();
    std::size_t to_left = out_.size();
    while (from_left > 0) {
      if (iconv(cd_, &from, &from_left, &to, &to_left) == static_cast<std::size_t>(-1)) {
        if (errno == EILSEQ) {
          // The five bytes Windows-1252 leaves undefined: U+FFFD, and on.
          if (to_left < 3) {
            break;
          }
          *to++ = '\xEF';
          *to++ = '\xBF';
          *to++ = '\xBD';
          to_left -= 3;
          ++from;
          --from_left;
          continue;
        }
        break;
      }
    }
    setg(out_.data(), out_.data(), to);
    return gptr() < egptr() ? traits_type::to_int_type(*gptr()) : traits_type::eof();
  }

private:
  std::istream& source_;
  iconv_t cd_;
  std::array<char, 1 << 16> in_{};
  std::array<char, 3 << 16> out_{}; ///< a byte becomes at most three
};

Windows1252Reader::Windows1252Reader(std::istream& source)
    : std::istream(nullptr), buffer_(std::make_unique<Buffer>(source)) {
  rdbuf(buffer_.get());
}

Windows1252Reader::~Windows1252Reader() = default;

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) {
      out += separator;
    }
    out += p;
  }
  return out;
}

std::string identifier_form(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  for (const char c : text) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) {
      out += '_';
    }
    gap = false;
    out += ascii_lower(c);
  }
  return out;
}

std::string search_fold(std::string_view text) {
  std::string folded;
  utf8proc_uint8_t* mapped = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                             UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                             UTF8PROC_STRIPMARK));
  if (n >= 0) {
    folded.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  } else {
    folded.assign(text);
    for (auto& c : folded) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
  }
  std::free(mapped);
  std::string out;
  out.reserve(folded.size());
  for (const char c : folded) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

namespace {
void append_escaped(std::string& out, unsigned char u) {
  static constexpr std::string_view hex = "0123456789abcdef";
  out += "\\x";
  out += hex.at(u >> 4U);
  out += hex.at(u & 0xfU);
}
} // namespace

std::string log_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') {
      append_escaped(out, u);
    } else {
      out += c;
    }
  }
  return out;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
      append_escaped(out, u);
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace peercert::core
