#pragma once

// Sending email: an SMTP server through libcurl, or a folder for a dry run. Knows nothing of
// credentials or reminders; it sends what it is given.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace peercert::mail {

/// Something that sends a whole RFC 5322 message from one address to one other. Throws
/// core::EnvironmentError, with the reason and never the addresses, when it cannot.
class Mailer {
public:
  virtual ~Mailer() = default;
  /// `name` says in file names and messages which message this is ("MO-CPS-000101-30").
  virtual void send(const std::string& from, const std::string& to, const std::string& message,
                    const std::string& name) = 0;
};

/// The board's SMTP server.
struct SmtpSettings {
  std::string url;      ///< smtp://host:port (STARTTLS where offered) or smtps://host:port
  std::string user;     ///< empty: no login
  std::string password; ///< with a user; then STARTTLS is required on smtp://
  std::chrono::seconds connect_timeout{15};
  std::chrono::seconds timeout{60}; ///< for one whole message
};

/// The SMTP settings of `url` with the login from PEERCERT_SMTP_USER and PEERCERT_SMTP_PASSWORD,
/// or from `credentials_file` (its first line "user:password"; it must be readable by its owner
/// alone). An URL that is not smtp:// or smtps:// is an input error naming --smtp.
SmtpSettings smtp_settings(const std::string& url, const std::filesystem::path& credentials_file);

std::unique_ptr<Mailer> smtp_mailer(const SmtpSettings& settings);

/// Writes each message to `folder` as NAME.eml instead of sending it (creating the folder).
std::unique_ptr<Mailer> folder_mailer(const std::filesystem::path& folder);

} // namespace peercert::mail
