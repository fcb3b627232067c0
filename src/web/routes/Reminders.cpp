#include "web/routes/Reminders.hpp"
#include "report/ReminderReport.hpp"
#include "report/ReminderXlsx.hpp"
#include "rules/ProgramId.hpp"

#include "core/Text.hpp"
#include "store/Database.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <sstream>

namespace peercert::web::routes {

namespace {

/// The reminder page's filters from its query string; refused with a sentence naming the
/// field as the page labels it.
ReminderFilter reminder_filter(const httplib::Request& req, const rules::ProgramCatalog& programs) {
  ReminderFilter f;
  const auto whole = [&](const std::string& name, long long low, long long high,
                         const std::string& label) -> std::optional<long long> {
    const std::string text = req.has_param(name) ? req.get_param_value(name) : std::string{};
    if (text.empty()) {
      return std::nullopt;
    }
    const auto n = core::parse_number<long long>(text);
    if (!n || *n < low || *n > high) {
      throw core::InputError(label + " must be a whole number from " + std::to_string(low) +
                                 " to " + std::to_string(high) + ".",
                             name);
    }
    return n;
  };
  if (const auto within = whole("within", 0, 3650, "Days ahead")) {
    f.within = static_cast<int>(*within);
  }
  f.page = static_cast<std::size_t>(whole("page", 1, 1'000'000, "Page").value_or(1));
  // Program ids are upper-case in every rule file: "pa-cps" is PA-CPS.
  f.program =
      rules::program_id(req.has_param("program") ? req.get_param_value("program") : std::string{});
  if (!f.program.empty() && !programs.has(f.program)) {
    f.program.clear();
    throw core::InputError("Program must be one of the programs of the rules directory.");
  }
  for (std::size_t i = 0; i < req.get_param_value_count("status"); ++i) {
    const auto status = renewal::status_from_name(req.get_param_value("status", i));
    if (!status) {
      throw core::InputError("Status must be one of the statuses listed.");
    }
    f.statuses.push_back(*status);
  }
  if (req.has_param("sort") && !req.get_param_value("sort").empty()) {
    f.sort = req.get_param_value("sort");
    const auto& keys = report::reminder_sort_keys();
    if (std::find(keys.begin(), keys.end(), f.sort) == keys.end()) {
      throw core::InputError("Order must be one of the orders listed.");
    }
  }
  return f;
}

/// Sends a download in expiry order as its rows are judged, never held whole, written by
/// `stream`. A failure half-way ends the response without its last chunk, so the browser
/// reports the download as failed instead of saving part of it as if whole.
void stream_download(httplib::Response& res, const std::string& type,
                     std::shared_ptr<const app::Lifecycle> lifecycle, core::Date date,
                     app::ReminderQuery query, report::ReminderStream stream) {
  struct Gone {}; // the client went away: stop judging
  res.set_chunked_content_provider(type, [=](std::size_t, httplib::DataSink& sink) {
    std::string out = stream.head;
    bool any = false;
    const auto send = [&] {
      if (!sink.write(out.data(), out.size())) {
        throw Gone{};
      }
      out.clear();
    };
    try {
      lifecycle->reminders(date, query, [&](report::StatusView&& v) {
        stream.row(out, v, !any);
        any = true;
        if (out.size() >= 64 * 1024) {
          send();
        }
      });
      stream.tail(out, any);
      send();
    } catch (const Gone&) {
      return false;
    } catch (const std::exception& e) {
      // Error texts name fields, never values, so they may be logged.
      spdlog::error("reminders download: {}", e.what());
      return false;
    }
    sink.done();
    return true;
  });
}

} // namespace

void reminders(const StaffRequest& r, httplib::Response& res,
               std::shared_ptr<const app::Lifecycle> lifecycle,
               const rules::ProgramCatalog& programs, const std::function<std::string()>& clock,
               const store::Location& database) {
  const auto date = r.today;
  ReminderFilter filter;
  try {
    filter = reminder_filter(r.http, programs);
  } catch (const core::InputError& e) {
    send_html(res, 400,
              page("Renewal reminders",
                   reminders_body(RemindersShown{0, 1, {}, report::ExpiryChart(date).svg(), {}},
                                  date, ReminderFilter{}, programs.ids(), said(e)),
                   &r.session));
    return;
  }
  const std::string kind = r.http.matches[1];
  if (kind.empty()) {
    // The page, sent as it is made: over a national registry the reminders take seconds to
    // count, so the page's top (the menu, the heading) goes out at once and the table follows.
    // The database was opened first, so that one that cannot be is a 503 page.
    res.status = 200;
    res.set_chunked_content_provider(
        "text/html; charset=utf-8",
        [lifecycle, &programs, database, session = r.session, date, filter,
         started = false](std::size_t, httplib::DataSink& sink) mutable {
          if (!started) {
            started = true;
            const auto top = page_start("Renewal reminders", &session);
            return sink.write(top.data(), top.size());
          }
          std::string rest;
          try {
            // One page of rows is kept; the summary and chart count the rest as they are judged.
            const app::ReminderQuery query{filter.within, filter.statuses, filter.program};
            report::ReminderPage paged(filter.sort, filter.page, reminder_page_size);
            RemindersShown shown;
            lifecycle->reminders(date, query, [&](report::StatusView&& v) {
              shown.summary.add(v);
              paged.add(std::move(v));
            });
            // The chart counts the next 12 months under the same programs and statuses, whatever
            // window the table uses.
            report::ExpiryChart chart(date);
            lifecycle->reminders(date, app::chart_query(date, query),
                                 [&chart](report::StatusView&& v) { chart.add(v); });
            shown.total = paged.total();
            shown.page = paged.page();
            shown.rows = paged.take_rows();
            shown.chart = chart.svg();
            rest = reminders_body(shown, date, filter, programs.ids(), {});
          } catch (const std::exception& e) {
            const auto failure = store::environment_error(e, database);
            // Error texts name fields, never values, so they may be logged.
            spdlog::error("reminders: {}", failure ? failure->what() : e.what());
            rest = error_body("Not available",
                              failure ? failure->what()
                                      : std::string("The reminders could not be counted."));
          }
          rest += page_end();
          const bool ok = sink.write(rest.data(), rest.size());
          sink.done();
          return ok;
        });
    return;
  }
  const app::ReminderQuery query{filter.within, filter.statuses, filter.program};
  const std::string base = "peercert-reminders-" + core::format_iso(date);
  const auto attachment = [&](const std::string& name) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  };
  const bool csv = kind == ".csv" || kind == ".excel.csv";
  // For Excel: a UTF-8 byte order mark first, or it reads the names as Windows-1252.
  const std::string bom = kind == ".excel.csv" ? "\xEF\xBB\xBF" : "";
  const std::string format = csv ? "csv" : kind.empty() ? "" : kind.substr(1);
  if (auto stream = filter.sort == "expires"
                        ? report::reminder_stream(format, !bom.empty(),
                                                  format == "ics" ? clock() : std::string{})
                        : std::nullopt) {
    // In expiry order, the order the rows are judged in: sent as they come.
    if (format != "json") {
      attachment(base + (bom.empty() ? "" : "-excel") + "." + format);
    }
    stream_download(res,
                    format == "csv"   ? "text/csv; charset=utf-8"
                    : format == "ics" ? "text/calendar; charset=utf-8"
                                      : "application/json",
                    lifecycle, date, query, std::move(*stream));
    return;
  }
  // Another order needs every row before the first; the workbook and the printable page are
  // made whole.
  auto rows = lifecycle->reminders(date, query);
  report::sort_reminders(rows, filter.sort);
  if (csv) {
    attachment(base + (bom.empty() ? "" : "-excel") + ".csv");
    res.set_content(bom + report::reminders_csv(rows), "text/csv; charset=utf-8");
  } else if (kind == ".xlsx") {
    attachment(base + ".xlsx");
    res.set_content(report::reminders_xlsx(rows),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else if (kind == ".ics") {
    attachment(base + ".ics");
    res.set_content(report::reminders_ics(rows, clock()), "text/calendar; charset=utf-8");
  } else if (kind == ".html") {
    attachment(base + ".html");
    const auto chart = lifecycle->reminders(date, app::chart_query(date, query));
    res.set_content(report::reminders_html(rows, chart, date, filter.within.value_or(-1)),
                    "text/html; charset=utf-8");
  } else {
    std::ostringstream json;
    report::write_reminders_json(json, rows);
    res.set_content(json.str(), "application/json");
  }
}

} // namespace peercert::web::routes
