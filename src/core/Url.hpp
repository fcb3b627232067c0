#pragma once

#include <string>
#include <string_view>

namespace peercert::core {

/// `text` percent-encoded for a URL's query or path part (RFC 3986): letters, digits and
/// `-_.~` stay as they are, every other byte becomes %XX. The one encoder of links, the
/// certificate's QR address and the second factor's otpauth:// address.
std::string percent_encode(std::string_view text);

} // namespace peercert::core
