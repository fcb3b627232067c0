#include "mail/Mailer.hpp"

#include "core/Error.hpp"

#include <curl/curl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <mutex>

namespace peercert::mail {

namespace {

using core::EnvironmentError;
using core::InputError;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

/// What went wrong, for a person: never the addresses or the message.
std::string reason(CURLcode code, long smtp_status) {
  const auto is = [code](std::initializer_list<CURLcode> codes) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  if (is({CURLE_COULDNT_RESOLVE_HOST})) {
    return "its host name is not known";
  }
  if (is({CURLE_COULDNT_CONNECT})) {
    return "it cannot be reached";
  }
  if (is({CURLE_OPERATION_TIMEDOUT})) {
    return "it did not answer in time";
  }
  if (is({CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE})) {
    return "the connection dropped in the middle";
  }
  if (is({CURLE_LOGIN_DENIED})) {
    return "it refused the login";
  }
  if (is({CURLE_USE_SSL_FAILED})) {
    return "it does not offer the encryption (STARTTLS) a login needs";
  }
  if (is({CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION})) {
    return "its encryption could not be set up or its certificate is not trusted";
  }
  if (smtp_status >= 400) {
    return "it refused the message (SMTP " + std::to_string(smtp_status) + ")";
  }
  return std::string("it failed: ") + curl_easy_strerror(code);
}

class SmtpMailer final : public Mailer {
public:
  explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
    if (curl_ == nullptr) {
      throw EnvironmentError("The mail library cannot start.");
    }
  }
  ~SmtpMailer() override { curl_easy_cleanup(curl_); }
  SmtpMailer(const SmtpMailer&) = delete;
  SmtpMailer& operator=(const SmtpMailer&) = delete;

  void send(const std::string& from, const std::string& to, const std::string& message,
            const std::string& name) override {
    struct Reading {
      const std::string* text;
      std::size_t at = 0;
    } reading{&message};
    const auto read = +[](char* buffer, std::size_t size, std::size_t n, void* user) {
      auto* r = static_cast<Reading*>(user);
      const std::size_t room = size * n;
      const std::size_t left = r->text->size() - r->at;
      const std::size_t take = left < room ? left : room;
      std::memcpy(buffer, r->text->data() + r->at, take);
      r->at += take;
      return take;
    };
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    const std::string sender = "<" + from + ">";
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl_, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(curl_, CURLOPT_MAIL_FROM, sender.c_str());
    curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl_, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl_, CURLOPT_READFUNCTION, read);
    curl_easy_setopt(curl_, CURLOPT_READDATA, &reading);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(settings_.connect_timeout.count()));
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
    const bool login = !settings_.user.empty();
    curl_easy_setopt(curl_, CURLOPT_USE_SSL,
                     static_cast<long>(login ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (login) {
      curl_easy_setopt(curl_, CURLOPT_USERNAME, settings_.user.c_str());
      curl_easy_setopt(curl_, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const CURLcode code = curl_easy_perform(curl_);
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(recipients);
    curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, nullptr);
    if (code != CURLE_OK) {
      throw EnvironmentError("The mail server did not take the reminder " + name + ": " +
                             reason(code, status) + ".");
    }
  }

private:
  SmtpSettings settings_;
  CURL* curl_ = nullptr;
};

class FolderMailer final : public Mailer {
public:
  explicit FolderMailer(std::filesystem::path folder) : folder_(std::move(folder)) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec) {
      throw InputError("The folder " + folder_.string() + " cannot be made: " + ec.message() + ".",
                       "outbox");
    }
  }
  void send(const std::string&, const std::string&, const std::string& message,
            const std::string& name) override {
    const auto path = folder_ / (name + ".eml");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << message;
    out.close();
    if (!out) {
      throw EnvironmentError("The message " + path.string() + " cannot be written.");
    }
  }

private:
  std::filesystem::path folder_;
};

} // namespace

SmtpSettings smtp_settings(const std::string& url, const std::filesystem::path& credentials_file) {
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    throw InputError("--smtp must be the mail server's address as smtp://HOST:PORT or "
                     "smtps://HOST:PORT.",
                     "smtp");
  }
  SmtpSettings s;
  s.url = url;
  if (!credentials_file.empty()) {
    struct stat info {};
    if (::stat(credentials_file.c_str(), &info) != 0) {
      throw InputError("--smtp-credentials: the file " + credentials_file.string() +
                           " cannot be read.",
                       "smtp-credentials");
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      throw InputError("--smtp-credentials: the file " + credentials_file.string() +
                           " can be read by others; make it private with chmod 600.",
                       "smtp-credentials");
    }
    std::ifstream in(credentials_file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw InputError("--smtp-credentials: the file's first line must be USER:PASSWORD.",
                       "smtp-credentials");
    }
    s.user = line.substr(0, colon);
    s.password = line.substr(colon + 1);
  } else {
    s.user = env("PEERCERT_SMTP_USER");
    s.password = env("PEERCERT_SMTP_PASSWORD");
  }
  // Tests shorten the waits with PEERCERT_SMTP_TIMEOUT (seconds).
  if (const std::string t = env("PEERCERT_SMTP_TIMEOUT"); !t.empty()) {
    const int seconds = std::atoi(t.c_str());
    if (seconds > 0) {
      s.connect_timeout = std::chrono::seconds(seconds);
      s.timeout = std::chrono::seconds(seconds);
    }
  }
  return s;
}

std::unique_ptr<Mailer> smtp_mailer(const SmtpSettings& settings) {
  return std::make_unique<SmtpMailer>(settings);
}

std::unique_ptr<Mailer> folder_mailer(const std::filesystem::path& folder) {
  return std::make_unique<FolderMailer>(folder);
}

} // namespace peercert::mail
