#pragma once

// The pieces every page's forms are made of. Everything they print goes through e().

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace peercert::web::html {

/// Text made safe to print in HTML, in an element or an attribute.
std::string e(std::string_view s);

/// The hidden field that proves a staff form came from a current page.
std::string hidden_csrf(const std::string& csrf);

/// A labelled input, with its hint and error tied to it for screen readers.
std::string text_input(const std::string& name, const std::string& label, const std::string& value,
                       const std::string& type = "text", const std::string& hint = {},
                       const std::string& error = {}, const std::string& extra = {});

/// A labelled select of (value, text) options.
std::string select_input(const std::string& name, const std::string& label,
                         const std::vector<std::pair<std::string, std::string>>& options,
                         const std::string& value, const std::string& hint,
                         const std::string& error);

} // namespace peercert::web::html
