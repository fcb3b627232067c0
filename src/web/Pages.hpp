#pragma once

#include "renewal/Renewal.hpp"
#include "report/CheckReport.hpp"
#include "report/ReminderReport.hpp"
#include "report/RenewalReport.hpp"
#include "report/TrackerReport.hpp"
#include "rules/Compare.hpp"
#include "rules/Program.hpp"
#include "web/Form.hpp"
#include "web/Sessions.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace peercert::web {

// The HTML of every page. Everything printed that came from a person or a file goes through
// report::html_escape. Pages carry no script and load nothing from elsewhere.

/// A whole page around `body`. With a session, the staff menu and a logout button.
std::string page(const std::string& title, const std::string& body, const Session* staff = nullptr);
/// What every staff page says, and every form answers, once the database failed its
/// integrity check.
inline constexpr const char* damaged_database_words =
    "The database failed its integrity check, so nothing can be saved: whoever runs peercert "
    "must restore it from a backup (README, \"Installing on a server\", going back to a "
    "backup). Pages still show what it holds, which may be wrong.";

/// page()'s parts before and after the body, for a page sent as it is made: its top goes out
/// at once, the body when it is ready.
std::string page_start(const std::string& title, const Session* staff = nullptr);
std::string page_end();

std::string home_body(const std::vector<const rules::Program*>& programs);

/// The self-check form of a program: one question per fact its criteria use, with the
/// answers given so far and, per field, what was wrong with it.
std::string check_form_body(const rules::Program& program, const Form& values,
                            const std::map<std::string, std::string>& errors);
/// The answer: the verdict, a button that brings the form back with `answers` filled in, what
/// stands in the way (criteria not met or not known), then what is met, the ways in, the
/// next steps and the dates to know.
std::string check_answer_body(const report::CheckAnswer& answer, const Form& answers);
/// The "compare programs" form: each of `asked` once, for every program.
std::string compare_form_body(const std::vector<rules::FactId>& asked, const Form& values,
                              const std::map<std::string, std::string>& errors);
/// A line per program: eligible, eligible on a day, or what stands first in the way.
std::string compare_answer_body(const std::vector<rules::ProgramAssessment>& answers,
                                core::Date as_of);

std::string login_body(const std::string& csrf, const std::string& next, const std::string& error);
std::string staff_home_body();
std::string error_body(const std::string& heading, const std::string& message);

/// The login's second step: the code of the user's authenticator app, or a recovery code.
std::string code_body(const std::string& csrf, const std::string& error);
/// Setting up a second factor: the secret as text and as a QR code, and its first code, sent
/// to `action` (the login's enrolment, or a logged-in user's own).
std::string enrol_body(const std::string& csrf, const std::string& secret, const std::string& uri,
                       const std::string& error, const std::string& action = "/login/enrol");
/// The ten recovery codes, shown once, and the way on to `next`.
std::string recovery_codes_body(const std::vector<std::string>& codes, const std::string& next);

/// One credential, each of its cycles with hours done against required, its entries, and
/// the form to log one more.
std::string credential_body(const report::StatusView& view,
                            const std::vector<report::CycleRow>& cycles,
                            const std::vector<report::CeLine>& lines, const Session& staff,
                            const std::string& notice, const Form& entry, const std::string& error);
std::string credential_search_body(const std::string& number, const std::string& error);
/// Several credentials matched what staff typed: each with a link to its page.
std::string credential_matches_body(const std::string& query,
                                    const std::vector<tracker::Credential>& matches);
/// The public verification form, with what it found (when asked) or why it cannot look.
std::string verify_body(const Form& query, const std::vector<report::PublicCredential>* found,
                        const std::string& error);

/// Staff pages of applicants: the list, a new one, and one applicant's eligibility in every
/// program with a form that changes any detail or fact.
/// The applicants (all, or those matching `query`), with the search box.
std::string applicants_body(const std::vector<tracker::Applicant>& applicants,
                            const std::string& query, const std::string& error);
std::string new_applicant_body(const Session& staff, const Form& values,
                               const std::map<std::string, std::string>& errors,
                               const std::string& problem);
std::string applicant_body(const report::ApplicantFile& file, const Session& staff,
                           const Form& values, const std::map<std::string, std::string>& errors,
                           const std::string& notice, const std::string& problem);
/// An applicant's stored details as the form's values.
Form applicant_form_values(const tracker::Applicant& a);

std::string import_body(const Session& staff, const std::string& result,
                        const std::vector<std::string>& problems);

/// The holder import form as staff last filled it, and what that import did.
struct HolderImportForm {
  std::vector<std::string> result;   ///< the summary's lines
  std::string warning;               ///< holders imported without expires_on
  std::vector<std::string> problems; ///< why nothing was imported
  std::string map;
  std::string date_format = "YYYY-MM-DD";
  bool dry_run = false;
};
/// /staff/credentials/import: credential holders from a board's own spreadsheet.
std::string holders_import_body(const Session& staff, const HolderImportForm& form);
/// The staff reminder page's filters and page, as its query string gave them: the same as
/// `report reminders`'s --within, --program, --status and --sort.
struct ReminderFilter {
  std::optional<int> within;
  std::string program;
  std::vector<renewal::Status> statuses;
  std::string sort = "expires";
  std::size_t page = 1; ///< of reminder_page_size rows
};
inline constexpr std::size_t reminder_page_size = 100;
/// The filter as a query string ("?within=30&status=expired"), without the page.
std::string reminder_query(const ReminderFilter& filter);
/// What the staff reminder page shows of the credentials its filter covers: how many, their
/// summary, the 12-month chart beside them (the credentials of the filter's programs and
/// statuses expiring in the next 12 months, whatever its window) and the rows of one page.
struct RemindersShown {
  std::size_t total = 0;
  std::size_t page = 1; ///< the page shown: a page past the last shows the last
  report::ReminderSummary summary{};
  std::string chart{}; ///< report::ExpiryChart::svg()
  std::vector<report::StatusView> rows{};
};
/// The page: its form, downloads, summary, chart and one page of rows. `problem`: a filter that
/// was refused, said above the form.
std::string reminders_body(const RemindersShown& shown, core::Date as_of,
                           const ReminderFilter& filter, const std::vector<std::string>& programs,
                           const std::string& problem);

} // namespace peercert::web
