#include "report/ReminderXlsx.hpp"

#include "renewal/Fees.hpp"
#include "report/ReminderReport.hpp"
#include "report/detail/RenewalWords.hpp"

#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace peercert::report {

using namespace detail;

namespace {

/// A private directory for the one file libxlsxwriter writes, removed with everything in it.
class ScratchDirectory {
public:
  ScratchDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "peercert-xlsx-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("The spreadsheet could not be written: no temporary directory.");
    }
    path_ = pattern;
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// Closes the workbook (and its temporary files) on the way out of an exception; the normal
/// path closes it itself, to see whether writing it worked.
class OpenWorkbook {
public:
  explicit OpenWorkbook(lxw_workbook* book) : book_(book) {}
  OpenWorkbook(const OpenWorkbook&) = delete;
  OpenWorkbook& operator=(const OpenWorkbook&) = delete;
  ~OpenWorkbook() {
    if (book_ != nullptr) {
      workbook_close(book_);
    }
  }
  lxw_workbook* get() const { return book_; }
  lxw_error close() { return workbook_close(std::exchange(book_, nullptr)); }

private:
  lxw_workbook* book_;
};

lxw_datetime as_datetime(core::Date d) {
  return {static_cast<int>(d.year()),
          static_cast<int>(static_cast<unsigned>(d.month())),
          static_cast<int>(static_cast<unsigned>(d.day())),
          0,
          0,
          0.0};
}

} // namespace

std::string reminders_xlsx(const std::vector<StatusView>& rows) {
  const ScratchDirectory scratch;
  const auto file = (scratch.path() / "reminders.xlsx").string();
  const auto tmpdir = scratch.path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE; // rows are written in order: memory stays flat
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  // A worksheet holds 1,048,576 rows, the header one of them.
  if (rows.size() >= LXW_ROW_MAX) {
    throw std::runtime_error("The reminders are too many for one worksheet (" +
                             std::to_string(rows.size()) + " rows): use the CSV.");
  }
  OpenWorkbook open(workbook_new_opt(file.c_str(), &options));
  lxw_workbook* book = open.get();
  lxw_worksheet* sheet = book != nullptr ? workbook_add_worksheet(book, "Reminders") : nullptr;
  if (sheet == nullptr) {
    throw std::runtime_error("The spreadsheet could not be written.");
  }
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* day = workbook_add_format(book);
  format_set_num_format(day, "yyyy-mm-dd");
  lxw_format* hours = workbook_add_format(book);
  format_set_num_format(hours, "0.00");
  lxw_format* money = workbook_add_format(book);
  format_set_num_format(money, "0.00");

  const auto& header = reminder_columns();
  for (std::size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  }
  worksheet_set_column(sheet, 0, 6, 18, nullptr);
  worksheet_set_column(sheet, 7, 7, 12, day);
  worksheet_set_column(sheet, 12, 12, 40, nullptr);
  worksheet_set_column(sheet, 14, 14, 12, day);
  worksheet_freeze_panes(sheet, 1, 0);

  lxw_row_t r = 0;
  for (const auto& v : rows) {
    ++r;
    lxw_col_t c = 0;
    // Strings are written as strings: a cell that starts with '=' stays text, never a formula.
    const auto text = [&](const std::string& s) {
      if (!s.empty()) {
        worksheet_write_string(sheet, r, c, s.c_str(), nullptr);
      }
      ++c;
    };
    const auto when = [&](std::optional<core::Date> d) {
      if (d) {
        auto dt = as_datetime(*d);
        worksheet_write_datetime(sheet, r, c, &dt, day);
      }
      ++c;
    };
    const auto number = [&](std::optional<double> n, lxw_format* format) {
      if (n) {
        worksheet_write_number(sheet, r, c, *n, format);
      }
      ++c;
    };
    const auto hundredths = [](std::int64_t n) { return static_cast<double>(n) / 100.0; };
    const auto fee = [&](const std::optional<core::Money>& m) -> std::optional<double> {
      return m ? std::optional(hundredths(m->cents())) : std::nullopt;
    };
    const auto& p = v.status.current;
    text(v.credential.number);
    text(v.credential.program);
    text(holder(v.credential));
    text(v.credential.first_name);
    text(v.credential.last_name);
    text(v.credential.email);
    text(std::string(renewal::to_string(v.status.status)));
    when(p.cycle.expires_on);
    number(static_cast<double>(v.status.days_until_expiry), nullptr);
    number(p.defined ? std::optional(hundredths(p.hours_required.hundredths())) : std::nullopt,
           hours);
    number(p.defined ? std::optional(hundredths(p.hours_completed.hundredths())) : std::nullopt,
           hours);
    number(p.defined ? std::optional(hundredths(p.hours_needed.hundredths())) : std::nullopt,
           hours);
    text(needed_words(p));
    number(fee(v.status.renewal_fee), money);
    when(v.status.late_until);
    number(fee(v.status.late_fee), money);
    number(fee(renewal::fee_due(v.status)), money);
  }
  if (open.close() != LXW_NO_ERROR) {
    throw std::runtime_error("The spreadsheet could not be written.");
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    throw std::runtime_error("The spreadsheet could not be read back.");
  }
  return bytes;
}

} // namespace peercert::report
