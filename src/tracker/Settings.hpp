#pragma once
// What a board says about itself, set with `peercert settings set KEY VALUE`: reminder emails
// end with it, the certificate's QR code opens its public address, the pages name the board.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::tracker {

struct BoardSettings {
  std::string board_name; ///< "Pennsylvania Certification Board"
  std::string contact;    ///< whom to write or call: "certification@example.org, 717-555-0100"
  std::string address;    ///< the board's postal address, on one line
  std::string renew_url;  ///< where a holder renews
  std::string public_url; ///< where peercert's public pages are: "https://verify.example.org"
  /// "required": every staff user logs in with a second factor; empty: those who set one up.
  std::string second_factor;

  /// Whether every staff user must log in with a second factor.
  bool second_factor_required() const { return second_factor == "required"; }

  /// The value of `key`, or nothing for a key that is not a setting.
  const std::string* find(std::string_view key) const;
  std::string* find(std::string_view key);
};

/// The keys, in the order `settings show` lists them.
const std::vector<std::string>& setting_keys();

/// Why `value` cannot be the value of `key` (a sentence naming the key), or nothing: at most
/// 300 characters on one line; the two addresses start with http:// or https:// and hold no
/// space; second_factor is "required" or "optional" (the same as empty). An empty value clears
/// the setting.
std::optional<std::string> setting_problem(std::string_view key, std::string_view value);

/// `public_url` + "/verify?number=" + the number, percent-encoded: what a certificate's QR
/// code opens.
std::string verify_url(const std::string& public_url, std::string_view number);

} // namespace peercert::tracker
