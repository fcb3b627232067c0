#include "core/Text.hpp"

#include <catch2/catch.hpp>

using namespace peercert;

TEST_CASE("search folding ignores case, accents and spacing", "[text]") {
  CHECK(core::search_fold("José  NÚÑEZ") == "jose nunez");
  CHECK(core::search_fold("  Zoë Ångström-Øye ") == "zoe angstrom-øye");
  CHECK(core::search_fold("Straße") == "strasse");
  CHECK(core::search_fold("ＭＯ－ＣＰＳ") == "mo-cps"); // full-width, as some keyboards type
  CHECK(core::search_fold("ﬁnley") == "finley");
  CHECK(core::search_fold("Nguyễn Thị") == "nguyen thi");
  CHECK(core::search_fold("") == "");
  // Not UTF-8: left as it is but for ASCII case, never an error.
  CHECK(core::search_fold("Caf\xe9 ABC") == "caf\xe9 abc");
}

TEST_CASE("UTF-8 checks count characters, not bytes", "[text]") {
  CHECK(core::valid_utf8("Núñez"));
  CHECK_FALSE(core::valid_utf8("Caf\xe9"));
  CHECK(core::character_count("ÉÉÉ") == 3);
}

TEST_CASE("what is echoed from input cannot drive a terminal or cut a message") {
  const std::string typed = std::string("a\x1b]0;pwned\x07\x1b[2J") + '\0' + "b\\c\r\nd\x7f";
  CHECK(core::log_safe(typed) == "a\\x1b]0;pwned\\x07\\x1b[2J\\x00b\\x5cc\\x0d\\x0ad\\x7f");
  CHECK(core::terminal_safe(typed) == "a\\x1b]0;pwned\\x07\\x1b[2J\\x00b\\c\\x0d\nd\\x7f");
  CHECK(core::log_safe("Pérez-García") == "Pérez-García");
  CHECK(core::terminal_safe("two\n\tlines") == "two\n\tlines");
}

TEST_CASE("names as people type them read as peercert's identifiers", "[text]") {
  using peercert::core::identifier_form;
  CHECK(identifier_form("Peer Support") == "peer_support");
  CHECK(identifier_form(" peer-support ") == "peer_support");
  CHECK(identifier_form("Self - Study") == "self_study");
  CHECK(identifier_form("self_study") == "self_study");
  CHECK(identifier_form("") == "");
}
