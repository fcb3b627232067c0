#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::core {

/// A number of hours, exact to the hundredth (1.25 h is 125). Never floating point.
class Hours {
public:
  constexpr Hours() = default;
  static constexpr Hours from_hundredths(std::int64_t h) { return Hours{h}; }
  static constexpr Hours whole(std::int64_t h) { return Hours{h * 100}; }

  /// "20", "1.5", "0.25"; nothing for a sign, a third decimal or anything else.
  static std::optional<Hours> parse(std::string_view text);

  constexpr std::int64_t hundredths() const { return hundredths_; }
  /// "16.50".
  std::string to_string() const;
  /// "16.5", "20": for JSON numbers and sentences.
  std::string to_short_string() const;

  constexpr Hours operator+(Hours o) const { return Hours{hundredths_ + o.hundredths_}; }
  constexpr Hours operator-(Hours o) const { return Hours{hundredths_ - o.hundredths_}; }
  constexpr Hours& operator+=(Hours o) {
    hundredths_ += o.hundredths_;
    return *this;
  }
  constexpr auto operator<=>(const Hours&) const = default;

private:
  constexpr explicit Hours(std::int64_t h) : hundredths_(h) {}
  std::int64_t hundredths_ = 0;
};

static_assert(sizeof(Hours) == sizeof(std::int64_t));
static_assert(Hours::whole(6) == Hours::from_hundredths(600));

} // namespace peercert::core
