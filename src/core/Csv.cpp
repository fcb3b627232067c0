#include "core/Csv.hpp"

#include "core/Error.hpp"

namespace peercert::core {

bool CsvReader::read_line() {
  if (!std::getline(in_, text_)) {
    return false;
  }
  if (first_) {
    first_ = false;
    if (text_.starts_with("\xEF\xBB\xBF")) {
      text_.erase(0, 3);
    }
  }
  if (!text_.empty() && text_.back() == '\r') {
    text_.pop_back();
  }
  ++next_line_;
  return true;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  do {
    if (!read_line()) {
      return false;
    }
  } while (text_.empty());
  record_line_ = next_line_ - 1;

  std::size_t used = 0;
  const auto field = [&]() -> std::string& {
    if (used == fields.size()) {
      fields.emplace_back();
    }
    std::string& f = fields[used++];
    f.clear();
    return f;
  };

  std::string* current = &field();
  std::size_t i = 0;
  while (true) {
    if (i < text_.size() && text_[i] == '"' && current->empty()) {
      // A quoted field: runs to the next lone quote, across line breaks.
      ++i;
      while (true) {
        if (i >= text_.size()) {
          if (!read_line()) {
            throw CsvError(record_line_, "a quoted field is not closed.");
          }
          current->push_back('\n');
          i = 0;
          continue;
        }
        if (text_[i] == '"') {
          if (i + 1 < text_.size() && text_[i + 1] == '"') {
            current->push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        current->push_back(text_[i++]);
      }
      if (i < text_.size() && text_[i] != ',') {
        throw CsvError(record_line_, "a quoted field is followed by other text before the comma.");
      }
    }
    const auto comma = text_.find(',', i);
    const auto end = comma == std::string::npos ? text_.size() : comma;
    current->append(text_, i, end - i);
    if (comma == std::string::npos) {
      break;
    }
    i = comma + 1;
    current = &field();
  }
  fields.resize(used);
  return true;
}

std::string csv_field(std::string_view value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') {
      out += "\"\"";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

} // namespace peercert::core
