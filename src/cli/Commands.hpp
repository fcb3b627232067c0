#pragma once

#include "cli/App.hpp"
#include "cli/Context.hpp"

#include <CLI/CLI.hpp>

namespace peercert::cli {

// The tracker's commands, one file each (CLI11's subcom_in_files layout).

/// `peercert applicant add | update | show | list`
void setup_applicant(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert cohort create | list | show | apply | select | withdraw | notices | notify | attend`
void setup_cohort(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert exam record | list`
void setup_exam(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert application submit | approve | show | list`
void setup_application(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert credential show | list | import`
void setup_credential(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert ceu log | import | list`
void setup_ceu(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert renewal status | file` and `peercert report reminders`
void setup_renewal(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert audit-ce select | list | show | advance`
void setup_audit_ce(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert notify reminders`
void setup_notify(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert serve [--listen HOST:PORT]`
void setup_serve(CLI::App& app, const GlobalOptions& global, Action& action, const Serve& serve);
/// `peercert user add | password | list`
void setup_board(CLI::App& app, const GlobalOptions& global, Action& action);
void setup_user(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert settings show | set KEY VALUE`
void setup_settings(CLI::App& app, const GlobalOptions& global, Action& action);
/// `peercert audit`, `peercert backup FILE` and `peercert db rebuild-totals`
void setup_audit(CLI::App& app, const GlobalOptions& global, Action& action);

} // namespace peercert::cli
