#pragma once
// The reminder report as an Excel workbook (Office Open XML), written by Debian's
// libxlsxwriter: the CSV's columns, with dates as dates and hours and fees as numbers.
#include "report/RenewalReport.hpp"

#include <string>
#include <vector>

namespace peercert::report {

/// The workbook's bytes: one sheet "Reminders", a header row, one row per credential in
/// `rows`' order. Throws std::runtime_error when the workbook cannot be written (a full disk).
std::string reminders_xlsx(const std::vector<StatusView>& rows);

} // namespace peercert::report
