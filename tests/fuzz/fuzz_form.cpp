// A URL-encoded form or query: decoded whatever the bytes; encoding what was decoded and
// decoding it again gives it back.
#include "FuzzSupport.hpp"
#include "web/Form.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peercert::web;
  const auto input = peercert::fuzz::text(data, size);
  const Form form = Form::parse(input);
  (void)form.value("csrf");
  const std::string decoded = url_decode(input);
  if (url_decode(url_encode(decoded)) != decoded) {
    std::abort(); // a round trip that loses text
  }
  return 0;
}
